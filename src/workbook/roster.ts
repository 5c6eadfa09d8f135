// Reading roster (花名册) sheets row by row into engine units. Streams: the reader keeps
// only the first rows until it has found the header, then classifies each row as it
// arrives, so a 600,000-row provincial roll-up never sits in memory. How one row is
// classified is roster-row.ts; here are the header, the counts and the names seen.
import { type Cell, cellText, columnLetter } from './cells.js';
import { type NameRegistry, createNameRegistry } from './duplicates.js';
import { type HeaderBlock, HeaderMatcher, HeaderScanner, headerKey, headerText } from './headers.js';
import type { RowIssue } from './issues.js';
import { ContentSeen, type SheetKind, notReadWhy } from './not-read.js';
import { ROSTER_ALIASES, ROSTER_FIELDS, ROSTER_FIELD_LABELS, ROSTER_REQUIRED, type RosterField } from './roster-fields.js';
import { rosterIssue } from './roster-issues.js';
import { type RosterRowColumns, type RosterRowOutcome, classifyRosterRow, fieldPlace } from './roster-row.js';

// Re-exported so callers can take everything a roster read produces from this module.
export type { RosterField } from './roster-fields.js';
export type { RowIssue } from './issues.js';
export type { RosterRowOutcome, SkipReason } from './roster-row.js';

export interface RosterColumn {
  /** 0-based column index (0 = column A). */
  index: number;
  /** Excel column letter. */
  letter: string;
  /** Header text as found ("党员人数/上年" for a group title over a sub-header). */
  header: string;
}

export interface RosterHeader {
  /** Excel row number of the (last) header row; data starts below it. */
  row: number;
  /** Excel row number of the first header row (row - 1 for a two-row header). */
  topRow: number;
  columns: Partial<Record<RosterField, RosterColumn>>;
}

export interface RosterSheetSummary {
  sheet: string;
  header: RosterHeader | null;
  /** Rows pushed after the header row; always computed + rejected + skipped. */
  read: number;
  computed: number;
  rejected: number;
  skipped: number;
  /** Sheet-level issues (NO_HEADER); row issues are on the outcomes. */
  issues: RowIssue[];
  /** The text rows above the header ("2025年度村级组织运转经费测算表"), each row's cell texts once; [] without a header. */
  titles: string[];
}

export interface RosterReaderOptions {
  /** Field -> 0-based column, overriding what detection found; null removes a detected field. */
  mapping?: Partial<Record<RosterField, number | null>>;
  /** Excel row number of the (last) header row, instead of searching for it. */
  headerRow?: number;
  /** Share one registry between sheets to flag duplicate names across sheets too. */
  names?: NameRegistry;
  /** How many first rows to search for the header (default 20). */
  maxHeaderRows?: number;
  /** What the host says the sheet is: a chart sheet is never a roster. */
  kind?: SheetKind;
}

export interface RosterReader {
  /** Feeds one row (Excel 1-based row number; cells[0] is column A); returns the outcomes now decided. */
  push(rowNumber: number, cells: readonly Cell[]): RosterRowOutcome[];
  /** Ends the sheet; returns its counts and sheet-level issues. */
  finish(): RosterSheetSummary;
  /** The header once found; undefined while still searching; null when the sheet has none. */
  readonly header: RosterHeader | null | undefined;
  /** The title rows above the header once it is found (as in the summary). */
  readonly titles: string[];
}

interface ActiveHeader extends RosterRowColumns {
  header: RosterHeader;
}

function assertRowNumber(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`row number must be an Excel row number (integer >= 1): ${n}`);
}

/** Mapped fields that hold a column, and those the mapping explicitly removes. */
function mappingOf(options: RosterReaderOptions): { set: Partial<Record<RosterField, number>>; removed: Set<RosterField> } {
  const set: Partial<Record<RosterField, number>> = {};
  const removed = new Set<RosterField>();
  for (const field of ROSTER_FIELDS) {
    const v = options.mapping?.[field];
    if (v === null) removed.add(field);
    else if (v !== undefined) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`mapping for ${field} must be a 0-based column index: ${v}`);
      set[field] = v;
    }
  }
  return { set, removed };
}

class RosterSheetReader implements RosterReader {
  private active: ActiveHeader | null | undefined = undefined;
  private readonly scanner: HeaderScanner<RosterField> | null;
  private readonly scannedRowNumbers: number[] = [];
  /** With an explicit header row: the last two rows up to it. */
  private explicitRows: { row: number; cells: Cell[] }[] = [];
  private readonly mapping: ReturnType<typeof mappingOf>;
  private readonly names: NameRegistry;
  private readonly sheetIssues: RowIssue[] = [];
  private counts = { read: 0, computed: 0, rejected: 0, skipped: 0 };
  /** Township carried down from the row above: merged township cells arrive empty below their first row. */
  private lastTownship: string | null = null;
  private finished = false;
  /** No header: the NO_HEADER note is made at finish(), when it is known whether the sheet held anything. */
  private notRead: 'info' | 'error' | null = null;
  private readonly seen = new ContentSeen();
  /** Rows with text met while searching for the header: the titles are those above it. */
  private textRows: { row: number; text: string }[] = [];
  private titleTexts: string[] = [];

  constructor(
    private readonly sheet: string,
    private readonly options: RosterReaderOptions,
  ) {
    this.mapping = mappingOf(options);
    this.names = options.names ?? createNameRegistry();
    if (options.headerRow !== undefined) assertRowNumber(options.headerRow);
    const mapped = Object.keys(this.mapping.set).length;
    this.scanner =
      options.headerRow === undefined
        ? new HeaderScanner<RosterField>(
            {
              aliases: ROSTER_ALIASES,
              required: ROSTER_REQUIRED.filter((f) => this.mapping.set[f] === undefined),
              // When the mapping supplies every required column, still insist on a row that reads like a header.
              minFields: mapped > 0 && ROSTER_REQUIRED.every((f) => this.mapping.set[f] !== undefined) ? 2 : 1,
            },
            options.maxHeaderRows ?? 20,
          )
        : null;
  }

  get header(): RosterHeader | null | undefined {
    return this.active === undefined ? undefined : (this.active?.header ?? null);
  }

  get titles(): string[] {
    return this.titleTexts;
  }

  push(rowNumber: number, cells: readonly Cell[]): RosterRowOutcome[] {
    if (this.finished) throw new Error(`roster reader for sheet "${this.sheet}" is finished`);
    assertRowNumber(rowNumber);
    if (this.active) return [this.classify(rowNumber, cells)];
    this.seen.see(cells);
    if (this.active === null) return []; // no header: the sheet is left alone
    const text = rowText(cells);
    if (text) this.textRows.push({ row: rowNumber, text });

    const headerRow = this.options.headerRow;
    if (headerRow !== undefined) {
      if (rowNumber <= headerRow) {
        this.explicitRows = [...this.explicitRows, { row: rowNumber, cells: [...cells] }].slice(-2);
        return [];
      }
      this.resolveExplicit(headerRow);
      return this.active ? [this.classify(rowNumber, cells)] : [];
    }

    const scanner = this.scanner!;
    this.scannedRowNumbers.push(rowNumber);
    const block = scanner.push(cells);
    if (block === undefined) return [];
    this.resolveScanned(block);
    if (!this.active) return [];
    // Rows already buffered below the header (at most the one that settled it).
    const out: RosterRowOutcome[] = [];
    for (let i = block!.bottom + 1; i < scanner.rows.length; i++) {
      out.push(this.classify(this.scannedRowNumbers[i] ?? 0, scanner.rows[i] ?? []));
    }
    return out;
  }

  finish(): RosterSheetSummary {
    if (!this.finished) {
      if (this.active === undefined) {
        if (this.options.headerRow !== undefined) this.resolveExplicit(this.options.headerRow);
        else {
          // finish() only decides a header ending on the last row read, so no data row is left unread.
          this.resolveScanned(this.scanner!.finish());
        }
      }
      if (this.notRead) this.sheetIssues.push(rosterIssue.notRoster(this.sheet, this.whyNotRead(), this.notRead));
      this.finished = true;
    }
    return { sheet: this.sheet, header: this.header ?? null, ...this.counts, issues: [...this.sheetIssues], titles: this.titles };
  }

  // -------------------------------------------------------------------------
  // Header

  private resolveScanned(block: HeaderBlock<RosterField> | null): void {
    const scanner = this.scanner!;
    if (!block) return this.activate(null, [], 0, 0);
    const rows = [scanner.rows[block.top] ?? [], scanner.rows[block.bottom] ?? []];
    const rowNo = (i: number): number => this.scannedRowNumbers[i] ?? i + 1;
    this.activate(block, block.top === block.bottom ? rows.slice(1) : rows, rowNo(block.top), rowNo(block.bottom));
  }

  private resolveExplicit(headerRow: number): void {
    const at = this.explicitRows.find((r) => r.row === headerRow);
    const above = this.explicitRows.find((r) => r.row === headerRow - 1);
    const matcher = new HeaderMatcher<RosterField>({ aliases: ROSTER_ALIASES, required: [] });
    const block = matcher.blockEndingAt(above?.cells, at?.cells ?? [], headerRow);
    const rows = block.top === block.bottom ? [at?.cells ?? []] : [above?.cells ?? [], at?.cells ?? []];
    this.explicitRows = [];
    this.activate(block, rows, block.top, block.bottom);
  }

  /** Settles the header: detected columns, overridden by the mapping, must hold every required field. */
  private activate(block: HeaderBlock<RosterField> | null, headerRows: Cell[][], topRow: number, row: number): void {
    const explicit = this.options.headerRow !== undefined || this.options.mapping !== undefined;
    if (!block) {
      this.active = null;
      this.notRead = explicit ? 'error' : 'info';
      return;
    }
    const col: Partial<Record<RosterField, number>> = {};
    const text: Partial<Record<RosterField, string>> = {};
    for (const field of ROSTER_FIELDS) {
      const m = block.matches[field];
      if (m && !this.mapping.removed.has(field)) {
        col[field] = m.col;
        text[field] = m.text;
      }
    }
    for (const field of ROSTER_FIELDS) {
      const c = this.mapping.set[field];
      if (c === undefined) continue;
      // A column moved to another field leaves the field it was detected for.
      for (const other of ROSTER_FIELDS)
        if (other !== field && col[other] === c && this.mapping.set[other] === undefined) delete col[other];
      col[field] = c;
      text[field] = headerRowsText(headerRows, c) || ROSTER_FIELD_LABELS[field].zh;
    }
    const missing = ROSTER_REQUIRED.filter((f) => col[f] === undefined);
    if (missing.length > 0) {
      this.active = null;
      this.sheetIssues.push(
        rosterIssue.noHeader(
          this.sheet,
          missing.map((f) => ROSTER_FIELD_LABELS[f]),
          explicit ? 'error' : 'info',
        ),
      );
      return;
    }
    this.titleTexts = this.textRows.filter((r) => r.row < topRow).map((r) => r.text);
    this.textRows = [];
    const columns: Partial<Record<RosterField, RosterColumn>> = {};
    for (const field of ROSTER_FIELDS) {
      const c = col[field];
      if (c !== undefined) columns[field] = { index: c, letter: columnLetter(c), header: text[field] ?? '' };
    }
    this.active = {
      header: { row, topRow, columns },
      col,
      text,
      headerKeys: headerRows.map((r) => Array.from(r, (cell) => headerKey(cellText(cell)))),
    };
  }

  private whyNotRead() {
    const scanner = this.scanner;
    return notReadWhy(
      this.options.kind,
      this.seen,
      this.options.maxHeaderRows ?? 20,
      scanner?.nearest ?? null,
      (i) => this.scannedRowNumbers[i] ?? i + 1,
      ROSTER_FIELD_LABELS,
      (b) => ROSTER_REQUIRED.filter((f) => !b.matches[f] && this.mapping.set[f] === undefined).map((f) => ROSTER_FIELD_LABELS[f]),
    );
  }

  // -------------------------------------------------------------------------
  // Rows

  private classify(row: number, cells: readonly Cell[]): RosterRowOutcome {
    const h = this.active!;
    this.counts.read++;
    const { outcome, township } = classifyRosterRow(cells, h, this.sheet, row, this.lastTownship);
    this.lastTownship = township;
    if (outcome.kind === 'skipped') this.counts.skipped++;
    else if (outcome.kind === 'rejected') this.counts.rejected++;
    else {
      const { unit } = outcome;
      const first = this.names.see(unit.township, unit.name, this.sheet, row);
      if (first) outcome.issues.push(rosterIssue.duplicateName(fieldPlace(h, this.sheet, row, 'name'), unit.township, unit.name, first));
      this.counts.computed++;
    }
    return outcome;
  }
}

/** A title row's text: its cells' texts, each once (a merged title repeats in every cell it spans), space-separated. */
function rowText(cells: readonly Cell[]): string {
  const texts: string[] = [];
  for (const c of cells) {
    const t = headerText(c);
    if (t && !texts.includes(t)) texts.push(t);
  }
  return texts.join(' ');
}

/** Header text of a column chosen by the mapping: its header cells top to bottom ("党员人数/上年"). */
function headerRowsText(rows: Cell[][], col: number): string {
  const texts = rows.map((r) => headerText(r[col])).filter((t) => t !== '');
  return [...new Set(texts)].join('/');
}

/** A streaming reader for one sheet. */
export function createRosterReader(sheet: string, options: RosterReaderOptions = {}): RosterReader {
  return new RosterSheetReader(sheet, options);
}

/** Reads a whole grid; rows[0] is Excel row `firstRow`. */
export function readRosterGrid(
  sheet: string,
  rows: readonly (readonly Cell[] | undefined)[],
  firstRow = 1,
  options: RosterReaderOptions = {},
): { outcomes: RosterRowOutcome[]; summary: RosterSheetSummary } {
  const reader = createRosterReader(sheet, options);
  const outcomes: RosterRowOutcome[] = [];
  rows.forEach((cells, i) => outcomes.push(...reader.push(firstRow + i, cells ?? [])));
  return { outcomes, summary: reader.finish() };
}

/**
 * The roster header among the first rows, for a UI to show and correct: header row number
 * and, per field, column index, letter and header text. rows[0] is Excel row `firstRow`.
 */
export function detectRosterHeader(
  rows: readonly (readonly Cell[] | undefined)[],
  firstRow = 1,
  options: { maxRows?: number } = {},
): RosterHeader | null {
  const maxRows = options.maxRows ?? 20;
  const reader = createRosterReader('', { maxHeaderRows: maxRows });
  for (let i = 0; i < rows.length && i <= maxRows && reader.header === undefined; i++) reader.push(firstRow + i, rows[i] ?? []);
  return reader.header === undefined ? reader.finish().header : reader.header;
}
