// A small in-memory Excel host that keeps Office.js's rules, for tests in Node
// and in the browser (no Node imports: the task pane's Playwright tests inject it
// in place of Office.js with `new FakeExcel(...).install(window)`).
//
// Rules kept:
// - proxy objects: methods and property writes only queue commands; nothing
//   happens until context.sync(), which runs the queue in order;
// - a property cannot be read before load() and a sync (PropertyNotLoaded), and
//   what a load returns is a snapshot taken at its place in the queue;
// - *OrNullObject proxies tell isNullObject only after a sync;
// - values, formulas and number formats are 2D arrays the size of the range,
//   or one value for the whole range (Office's "single input copy");
// - a written string is read as Excel reads typed input: "=..." (and "+x", "-x",
//   "@x" that are not numbers) becomes a formula, number- and date-like text
//   becomes a number, TRUE/FALSE a boolean; a leading apostrophe or the text
//   format "@" keeps it text (the apostrophe is not part of the value);
// - every sync's request (JSON of the queued commands) and response (JSON of the
//   loaded data) are measured in UTF-8 bytes; over the limit (default 5 MB, as
//   Excel on the web) the sync fails with RequestPayloadSizeLimitExceeded /
//   ResponsePayloadSizeLimitExceeded and nothing of the request is applied;
// - a command that fails stops the batch: commands before it stay applied;
// - requirement sets: APIs newer than `apiVersion` fail with ApiNotFound at sync.
// Counted per sync: request and response bytes, commands, and whether calculation
// and screen updating were suspended.

import { columnIndex, columnLetter } from '../../src/workbook/cells.js';

export type FakeScalar = string | number | boolean;
export type FakeInput = FakeScalar | null | undefined;

export interface FakeExcelOptions {
  /** Largest request a sync accepts, in UTF-8 bytes of its JSON (default 5 MB). */
  requestLimitBytes?: number;
  /** Largest response a sync may return (default 5 MB). */
  responseLimitBytes?: number;
  /** Highest ExcelApi requirement set the host supports (default "1.17"). */
  apiVersion?: string;
}

export interface SyncRecord {
  /** UTF-8 bytes of the JSON of the commands sent. */
  requestBytes: number;
  /** UTF-8 bytes of the JSON of the data loaded. */
  responseBytes: number;
  /** Commands in the request. */
  commands: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** Error code when the sync failed. */
  error?: string;
}

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

export interface FakeChart {
  name: string;
  type: string;
  /** Address of the source data. */
  source: string;
  seriesBy: string;
  title: string;
  categoryNames?: string;
  position?: { start: string; end?: string };
}

export interface FakeNamedItem {
  name: string;
  formula: string;
  visible: boolean;
  comment: string;
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;
const MB5 = 5 * 1024 * 1024;

// ---------------------------------------------------------------- errors

/** Shaped like OfficeExtension.Error (name "RichApi.Error", code, debugInfo). */
export class FakeRichApiError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation };
  }
}

const notLoaded = (prop: string) =>
  new FakeRichApiError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

// ---------------------------------------------------------------- helpers

/** UTF-8 byte length of a string, without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A sheet name as Excel writes it in an address: quoted unless plain letters and digits. */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

interface Rect {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
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

function rectAddress(sheet: string, rect: Rect): string {
  const first = a1(rect.r0, rect.c0);
  const last = a1(rect.r0 + rect.rows - 1, rect.c0 + rect.cols - 1);
  return `${quoteSheetName(sheet)}!${first === last ? first : `${first}:${last}`}`;
}

const versionAtLeast = (have: string, need: string): boolean => {
  const [a = 0, b = 0] = have.split('.').map(Number);
  const [c = 0, d = 0] = need.split('.').map(Number);
  return a > c || (a === c && b >= d);
};

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

/** Excel's error values, typed into a cell or a formula's result. */
const EXCEL_ERRORS =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|BUSY!|CONNECT!|PYTHON!)$/;

/** As in Excel: a formula whose result is #…, or an error typed as such ('#N/A with an apostrophe is text). */
function isErrorValue(c: FakeCell | undefined): boolean {
  const v = c?.value;
  if (typeof v !== 'string' || c?.quotePrefix) return false;
  return c?.formula ? v.startsWith('#') : EXCEL_ERRORS.test(v);
}

// ---------------------------------------------------------------- model

export class FakeSheet {
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  /** Row -> column -> cell, 0-based. */
  readonly cells = new Map<number, Map<number, FakeCell>>();
  readonly columnWidths = new Map<number, number>();
  freeze = { rows: 0, columns: 0 };
  /** Keys compare case-insensitively, as in Excel. */
  readonly customProperties = new Map<string, { key: string; value: string }>();
  readonly names = new Map<string, FakeNamedItem>();
  readonly charts: FakeChart[] = [];
  tabColor = '';
  /** Print settings (Worksheet.pageLayout, ExcelApi 1.9). */
  readonly pageLayout: { orientation: string; paperSize: string; printTitleRows: string; centerFooter: string } = {
    orientation: 'Portrait',
    paperSize: 'Letter',
    printTitleRows: '',
    centerFooter: '',
  };

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(r)?.get(c);
  }

  ensure(r: number, c: number): FakeCell {
    let row = this.cells.get(r);
    if (!row) this.cells.set(r, (row = new Map()));
    let cell = row.get(c);
    if (!cell) row.set(c, (cell = { value: '' }));
    return cell;
  }

  /** A cell by A1 address, for assertions. */
  at(address: string): FakeCell | undefined {
    const { r0, c0 } = parseAddress(address);
    return this.cell(r0, c0);
  }

  /** Bounds of the used range: cells with a value (valuesOnly) or with anything set. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [r, row] of this.cells) {
      for (const [c, cell] of row) {
        const used =
          cell.value !== '' ||
          cell.formula !== undefined ||
          (!valuesOnly && (cell.numberFormat || cell.bold || cell.fill || cell.hyperlink));
        if (!used) continue;
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    }
    return r1 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  /** The values of the used range (valuesOnly) with its Excel row number and 0-based first column. */
  usedValues(): { firstRow: number; firstColumn: number; values: FakeScalar[][] } {
    const rect = this.usedRect(true);
    if (!rect) return { firstRow: 1, firstColumn: 0, values: [] };
    return { firstRow: rect.r0 + 1, firstColumn: rect.c0, values: this.read(rect, (c) => c?.value ?? '') };
  }

  read<T>(rect: Rect, f: (cell: FakeCell | undefined) => T): T[][] {
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
  each(rect: Rect, f: (cell: FakeCell, r: number, c: number) => void): void {
    for (const [r, row] of this.cells) {
      if (r < rect.r0 || r >= rect.r0 + rect.rows) continue;
      for (const [c, cell] of row) if (c >= rect.c0 && c < rect.c0 + rect.cols) f(cell, r, c);
    }
  }
}

const SHEET_NAME_BAD = /[:\\/?*[\]]/;

class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet | undefined;
  private nextId = 1;

  find(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  add(name?: string): FakeSheet {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.find(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    checkSheetName(n);
    if (this.find(n)) throw new FakeRichApiError('ItemAlreadyExists', `The resource with the name or ID '${n}' already exists.`);
    const sheet = new FakeSheet(`{${String(this.nextId++).padStart(8, '0')}}`, n);
    this.sheets.push(sheet);
    this.active ??= sheet;
    return sheet;
  }

  remove(sheet: FakeSheet): void {
    if (this.sheets.filter((s) => s.visibility === 'Visible').length <= 1 && sheet.visibility === 'Visible') {
      throw new FakeRichApiError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.active === sheet) this.active = this.sheets[0];
  }
}

function checkSheetName(n: string): void {
  if (n.length === 0 || n.length > 31 || SHEET_NAME_BAD.test(n) || n.startsWith("'") || n.endsWith("'")) {
    throw new FakeRichApiError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: sheet name '${n}'`);
  }
}

// ---------------------------------------------------------------- request context

interface Command {
  json: unknown;
  run: () => void;
}

interface PendingLoad {
  apply: () => void;
}

export class FakeRequestContext {
  readonly workbook: WorkbookProxy;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  private queue: Command[] = [];
  /** Loaded data of the running sync, applied to proxies when the sync succeeds. */
  private loads: PendingLoad[] = [];
  private responseBytes = 0;
  /** Set by application calls inside the running sync. */
  suspended = { calculation: false, screen: false };

  constructor(readonly host: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
  }

  /** @internal Queues a command; `json` is what is measured. */
  enqueue(json: unknown, run: () => void): void {
    this.queue.push({ json, run });
  }

  /** @internal Records loaded data (measured), applied after a successful sync. */
  loaded(data: unknown, apply: () => void): void {
    this.responseBytes += utf8Length(JSON.stringify(data) ?? '');
    this.loads.push({ apply });
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.loads = [];
    this.responseBytes = 0;
    this.suspended = { calculation: false, screen: false };
    const requestBytes = utf8Length(JSON.stringify(queue.map((c) => c.json)));
    const record: SyncRecord = {
      requestBytes,
      responseBytes: 0,
      commands: queue.length,
      suspendedCalculation: false,
      suspendedScreenUpdating: false,
    };
    this.host.syncs.push(record);
    await Promise.resolve();
    if (requestBytes > this.host.requestLimitBytes) {
      record.error = 'RequestPayloadSizeLimitExceeded';
      throw new FakeRichApiError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size has exceeded the limit (${requestBytes} > ${this.host.requestLimitBytes} bytes).`,
      );
    }
    try {
      for (const c of queue) c.run();
    } catch (e) {
      record.error = e instanceof FakeRichApiError ? e.code : 'GeneralException';
      throw e;
    } finally {
      record.suspendedCalculation = this.suspended.calculation;
      record.suspendedScreenUpdating = this.suspended.screen;
    }
    record.responseBytes = this.responseBytes;
    if (this.responseBytes > this.host.responseLimitBytes) {
      record.error = 'ResponsePayloadSizeLimitExceeded';
      throw new FakeRichApiError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size has exceeded the limit (${this.responseBytes} bytes).`,
      );
    }
    for (const l of this.loads) l.apply();
  }

  /** @internal Throws ApiNotFound when the host's ExcelApi version is below `version`. */
  requireApi(version: string, what: string): void {
    if (!versionAtLeast(this.host.apiVersion, version)) {
      throw new FakeRichApiError(
        'ApiNotFound',
        `The requested API ${what} (ExcelApi ${version}) is not supported by this host (ExcelApi ${this.host.apiVersion}).`,
      );
    }
  }
}

// ---------------------------------------------------------------- proxies

type LoadSpec = string | string[] | { select?: string; expand?: string } | Record<string, unknown> | undefined;

function loadList(spec: LoadSpec): string[] {
  if (spec === undefined) return ['*'];
  if (typeof spec === 'string')
    return spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadList(s));
  if (typeof spec.select === 'string') return loadList(spec.select);
  return Object.entries(spec)
    .filter(([, v]) => v)
    .map(([k]) => k);
}

/** Base of every proxy: a path (for request JSON), a resolver run at sync time, loaded data. */
abstract class ClientObject<T> {
  protected readonly data = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    protected readonly path: string,
    private readonly resolver: () => T | null,
    nullable = false,
  ) {
    if (nullable) {
      // Office resolves *OrNullObject proxies at their place in the batch.
      context.enqueue({ o: 'get', p: path }, () => {
        const isNull = this.resolveOrNull() === null;
        context.loaded({ p: path, isNull }, () => (this.nullState = isNull));
      });
    }
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  /** @internal The model object, or null for a null object. */
  resolveOrNull(): T | null {
    return this.resolver();
  }

  /** @internal The model object; a null object cannot be acted on. */
  target(): T {
    const t = this.resolver();
    if (t === null)
      throw new FakeRichApiError(
        'InvalidObjectPath',
        `The object path '${this.path}' isn't working for what you're trying to do (null object).`,
      );
    return t;
  }

  protected abstract readProp(t: T, prop: string): unknown;
  protected abstract get scalarProps(): string[];

  load(spec?: LoadSpec): this {
    const props = loadList(spec);
    this.context.enqueue({ o: 'load', p: this.path, l: props }, () => {
      const t = this.resolveOrNull();
      if (t === null) {
        this.context.loaded({ p: this.path, isNull: true }, () => (this.nullState = true));
        return;
      }
      const snapshot = new Map<string, unknown>();
      for (const prop of props) this.loadProp(t, prop, snapshot);
      this.context.loaded({ p: this.path, d: Object.fromEntries(snapshot) }, () => {
        this.nullState = false;
        for (const [k, v] of snapshot) this.data.set(k, v);
      });
    });
    return this;
  }

  /** Loads one property (or a navigation "a/b") into the snapshot. */
  protected loadProp(t: T, prop: string, snapshot: Map<string, unknown>): void {
    if (prop === '*') {
      for (const p of this.scalarProps) this.loadProp(t, p, snapshot);
      return;
    }
    const slash = prop.indexOf('/');
    if (slash >= 0) {
      const head = prop.slice(0, slash);
      const child = this.child(head);
      if (!child) throw new FakeRichApiError('InvalidArgument', `Cannot load '${prop}' on ${this.path}.`);
      child.loadNow(prop.slice(slash + 1));
      return;
    }
    snapshot.set(prop, this.readProp(t, prop));
  }

  /** Navigation properties (format, font...) for loads like "format/columnWidth". */
  protected child(_name: string): ClientObject<unknown> | undefined {
    return undefined;
  }

  /** @internal Loads a property right now (inside a running load command). */
  loadNow(prop: string): void {
    const t = this.target();
    const snapshot = new Map<string, unknown>();
    this.loadProp(t, prop, snapshot);
    this.context.loaded({ p: this.path, d: Object.fromEntries(snapshot) }, () => {
      this.nullState = false;
      for (const [k, v] of snapshot) this.data.set(k, v);
    });
  }

  protected read<V>(prop: string): V {
    if (!this.data.has(prop)) throw notLoaded(prop);
    return this.data.get(prop) as V;
  }

  protected write(prop: string, value: unknown, apply: (t: T) => void): void {
    this.context.enqueue({ o: 'set', p: this.path, n: prop, v: value }, () => apply(this.target()));
  }

  protected call(method: string, args: unknown[], run: (t: T) => void): void {
    this.context.enqueue({ o: 'call', p: this.path, m: method, a: args }, () => run(this.target()));
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.data);
  }
}

class WorkbookProxy extends ClientObject<FakeWorkbook> {
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

class WorksheetCollectionProxy extends ClientObject<FakeWorkbook> {
  private itemProxies: WorksheetProxy[] | undefined;

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

  protected override loadProp(t: FakeWorkbook, prop: string, snapshot: Map<string, unknown>): void {
    if (prop === 'items' || prop.startsWith('items/')) {
      const sub = prop.startsWith('items/') ? prop.slice(6) : '*';
      const proxies = t.sheets.map(
        (s) => new WorksheetProxy(this.context, `worksheet(${JSON.stringify(s.id)})`, () => (t.sheets.includes(s) ? s : null)),
      );
      for (const p of proxies) p.loadNow(sub);
      snapshot.set('items', proxies.length);
      this.context.loaded({}, () => (this.itemProxies = proxies));
      return;
    }
    super.loadProp(t, prop, snapshot);
  }

  get items(): WorksheetProxy[] {
    if (!this.itemProxies) throw notLoaded('items');
    return this.itemProxies;
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

class WorksheetProxy extends ClientObject<FakeSheet> {
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

interface RangeTarget {
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

class RangeProxy extends ClientObject<RangeTarget> {
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
        delete cell.formula;
        delete cell.quotePrefix;
        if (typeof v === 'string') Object.assign(cell, typedInput(v, cell.numberFormat));
        else if (typeof v === 'number' || typeof v === 'boolean') cell.value = v;
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
        delete cell.formula;
        delete cell.quotePrefix;
        if (typeof v === 'string' && v.startsWith('=')) Object.assign(cell, { value: '#NAME?', formula: v });
        else if (typeof v === 'string') Object.assign(cell, typedInput(v, cell.numberFormat));
        else cell.value = v as FakeScalar;
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
      if (whole && applyTo === 'All') {
        sheet.cells.clear();
        return;
      }
      sheet.each(rect, (cell, r, c) => {
        if (applyTo === 'All' || applyTo === 'Contents') {
          cell.value = '';
          delete cell.formula;
          delete cell.quotePrefix;
        }
        if (applyTo === 'All' || applyTo === 'Formats') {
          delete cell.numberFormat;
          delete cell.bold;
          delete cell.fill;
        }
        if (applyTo === 'All' || applyTo === 'Hyperlinks' || applyTo === 'RemoveHyperlinks') delete cell.hyperlink;
        if (applyTo === 'All') sheet.cells.get(r)?.delete(c);
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

class RangeFormatProxy extends ClientObject<RangeTarget> {
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
      for (let c = 0; c < rect.cols; c++) sheet.columnWidths.set(rect.c0 + c, points);
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
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) sheet.ensure(rect.r0 + r, rect.c0 + c).bold = v;
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
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) sheet.ensure(rect.r0 + r, rect.c0 + c).fill = v.toUpperCase();
    });
  }

  clear(): void {
    this.call('clear', [], ({ sheet, rect }) => sheet.each(rect, (cell) => delete cell.fill));
  }
}

class FreezePanesProxy extends ClientObject<FakeSheet> {
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
class PageLayoutProxy extends ClientObject<FakeSheet> {
  private footers: HeaderFooterGroupProxy | undefined;

  protected readProp(t: FakeSheet, prop: string): unknown {
    this.context.requireApi('1.9', 'Worksheet.pageLayout');
    if (prop === 'orientation') return t.pageLayout.orientation;
    if (prop === 'paperSize') return t.pageLayout.paperSize;
    throw new FakeRichApiError('InvalidArgument', `Unknown property pageLayout.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['orientation', 'paperSize'];
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

class CustomPropertiesProxy extends ClientObject<FakeSheet> {
  private itemProxies: CustomPropertyProxy[] | undefined;

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
    if (prop === 'items' || prop.startsWith('items/')) {
      const sub = prop.startsWith('items/') ? prop.slice(6) : '*';
      const proxies = [...t.customProperties.values()].map(
        (p) => new CustomPropertyProxy(this.context, `${this.path}(${JSON.stringify(p.key)})`, () => ({ sheet: t, key: p.key })),
      );
      for (const p of proxies) p.loadNow(sub);
      snapshot.set('items', proxies.length);
      this.context.loaded({}, () => (this.itemProxies = proxies));
      return;
    }
    super.loadProp(t, prop, snapshot);
  }

  get items(): CustomPropertyProxy[] {
    if (!this.itemProxies) throw notLoaded('items');
    return this.itemProxies;
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

class NamesProxy extends ClientObject<FakeSheet> {
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

class ChartsProxy extends ClientObject<FakeSheet> {
  private itemProxies: ChartProxy[] | undefined;

  protected readProp(t: FakeSheet, prop: string): unknown {
    if (prop === 'count') return t.charts.length;
    throw new FakeRichApiError('InvalidArgument', `Unknown property charts.${prop}`);
  }

  protected get scalarProps(): string[] {
    return ['items'];
  }

  protected override loadProp(t: FakeSheet, prop: string, snapshot: Map<string, unknown>): void {
    if (prop === 'items' || prop.startsWith('items/')) {
      const sub = prop.startsWith('items/') ? prop.slice(6) : '*';
      const proxies = t.charts.map(
        (chart) => new ChartProxy(this.context, `${this.path}(${JSON.stringify(chart.name)})`, () => ({ sheet: t, chart })),
      );
      for (const p of proxies) p.loadNow(sub);
      snapshot.set('items', proxies.length);
      this.context.loaded({}, () => (this.itemProxies = proxies));
      return;
    }
    super.loadProp(t, prop, snapshot);
  }

  get items(): ChartProxy[] {
    if (!this.itemProxies) throw notLoaded('items');
    return this.itemProxies;
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

// ---------------------------------------------------------------- host

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
    const r0 = (at.row ?? 1) - 1;
    const c0 = at.column ?? 0;
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        sheet.ensure(r0 + r, c0 + c).value = v;
      }),
    );
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
