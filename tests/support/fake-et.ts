/* eslint-disable @typescript-eslint/no-this-alias -- ET objects are getter/setter pairs whose closures keep their sheet or range */
// An in-memory WPS 表格 (ET) host, for tests in Node and in the browser (no
// Node imports: the WPS task pane's Playwright test puts it on window as
// Application). It follows the documented ET/VBA object model and is synchronous:
// - collections are 1-based: Worksheets.Item(1) is the first sheet; Item(name)
//   finds a sheet case-insensitively; a missing one throws;
// - Range("A1:C20").Value2 reads a 2-D array [row][column], a one-cell range
//   reads its value alone (undefined when empty); writing takes a 2-D array of
//   exactly the range's size, or one value for every cell;
// - a written string is typed input (fake-grid.ts, the cell grid this host shares
//   with the fake Excel): a leading apostrophe keeps it text, "=..." becomes a
//   formula, number- and date-like text a number;
// - UsedRange is the box around every cell with a value or a format (A1 alone on
//   an empty sheet); Worksheets.Add(Before, After) inserts "SheetN"; a sheet name
//   is checked as ET checks it (31 characters, no []:*?/\, unique);
// - worksheet Names read back as "Sheet!Name" (VBA's form for a sheet-scoped name).
// Counted: Value2 reads, Value2 writes, every call that changes cells (writes),
// and the cells written.
import {
  CellGrid,
  badSheetName,
  forgetInput,
  parseAddress,
  putInput,
  quoteSheetName,
  type FakeCell,
  type FakeInput,
  type FakeScalar,
  type Rect,
} from './fake-grid.js';

export interface EtCounts {
  /** Range.Value2 reads. */
  valueReads: number;
  /** Range.Value2 writes. */
  valueWrites: number;
  /** Every call that changes cells: Value2, NumberFormat, ColumnWidth, Font.Bold, Interior.Color, Clear, Hyperlinks.Add. */
  rangeWrites: number;
  /** Cells given a value. */
  cellsWritten: number;
}

export interface FakeEtHyperlink {
  address: string;
  subAddress: string;
  text?: string;
}

interface Cell extends FakeCell {
  etHyperlink?: FakeEtHyperlink;
}

export class FakeEtSheet extends CellGrid<Cell> {
  Visible = -1;
  readonly names: { name: string; refersTo: string; visible: boolean }[] = [];
  readonly PageSetup: {
    Orientation: number;
    PaperSize: number;
    PrintTitleRows: string;
    CenterFooter: string;
    Zoom: number | false;
    FitToPagesWide: number | false;
    FitToPagesTall: number | false;
  } = {
    Orientation: 1,
    PaperSize: 1,
    PrintTitleRows: '',
    CenterFooter: '',
    Zoom: 100,
    FitToPagesWide: 1,
    FitToPagesTall: 1,
  };
  /** Ranges set to wrap their text (WrapText = true). */
  readonly wrapped: { r0: number; c0: number; rows: number; cols: number }[] = [];
  readonly Hyperlinks;
  readonly Names;

  constructor(
    private readonly book: FakeEt,
    private name: string,
  ) {
    super();
    const sheet = this;
    this.Hyperlinks = {
      Add(anchor: FakeEtRange, address: string, subAddress?: string, _tip?: string, text?: string) {
        sheet.book.counts.rangeWrites++;
        const cell = sheet.ensure(anchor.Row - 1, anchor.Column - 1);
        cell.etHyperlink = { address, subAddress: subAddress ?? '', text };
        if (text !== undefined) cell.value = text;
        return cell.etHyperlink;
      },
    };
    this.Names = {
      get Count() {
        return sheet.names.length;
      },
      Item(index: number | string) {
        const n =
          typeof index === 'number'
            ? sheet.names[index - 1]
            : sheet.names.find((x) => x.name.toLowerCase() === String(index).toLowerCase());
        if (!n) throw new Error(`Names.Item(${String(index)}): no such name`);
        return { Name: `${quoteSheetName(sheet.name)}!${n.name}`, Visible: n.visible };
      },
      Add(name: string, refersTo: string, visible = true) {
        if (sheet.names.some((x) => x.name.toLowerCase() === name.toLowerCase())) throw new Error(`Names.Add: ${name} exists`);
        sheet.names.push({ name, refersTo, visible });
        return { Name: name, Visible: visible };
      },
    };
  }

  get Name(): string {
    return this.name;
  }

  set Name(value: string) {
    if (badSheetName(value)) throw new Error(`invalid sheet name: ${value}`);
    if (this.book.sheets.some((s) => s !== this && s.Name.toLowerCase() === value.toLowerCase()))
      throw new Error(`a sheet named ${value} exists`);
    this.name = value;
  }

  /** Every cell ever touched counts, formats alone too (A1 alone on an empty sheet). */
  get UsedRange(): FakeEtRange {
    return new FakeEtRange(this.book, this, this.bounds(() => true) ?? { r0: 0, c0: 0, rows: 1, cols: 1 });
  }

  Range(address: string): FakeEtRange {
    return new FakeEtRange(this.book, this, parseAddress(address));
  }

  Activate(): void {
    this.book.active = this;
  }

  /** The used range's values, '' for empty cells (for assertions). */
  usedValues(): FakeScalar[][] {
    const used = this.UsedRange;
    const v = used.Value2;
    return (Array.isArray(v) ? (v as unknown[][]) : [[v]]).map((row) => row.map((x) => (x === undefined ? '' : (x as FakeScalar))));
  }
}

export class FakeEtRange {
  constructor(
    private readonly book: FakeEt,
    private readonly sheet: FakeEtSheet,
    private readonly rect: Rect,
  ) {}

  get Row(): number {
    return this.rect.r0 + 1;
  }
  get Column(): number {
    return this.rect.c0 + 1;
  }
  get Rows() {
    return { Count: this.rect.rows };
  }
  get Columns() {
    return { Count: this.rect.cols };
  }

  private each(f: (r: number, c: number) => void): void {
    const { r0, c0, rows, cols } = this.rect;
    for (let r = r0; r < r0 + rows; r++) for (let c = c0; c < c0 + cols; c++) f(r, c);
  }

  /** Whole columns or rows are set through their existing cells only (no million-cell loops). */
  private get whole(): boolean {
    return this.rect.rows > 100_000 || this.rect.cols > 10_000;
  }

  get Value2(): unknown {
    this.book.counts.valueReads++;
    if (this.whole) throw new Error('Value2 of a whole column or row is not supported by this fake');
    const { r0, c0, rows, cols } = this.rect;
    const at = (r: number, c: number) => {
      const v = this.sheet.cell(r, c)?.value;
      return v === '' ? undefined : v;
    };
    if (rows === 1 && cols === 1) return at(r0, c0);
    const out: unknown[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: unknown[] = new Array(cols);
      for (let c = 0; c < cols; c++) row[c] = at(r0 + r, c0 + c);
      out.push(row);
    }
    return out;
  }

  set Value2(v: unknown) {
    this.book.counts.valueWrites++;
    this.book.counts.rangeWrites++;
    this.book.screenAtWrites.add(this.book.ScreenUpdating);
    const { r0, c0, rows, cols } = this.rect;
    if (Array.isArray(v)) {
      if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))
        throw new Error(`Value2: a ${rows}×${cols} range was given an array of another size`);
    }
    this.sheet.every(this.rect, (cell, r, c) => {
      const x = (Array.isArray(v) ? (v as unknown[][])[r - r0]![c - c0] : v) as FakeInput;
      forgetInput(cell);
      if (x === null || x === undefined) cell.value = '';
      else putInput(cell, x);
      this.book.counts.cellsWritten++;
    });
  }

  get NumberFormat(): unknown {
    const formats = new Set<string>();
    this.each((r, c) => formats.add(this.sheet.cell(r, c)?.numberFormat ?? 'General'));
    return formats.size === 1 ? [...formats][0] : null;
  }

  set NumberFormat(v: unknown) {
    this.book.counts.rangeWrites++;
    this.sheet.every(this.rect, (cell) => (cell.numberFormat = String(v)));
  }

  get ColumnWidth(): unknown {
    return this.sheet.columnWidths.get(this.rect.c0) ?? 8.38;
  }

  set ColumnWidth(v: unknown) {
    this.book.counts.rangeWrites++;
    this.sheet.setColumnWidth(this.rect, Number(v));
  }

  get WrapText(): unknown {
    return this.sheet.wrapped.some((w) => w.r0 === this.rect.r0 && w.c0 === this.rect.c0);
  }

  set WrapText(v: unknown) {
    this.book.counts.rangeWrites++;
    if (v) this.sheet.wrapped.push({ ...this.rect });
  }

  get Font() {
    const range = this;
    return {
      get Bold() {
        let all = true;
        range.each((r, c) => (all &&= !!range.sheet.cell(r, c)?.bold));
        return all;
      },
      set Bold(b: boolean) {
        range.book.counts.rangeWrites++;
        range.sheet.every(range.rect, (cell) => (cell.bold = b));
      },
    };
  }

  get Interior() {
    const range = this;
    return {
      get Color() {
        const f = range.sheet.cell(range.rect.r0, range.rect.c0)?.fill;
        return f === undefined ? 16777215 : Number(f);
      },
      set Color(n: number) {
        range.book.counts.rangeWrites++;
        range.sheet.every(range.rect, (cell) => (cell.fill = String(n)));
      },
    };
  }

  Clear(): void {
    this.book.counts.rangeWrites++;
    this.sheet.remove(this.rect);
  }

  Select(): void {
    this.book.selection = { sheet: this.sheet.Name, row: this.Row, column: this.Column };
  }
}

/** The Application object of WPS 表格 with one open workbook. */
export class FakeEt {
  readonly sheets: FakeEtSheet[] = [];
  readonly counts: EtCounts = { valueReads: 0, valueWrites: 0, rangeWrites: 0, cellsWritten: 0 };
  active: FakeEtSheet | null = null;
  selection: { sheet: string; row: number; column: number } | null = null;
  ScreenUpdating = true;
  Calculation = -4105;
  /** ScreenUpdating as it was at each Value2 write (to see that writing pauses it). */
  readonly screenAtWrites = new Set<boolean>();
  private added = 0;

  readonly ActiveWorkbook;
  readonly ActiveWindow;

  constructor() {
    const book = this;
    const sheets = this.sheets;
    const item = (index: number | string): FakeEtSheet => {
      const s = typeof index === 'number' ? sheets[index - 1] : sheets.find((x) => x.Name.toLowerCase() === String(index).toLowerCase());
      if (!s) throw new Error(`Worksheets.Item(${String(index)}): subscript out of range`);
      return s;
    };
    this.ActiveWorkbook = {
      Name: '名册.xlsx',
      Worksheets: {
        get Count() {
          return sheets.length;
        },
        Item: item,
        Add(before?: FakeEtSheet, after?: FakeEtSheet) {
          let name: string;
          do name = `Sheet${++book.added}`;
          while (sheets.some((s) => s.Name.toLowerCase() === name.toLowerCase()));
          const sheet = new FakeEtSheet(book, name);
          const at = after ? sheets.indexOf(after) + 1 : before ? sheets.indexOf(before) : Math.max(0, sheets.indexOf(book.active!));
          sheets.splice(at, 0, sheet);
          book.active = sheet;
          return sheet;
        },
      },
    };
    this.ActiveWindow = {
      SplitRow: 0,
      SplitColumn: 0,
      get FreezePanes() {
        return (book.active?.freeze.rows ?? 0) > 0 || (book.active?.freeze.columns ?? 0) > 0;
      },
      set FreezePanes(on: boolean) {
        if (book.active) book.active.freeze = on ? { rows: this.SplitRow, columns: this.SplitColumn } : { rows: 0, columns: 0 };
      },
    };
  }

  addSheet(name: string, rows: FakeInput[][] = []): FakeEtSheet {
    const sheet = new FakeEtSheet(this, 'x');
    this.sheets.push(sheet);
    sheet.Name = name;
    sheet.seed(rows);
    this.active ??= sheet;
    return sheet;
  }

  sheet(name: string): FakeEtSheet | undefined {
    return this.sheets.find((s) => s.Name === name);
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.Name);
  }

  resetCounts(): void {
    Object.assign(this.counts, { valueReads: 0, valueWrites: 0, rangeWrites: 0, cellsWritten: 0 });
  }
}
