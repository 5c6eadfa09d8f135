// The cell grid both in-memory hosts keep (the fake Excel of fake-excel.ts and the
// fake WPS ET host of fake-et.ts): a sheet's cells by row and column, their values
// and formats, column widths and frozen panes; A1 addresses; and what a string
// typed into a cell becomes. No Node imports: the browser tests bundle it.
//
// Typed input, as Excel (and ET) read what is typed into a cell: "=..." (and "+x",
// "-x", "@x" that are not numbers) becomes a formula, number- and date-like text a
// number, TRUE/FALSE a boolean; a leading apostrophe or the text format "@" keeps
// it text (the apostrophe is not part of the value).

import { columnIndex, columnLetter } from '../../src/workbook/cells.js';
import { FakeRichApiError } from './fake-rich-api-error.js';

export type FakeScalar = string | number | boolean;
export type FakeInput = FakeScalar | null | undefined;

export interface FakeHyperlink {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface FakeCell {
  /** The value as Range.values returns it ('' when empty). */
  value: FakeScalar;
  formula?: string;
  numberFormat?: string;
  /** Written with a leading apostrophe. */
  quotePrefix?: boolean;
  bold?: boolean;
  fill?: string;
  hyperlink?: FakeHyperlink;
}

/** A block of cells, 0-based. */
export interface Rect {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

// ---------------------------------------------------------------- addresses

/** A sheet name as Excel writes it in an address: quoted unless plain letters and digits. */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "A1", "$B$2:C10", "A:C", "2:5", with or without "Sheet!" before it. */
export function parseAddress(address: string): Rect {
  const bang = address.lastIndexOf('!');
  const a = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, '').toUpperCase();
  const cell = /^([A-Z]{1,3})(\d+)$/;
  const [p, q = p] = a.split(':') as [string, string?];
  const m1 = cell.exec(p);
  const m2 = cell.exec(q);
  if (m1 && m2) {
    const r0 = Number(m1[2]) - 1;
    const r1 = Number(m2[2]) - 1;
    const c0 = columnIndex(m1[1]!);
    const c1 = columnIndex(m2[1]!);
    return { r0: Math.min(r0, r1), c0: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
  }
  if (/^[A-Z]{1,3}$/.test(p) && /^[A-Z]{1,3}$/.test(q)) {
    const c0 = columnIndex(p);
    const c1 = columnIndex(q);
    return { r0: 0, c0: Math.min(c0, c1), rows: MAX_ROWS, cols: Math.abs(c1 - c0) + 1 };
  }
  if (/^\d+$/.test(p) && /^\d+$/.test(q)) {
    const r0 = Number(p) - 1;
    const r1 = Number(q) - 1;
    return { r0: Math.min(r0, r1), c0: 0, rows: Math.abs(r1 - r0) + 1, cols: MAX_COLUMNS };
  }
  throw new FakeRichApiError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: ${address}`);
}

function a1(r: number, c: number): string {
  return `${columnLetter(c)}${r + 1}`;
}

/** "'Sheet name'!A1:C3" (one cell: "Sheet!A1"). */
export function rectAddress(sheet: string, rect: Rect): string {
  const first = a1(rect.r0, rect.c0);
  const last = a1(rect.r0 + rect.rows - 1, rect.c0 + rect.cols - 1);
  return `${quoteSheetName(sheet)}!${first === last ? first : `${first}:${last}`}`;
}

/** A sheet name both hosts refuse: empty, over 31 characters, one of :\/?*[], or an apostrophe at either end. */
export function badSheetName(n: string): boolean {
  return n.length === 0 || n.length > 31 || /[:\\/?*[\]]/.test(n) || n.startsWith("'") || n.endsWith("'");
}

// ---------------------------------------------------------------- typed input

/** Excel's 1900 date system: serial number of a date (UTC). */
function dateSerial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

const NUMBER_TEXT = /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d*)?([eE][+-]?\d+)?%?$/;

/** What Excel makes of a string written as input into a cell with format `nf`. */
export function typedInput(s: string, nf: string | undefined): Pick<FakeCell, 'value' | 'formula' | 'quotePrefix'> {
  if (nf === '@') return { value: s };
  if (s === '') return { value: '' };
  if (s.startsWith("'")) return { value: s.slice(1), quotePrefix: true };
  const t = s.trim();
  if (NUMBER_TEXT.test(t)) {
    const pct = t.endsWith('%');
    const n = Number(t.replace(/,/g, '').replace('%', ''));
    if (Number.isFinite(n)) return { value: pct ? n / 100 : n };
  }
  if (/^[=+\-@]/.test(s) && s.length > 1) return { value: '#NAME?', formula: s.startsWith('=') ? s : `=${s.slice(1)}` };
  const d = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (d) return { value: dateSerial(Number(d[1]), Number(d[2]), Number(d[3])) };
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  return { value: s };
}

/** Forgets what was typed into the cell before (its formula, its apostrophe). */
export function forgetInput(cell: FakeCell): void {
  delete cell.formula;
  delete cell.quotePrefix;
}

/** Writes a value as typed input: strings are read as Excel reads them, numbers and booleans kept. */
export function putInput(cell: FakeCell, v: FakeScalar): void {
  forgetInput(cell);
  if (typeof v === 'string') Object.assign(cell, typedInput(v, cell.numberFormat));
  else cell.value = v;
}

// ---------------------------------------------------------------- grid

/** A sheet's cells (row -> column -> cell, 0-based; only cells ever touched exist), column widths and frozen panes. */
export class CellGrid<C extends FakeCell = FakeCell> {
  readonly cells = new Map<number, Map<number, C>>();
  readonly columnWidths = new Map<number, number>();
  freeze = { rows: 0, columns: 0 };

  cell(r: number, c: number): C | undefined {
    return this.cells.get(r)?.get(c);
  }

  ensure(r: number, c: number): C {
    let row = this.cells.get(r);
    if (!row) this.cells.set(r, (row = new Map()));
    let cell = row.get(c);
    if (!cell) row.set(c, (cell = { value: '' } as C));
    return cell;
  }

  /** A cell by A1 address, for assertions. */
  at(address: string): C | undefined {
    const { r0, c0 } = parseAddress(address);
    return this.cell(r0, c0);
  }

  /** Values laid from (r0, c0); null, undefined and '' leave the cell alone (not a typed input: as given). */
  seed(rows: FakeInput[][], r0 = 0, c0 = 0): void {
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        this.ensure(r0 + r, c0 + c).value = v;
      }),
    );
  }

  /** The box around the existing cells that `counts`, or null when none does. */
  bounds(counts: (cell: C) => boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [r, row] of this.cells) {
      for (const [c, cell] of row) {
        if (!counts(cell)) continue;
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    }
    return r1 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  read<T>(rect: Rect, f: (cell: C | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row = this.cells.get(rect.r0 + r);
      const line: T[] = new Array(rect.cols);
      for (let c = 0; c < rect.cols; c++) line[c] = f(row?.get(rect.c0 + c));
      out.push(line);
    }
    return out;
  }

  /** Calls f on every existing cell inside rect. */
  each(rect: Rect, f: (cell: C, r: number, c: number) => void): void {
    for (const [r, row] of this.cells) {
      if (r < rect.r0 || r >= rect.r0 + rect.rows) continue;
      for (const [c, cell] of row) if (c >= rect.c0 && c < rect.c0 + rect.cols) f(cell, r, c);
    }
  }

  /** Calls f on every cell of rect, making those that do not exist yet. */
  every(rect: Rect, f: (cell: C, r: number, c: number) => void): void {
    for (let r = rect.r0; r < rect.r0 + rect.rows; r++) for (let c = rect.c0; c < rect.c0 + rect.cols; c++) f(this.ensure(r, c), r, c);
  }

  /** Removes the cells inside rect (and rows left empty). */
  remove(rect: Rect): void {
    for (const [r, row] of this.cells) {
      if (r < rect.r0 || r >= rect.r0 + rect.rows) continue;
      for (const c of [...row.keys()]) if (c >= rect.c0 && c < rect.c0 + rect.cols) row.delete(c);
      if (row.size === 0) this.cells.delete(r);
    }
  }

  /** Sets the width of every column of rect. */
  setColumnWidth(rect: Rect, width: number): void {
    for (let c = rect.c0; c < rect.c0 + rect.cols; c++) this.columnWidths.set(c, width);
  }
}
