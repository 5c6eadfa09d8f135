// The fake Excel's workbook-level proxies: context.workbook, its application
// (calculation and screen updating suspended until the next sync), the worksheet
// collection and a worksheet (name, visibility, ranges by address or indexes,
// the used range, and the navigation to its freeze panes, custom properties,
// names, charts and print settings).

import { ClientObject, CollectionObject } from './fake-excel-client-object.js';
import type { FakeRequestContext } from './fake-excel-context.js';
import { checkSheetName, type FakeSheet, type FakeWorkbook } from './fake-excel-model.js';
import { RangeProxy } from './fake-excel-range.js';
import { ChartsProxy, NamesProxy } from './fake-excel-names-charts.js';
import { CustomPropertiesProxy, FreezePanesProxy, PageLayoutProxy } from './fake-excel-sheet-parts.js';
import { MAX_COLUMNS, MAX_ROWS, parseAddress, type Rect } from './fake-grid.js';
import { FakeRichApiError } from './fake-rich-api-error.js';

export class WorkbookProxy extends ClientObject<FakeWorkbook> {
  readonly worksheets: WorksheetCollectionProxy;
  readonly application: ApplicationProxy;

  constructor(context: FakeRequestContext) {
    super(context, 'workbook', () => context.host.model);
    this.worksheets = new WorksheetCollectionProxy(context);
    this.application = new ApplicationProxy(context);
  }

  protected readProp(t: FakeWorkbook, prop: string): unknown {
    if (prop === 'name') return 'Book1.xlsx';
    void t;
    throw new FakeRichApiError('InvalidArgument', `Unknown property workbook.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['name'];
  }

  getActiveCell(): RangeProxy {
    return new RangeProxy(this.context, 'workbook.activeCell', () => {
      const s = this.context.host.model.active;
      return s ? { sheet: s, rect: { r0: 0, c0: 0, rows: 1, cols: 1 } } : null;
    });
  }
}

class ApplicationProxy extends ClientObject<FakeWorkbook> {
  constructor(context: FakeRequestContext) {
    super(context, 'application', () => context.host.model);
  }

  protected readProp(_t: FakeWorkbook, prop: string): unknown {
    if (prop === 'calculationMode') return 'Automatic';
    throw new FakeRichApiError('InvalidArgument', `Unknown property application.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['calculationMode'];
  }

  get calculationMode(): string {
    return this.read('calculationMode');
  }

  suspendApiCalculationUntilNextSync(): void {
    this.call('suspendApiCalculationUntilNextSync', [], () => {
      this.context.requireApi('1.6', 'Application.suspendApiCalculationUntilNextSync');
      this.context.suspended.calculation = true;
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.call('suspendScreenUpdatingUntilNextSync', [], () => {
      this.context.requireApi('1.9', 'Application.suspendScreenUpdatingUntilNextSync');
      this.context.suspended.screen = true;
    });
  }
}

class WorksheetCollectionProxy extends CollectionObject<FakeWorkbook, WorksheetProxy> {
  constructor(context: FakeRequestContext) {
    super(context, 'workbook.worksheets', () => context.host.model);
  }

  protected readProp(t: FakeWorkbook, prop: string): unknown {
    if (prop === 'count') return t.sheets.length;
    throw new FakeRichApiError('InvalidArgument', `Unknown property worksheets.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['items'];
  }

  protected members(t: FakeWorkbook): WorksheetProxy[] {
    return t.sheets.map(
      (s) => new WorksheetProxy(this.context, `worksheet(${JSON.stringify(s.id)})`, () => (t.sheets.includes(s) ? s : null)),
    );
  }

  get count(): number {
    return this.read('count');
  }

  add(name?: string): WorksheetProxy {
    let created: FakeSheet | null = null;
    this.call('add', [name ?? null], (wb) => (created = wb.add(name)));
    return new WorksheetProxy(this.context, `worksheets.add(${JSON.stringify(name ?? null)})`, () => {
      if (!created) throw new FakeRichApiError('InvalidObjectPath', 'The worksheet was not added (its batch failed).');
      return this.context.host.model.sheets.includes(created) ? created : null;
    });
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.context, `worksheets.getItem(${JSON.stringify(key)})`, () => {
      const s = this.context.host.model.find(key) ?? this.context.host.model.sheets.find((x) => x.id === key);
      if (!s) throw new FakeRichApiError('ItemNotFound', `The requested resource doesn't exist: worksheet '${key}'.`);
      return s;
    });
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      `worksheets.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.context.host.model.find(key) ?? this.context.host.model.sheets.find((x) => x.id === key) ?? null,
      true,
    );
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, 'worksheets.getActiveWorksheet()', () => this.context.host.model.active ?? null);
  }
}

export class WorksheetProxy extends ClientObject<FakeSheet> {
  constructor(context: FakeRequestContext, path: string, resolver: () => FakeSheet | null, nullable = false) {
    super(context, path, resolver, nullable);
  }

  protected readProp(t: FakeSheet, prop: string): unknown {
    switch (prop) {
      case 'name':
        return t.name;
      case 'id':
        return t.id;
      case 'position':
        return this.context.host.model.sheets.indexOf(t);
      case 'visibility':
        return t.visibility;
      case 'tabColor':
        return t.tabColor;
      default:
        throw new FakeRichApiError('InvalidArgument', `Unknown property worksheet.${prop}`);
    }
  }

  protected get scalarProps(): string[] {
    return ['name', 'id', 'position', 'visibility', 'tabColor'];
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.write('name', v, (t) => {
      checkSheetName(v);
      const other = this.context.host.model.find(v);
      if (other && other !== t) throw new FakeRichApiError('ItemAlreadyExists', `The resource with the name '${v}' already exists.`);
      t.name = v;
    });
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  get visibility(): string {
    return this.read('visibility');
  }
  set visibility(v: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.write('visibility', v, (t) => (t.visibility = v));
  }
  get tabColor(): string {
    return this.read('tabColor');
  }
  set tabColor(v: string) {
    this.write('tabColor', v, (t) => (t.tabColor = v));
  }

  delete(): void {
    this.call('delete', [], (t) => this.context.host.model.remove(t));
  }

  activate(): void {
    this.call('activate', [], (t) => (this.context.host.model.active = t));
  }

  private range(path: string, rect: () => Rect): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.${path}`, () => {
      const sheet = this.resolveOrNull();
      return sheet ? { sheet, rect: rect() } : null;
    });
  }

  getRange(address?: string): RangeProxy {
    if (address === undefined) return this.range('getRange()', () => ({ r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLUMNS }));
    return this.range(`getRange(${JSON.stringify(address)})`, () => parseAddress(address));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      if (
        startRow < 0 ||
        startColumn < 0 ||
        rowCount < 1 ||
        columnCount < 1 ||
        startRow + rowCount > MAX_ROWS ||
        startColumn + columnCount > MAX_COLUMNS
      ) {
        throw new FakeRichApiError(
          'InvalidArgument',
          `The argument is invalid: getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`,
        );
      }
      return { r0: startRow, c0: startColumn, rows: rowCount, cols: columnCount };
    });
  }

  getUsedRange(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getUsedRange(${valuesOnly})`, () => {
      const sheet = this.target();
      return { sheet, rect: sheet.usedRect(valuesOnly) ?? { r0: 0, c0: 0, rows: 1, cols: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.context,
      `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`,
      () => {
        const sheet = this.resolveOrNull();
        const rect = sheet?.usedRect(valuesOnly);
        return sheet && rect ? { sheet, rect } : null;
      },
      true,
    );
  }

  private nav: {
    freezePanes?: FreezePanesProxy;
    customProperties?: CustomPropertiesProxy;
    names?: NamesProxy;
    charts?: ChartsProxy;
    pageLayout?: PageLayoutProxy;
  } = {};

  get pageLayout(): PageLayoutProxy {
    return (this.nav.pageLayout ??= new PageLayoutProxy(this.context, `${this.path}.pageLayout`, () => this.resolveOrNull()));
  }

  get freezePanes(): FreezePanesProxy {
    return (this.nav.freezePanes ??= new FreezePanesProxy(this.context, `${this.path}.freezePanes`, () => this.resolveOrNull()));
  }

  get customProperties(): CustomPropertiesProxy {
    return (this.nav.customProperties ??= new CustomPropertiesProxy(this.context, `${this.path}.customProperties`, () =>
      this.resolveOrNull(),
    ));
  }

  get names(): NamesProxy {
    return (this.nav.names ??= new NamesProxy(this.context, `${this.path}.names`, () => this.resolveOrNull()));
  }

  get charts(): ChartsProxy {
    return (this.nav.charts ??= new ChartsProxy(this.context, `${this.path}.charts`, () => this.resolveOrNull()));
  }

  protected override child(name: string): ClientObject<unknown> | undefined {
    if (name === 'customProperties') return this.customProperties as ClientObject<unknown>;
    if (name === 'charts') return this.charts as ClientObject<unknown>;
    return undefined;
  }
}
