// The forms of a unit's or payee's name that matching compares: as written (full-width,
// spaces and brackets cleaned), in committee form (居委会 is 社区), without the kind
// suffix (the part two spellings share), and a township's bare form. Pure string work.
import { BoundedCache, compact } from './text.js';

/** Bracketed parts: "东河头村（城关镇）" carries its township in brackets. */
export const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/g;

/**
 * Official committee and party-organisation forms, longest first, each to the unit's plain
 * name, with the word set aside as shown in NAME_FORM notes (and whether it is the short form).
 */
const SUFFIX_RULES: [RegExp, string, string, boolean][] = [
  [/村村民委员会$/, '村', '村民委员会', false],
  [/村村委会$/, '村', '村委会', false],
  [/村民委员会$/, '村', '村民委员会', false],
  [/村委会$/, '村', '村委会', false],
  [/社区居民委员会$/, '社区', '居民委员会', false],
  [/社区居委会$/, '社区', '居委会', false],
  [/居民委员会$/, '社区', '居民委员会', false],
  [/居委会$/, '社区', '居委会', false],
  // The short forms clerks and bank accounts write.
  [/村村两委$/, '村', '村两委', true],
  [/村两委$/, '村', '村两委', true],
  [/村村委$/, '村', '村委', true],
  [/村委$/, '村', '村委', true],
  [/社区居委$/, '社区', '居委', true],
  [/居委$/, '社区', '居委', true],
  [/(村|社区)(党总支部委员会|总支部委员会|党支部委员会|支部委员会|党总支|党支部|党委|委员会)$/, '$1', '党组织', false],
];

/** The committee word a name ends with (村民委员会, 村委 …), or null; short: an abbreviation. */
export function committeeWord(exact: string): { word: string; short: boolean } | null {
  for (const [re, to, word, short] of SUFFIX_RULES)
    if (re.test(exact)) return exact.replace(re, to).length > to.length ? { word, short } : null;
  return null;
}

/** The name as written, for the exact comparison: full-width to half-width, no spaces, no bracketed parts. */
export function exactKey(raw: string): string {
  const s = compact(raw);
  return /[([【〔]/.test(s) ? s.replace(BRACKETED, '') : s;
}

/**
 * The committee form of a unit or payee name: the exact key without a 中共 prefix and
 * with the committee forms reduced (XX村村民委员会 and XX村委会 are XX村,
 * XX社区居民委员会 and XX居委会 are XX社区, XX村党支部 is XX村).
 */
const nameKeys = new BoundedCache<string, string>();

export function nameKey(raw: string): string {
  const cached = nameKeys.get(raw);
  if (cached !== undefined) return cached;
  let s = exactKey(raw);
  s = s.replace(/^(中国共产党|中共)/, '');
  for (const [re, to] of SUFFIX_RULES)
    if (re.test(s)) {
      const cut = s.replace(re, to);
      if (cut.length > to.length) s = cut;
      break;
    }
  return nameKeys.remember(raw, s);
}

/** A name without its unit-kind suffix (村, 社区, 农村社区): the part two spellings share. */
export function nameBase(key: string): string {
  const b = key.replace(/(农村社区|社区|村)$/, '');
  return b.length >= 2 ? b : key;
}

/** Township comparison form: compact, without 人民政府/办事处/财政所 and the 镇/乡/街道 ending. */
const townshipKeys = new BoundedCache<string, string>(10_000);

export function townshipKey(raw: string): string {
  const cached = townshipKeys.get(raw);
  if (cached !== undefined) return cached;
  const s = compact(raw)
    .replace(BRACKETED, '')
    .replace(/(人民政府|街道办事处|办事处|财政所|政府)$/, '');
  const bare = s.replace(/(镇|乡|街道)$/, '');
  return townshipKeys.remember(raw, bare.length >= 2 ? bare : s);
}

/** One step of edit distance at most (insert, delete, substitute, or swap two neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
