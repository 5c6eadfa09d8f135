/// <reference types="office-js" />
// The Office.js adapter: the only place (with the task pane's Excel host) that
// talks to Excel. It turns worksheets into the workbook layer's cell grids and
// writes report SheetSpecs back, with few round trips:
//
// readSheets: 1 sync for the sheet names (skipped when names are given), 1 for
//   every sheet's used-range size and report mark, then the values of all sheets
//   in as few syncs as fit the response limit (200,000 cells a sync to start,
//   halved on a payload error). A 10,000-unit roster: 3 syncs.
// writeReport: 1 sync for the sheet names, 1 for the marks and charts of sheets
//   that carry a report name (skipped when there are none), then every command
//   packed into syncs of at most `maxRequestBytes` (3 MB estimated, below Office's
//   5 MB request limit): sheets added or cleared, widths, number formats, frozen
//   header, values as 2D blocks of 5,000 rows (halved on a payload error),
//   hyperlinks, fills and the chart. Calculation and screen updating are
//   suspended in every write sync. No sync ever runs inside a per-row loop.
//
// Decisions (see docs/addin.md):
// - Report sheets are marked twice: a worksheet custom property VillageFunds=report
//   (ExcelApi 1.12) and a hidden worksheet-scoped name VillageFundsReport (ExcelApi
//   1.4, so Excel 2019 is covered too). A sheet with either mark is ours.
// - Ours are replaced in place (cleared and rewritten, charts deleted), so the
//   sheet keeps its place and formulas elsewhere that point into it keep working.
//   A user's sheet with a report name is never touched: the report goes to
//   "name(2)" (or the next free/ours number) and the result says so.
// - Every string is written with a leading apostrophe, so Excel keeps it as text:
//   names starting with = + - @ never become formulas, codes like 410102001001
//   and dates like 2021-01-01 are not converted. The apostrophe is Excel's text
//   prefix, not part of the value. (The alternative, number format "@" on text
//   columns, shows text over 255 characters as ### and was not chosen.)
import { columnLetter, cutToCell, dateFromSerial, isDateFormat, type Cell } from '../workbook/cells.js';
import { NUMBER_FORMATS, headerRowNumber, type OutCell, type SheetSpec } from '../workbook/sheet-spec.js';
import { gridSource, type SheetSource } from '../workbook/source.js';

/** How report sheets are marked. */
export const REPORT_MARK = { property: 'VillageFunds', value: 'report', name: 'VillageFundsReport' } as const;

/** Requirement-set check, as Office.context.requirements. */
export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** An error to show in words: Chinese and English. */
export class AddinError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    options?: { cause?: unknown },
  ) {
    super(`${zh} / ${en}`, options);
    this.name = 'AddinError';
  }
}

function defaultRequirements(): Requirements {
  const office = (globalThis as { Office?: { context?: { requirements?: Requirements } } }).Office;
  const req = office?.context?.requirements;
  // Without Office (tests against the in-memory host), assume a current Excel.
  return req && typeof req.isSetSupported === 'function' ? req : { isSetSupported: () => true };
}

const errorCode = (e: unknown): string | undefined => {
  const x = e as { code?: unknown; debugInfo?: { code?: unknown } } | null;
  const code = x?.code ?? x?.debugInfo?.code;
  return typeof code === 'string' ? code : undefined;
};

/** True for Office's request/response payload limit errors (RichApi.Error). */
export function isPayloadTooLarge(e: unknown): boolean {
  const code = errorCode(e);
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') return true;
  return e instanceof Error && /payload size/i.test(e.message);
}

// ============================================================== marks

interface MarkProbe {
  property?: Excel.WorksheetCustomProperty;
  name: Excel.NamedItem;
}

function probeMarks(ws: Excel.Worksheet, useProperties: boolean): MarkProbe {
  const probe: MarkProbe = { name: ws.names.getItemOrNullObject(REPORT_MARK.name) };
  if (useProperties) probe.property = ws.customProperties.getItemOrNullObject(REPORT_MARK.property).load('value');
  return probe;
}

// isNullObject is compared with true/false, not tested for truthiness: a mock
// host (office-addin-mock) answers an unloaded property with an error string.
function marks(probe: MarkProbe): { property: boolean; name: boolean } {
  return {
    property: !!probe.property && probe.property.isNullObject === false && probe.property.value === REPORT_MARK.value,
    name: probe.name.isNullObject === false,
  };
}

// ============================================================== reading

export interface SheetGrid {
  name: string;
  /** Excel row number (1-based) of values[0]. */
  firstRow: number;
  /** 0-based column index (0 = column A) of values[r][0]. */
  firstColumn: number;
  /** The used range's values (its first maxRows rows when that option is given): null for empty cells, a CellError for error values (#N/A …). */
  values: Cell[][];
  /** Rows of the used range (values.length unless the values were not read). */
  rowCount: number;
  columnCount: number;
  /** The sheet is hidden or very hidden. */
  hidden: boolean;
  /** A report this add-in wrote (marked). Its values are not read unless includeReports. */
  report: boolean;
}

export interface ReadProgress {
  rowsRead: number;
  rowsTotal: number;
}

export interface ReadOptions {
  /** Read the values of report sheets too (default false: they come back with values []). */
  includeReports?: boolean;
  /** Load number formats too and turn date-formatted numbers into Dates (UTC midnight); e.g. for a ledger. */
  dates?: boolean;
  /** Read at most this many rows of each sheet, from the top (e.g. to detect headers); rowCount still counts them all. */
  maxRows?: number;
  /** Cells a values sync may load (default 200,000), halved on a payload error. */
  maxCellsPerSync?: number;
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
  requirements?: Requirements;
}

const ERROR_VALUE =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|BUSY!|CONNECT!|PYTHON!)$/;

/**
 * A value as the workbook layer takes it: an error (#N/A …) becomes a CellError,
 * told by `type` (Office.js's valueTypes entry) or, from a host without types
 * (WPS), by its text; numbers in a date format become Dates.
 */
export function toCell(v: unknown, format: string | undefined, type?: string): Cell {
  if (v === '' || v === null || v === undefined) return null;
  if (type === 'Error' || (type === undefined && typeof v === 'string' && ERROR_VALUE.test(v))) return { error: String(v) };
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return format !== undefined && isDateFormat(format) ? dateFromSerial(v) : v;
  if (typeof v === 'boolean') return v;
  return String(v);
}

/**
 * Reads every worksheet (or the named ones) as grids: used range (values only),
 * its first Excel row and column, and whether it is one of this add-in's reports.
 * Syncs: names (skipped when `names` is given) + sizes and marks + values.
 */
export async function readSheets(
  context: Excel.RequestContext,
  names?: readonly string[],
  options: ReadOptions = {},
): Promise<SheetGrid[]> {
  const useProperties = (options.requirements ?? defaultRequirements()).isSetSupported('ExcelApi', '1.12');
  let sheets: Excel.Worksheet[];
  if (names) sheets = names.map((n) => context.workbook.worksheets.getItem(n));
  else {
    const collection = context.workbook.worksheets;
    collection.load('items/name');
    await context.sync();
    sheets = collection.items;
  }
  options.signal?.throwIfAborted();

  const probes = sheets.map((ws) => {
    ws.load('name,visibility');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    return { ws, used, marks: probeMarks(ws, useProperties) };
  });
  try {
    await context.sync();
  } catch (e) {
    if (names && errorCode(e) === 'ItemNotFound') {
      throw new AddinError(`找不到工作表：${names.join('、')}`, `Worksheet not found: ${names.join(', ')}`, { cause: e });
    }
    throw e;
  }

  const grids: SheetGrid[] = probes.map(({ ws, used, marks: probe }) => {
    const m = marks(probe);
    const empty = used.isNullObject === true;
    return {
      name: ws.name,
      firstRow: empty ? 1 : used.rowIndex + 1,
      firstColumn: empty ? 0 : used.columnIndex,
      values: [],
      rowCount: empty ? 0 : used.rowCount,
      columnCount: empty ? 0 : used.columnCount,
      hidden: ws.visibility !== 'Visible',
      report: m.property || m.name,
    };
  });

  // Values, in row chunks packed into syncs of at most maxCells cells.
  const toRead = grids
    .map((g, i) => ({ g, ws: probes[i]!.ws, next: 0, end: Math.min(g.rowCount, options.maxRows ?? Infinity) }))
    .filter(({ g, end }) => end > 0 && (!g.report || options.includeReports));
  const rowsTotal = toRead.reduce((n, s) => n + s.end, 0);
  let rowsRead = 0;
  let maxCells = Math.max(1, options.maxCellsPerSync ?? 200_000);
  while (toRead.some((s) => s.next < s.end)) {
    options.signal?.throwIfAborted();
    const batch: { s: (typeof toRead)[number]; offset: number; rows: number; range: Excel.Range }[] = [];
    let cells = 0;
    for (const s of toRead) {
      let next = s.next;
      while (next < s.end) {
        const fit = Math.floor((maxCells - cells) / s.g.columnCount);
        const rows = Math.min(s.end - next, batch.length === 0 ? Math.max(1, fit) : fit);
        if (rows <= 0) break;
        const range = s.ws.getRangeByIndexes(s.g.firstRow - 1 + next, s.g.firstColumn, rows, s.g.columnCount);
        // valueTypes tells an error value (#N/A …) from text that reads the same.
        range.load(options.dates ? 'values,valueTypes,numberFormat' : 'values,valueTypes');
        batch.push({ s, offset: next, rows, range });
        cells += rows * s.g.columnCount;
        next += rows;
      }
      if (cells >= maxCells) break;
    }
    try {
      await context.sync();
    } catch (e) {
      const singleRow = batch.length === 1 && batch[0]!.rows === 1;
      if (!isPayloadTooLarge(e) || singleRow) throw e;
      maxCells = Math.max(1, Math.floor(maxCells / 2));
      continue;
    }
    for (const { s, offset, rows, range } of batch) {
      const values = range.values;
      const types = range.valueTypes as string[][];
      const formats = options.dates ? range.numberFormat : undefined;
      for (let r = 0; r < rows; r++) {
        const src = values[r] ?? [];
        const fmt = formats?.[r];
        const type = types?.[r];
        const row: Cell[] = new Array(src.length);
        for (let c = 0; c < src.length; c++) row[c] = toCell(src[c], fmt?.[c] as string | undefined, type?.[c]);
        s.g.values[offset + r] = row;
      }
      s.next = offset + rows;
      rowsRead += rows;
    }
    options.onProgress?.({ rowsRead, rowsTotal });
  }
  return grids;
}

/** A grid as the workbook layer's sheet source: cells padded so index 0 is column A, rows numbered as in Excel. */
export function toSheetSource(grid: Pick<SheetGrid, 'name' | 'firstRow' | 'firstColumn' | 'values'>): SheetSource {
  const pad = grid.firstColumn;
  const rows = pad === 0 ? grid.values : grid.values.map((row) => [...(new Array(pad).fill(null) as Cell[]), ...row]);
  return gridSource(grid.name, rows, grid.firstRow);
}

/** The roster input: every grid that is not a report (and, when given, is one of `names`). */
export function toWorkbookSource(grids: readonly SheetGrid[], names?: readonly string[]): SheetSource[] {
  const wanted = names && new Set(names);
  return grids.filter((g) => !g.report && (!wanted || wanted.has(g.name))).map(toSheetSource);
}

// ============================================================== writing

export interface WriteProgress {
  /** The sheet being written. */
  sheet: string;
  rowsWritten: number;
  rowsTotal: number;
  /** Data rows written over all sheets, and their total. */
  done: number;
  total: number;
  syncs: number;
}

export interface WriteOptions {
  signal?: AbortSignal;
  onProgress?: (p: WriteProgress) => void;
  /** Rows per values block to start with (default 5,000); halved on a payload error. */
  blockRows?: number;
  /** Estimated bytes one sync may carry (default 3,000,000; Office refuses requests over 5 MB). */
  maxRequestBytes?: number;
  requirements?: Requirements;
  /** Activate the first written sheet at the end (default true). */
  activate?: boolean;
}

export interface WrittenSheet {
  /** The name the spec asked for. */
  spec: string;
  /** The sheet written. */
  name: string;
  /** An earlier report sheet was cleared and rewritten. */
  replaced: boolean;
  /** A user's sheet has the spec's name, so the report went to another name. */
  renamed: boolean;
}

export interface WriteResult {
  sheets: WrittenSheet[];
  /** context.sync() calls made. */
  syncs: number;
  /** Block size at the end (smaller than at the start after payload errors). */
  blockRows: number;
}

const MAX_SHEET_NAME = 31;
const HEADER_FILL = '#DDEBF7';

/** The k-th name for a report sheet: 核算结果, 核算结果(2), 核算结果(3)... within Excel's 31 characters. */
export function variantName(name: string, k: number): string {
  if (k <= 1) return name.slice(0, MAX_SHEET_NAME);
  const suffix = `(${k})`;
  return name.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
}

/** Whether a sheet name is `name` or one of its numbered variants (case-insensitive, as Excel compares names). */
export function isVariantOf(existing: string, name: string): boolean {
  const e = existing.toLowerCase();
  const n = name.toLowerCase();
  if (e === variantName(n, 1)) return true;
  const m = /\((\d+)\)$/.exec(e);
  return !!m && e === variantName(n, Number(m[1]));
}

/**
 * The sheet each report goes to: its own name, or the first numbered variant
 * that is free or already ours (`ours`: lower-case names of sheets this tool
 * marked). A user's sheet is never chosen. `renamed`: a user's sheet has the name.
 */
export function reportNames(
  specs: readonly Pick<SheetSpec, 'name'>[],
  existing: readonly string[],
  ours: ReadonlySet<string>,
): { name: string; replace: boolean; renamed: boolean }[] {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const chosen = new Set<string>();
  return specs.map((spec) => {
    for (let k = 1; ; k++) {
      const name = variantName(spec.name, k);
      const key = name.toLowerCase();
      if (chosen.has(key)) continue;
      const mine = ours.has(key);
      if (taken.has(key) && !mine) continue; // a user's sheet: never touched
      chosen.add(key);
      const own = spec.name.toLowerCase();
      return { name, replace: mine, renamed: k > 1 && !ours.has(own) && taken.has(own) };
    }
  });
}

/** Excel column width in points for a width in characters (Calibri 11: 7 px a character + 5 px padding). */
export function columnPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** A value as written: every string with Excel's text prefix (see the top of this file). */
export function excelValue(cell: OutCell | undefined): string | number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  return `'${cutToCell(cell)}`;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** One piece of the write, queued into some sync. */
interface Job {
  /** Estimated request bytes. */
  bytes: number;
  queue(context: Excel.RequestContext): void;
  /** Pieces of at most `rows` items, when the job can be split. */
  split?(rows: number): Job[] | null;
  /** Data rows this job writes, for progress. */
  progress?: { sheet: number; rows: number };
}

interface Target {
  spec: SheetSpec;
  index: number;
  name: string;
  replace: boolean;
  renamed: boolean;
  /** Charts on the sheet being replaced, to delete. */
  charts: string[];
  hasProperty: boolean;
  hasName: boolean;
}

const OP = 160; // bytes a command costs besides its data (object path, names)

function sheetOf(context: Excel.RequestContext, t: Target): Excel.Worksheet {
  return context.workbook.worksheets.getItem(t.name);
}

// Printed for filing, as the CLI's and the web page's files print: A4 landscape,
// the header rows on every page, page numbers in the footer.
const FOOTER = '&C第 &P 页，共 &N 页';

function setupJob(t: Target, useProperties: boolean, pageLayout: boolean): Job {
  const { spec } = t;
  const ncols = spec.columns.length;
  const header0 = headerRowNumber(spec) - 1;
  const data0 = header0 + 1;
  const n = spec.rows.length;
  const headers = spec.columns.map((c) => excelValue(c.header));
  const bytes = OP * (12 + 3 * ncols) + utf8Length(JSON.stringify(headers)) + utf8Length(spec.title ?? '');
  return {
    bytes,
    queue(context) {
      const ws = t.replace ? sheetOf(context, t) : context.workbook.worksheets.add(t.name);
      if (t.replace) {
        ws.getRange().clear('All');
        for (const chart of t.charts) ws.charts.getItem(chart).delete();
      }
      if (useProperties && !t.hasProperty) ws.customProperties.add(REPORT_MARK.property, REPORT_MARK.value);
      if (!t.hasName) ws.names.add(REPORT_MARK.name, `="${REPORT_MARK.value}"`, 'village-funds report sheet').visible = false;
      spec.columns.forEach((c, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = columnPoints(c.width)));
      if (n > 0) {
        spec.columns.forEach((c, i) => {
          if (c.kind !== 'text') ws.getRangeByIndexes(data0, i, n, 1).numberFormat = [[NUMBER_FORMATS[c.kind]]];
        });
      }
      if (spec.title) {
        const title = ws.getRangeByIndexes(0, 0, 1, 1);
        title.values = [[excelValue(spec.title)]];
        title.format.font.bold = true;
      }
      const header = ws.getRangeByIndexes(header0, 0, 1, ncols);
      header.values = [headers];
      header.format.font.bold = true;
      header.format.fill.color = HEADER_FILL;
      ws.freezePanes.freezeRows(header0 + 1);
      if (pageLayout) {
        ws.pageLayout.orientation = 'Landscape';
        ws.pageLayout.paperSize = 'A4';
        ws.pageLayout.setPrintTitleRows(`$1:$${header0 + 1}`);
        ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = FOOTER;
      }
    },
  };
}

/** Rows [from, from + count) of a report as written (see excelValue); a row longer than the columns is an error. */
export function valueBlock(spec: SheetSpec, from: number, count: number): (string | number | null)[][] {
  const ncols = spec.columns.length;
  const block: (string | number | null)[][] = new Array(count);
  for (let r = 0; r < count; r++) {
    const src = spec.rows[from + r]!;
    if (src.length > ncols)
      throw new AddinError(
        `「${spec.name}」第${from + r + 1}行的单元格多于列数`,
        `${spec.name}: row ${from + r + 1} has more cells than columns`,
      );
    const row: (string | number | null)[] = new Array(ncols);
    for (let c = 0; c < ncols; c++) row[c] = excelValue(src[c]);
    block[r] = row;
  }
  return block;
}

/** A report's fills as runs of consecutive rows with the same column and colour ("#RRGGBB"), each one range to colour. */
export function fillRuns(spec: SheetSpec): { row: number; count: number; column: number; color: string }[] {
  const runs: { row: number; count: number; column: number; color: string }[] = [];
  spec.fills?.forEach((f, r) => {
    if (!f || r >= spec.rows.length) return;
    const color = `#${f.argb.slice(-6).toUpperCase()}`;
    const last = runs[runs.length - 1];
    if (last && last.column === f.column && last.color === color && last.row + last.count === r) last.count++;
    else runs.push({ row: r, count: 1, column: f.column, color });
  });
  return runs;
}

/** A report's links to source cells: data row, target ("'城关镇'!E12") and the text shown. */
export function sourceLinks(spec: SheetSpec): { row: number; target: string; text: string }[] {
  const links: { row: number; target: string; text: string }[] = [];
  spec.links?.targets.forEach((target, r) => {
    if (!target || r >= spec.rows.length) return;
    const cell = spec.rows[r]![spec.links!.column];
    links.push({ row: r, target, text: cell === null || cell === undefined ? target : String(cell) });
  });
  return links;
}

function valuesJob(t: Target, from: number, count: number): Job {
  const { spec } = t;
  const ncols = spec.columns.length;
  const data0 = headerRowNumber(spec);
  const block = valueBlock(spec, from, count);
  return {
    bytes: OP + utf8Length(JSON.stringify(block)),
    progress: { sheet: t.index, rows: count },
    queue(context) {
      sheetOf(context, t).getRangeByIndexes(data0 + from, 0, count, ncols).values = block;
    },
    split(rows) {
      if (count <= 1) return null;
      const size = Math.max(1, Math.min(rows, Math.ceil(count / 2)));
      const parts: Job[] = [];
      for (let i = 0; i < count; i += size) parts.push(valuesJob(t, from + i, Math.min(size, count - i)));
      return parts;
    },
  };
}

/** Jobs over a list of per-row commands (links, fills), split like value blocks. */
function listJob<T>(
  items: T[],
  cost: (item: T) => number,
  queue: (context: Excel.RequestContext, ws: Excel.Worksheet, item: T) => void,
  t: Target,
): Job {
  return {
    bytes: OP + items.reduce((s, i) => s + cost(i), 0),
    queue(context) {
      const ws = sheetOf(context, t);
      for (const item of items) queue(context, ws, item);
    },
    split(rows) {
      if (items.length <= 1) return null;
      const size = Math.max(1, Math.min(rows, Math.ceil(items.length / 2)));
      const parts: Job[] = [];
      for (let i = 0; i < items.length; i += size) parts.push(listJob(items.slice(i, i + size), cost, queue, t));
      return parts;
    },
  };
}

function decorationJobs(t: Target, chunk: number): Job[] {
  const { spec } = t;
  const ncols = spec.columns.length;
  const data0 = headerRowNumber(spec);
  const jobs: Job[] = [];
  const chunked = <T>(items: T[], make: (part: T[]) => Job) => {
    for (let i = 0; i < items.length; i += chunk) jobs.push(make(items.slice(i, i + chunk)));
  };

  const totals = (spec.totalRows ?? []).filter((r) => r >= 0 && r < spec.rows.length);
  chunked(totals, (part) =>
    listJob(
      part,
      () => OP,
      (_c, ws, r) => (ws.getRangeByIndexes(data0 + r, 0, 1, ncols).format.font.bold = true),
      t,
    ),
  );

  // Fills: runs of consecutive rows with the same column and colour become one range.
  const runs = fillRuns(spec);
  chunked(runs, (part) =>
    listJob(
      part,
      () => OP,
      (_c, ws, run) => (ws.getRangeByIndexes(data0 + run.row, run.column, run.count, 1).format.fill.color = run.color),
      t,
    ),
  );

  // Hyperlinks to the source cells, all queued, none synced per row.
  if (spec.links) {
    const { column } = spec.links;
    const links = sourceLinks(spec);
    chunked(links, (part) =>
      listJob(
        part,
        (l) => OP + utf8Length(l.target) + utf8Length(l.text),
        (_c, ws, l) =>
          (ws.getRangeByIndexes(data0 + l.row, column, 1, 1).hyperlink = { documentReference: l.target, textToDisplay: l.text }),
        t,
      ),
    );
  }

  const chart = spec.chart;
  if (chart && chart.to > chart.from && chart.seriesColumns.length > 0) {
    const first = Math.min(...chart.seriesColumns);
    const last = Math.max(...chart.seriesColumns);
    jobs.push({
      bytes: OP * 6 + utf8Length(chart.title),
      queue(context) {
        const ws = sheetOf(context, t);
        // Series in adjacent columns; with the header row when the chart starts at the first data row, so series get their names.
        const withHeader = chart.from === 0;
        const top = data0 + chart.from - (withHeader ? 1 : 0);
        const source = ws.getRangeByIndexes(top, first, chart.to - chart.from + (withHeader ? 1 : 0), last - first + 1);
        const c = ws.charts.add('ColumnClustered', source, 'Columns');
        c.title.text = chart.title;
        c.axes.categoryAxis.setCategoryNames(ws.getRangeByIndexes(data0 + chart.from, chart.categoryColumn, chart.to - chart.from, 1));
        const left = columnLetter(ncols + 1);
        const right = columnLetter(ncols + 10);
        c.setPosition(`${left}${data0}`, `${right}${data0 + 20}`);
      },
    });
  }
  return jobs;
}

/**
 * Writes report sheets (SheetSpec, as the CLI writes them) into the open workbook.
 * Only sheets this add-in made are replaced; a user's sheet with a report name is
 * left alone and the report goes to "name(2)". See the top of this file.
 */
export async function writeReport(
  context: Excel.RequestContext,
  specs: readonly SheetSpec[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const req = options.requirements ?? defaultRequirements();
  const useProperties = req.isSetSupported('ExcelApi', '1.12');
  // ExcelApi 1.9: screen updating paused while writing; print settings (page layout).
  const screen = req.isSetSupported('ExcelApi', '1.9');
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };

  // 1. Which sheets exist.
  const collection = context.workbook.worksheets;
  collection.load('items/name');
  await sync();
  options.signal?.throwIfAborted();
  const existing = collection.items;

  // 2. Of those with a report name (or a numbered variant), which are ours.
  const candidates = existing.filter((ws) => specs.some((s) => isVariantOf(ws.name, s.name)));
  const ours = new Map<string, { charts: string[]; hasProperty: boolean; hasName: boolean }>();
  if (candidates.length) {
    const probes = candidates.map((ws) => {
      const charts = ws.charts;
      charts.load('items/name');
      return { ws, charts, marks: probeMarks(ws, useProperties) };
    });
    await sync();
    options.signal?.throwIfAborted();
    for (const p of probes) {
      const m = marks(p.marks);
      if (m.property || m.name)
        ours.set(p.ws.name.toLowerCase(), { charts: p.charts.items.map((c) => c.name), hasProperty: m.property, hasName: m.name });
    }
  }

  // 3. A name for each report.
  const names = reportNames(
    specs,
    existing.map((ws) => ws.name),
    new Set(ours.keys()),
  );
  const targets: Target[] = specs.map((spec, index) => {
    const mine = ours.get(names[index]!.name.toLowerCase());
    return {
      spec,
      index,
      ...names[index]!,
      charts: mine?.charts ?? [],
      hasProperty: mine?.hasProperty ?? false,
      hasName: mine?.hasName ?? false,
    };
  });

  // 4. Everything else, packed into syncs under the request budget.
  let blockRows = Math.max(1, Math.floor(options.blockRows ?? 5000));
  let budget = Math.max(1, options.maxRequestBytes ?? 3_000_000);
  const jobs: Job[] = [];
  for (const t of targets) {
    jobs.push(setupJob(t, useProperties, screen));
    for (let i = 0; i < t.spec.rows.length; i += blockRows) jobs.push(valuesJob(t, i, Math.min(blockRows, t.spec.rows.length - i)));
  }
  for (const t of targets) jobs.push(...decorationJobs(t, 1000));
  if (options.activate !== false && targets.length) {
    const first = targets[0]!;
    jobs.push({ bytes: OP, queue: (context) => sheetOf(context, first).activate() });
  }

  const written = targets.map(() => 0);
  const total = specs.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  while (jobs.length) {
    options.signal?.throwIfAborted();
    const batch: Job[] = [];
    let bytes = 0;
    while (jobs.length) {
      const job = jobs[0]!;
      if (job.bytes > budget && job.split) {
        const parts = job.split(blockRows);
        if (parts && parts.length > 1) {
          jobs.splice(0, 1, ...parts);
          continue;
        }
      }
      if (batch.length && bytes + job.bytes > budget) break;
      batch.push(jobs.shift()!);
      bytes += job.bytes;
    }
    context.workbook.application.suspendApiCalculationUntilNextSync();
    if (screen) context.workbook.application.suspendScreenUpdatingUntilNextSync();
    for (const job of batch) job.queue(context);
    try {
      await sync();
    } catch (e) {
      if (!isPayloadTooLarge(e)) throw e;
      // Nothing of a refused request was applied: send the same work in halves.
      const half = Math.max(1, Math.floor(blockRows / 2));
      const parts = batch.flatMap((job) => job.split?.(half) ?? [job]);
      if (parts.length === batch.length && batch.length === 1) {
        throw new AddinError(
          '写入的数据超过 Excel 单次请求的大小限制，且已无法再拆分',
          "A write exceeds Excel's request size limit and cannot be split further",
          { cause: e },
        );
      }
      blockRows = half;
      budget = Math.max(1, Math.floor(Math.min(budget, bytes) / 2));
      jobs.unshift(...parts);
      continue;
    }
    for (const job of batch) {
      if (!job.progress) continue;
      written[job.progress.sheet]! += job.progress.rows;
      done += job.progress.rows;
      const t = targets[job.progress.sheet]!;
      options.onProgress?.({ sheet: t.name, rowsWritten: written[job.progress.sheet]!, rowsTotal: t.spec.rows.length, done, total, syncs });
    }
  }

  return {
    sheets: targets.map((t) => ({ spec: t.spec.name, name: t.name, replaced: t.replace, renamed: t.renamed })),
    syncs,
    blockRows,
  };
}
