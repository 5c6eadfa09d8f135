// The fake Excel's range format proxies: column width (row height, wrapping and
// alignment are accepted and not kept), the font's bold and the fill colour, read
// back as Office reads them (one value when every cell shares it, else null).

import { ClientObject } from './fake-excel-client-object.js';
import type { RangeTarget } from './fake-excel-range.js';
import type { FakeCell } from './fake-grid.js';
import { FakeRichApiError } from './fake-rich-api-error.js';

export class RangeFormatProxy extends ClientObject<RangeTarget> {
  protected readProp(t: RangeTarget, prop: string): unknown {
    const { sheet, rect } = t;
    switch (prop) {
      case 'columnWidth': {
        const widths = new Set<number>();
        for (let c = 0; c < Math.min(rect.cols, 256); c++) widths.add(sheet.columnWidths.get(rect.c0 + c) ?? 48);
        return widths.size === 1 ? [...widths][0] : null;
      }
      case 'rowHeight':
        return 15;
      case 'wrapText':
        return false;
      case 'horizontalAlignment':
        return 'General';
      default:
        throw new FakeRichApiError('InvalidArgument', `Unknown property format.${prop}`);
    }
  }

  protected get scalarProps(): string[] {
    return ['columnWidth', 'rowHeight', 'wrapText', 'horizontalAlignment'];
  }

  protected override child(name: string): ClientObject<unknown> | undefined {
    if (name === 'font') return this.font as ClientObject<unknown>;
    if (name === 'fill') return this.fill as ClientObject<unknown>;
    return undefined;
  }

  get columnWidth(): number {
    return this.read('columnWidth');
  }
  set columnWidth(points: number) {
    this.write('columnWidth', points, ({ sheet, rect }) => {
      if (!(points >= 0)) throw new FakeRichApiError('InvalidArgument', `Invalid column width: ${points}`);
      sheet.setColumnWidth(rect, points);
    });
  }
  set rowHeight(points: number) {
    this.write('rowHeight', points, () => undefined);
  }
  set wrapText(v: boolean) {
    this.write('wrapText', v, () => undefined);
  }
  set horizontalAlignment(v: string) {
    this.write('horizontalAlignment', v, () => undefined);
  }

  autofitColumns(): void {
    this.call('autofitColumns', [], () => undefined);
  }

  private fontProxy: RangeFontProxy | undefined;
  private fillProxy: RangeFillProxy | undefined;
  get font(): RangeFontProxy {
    return (this.fontProxy ??= new RangeFontProxy(this.context, `${this.path}.font`, () => this.resolveOrNull()));
  }

  get fill(): RangeFillProxy {
    return (this.fillProxy ??= new RangeFillProxy(this.context, `${this.path}.fill`, () => this.resolveOrNull()));
  }
}

/** The one value all cells of the range share, or null when they differ (as Office reports). */
function uniform<V>(t: RangeTarget, f: (c: FakeCell | undefined) => V): V | null {
  let first: V | undefined;
  let set = false;
  const rows = Math.min(t.rect.rows, 10000);
  const cols = Math.min(t.rect.cols, 256);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = f(t.sheet.cell(t.rect.r0 + r, t.rect.c0 + c));
      if (!set) [first, set] = [v, true];
      else if (v !== first) return null;
    }
  }
  return first ?? null;
}

class RangeFontProxy extends ClientObject<RangeTarget> {
  protected readProp(t: RangeTarget, prop: string): unknown {
    if (prop === 'bold') return uniform(t, (c) => c?.bold ?? false);
    if (prop === 'color') return '#000000';
    if (prop === 'name') return 'Calibri';
    if (prop === 'size') return 11;
    throw new FakeRichApiError('InvalidArgument', `Unknown property font.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['bold', 'color', 'name', 'size'];
  }

  get bold(): boolean {
    return this.read('bold');
  }
  set bold(v: boolean) {
    this.write('bold', v, ({ sheet, rect }) => {
      sheet.every(rect, (cell) => (cell.bold = v));
    });
  }
  set color(v: string) {
    this.write('color', v, () => undefined);
  }
  set italic(v: boolean) {
    this.write('italic', v, () => undefined);
  }
}

class RangeFillProxy extends ClientObject<RangeTarget> {
  protected readProp(t: RangeTarget, prop: string): unknown {
    if (prop === 'color') return uniform(t, (c) => c?.fill ?? '#FFFFFF');
    throw new FakeRichApiError('InvalidArgument', `Unknown property fill.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['color'];
  }

  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.write('color', v, ({ sheet, rect }) => {
      if (!/^#[0-9a-f]{6}$/i.test(v) && !/^[a-z]+$/i.test(v)) throw new FakeRichApiError('InvalidArgument', `Invalid color: ${v}`);
      sheet.every(rect, (cell) => (cell.fill = v.toUpperCase()));
    });
  }

  clear(): void {
    this.call('clear', [], ({ sheet, rect }) => sheet.each(rect, (cell) => delete cell.fill));
  }
}
