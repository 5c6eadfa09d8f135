// Generic header detection for messy sheets: finds the header row (or a two-row
// header: merged group titles over sub-headers) among the first rows and maps
// fields to columns by alias. Reused by the roster reader and later by ledger readers.
import { type Cell, cellText, isCellError, normalizeText } from './cells.js';
import { isNumberLike } from './numbers.js';

const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|〈[^〈〉]*〉|《[^《》]*》|<[^<>]*>|\{[^{}]*\}/g;
const BRACKET_CHAR = /[()[\]【】〔〕〈〉《》<>{}]/;

/** Comparison key of a header text: normalised, no spaces or line breaks, no * markers or trailing colon, lower case. */
export function headerKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, '').replace(/[*※]/g, '').replace(/:$/, '').toLowerCase();
}

/**
 * Whether a cell's text says it is a subtotal or total row: `words` tested on its
 * header key. Every such word has 计 or a t, so most names are ruled out without
 * normalising them (the check ran on every row and was among the costliest).
 */
export function saysTotal(text: string, words: RegExp): boolean {
  return /计|[tTｔＴ]/.test(text) && words.test(headerKey(text));
}

/** A header key without bracketed parts such as (人), (元), 【必填】. */
function stripBrackets(key: string): string {
  let out = key;
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(BRACKETED, '');
  }
  return out;
}

// ---------------------------------------------------------------------------
// Alias matching

interface CompiledAlias {
  key: string;
  bracketed: boolean;
  order: number;
}
type CompiledAliases<F extends string> = { field: F; aliases: CompiledAlias[] }[];

function compile<F extends string>(aliases: Record<F, readonly string[]>): CompiledAliases<F> {
  return (Object.keys(aliases) as F[]).map((field) => ({
    field,
    aliases: aliases[field].map((a, order) => {
      const key = headerKey(a);
      return { key, bracketed: BRACKET_CHAR.test(key), order };
    }),
  }));
}

interface TextForm {
  display: string;
  key: string;
  /** null: only bracketed aliases may match (the synthetic "group(sub)" form). */
  stripped: string | null;
  source: 'upper' | 'lower' | 'both';
}

function form(text: string, source: TextForm['source'], bracketOnly = false, display = text): TextForm {
  const key = headerKey(text);
  return { display, key, stripped: bracketOnly ? null : stripBrackets(key), source };
}

// Score: exact beats substring, then the longer alias, then the alias listed first.
const TIER = 1_000_000;

function scoreForm(f: TextForm, aliases: CompiledAlias[]): number {
  let best = 0;
  for (const a of aliases) {
    if (f.stripped === null && !a.bracketed) continue;
    const stripped = a.bracketed ? null : f.stripped;
    let tier = 0;
    if (f.key === a.key || stripped === a.key) tier = 2;
    else if (a.key.length >= 2 && (f.key.includes(a.key) || (stripped !== null && stripped.includes(a.key)))) tier = 1;
    if (tier > 0) best = Math.max(best, tier * TIER + a.key.length * 1000 + (999 - Math.min(a.order, 999)));
  }
  return best;
}

/** A matcher telling how well one header text names a field: 2 exact alias, 1 alias inside the text, 0 no match. */
/**
 * How many cells of a data row read like the header found earlier (the same header
 * text in the same column, or an exact alias of the field that column holds): two or
 * more make the row a header repeated mid-sheet.
 */
export function headerLikeCells<F extends string>(
  cells: readonly Cell[],
  columns: Partial<Record<F, number>>,
  headerKeys: readonly string[][],
  exactAlias: Record<F, (text: string) => 0 | 1 | 2>,
): number {
  const fieldAt = new Map<number, F>();
  for (const f of Object.keys(columns) as F[]) if (columns[f] !== undefined) fieldAt.set(columns[f], f);
  let hits = 0;
  cells.forEach((cell, c) => {
    const t = cellText(cell);
    if (!t) return;
    const k = headerKey(t);
    const f = fieldAt.get(c);
    if (headerKeys.some((keys) => keys[c] === k) || (f !== undefined && exactAlias[f](t) === 2)) hits++;
  });
  return hits;
}

export function aliasMatcher(aliases: readonly string[]): (text: string) => 0 | 1 | 2 {
  const compiled = compile({ f: aliases }).at(0)?.aliases ?? [];
  return (text) => Math.floor(scoreForm(form(text, 'lower'), compiled) / TIER) as 0 | 1 | 2;
}

// ---------------------------------------------------------------------------
// Evaluating a candidate header block (one row, or an upper row over a lower row)

interface Match {
  col: number;
  /** The header text the field was matched on ("党员人数/上年" for a group title over a sub-header). */
  text: string;
  score: number;
  source: TextForm['source'];
}

export interface HeaderBlock<F extends string> {
  /** Index of the first header row: bottom - 1 for a two-row header, else bottom. */
  top: number;
  /** Index of the last header row; data starts on the next row. */
  bottom: number;
  matches: Partial<Record<F, Match>>;
  fields: number;
  exact: number;
}

/** A header cell's text as written (full-width brackets kept), whitespace collapsed; '' when blank. */
export function headerText(cell: Cell): string {
  if (isCellError(cell)) return ''; // #N/A in the header area names no column
  if (typeof cell !== 'string') return cellText(cell);
  return normalizeText(cell) === '' ? '' : cell.replace(/\s+/g, ' ').trim();
}

const textAt = (row: readonly Cell[] | undefined, c: number): string => headerText(row?.[c]);
const keyAt = (row: readonly Cell[] | undefined, c: number): string => headerKey(textAt(row, c));

/** A merged cell read by a host that repeats its value repeats the text of its left neighbour. */
function isSpanStart(row: readonly Cell[], c: number): boolean {
  const k = keyAt(row, c);
  return k !== '' && (c === 0 || keyAt(row, c - 1) !== k);
}

/** Width of the merged group cell over column c: same text repeated, or empty cells to its right. */
function spanWidth(row: readonly Cell[], c: number, n: number): number {
  const k = keyAt(row, c);
  let start = c;
  while (start > 0 && keyAt(row, start - 1) === k) start--;
  let end = c;
  while (end + 1 < n && (keyAt(row, end + 1) === '' || keyAt(row, end + 1) === k)) end++;
  return end - start + 1;
}

function singleForms(row: readonly Cell[]): TextForm[][] {
  return Array.from({ length: row.length }, (_, c) => (isSpanStart(row, c) ? [form(textAt(row, c), 'lower')] : []));
}

function pairForms(upper: readonly Cell[], lower: readonly Cell[]): TextForm[][] {
  const n = Math.max(upper.length, lower.length);
  const out: TextForm[][] = [];
  let group = ''; // the nearest group title to the left, for cells under a merged group
  for (let c = 0; c < n; c++) {
    const up = textAt(upper, c);
    const low = textAt(lower, c);
    if (up) group = up;
    if (!low) {
      // Vertically merged header: its text sits in the upper row only.
      out.push(up && isSpanStart(upper, c) ? [form(up, 'upper')] : []);
    } else if (up && headerKey(up) === headerKey(low)) {
      out.push([form(low, 'both')]); // a host that repeats merged values
    } else if (group) {
      const shown = `${group}/${low}`;
      out.push([
        form(low, 'lower'),
        form(`${group}${low}`, 'both', false, shown),
        form(`${low}${group}`, 'both', false, shown),
        form(`${group}(${low})`, 'both', true, shown),
      ]);
    } else {
      out.push([form(low, 'lower')]);
    }
  }
  return out;
}

function assign<F extends string>(forms: TextForm[][], compiled: CompiledAliases<F>, top: number, bottom: number): HeaderBlock<F> {
  const candidates: (Match & { field: F })[] = [];
  forms.forEach((colForms, col) => {
    for (const { field, aliases } of compiled) {
      let best: Match | null = null;
      for (const f of colForms) {
        const score = scoreForm(f, aliases);
        if (score > 0 && (!best || score > best.score)) best = { col, text: f.display, score, source: f.source };
      }
      if (best) candidates.push({ ...best, field });
    }
  });
  // Greedy: best matches first, each column and each field used once, so an exact
  // "乡镇名称" keeps its column and a substring "名称" must find another.
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const matches: Partial<Record<F, Match>> = {};
  const usedCols = new Set<number>();
  let fields = 0;
  let exact = 0;
  for (const { field, ...m } of candidates) {
    if (matches[field] || usedCols.has(m.col)) continue;
    matches[field] = m;
    usedCols.add(m.col);
    fields++;
    if (m.score >= 2 * TIER) exact++;
  }
  return { top, bottom, matches, fields, exact };
}

/** A row that reads like sub-headers under merged group titles: text only, each under a group or an empty cell. */
function looksLikeSubHeader(upper: readonly Cell[], lower: readonly Cell[]): boolean {
  const n = Math.max(upper.length, lower.length);
  let any = false;
  for (let c = 0; c < n; c++) {
    const low = keyAt(lower, c);
    if (!low) continue;
    any = true;
    if (isNumberLike(lower[c])) return false;
    const up = keyAt(upper, c);
    if (up === '' || up === low || spanWidth(upper, c, n) >= 2) continue;
    return false;
  }
  return any;
}

export interface HeaderRules<F extends string> {
  aliases: Record<F, readonly string[]>;
  required: readonly F[];
  /** Fewest fields a header must name (at least 1). */
  minFields?: number;
}

export class HeaderMatcher<F extends string> {
  private readonly compiled: CompiledAliases<F>;
  private readonly required: readonly F[];
  private readonly minFields: number;

  constructor(rules: HeaderRules<F>) {
    this.compiled = compile(rules.aliases);
    this.required = rules.required;
    this.minFields = Math.max(1, rules.minFields ?? 1);
  }

  isValid(b: HeaderBlock<F> | null): b is HeaderBlock<F> {
    return !!b && b.fields >= this.minFields && this.required.every((f) => b.matches[f] !== undefined);
  }

  single(row: readonly Cell[], index: number): HeaderBlock<F> {
    return assign(singleForms(row), this.compiled, index, index);
  }

  /** The upper row over the lower one, or null when the pair adds nothing over the lower row alone (e.g. a title row). */
  pair(upper: readonly Cell[], lower: readonly Cell[], upperIndex: number): HeaderBlock<F> | null {
    // A title line (one cell of text, e.g. "东城街道2024年…测算表") is not the top of a
    // two-row header, even when a word in it looks like a column name.
    if (upper.filter((c) => headerText(c) !== '').length < 2) return null;
    const b = assign(pairForms(upper, lower), this.compiled, upperIndex, upperIndex + 1);
    const used = Object.values(b.matches) as Match[];
    const usesUpper = used.some((m) => m.source !== 'lower');
    const usesLower = used.some((m) => m.source !== 'upper');
    return usesUpper && usesLower ? b : null;
  }

  /**
   * The header starting at row `top`: the row alone, or the row with the next one as
   * sub-headers — whichever names more fields; on a tie the pair wins when the next row
   * reads like sub-headers or matches as exactly, so "上年/本年" under "党员人数" is not data.
   */
  blockAt(row: readonly Cell[], next: readonly Cell[] | undefined, top: number): HeaderBlock<F> | null {
    const s = this.single(row, top);
    const p = next ? this.pair(row, next, top) : null;
    const sValid = this.isValid(s);
    if (p && this.isValid(p)) {
      if (!sValid || p.fields > s.fields) return p;
      if (p.fields === s.fields && (p.exact >= s.exact || looksLikeSubHeader(row, next ?? []))) return p;
    }
    return sValid ? s : null;
  }

  /** The header ending at a given row (a user-chosen header row): that row alone or under the row above. */
  blockEndingAt(above: readonly Cell[] | undefined, row: readonly Cell[], bottom: number): HeaderBlock<F> {
    const s = this.single(row, bottom);
    const p = above ? this.pair(above, row, bottom - 1) : null;
    return p && p.fields >= s.fields ? p : s;
  }
}

/**
 * Incremental header search for streamed rows: push rows one by one; the header is the
 * first block (row, or row + sub-header row) within the first `maxRows` rows that names
 * every required field. A block is decided once the row after it has been seen.
 * push() returns the decision (fixed once made), undefined while undecided, null when no
 * header was found within maxRows.
 *
 * Header texts are compared after normalising (full-width, spaces, case) with and without
 * bracketed parts such as （人）; an exact alias beats one found inside a longer text, the
 * longer alias wins a column, and each column serves one field. Two-row headers (a merged
 * group title such as 党员人数 over 上年/本年, or merged cells spanning both rows) are read
 * as one.
 */
export class HeaderScanner<F extends string> {
  readonly rows: Cell[][] = [];
  private decision: HeaderBlock<F> | null | undefined = undefined;
  private readonly matcher: HeaderMatcher<F>;
  private best: HeaderBlock<F> | null = null;

  constructor(
    rules: HeaderRules<F>,
    private readonly maxRows = 20,
  ) {
    this.matcher = new HeaderMatcher(rules);
  }

  get result(): HeaderBlock<F> | null | undefined {
    return this.decision;
  }

  /**
   * When no header was found: the row that came closest (names the most fields,
   * the first such row), so a message can say which columns it lacks; null when
   * no row named any field.
   */
  get nearest(): HeaderBlock<F> | null {
    return this.best;
  }

  private consider(row: readonly Cell[], index: number): void {
    const b = this.matcher.single(row, index);
    if (b.fields > 0 && (!this.best || b.fields > this.best.fields)) this.best = b;
  }

  push(row: readonly Cell[]): HeaderBlock<F> | null | undefined {
    if (this.decision !== undefined) return this.decision;
    this.rows.push([...row]);
    const k = this.rows.length - 1;
    if (k >= 1 && k - 1 < this.maxRows) {
      const cur = this.rows[k - 1] ?? [];
      const next = k < this.maxRows ? this.rows[k] : undefined;
      const b = this.matcher.blockAt(cur, next, k - 1);
      if (b) this.decision = b;
      else this.consider(cur, k - 1);
    }
    if (this.decision === undefined && k >= this.maxRows) this.decision = null;
    return this.decision;
  }

  /** No more rows: the last row may still be a header with nothing after it. */
  finish(): HeaderBlock<F> | null {
    if (this.decision === undefined) {
      const k = this.rows.length - 1;
      const b = k >= 0 && k < this.maxRows ? this.matcher.blockAt(this.rows[k] ?? [], undefined, k) : null;
      if (!b && k >= 0 && k < this.maxRows) this.consider(this.rows[k] ?? [], k);
      this.decision = b;
    }
    return this.decision;
  }
}
