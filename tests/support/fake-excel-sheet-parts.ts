// The fake Excel's worksheet parts other than ranges, names and charts: freeze
// panes, print settings (pageLayout and its centre footer, ExcelApi 1.9) and the
// worksheet's custom properties (ExcelApi 1.12; keys compare case-insensitively).

import { ClientObject, CollectionObject } from './fake-excel-client-object.js';
import type { FakeSheet } from './fake-excel-model.js';
import { FakeRichApiError } from './fake-rich-api-error.js';

export class FreezePanesProxy extends ClientObject<FakeSheet> {
  protected readProp(): unknown {
    throw new FakeRichApiError('InvalidArgument', 'freezePanes has no loadable properties');
  }

  protected get scalarProps(): string[] {
    return [];
  }

  freezeRows(count = 1): void {
    this.call('freezeRows', [count], (t) => {
      this.context.requireApi('1.7', 'WorksheetFreezePanes.freezeRows');
      t.freeze = { rows: count, columns: 0 };
    });
  }

  freezeColumns(count = 1): void {
    this.call('freezeColumns', [count], (t) => {
      this.context.requireApi('1.7', 'WorksheetFreezePanes.freezeColumns');
      t.freeze = { rows: 0, columns: count };
    });
  }

  unfreeze(): void {
    this.call('unfreeze', [], (t) => {
      this.context.requireApi('1.7', 'WorksheetFreezePanes.unfreeze');
      t.freeze = { rows: 0, columns: 0 };
    });
  }
}

const ORIENTATIONS = ['Portrait', 'Landscape'];
const PAPER_SIZES = ['Letter', 'Legal', 'A3', 'A4', 'A5', 'B4', 'B5'];

/** Worksheet.pageLayout: the print settings this add-in sets (ExcelApi 1.9). */
export class PageLayoutProxy extends ClientObject<FakeSheet> {
  private footers: HeaderFooterGroupProxy | undefined;

  protected readProp(t: FakeSheet, prop: string): unknown {
    this.context.requireApi('1.9', 'Worksheet.pageLayout');
    if (prop === 'orientation') return t.pageLayout.orientation;
    if (prop === 'paperSize') return t.pageLayout.paperSize;
    if (prop === 'zoom') return t.pageLayout.zoom;
    throw new FakeRichApiError('InvalidArgument', `Unknown property pageLayout.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['orientation', 'paperSize', 'zoom'];
  }

  get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } {
    return this.read('zoom');
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.write('zoom', v, (t) => {
      this.context.requireApi('1.9', 'PageLayout.zoom');
      if (v.scale !== undefined && (v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined))
        throw new FakeRichApiError('InvalidArgument', 'zoom: a scale or pages to fit, not both.');
      t.pageLayout.zoom = { ...v };
    });
  }

  get orientation(): string {
    return this.read('orientation');
  }
  set orientation(v: string) {
    this.write('orientation', v, (t) => {
      this.context.requireApi('1.9', 'PageLayout.orientation');
      if (!ORIENTATIONS.includes(v)) throw new FakeRichApiError('InvalidArgument', `Invalid orientation '${v}'.`);
      t.pageLayout.orientation = v;
    });
  }

  get paperSize(): string {
    return this.read('paperSize');
  }
  set paperSize(v: string) {
    this.write('paperSize', v, (t) => {
      this.context.requireApi('1.9', 'PageLayout.paperSize');
      if (!PAPER_SIZES.includes(v)) throw new FakeRichApiError('InvalidArgument', `Invalid paper size '${v}'.`);
      t.pageLayout.paperSize = v;
    });
  }

  setPrintTitleRows(rows: string): void {
    this.call('setPrintTitleRows', [rows], (t) => {
      this.context.requireApi('1.9', 'PageLayout.setPrintTitleRows');
      if (!/^\$?\d+:\$?\d+$/.test(rows)) throw new FakeRichApiError('InvalidArgument', `Invalid print title rows '${rows}'.`);
      t.pageLayout.printTitleRows = rows;
    });
  }

  get headersFooters(): HeaderFooterGroupProxy {
    return (this.footers ??= new HeaderFooterGroupProxy(this.context, `${this.path}.headersFooters`, () => this.resolveOrNull()));
  }
}

class HeaderFooterGroupProxy extends ClientObject<FakeSheet> {
  private all: HeaderFooterProxy | undefined;

  protected readProp(_t: FakeSheet, prop: string): unknown {
    throw new FakeRichApiError('InvalidArgument', `Unknown property headersFooters.${prop}`);
  }

  protected get scalarProps(): string[] {
    return [];
  }

  get defaultForAllPages(): HeaderFooterProxy {
    return (this.all ??= new HeaderFooterProxy(this.context, `${this.path}.defaultForAllPages`, () => this.resolveOrNull()));
  }
}

class HeaderFooterProxy extends ClientObject<FakeSheet> {
  protected readProp(t: FakeSheet, prop: string): unknown {
    if (prop === 'centerFooter') return t.pageLayout.centerFooter;
    throw new FakeRichApiError('InvalidArgument', `Unknown property headerFooter.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['centerFooter'];
  }

  get centerFooter(): string {
    return this.read('centerFooter');
  }
  set centerFooter(v: string) {
    this.write('centerFooter', v, (t) => {
      this.context.requireApi('1.9', 'HeaderFooter.centerFooter');
      t.pageLayout.centerFooter = v;
    });
  }
}

class CustomPropertyProxy extends ClientObject<{ sheet: FakeSheet; key: string }> {
  protected readProp(t: { sheet: FakeSheet; key: string }, prop: string): unknown {
    const p = t.sheet.customProperties.get(t.key.toLowerCase())!;
    if (prop === 'key') return p.key;
    if (prop === 'value') return p.value;
    throw new FakeRichApiError('InvalidArgument', `Unknown property customProperty.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['key', 'value'];
  }

  get key(): string {
    return this.read('key');
  }
  get value(): string {
    return this.read('value');
  }
  set value(v: string) {
    this.write('value', v, (t) => (t.sheet.customProperties.get(t.key.toLowerCase())!.value = v));
  }

  delete(): void {
    this.call('delete', [], (t) => t.sheet.customProperties.delete(t.key.toLowerCase()));
  }
}

export class CustomPropertiesProxy extends CollectionObject<FakeSheet, CustomPropertyProxy> {
  protected readProp(): unknown {
    throw new FakeRichApiError('InvalidArgument', 'load items of customProperties');
  }

  protected get scalarProps(): string[] {
    return ['items'];
  }

  private sheetWithApi(): FakeSheet {
    this.context.requireApi('1.12', 'Worksheet.customProperties');
    return this.target();
  }

  protected override loadProp(t: FakeSheet, prop: string, snapshot: Map<string, unknown>): void {
    this.context.requireApi('1.12', 'Worksheet.customProperties');
    super.loadProp(t, prop, snapshot);
  }

  protected members(t: FakeSheet): CustomPropertyProxy[] {
    return [...t.customProperties.values()].map(
      (p) => new CustomPropertyProxy(this.context, `${this.path}(${JSON.stringify(p.key)})`, () => ({ sheet: t, key: p.key })),
    );
  }

  add(key: string, value: string): CustomPropertyProxy {
    this.call('add', [key, value], () => {
      const sheet = this.sheetWithApi();
      if (!key || key.length > 255) throw new FakeRichApiError('InvalidArgument', `Invalid custom property key: ${key}`);
      const existing = sheet.customProperties.get(key.toLowerCase());
      if (existing) existing.value = value;
      else sheet.customProperties.set(key.toLowerCase(), { key, value });
    });
    return this.getItem(key);
  }

  getItem(key: string): CustomPropertyProxy {
    return new CustomPropertyProxy(this.context, `${this.path}.getItem(${JSON.stringify(key)})`, () => {
      const sheet = this.sheetWithApi();
      if (!sheet.customProperties.has(key.toLowerCase())) throw new FakeRichApiError('ItemNotFound', `Custom property '${key}' not found.`);
      return { sheet, key };
    });
  }

  getItemOrNullObject(key: string): CustomPropertyProxy {
    return new CustomPropertyProxy(
      this.context,
      `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`,
      () => {
        const sheet = this.sheetWithApi();
        return sheet.customProperties.has(key.toLowerCase()) ? { sheet, key } : null;
      },
      true,
    );
  }
}
