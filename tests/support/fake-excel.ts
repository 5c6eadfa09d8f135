// A small in-memory Excel host that keeps Office.js's rules, for tests in Node
// and in the browser (no Node imports: the task pane's Playwright tests inject it
// in place of Office.js with `new FakeExcel(...).install(window)`).
//
// Rules kept (each where it is kept):
// - proxy objects: methods and property writes only queue commands; nothing
//   happens until context.sync(), which runs the queue in order; a property
//   cannot be read before load() and a sync (PropertyNotLoaded), and what a load
//   returns is a snapshot taken at its place in the queue; *OrNullObject proxies
//   tell isNullObject only after a sync (fake-excel-client-object.ts);
// - every sync's request and response are measured in UTF-8 bytes; over the limit
//   (default 5 MB, as Excel on the web) the sync fails with
//   RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded; a command
//   that fails stops the batch, commands before it stay applied; APIs newer than
//   `apiVersion` fail with ApiNotFound at sync (fake-excel-context.ts);
// - values, formulas and number formats are 2D arrays the size of the range, or
//   one value for the whole range (fake-excel-range.ts);
// - a written string is read as Excel reads typed input (fake-grid.ts, the cell
//   grid this host shares with the fake WPS ET host of fake-et.ts).
// Counted per sync (SyncRecord): request and response bytes, commands, and whether
// calculation and screen updating were suspended.
//
// The other files: fake-excel-model.ts (sheets and workbook as data),
// fake-excel-workbook.ts (workbook, application, worksheets),
// fake-excel-range-format.ts, fake-excel-sheet-parts.ts (freeze panes, print
// settings, custom properties), fake-excel-names-charts.ts.

import { FakeRequestContext, versionAtLeast, type SyncRecord } from './fake-excel-context.js';
import { FakeWorkbook, type FakeSheet } from './fake-excel-model.js';
import type { FakeInput } from './fake-grid.js';

export interface FakeExcelOptions {
  /** Largest request a sync accepts, in UTF-8 bytes of its JSON (default 5 MB). */
  requestLimitBytes?: number;
  /** Largest response a sync may return (default 5 MB). */
  responseLimitBytes?: number;
  /** Highest ExcelApi requirement set the host supports (default "1.17"). */
  apiVersion?: string;
}

const MB5 = 5 * 1024 * 1024;

export class FakeExcel {
  readonly model = new FakeWorkbook();
  readonly syncs: SyncRecord[] = [];
  requestLimitBytes: number;
  responseLimitBytes: number;
  apiVersion: string;

  constructor(options: FakeExcelOptions = {}) {
    this.requestLimitBytes = options.requestLimitBytes ?? MB5;
    this.responseLimitBytes = options.responseLimitBytes ?? MB5;
    this.apiVersion = options.apiVersion ?? '1.17';
  }

  /** Adds a sheet with values, its first value at Excel row `row` (1-based) and 0-based `column`. Not a sync. */
  addSheet(name: string, rows: FakeInput[][] = [], at: { row?: number; column?: number } = {}): FakeSheet {
    const sheet = this.model.add(name);
    sheet.seed(rows, (at.row ?? 1) - 1, at.column ?? 0);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.model.find(name);
  }

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  /** A new request context, as Excel.run hands one to its callback. */
  requestContext(): FakeRequestContext {
    return new FakeRequestContext(this);
  }

  /** Excel.run: runs the batch function with a new context, then a final sync. */
  async run<T>(batch: (context: FakeRequestContext) => Promise<T> | T): Promise<T> {
    const context = this.requestContext();
    const result = await batch(context);
    await context.sync();
    return result;
  }

  isSetSupported(name: string, minVersion = '1.1'): boolean {
    if (name === 'ExcelApi') return versionAtLeast(this.apiVersion, minVersion);
    if (name === 'CustomFunctionsRuntime') return versionAtLeast('1.4', minVersion);
    return false;
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  get maxRequestBytes(): number {
    return this.syncs.reduce((m, s) => Math.max(m, s.requestBytes), 0);
  }

  get maxResponseBytes(): number {
    return this.syncs.reduce((m, s) => Math.max(m, s.responseBytes), 0);
  }

  resetStats(): void {
    this.syncs.length = 0;
  }

  /** Stand-ins for the Excel and Office globals (enough for the task pane). */
  globals(): { Excel: Record<string, unknown>; Office: Record<string, unknown> } {
    const requirements = { isSetSupported: (name: string, v?: string) => this.isSetSupported(name, v) };
    return {
      Excel: {
        run: <T>(batch: (context: FakeRequestContext) => Promise<T>) => this.run(batch),
        ChartType: { columnClustered: 'ColumnClustered' },
        ChartSeriesBy: { columns: 'Columns', rows: 'Rows', auto: 'Auto' },
        ErrorCodes: { itemNotFound: 'ItemNotFound', itemAlreadyExists: 'ItemAlreadyExists' },
      },
      Office: {
        HostType: { Excel: 'Excel' },
        PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline' },
        context: { requirements, displayLanguage: 'zh-CN', diagnostics: { version: 'fake', platform: 'PC' } },
        onReady: (cb?: (info: { host: string; platform: string }) => void) => {
          const info = { host: 'Excel', platform: 'PC' };
          cb?.(info);
          return Promise.resolve(info);
        },
      },
    };
  }

  /** Puts Excel and Office on `target` (window in a browser test); returns a function that removes them. */
  install(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): () => void {
    const before = { Excel: target.Excel, Office: target.Office };
    Object.assign(target, this.globals());
    return () => Object.assign(target, before);
  }
}
