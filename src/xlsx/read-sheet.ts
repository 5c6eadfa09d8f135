// The rows of a worksheet part, host-independent: its text goes in as it
// arrives (any size of piece), rows of plain cells come out, in order. Every
// <row> element is a row, even one with no cells, as Excel has it in the file.
import { type Cell, columnIndex, dateFromSerial } from '../workbook/cells.js';
import type { SourceRow } from '../workbook/source.js';
import { ElementCutter, decodeText, stringText } from './read-parts.js';

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
    const out: SourceRow[] = [];
    ROW.lastIndex = 0;
    for (let m = ROW.exec(xml); m; m = ROW.exec(xml)) {
      const n = ROW_NUMBER.exec(m[1]!);
      const row = n ? Number(n[1]) : this.lastRow + 1;
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
      const value = m[2] === undefined ? null : this.value(type, style, m[2]);
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    return cells;
  }

  private value(type: string | undefined, style: number, inner: string): Cell {
    if (type === 'inlineStr') return stringText(inner);
    const v = VALUE.exec(inner)?.[1];
    if (v === undefined || v === '') return null;
    switch (type) {
      case 's':
        return this.ctx.sharedStrings[Number(v)] ?? null;
      case 'str':
        return decodeText(v);
      case 'b':
        return Number(v) !== 0;
      case 'e': // #N/A, #DIV/0! and the like: no value
        return null;
      case 'd': {
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? null : d;
      }
      default: {
        const n = Number(v);
        if (Number.isNaN(n)) return null;
        return this.ctx.dateStyles[style] ? dateFromSerial(n, this.ctx.date1904) : n;
      }
    }
  }
}
