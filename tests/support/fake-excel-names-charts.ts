// The fake Excel's worksheet names (Worksheet.names, ExcelApi 1.4; read back as
// a formula "=Sheet!A1:C3") and charts (add, name, title, category names, position).

import { ClientObject, CollectionObject } from './fake-excel-client-object.js';
import type { FakeChart, FakeNamedItem, FakeSheet } from './fake-excel-model.js';
import type { RangeProxy } from './fake-excel-range.js';
import { rectAddress } from './fake-grid.js';
import { FakeRichApiError, notLoaded } from './fake-rich-api-error.js';

class NamedItemProxy extends ClientObject<{ sheet: FakeSheet; item: FakeNamedItem }> {
  protected readProp(t: { sheet: FakeSheet; item: FakeNamedItem }, prop: string): unknown {
    switch (prop) {
      case 'name':
        return t.item.name;
      case 'formula':
        return t.item.formula;
      case 'visible':
        return t.item.visible;
      case 'comment':
        return t.item.comment;
      case 'scope':
        return 'Worksheet';
      default:
        throw new FakeRichApiError('InvalidArgument', `Unknown property namedItem.${prop}`);
    }
  }

  protected get scalarProps(): string[] {
    return ['name', 'formula', 'visible', 'comment', 'scope'];
  }

  get name(): string {
    return this.read('name');
  }
  get formula(): string {
    return this.read('formula');
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.write('visible', v, (t) => (t.item.visible = v));
  }

  delete(): void {
    this.call('delete', [], (t) => t.sheet.names.delete(t.item.name.toLowerCase()));
  }
}

export class NamesProxy extends ClientObject<FakeSheet> {
  protected readProp(): unknown {
    throw new FakeRichApiError('InvalidArgument', 'names has no loadable scalar properties');
  }

  protected get scalarProps(): string[] {
    return [];
  }

  add(name: string, reference: string | RangeProxy, comment = ''): NamedItemProxy {
    let created: FakeNamedItem | null = null;
    this.call('add', [name, typeof reference === 'string' ? reference : '(range)', comment], (sheet) => {
      this.context.requireApi('1.4', 'Worksheet.names.add');
      if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || /^[A-Z]{1,3}\d+$/i.test(name))
        throw new FakeRichApiError('InvalidArgument', `Invalid name: ${name}`);
      if (sheet.names.has(name.toLowerCase())) throw new FakeRichApiError('ItemAlreadyExists', `The name '${name}' already exists.`);
      let formula: string;
      if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
      else {
        const r = reference.target();
        formula = `=${rectAddress(r.sheet.name, r.rect)}`;
      }
      created = { name, formula, visible: true, comment };
      sheet.names.set(name.toLowerCase(), created);
    });
    return new NamedItemProxy(this.context, `${this.path}.add(${JSON.stringify(name)})`, () => {
      const sheet = this.target();
      return created ? { sheet, item: created } : null;
    });
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(
      this.context,
      `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`,
      () => {
        this.context.requireApi('1.4', 'Worksheet.names');
        const sheet = this.target();
        const item = sheet.names.get(name.toLowerCase());
        return item ? { sheet, item } : null;
      },
      true,
    );
  }
}

class ChartProxy extends ClientObject<{ sheet: FakeSheet; chart: FakeChart }> {
  protected readProp(t: { sheet: FakeSheet; chart: FakeChart }, prop: string): unknown {
    if (prop === 'name') return t.chart.name;
    if (prop === 'chartType') return t.chart.type;
    throw new FakeRichApiError('InvalidArgument', `Unknown property chart.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['name', 'chartType'];
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.write('name', v, (t) => (t.chart.name = v));
  }

  get title(): { text: string } {
    const write = (text: string) => this.write('title.text', text, (t) => (t.chart.title = text));
    return {
      get text(): string {
        throw notLoaded('title/text');
      },
      set text(v: string) {
        write(v);
      },
    };
  }

  get axes(): { categoryAxis: { setCategoryNames(range: RangeProxy): void } } {
    const call = (range: RangeProxy) =>
      this.call('axes.categoryAxis.setCategoryNames', ['(range)'], (t) => {
        this.context.requireApi('1.7', 'ChartAxis.setCategoryNames');
        const r = range.target();
        t.chart.categoryNames = rectAddress(r.sheet.name, r.rect);
      });
    return { categoryAxis: { setCategoryNames: call } };
  }

  setPosition(startCell: string | RangeProxy, endCell?: string | RangeProxy): void {
    const addr = (x: string | RangeProxy | undefined) =>
      x === undefined || typeof x === 'string' ? x : rectAddress(x.target().sheet.name, x.target().rect);
    this.call('setPosition', [typeof startCell === 'string' ? startCell : '(range)', typeof endCell === 'string' ? endCell : null], (t) => {
      const start = addr(startCell)!;
      const end = addr(endCell);
      t.chart.position = end === undefined ? { start } : { start, end };
    });
  }

  delete(): void {
    this.call('delete', [], (t) => t.sheet.charts.splice(t.sheet.charts.indexOf(t.chart), 1));
  }
}

export class ChartsProxy extends CollectionObject<FakeSheet, ChartProxy> {
  protected readProp(t: FakeSheet, prop: string): unknown {
    if (prop === 'count') return t.charts.length;
    throw new FakeRichApiError('InvalidArgument', `Unknown property charts.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['items'];
  }

  protected members(t: FakeSheet): ChartProxy[] {
    return t.charts.map(
      (chart) => new ChartProxy(this.context, `${this.path}(${JSON.stringify(chart.name)})`, () => ({ sheet: t, chart })),
    );
  }

  add(type: string, sourceData: RangeProxy, seriesBy = 'Auto'): ChartProxy {
    let created: FakeChart | null = null;
    this.call('add', [type, '(range)', seriesBy], (sheet) => {
      const r = sourceData.target();
      let i = sheet.charts.length + 1;
      while (sheet.charts.some((c) => c.name === `Chart ${i}`)) i++;
      created = { name: `Chart ${i}`, type, source: rectAddress(r.sheet.name, r.rect), seriesBy, title: '' };
      sheet.charts.push(created);
    });
    return new ChartProxy(this.context, `${this.path}.add(${JSON.stringify(type)})`, () => {
      const sheet = this.target();
      return created ? { sheet, chart: created } : null;
    });
  }

  getItem(name: string): ChartProxy {
    return new ChartProxy(this.context, `${this.path}.getItem(${JSON.stringify(name)})`, () => {
      const sheet = this.target();
      const chart = sheet.charts.find((c) => c.name === name);
      if (!chart) throw new FakeRichApiError('ItemNotFound', `Chart '${name}' not found.`);
      return { sheet, chart };
    });
  }
}
