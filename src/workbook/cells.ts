// Cell values as every host hands them over (our .xlsx reader in the CLI and the
// web page, Office.js in the add-in): plain values only, no host objects, so
// the workbook layer runs anywhere and is tested with literal grids.

export type Cell = string | number | boolean | Date | CellError | null | undefined;

/** Excel's limit on the text of a cell, in UTF-16 units: longer text is cut, with a warning where it was read. */
export const EXCEL_CELL_CHARS = 32_767;

/** `s` cut to EXCEL_CELL_CHARS, never inside a surrogate pair. */
export function cutToCell(s: string): string {
  if (s.length <= EXCEL_CELL_CHARS) return s;
  const high = s.charCodeAt(EXCEL_CELL_CHARS - 1);
  return s.slice(0, high >= 0xd800 && high <= 0xdbff ? EXCEL_CELL_CHARS - 1 : EXCEL_CELL_CHARS);
}

/**
 * An error cell (#N/A, #DIV/0!, #VALUE! ...): a plain object, not a class, so it
 * survives the structured clone between a reading worker and the main thread.
 */
export interface CellError {
  readonly error: string;
}

export function isCellError(cell: Cell): cell is CellError {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Anything normalizeText would change: full-width ASCII, zero-width, any whitespace but a lone inner space, outer spaces. */
const NEEDS_WORK = /[\uFF01-\uFF5E\u200B-\u200D\u2060\uFEFF]|[^\S ]| {2}|^ | $/;

/**
 * Text as officers mean it: full-width ASCII (１５００, （）, ，, Ａ) becomes half-width,
 * full-width and other Unicode spaces become plain spaces, zero-width characters go,
 * inner whitespace (including line breaks inside a cell) collapses to one space, ends trimmed.
 */
export function normalizeText(s: string): string {
  // Most cells are already clean: one test instead of four replacements.
  if (!NEEDS_WORK.test(s)) return s;
  return s
    .replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(ZERO_WIDTH, '')
    .replace(/\s+/g, ' ') // \s covers U+3000 (full-width space) and U+00A0
    .trim();
}

/** The form names are compared in: normalised, without any spaces, lower case. */
export function compactText(s: string): string {
  const n = normalizeText(s);
  return (n.includes(' ') ? n.replace(/ /g, '') : n).toLowerCase();
}

/** 0-based column of a column's letters or a cell reference: A -> 0, AB12 -> 27 (the inverse of columnLetter). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/**
 * A number format that shows a date or a time: y m d h s (or b, the Buddhist
 * year; 年月日时分秒 written bare) outside quoted text, [colour or locale]
 * sections, escaped characters and padding. Hosts make date cells of numbers
 * in such formats (the add-in from Office.js, the readers from a file's styles).
 */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\.|[_*]./g, '');
  return /[ymdhsb年月日时分秒]/i.test(bare);
}

/**
 * An Excel date serial as a Date at UTC (time of day kept): days since 1899-12-30,
 * or 1904-01-01 in the 1904 system. Excel counts a 29 February 1900 that never
 * was (serial 60, read here as 1900-02-28), so
 * serials 1-59 are a day later: serial 1 is 1900-01-01. A time alone (0 to 1) is on 1899-12-30.
 */
export function dateFromSerial(serial: number, date1904 = false): Date {
  const phantom = !date1904 && serial >= 1 && serial < 60 ? 1 : 0;
  return new Date(Math.round((serial - 25_569 + phantom + (date1904 ? 1_462 : 0)) * 86_400_000));
}

/** Excel column letter of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index0: number): string {
  if (!Number.isSafeInteger(index0) || index0 < 0) throw new RangeError(`column index must be an integer >= 0: ${index0}`);
  let n = index0 + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A number as digits, never in exponent form for integers (410102001001, not 4.10102001001e+11). */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}

/** A cell's normalised display text; '' for an empty cell. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return normalizeText(cell);
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (isCellError(cell)) return cell.error;
  if (Number.isNaN(cell.getTime())) return '';
  const iso = cell.toISOString();
  // Hosts give date-only cells as UTC midnight; show those as a plain date.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Anything normalizeText keeps: not whitespace, not zero-width. */
const NOT_BLANK = /[^\s\u200B-\u200D\u2060\uFEFF]/;

/** True for empty cells and cells holding only whitespace: the same as cellText(cell) === '', without building the text. */
export function isBlankCell(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'string') return !NOT_BLANK.test(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime());
  return false;
}
