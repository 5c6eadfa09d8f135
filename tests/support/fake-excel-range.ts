// The fake Excel's Range proxy: values, formulas, number formats, text, value
// types and a hyperlink, read as 2D arrays the size of the range; written as such
// arrays or as one value for the whole range (Office's "single input copy"), a
// string as typed input (fake-grid.ts); clear, getCell, getResizedRange, select.
// Its format (widths, font, fill) is in fake-excel-range-format.ts.

import { ClientObject } from './fake-excel-client-object.js';
import type { FakeRequestContext } from './fake-excel-context.js';
import type { FakeSheet } from './fake-excel-model.js';
import { RangeFormatProxy } from './fake-excel-range-format.js';
import {
  MAX_COLUMNS,
  MAX_ROWS,
  forgetInput,
  putInput,
  rectAddress,
  type FakeCell,
  type FakeHyperlink,
  type FakeInput,
  type FakeScalar,
  type Rect,
} from './fake-grid.js';
import { FakeRichApiError } from './fake-rich-api-error.js';

/** Excel's error values, typed into a cell or a formula's result. */
const EXCEL_ERRORS =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|BUSY!|CONNECT!|PYTHON!)$/;

/** As in Excel: a formula whose result is #…, or an error typed as such ('#N/A with an apostrophe is text). */
function isErrorValue(c: FakeCell | undefined): boolean {
  const v = c?.value;
  if (typeof v !== 'string' || c?.quotePrefix) return false;
  return c?.formula ? v.startsWith('#') : EXCEL_ERRORS.test(v);
}

export interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

/** A 2D input (or one value for the whole range) laid over the range's cells. */
function eachInput(rect: Rect, input: unknown, what: string, f: (r: number, c: number, v: unknown) => void): void {
  if (!Array.isArray(input)) {
    for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) f(rect.r0 + r, rect.c0 + c, input);
    return;
  }
  const rows = input as unknown[][];
  const single = rows.length === 1 && Array.isArray(rows[0]) && rows[0].length === 1;
  if (single && (rect.rows !== 1 || rect.cols !== 1)) {
    if (rect.rows * rect.cols > 5_000_000)
      throw new FakeRichApiError('InvalidArgument', `Too many cells for a single input copy of ${what}.`);
    const v = rows[0]![0];
    for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) f(rect.r0 + r, rect.c0 + c, v);
    return;
  }
  if (rows.length !== rect.rows || rows.some((row) => !Array.isArray(row) || row.length !== rect.cols)) {
    throw new FakeRichApiError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rows.length}x${rows[0]?.length ?? 0} for ${rect.rows}x${rect.cols}).`,
    );
  }
  for (let r = 0; r < rect.rows; r++) {
    const row = rows[r]!;
    for (let c = 0; c < rect.cols; c++) f(rect.r0 + r, rect.c0 + c, row[c]);
  }
}

export class RangeProxy extends ClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, path: string, resolver: () => RangeTarget | null, nullable = false) {
    super(context, path, resolver, nullable);
  }

  protected readProp(t: RangeTarget, prop: string): unknown {
    const { sheet, rect } = t;
    const cap = () => {
      if (rect.rows * rect.cols > 5_000_000)
        throw new FakeRichApiError('ResponsePayloadSizeLimitExceeded', `Range too large to load: ${rectAddress(sheet.name, rect)}`);
    };
    switch (prop) {
      case 'address':
        return rectAddress(sheet.name, rect);
      case 'rowIndex':
        return rect.r0;
      case 'columnIndex':
        return rect.c0;
      case 'rowCount':
        return rect.rows;
      case 'columnCount':
        return rect.cols;
      case 'values':
        cap();
        return sheet.read(rect, (c) => c?.value ?? '');
      case 'formulas':
        cap();
        return sheet.read(rect, (c) => c?.formula ?? c?.value ?? '');
      case 'numberFormat':
        cap();
        return sheet.read(rect, (c) => c?.numberFormat ?? 'General');
      case 'text':
        cap();
        return sheet.read(rect, (c) => (c === undefined ? '' : String(c.value)));
      case 'valueTypes':
        cap();
        return sheet.read(rect, (c) => {
          const v = c?.value ?? '';
          if (v === '') return 'Empty';
          if (typeof v === 'number') return 'Double';
          if (typeof v === 'boolean') return 'Boolean';
          return isErrorValue(c) ? 'Error' : 'String';
        });
      case 'hyperlink': {
        const c = sheet.cell(rect.r0, rect.c0);
        return c?.hyperlink ?? null;
      }
      default:
        throw new FakeRichApiError('InvalidArgument', `Unknown property range.${prop}`);
    }
  }

  protected get scalarProps(): string[] {
    return ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values', 'formulas', 'numberFormat', 'text'];
  }

  protected override child(name: string): ClientObject<unknown> | undefined {
    return name === 'format' ? (this.format as ClientObject<unknown>) : undefined;
  }

  get address(): string {
    return this.read('address');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get text(): string[][] {
    return this.read('text');
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }

  get values(): FakeScalar[][] {
    return this.read('values');
  }
  set values(input: FakeInput[][]) {
    this.write('values', input, ({ sheet, rect }) =>
      eachInput(rect, input, 'values', (r, c, v) => {
        if (v === null || v === undefined) return; // null input is ignored
        const cell = sheet.ensure(r, c);
        forgetInput(cell);
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') putInput(cell, v);
        else throw new FakeRichApiError('InvalidArgument', `Invalid cell value: ${JSON.stringify(v)}`);
      }),
    );
  }

  get formulas(): FakeScalar[][] {
    return this.read('formulas');
  }
  set formulas(input: FakeInput[][]) {
    this.write('formulas', input, ({ sheet, rect }) =>
      eachInput(rect, input, 'formulas', (r, c, v) => {
        if (v === null || v === undefined) return;
        const cell = sheet.ensure(r, c);
        forgetInput(cell);
        if (typeof v === 'string' && v.startsWith('=')) Object.assign(cell, { value: '#NAME?', formula: v });
        else putInput(cell, v as FakeScalar);
      }),
    );
  }

  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set numberFormat(input: (string | null)[][]) {
    this.write('numberFormat', input, ({ sheet, rect }) =>
      eachInput(rect, input, 'numberFormat', (r, c, v) => {
        if (v === null || v === undefined) return;
        if (typeof v !== 'string') throw new FakeRichApiError('InvalidArgument', `Invalid number format: ${JSON.stringify(v)}`);
        sheet.ensure(r, c).numberFormat = v === '' ? undefined : v;
      }),
    );
  }

  get hyperlink(): FakeHyperlink | null {
    return this.read('hyperlink');
  }
  set hyperlink(link: FakeHyperlink | null) {
    this.write('hyperlink', link, ({ sheet, rect }) => {
      const cell = sheet.ensure(rect.r0, rect.c0);
      if (!link) {
        delete cell.hyperlink;
        return;
      }
      cell.hyperlink = { ...link };
      if (link.textToDisplay !== undefined) {
        delete cell.formula;
        cell.value = link.textToDisplay;
      } else if (cell.value === '') cell.value = link.address ?? link.documentReference ?? '';
    });
  }

  private formatProxy: RangeFormatProxy | undefined;
  get format(): RangeFormatProxy {
    return (this.formatProxy ??= new RangeFormatProxy(this.context, `${this.path}.format`, () => this.resolveOrNull()));
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks' = 'All'): void {
    this.call('clear', [applyTo], ({ sheet, rect }) => {
      const whole = rect.rows === MAX_ROWS && rect.cols === MAX_COLUMNS;
      if (applyTo === 'All') {
        if (whole) sheet.cells.clear();
        else sheet.remove(rect);
        return;
      }
      sheet.each(rect, (cell) => {
        if (applyTo === 'Contents') {
          cell.value = '';
          forgetInput(cell);
        }
        if (applyTo === 'Formats') {
          delete cell.numberFormat;
          delete cell.bold;
          delete cell.fill;
        }
        if (applyTo === 'Hyperlinks' || applyTo === 'RemoveHyperlinks') delete cell.hyperlink;
      });
    });
  }

  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getCell(${row},${column})`, () => {
      const t = this.resolveOrNull();
      return t && { sheet: t.sheet, rect: { r0: t.rect.r0 + row, c0: t.rect.c0 + column, rows: 1, cols: 1 } };
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getResizedRange(${deltaRows},${deltaColumns})`, () => {
      const t = this.resolveOrNull();
      return t && { sheet: t.sheet, rect: { ...t.rect, rows: t.rect.rows + deltaRows, cols: t.rect.cols + deltaColumns } };
    });
  }

  select(): void {
    this.call('select', [], ({ sheet }) => (this.context.host.model.active = sheet));
  }
}
