// The rows of a worksheet part, host-independent: its text goes in as it
// arrives (any size of piece), rows of plain cells come out, in order. Every
// <row> element is a row, even one with no cells, as Excel has it in the file.
import { type Cell, columnIndex, dateFromSerial } from '../workbook/cells.js';
import type { SourceRow } from '../workbook/source.js';
import { ElementCutter, decodeText, stringText, withoutCdata } from './read-parts.js';

export interface SheetContext {
  sharedStrings: readonly string[];
  /** Per cell style: numbers in it are dates. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(\/?)>/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const CELL_ATTR = /\s(r|s|t)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const VALUE = /<(?:\w+:)?v\b[^>]*>([^<]*)</;
const ROW_NUMBER = /\sr\s*=\s*["'](\d+)["']/;

/** The r attribute of a row's start tag. */
function rowNumber(attrs: string): number | undefined {
  const at = attrs.indexOf(' r="'); // the usual form, without a regular expression
  const n = at >= 0 ? attrs.slice(at + 4, attrs.indexOf('"', at + 4)) : ROW_NUMBER.exec(attrs)?.[1];
  const row = n ? Number(n) : NaN;
  return Number.isSafeInteger(row) ? row : undefined;
}

export class SheetRowReader {
  private readonly cut = new ElementCutter('sheetData', 'row');
  private lastRow = 0;
  constructor(private readonly ctx: SheetContext) {}

  push(text: string): SourceRow[] {
    return this.rows(this.cut.push(text));
  }

  finish(): SourceRow[] {
    return this.rows(this.cut.finish());
  }

  private rows(xml: string): SourceRow[] {
    xml = withoutCdata(xml);
    const out: SourceRow[] = [];
    ROW.lastIndex = 0;
    for (let m = ROW.exec(xml); m; m = ROW.exec(xml)) {
      const row = rowNumber(m[1]!) ?? this.lastRow + 1;
      this.lastRow = row;
      if (m[2]) {
        out.push({ row, cells: [] });
        continue;
      }
      const start = ROW.lastIndex;
      const close = this.cut.closeTag!; // known once a row has been cut
      const end = xml.indexOf(close, start);
      const body = xml.slice(start, end < 0 ? xml.length : end);
      if (end >= 0) ROW.lastIndex = end + close.length;
      out.push({ row, cells: this.cells(body) });
    }
    return out;
  }

  private cells(body: string): Cell[] {
    return (this.cut.closeTag === '</row>' && scanCells(body, this)) || this.matchCells(body);
  }

  /** Any cell markup: namespace prefixes, single quotes, spaces around '='. */
  private matchCells(body: string): Cell[] {
    const cells: Cell[] = [];
    let col = -1;
    CELL.lastIndex = 0;
    for (let m = CELL.exec(body); m; m = CELL.exec(body)) {
      let ref: string | undefined;
      let style = 0;
      let type: string | undefined;
      CELL_ATTR.lastIndex = 0;
      for (let a = CELL_ATTR.exec(m[1]!); a; a = CELL_ATTR.exec(m[1]!)) {
        const v = a[2] ?? a[3]!;
        if (a[1] === 'r') ref = v;
        else if (a[1] === 's') style = Number(v);
        else type = v;
      }
      col = ref ? columnIndex(ref) : col + 1;
      const inner = m[2];
      const value = inner === undefined ? null : type === 'inlineStr' ? stringText(inner) : this.value(type, style, VALUE.exec(inner)?.[1]);
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    return cells;
  }

  /** A cell's value from its type, style and the text of its <v> element. */
  value(type: string | undefined, style: number, v: string | undefined): Cell {
    if (v === undefined || v === '') return null;
    switch (type) {
      case 's':
        return this.ctx.sharedStrings[Number(v)] ?? null;
      case 'str':
        return decodeText(v);
      case 'b':
        return Number(v) !== 0;
      case 'e': // #N/A, #DIV/0! and the like: a value of its own, not a blank
        return { error: decodeText(v) };
      case 'd':
        return isoDate(v);
      default: {
        const n = Number(v);
        if (Number.isNaN(n)) return null;
        return this.ctx.dateStyles[style] ? dateFromSerial(n, this.ctx.date1904) : n;
      }
    }
  }
}

const ISO = /^(?:(\d{4,})-(\d\d)-(\d\d))?(?:[T ]?(\d\d):(\d\d)(?::(\d\d(?:\.\d+)?))?)?(Z|[+-]\d\d:?\d\d)?$/;

/**
 * An ISO 8601 cell (t="d"): without a zone it is read zone-free, as a date
 * serial is (at UTC), so every machine reads the same day and time; a time
 * alone (10:10:10) is that time on Excel's day 0, 1899-12-30, as serial 0.42 is.
 */
function isoDate(v: string): Date | null {
  const m = ISO.exec(v.trim());
  if (!m || (m[1] === undefined && m[4] === undefined)) return null;
  if (m[7]) {
    const d = new Date(v.trim()); // an explicit zone: the instant it names
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const [y, mo, d] = m[1] === undefined ? [1899, 12, 30] : [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d, Number(m[4] ?? 0), Number(m[5] ?? 0)) + Math.round(Number(m[6] ?? 0) * 1000);
  const out = new Date(ms);
  // Date.UTC maps years 0-99 to 1900-1999 and rolls 2021-02-30 over: refuse what is not the date written
  return out.getUTCFullYear() === y && out.getUTCMonth() === mo - 1 && out.getUTCDate() === d ? out : null;
}

/**
 * The cells of one row by plain string search, for the markup Excel, WPS,
 * LibreOffice and exceljs write: <c r="B3" s="1" t="s"><v>7</v></c>, no
 * namespace prefix. On the benchmark roster's sheet: 215–240 ms against
 * the regular expressions' 387–422 ms (bench/experiments/read-cells.js).
 * False for anything else, which matchCells then reads.
 */
function scanCells(body: string, sheet: SheetRowReader): Cell[] | false {
  const cells: Cell[] = [];
  let col = -1;
  let at = 0;
  const end = body.length;
  while (at < end) {
    const ch = body.charCodeAt(at);
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) {
      at++;
      continue;
    }
    // "<c" then a space, ">" or "/"
    if (ch !== 60 || body.charCodeAt(at + 1) !== 99) return false;
    const after = body.charCodeAt(at + 2);
    if (after !== 32 && after !== 62 && after !== 47) return false;
    const close = body.indexOf('>', at);
    if (close < 0) return false;
    const selfClosing = body.charCodeAt(close - 1) === 47;
    let ref: string | undefined;
    let style = 0;
    let type: string | undefined;
    // Attributes: name="value", one space before each name.
    let a = at + 2;
    const attrsEnd = selfClosing ? close - 1 : close;
    while (a < attrsEnd) {
      if (body.charCodeAt(a) !== 32) return false;
      const eq = body.indexOf('="', a);
      if (eq < 0 || eq > attrsEnd) return false;
      const q = body.indexOf('"', eq + 2);
      if (q < 0 || q >= attrsEnd) return false;
      const name = body.slice(a + 1, eq);
      if (name === 'r') ref = body.slice(eq + 2, q);
      else if (name === 's') style = Number(body.slice(eq + 2, q));
      else if (name === 't') type = body.slice(eq + 2, q);
      else if (name.includes(' ')) return false;
      a = q + 1;
    }
    col = ref ? columnIndex(ref) : col + 1;
    let value: Cell = null;
    if (selfClosing) at = close + 1;
    else {
      const closeCell = body.indexOf('</c>', close);
      if (closeCell < 0) return false;
      if (type === 'inlineStr') value = stringText(body.slice(close + 1, closeCell));
      else {
        // <v>text</v>, perhaps after a formula (<f>…</f>); no <v>: no value.
        const v = body.indexOf('<v', close);
        if (v >= 0 && v < closeCell) {
          if (body.charCodeAt(v + 2) !== 62) return false;
          value = sheet.value(type, style, body.slice(v + 3, body.indexOf('<', v + 3)));
        }
      }
      at = closeCell + 4;
    }
    while (cells.length < col) cells.push(null);
    cells[col] = value;
  }
  return cells;
}
