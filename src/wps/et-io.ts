// The WPS 表格 adapter: the open workbook through ET's object model (the only
// place with wps-host.ts that talks to WPS). ET is synchronous and VBA-like, so
// there are no batches to pack: what costs is every call across into WPS, so
// values move as whole 2-D blocks (Range.Value2), never cell by cell.
//
// Reading: per sheet, UsedRange (position and size) and the report mark, then
//   the values in row blocks of `blockRows` (5,000) through Range(...).Value2.
//   A ledger's date cells: each column block's NumberFormat (one call; a mixed
//   block is read cell by cell).
// Writing: the same report sheets as the Excel add-in (the layout in
//   src/pane/report-layout.ts), with the same rules: sheets marked with the worksheet-scoped hidden name
//   VillageFundsReport (the mark the Excel add-in also reads, so a workbook
//   moving between Excel and WPS keeps its reports' ownership); ours cleared and
//   rewritten in place; a user's sheet with a report's name never touched, the
//   report going to "name(2)"; every string with a leading apostrophe so it stays
//   text; per sheet: column widths and number formats per column, title and
//   header, values in blocks of `blockRows`, bold total rows, fills in runs,
//   hyperlinks to source cells, frozen header, A4 landscape print settings.
//   No chart (see docs/wps.md). Screen updating and calculation are paused
//   while writing and restored after.
import { SaidError } from '../engine/said.js';
import { columnLetter, type Cell } from '../workbook/cells.js';
import { NUMBER_FORMATS, headerRowNumber, type SheetSpec } from '../workbook/sheet-spec.js';
import {
  HEADER_FILL,
  PAGE_FOOTER,
  printPlan,
  REPORT_MARK,
  excelValue,
  fillRuns,
  isVariantOf,
  reportNames,
  sourceLinks,
  valueBlock,
} from '../pane/report-layout.js';
import { toCell, type SheetGrid } from '../pane/sheet-grid.js';
import type { GridReadOptions, RowProgress } from '../pane/workbook-host.js';
import type { EtApplication, EtRange, EtWorkbook, EtWorksheet } from './et.js';

const XL_SHEET_VISIBLE = -1;
const XL_PORTRAIT = 1;
const XL_LANDSCAPE = 2;
const XL_PAPER_A4 = 9;
const XL_CALCULATION_MANUAL = -4135;

export interface EtOptions {
  /** Rows per Value2 block (default 5,000). */
  blockRows?: number;
}

function workbook(app: EtApplication): EtWorkbook {
  const wb = app.ActiveWorkbook;
  if (!wb) throw new SaidError({ zh: '没有打开的工作簿', en: 'No workbook is open' });
  return wb;
}

/** Lets the pane repaint and take the cancel click between blocks. */
const pause = () => new Promise<void>((r) => setTimeout(r, 0));

/** "A1:C20" for 1-based row/column, count rows and columns. */
function address(row: number, column: number, rows: number, columns: number): string {
  const a = `${columnLetter(column - 1)}${row}`;
  if (rows === 1 && columns === 1) return a;
  return `${a}:${columnLetter(column + columns - 2)}${row + rows - 1}`;
}

function rangeAt(ws: EtWorksheet, row: number, column: number, rows = 1, columns = 1): EtRange {
  return ws.Range(address(row, column, rows, columns));
}

/** Value2 as a 2-D array: ET gives one value for a one-cell range. */
function grid2d(v: unknown): unknown[][] {
  return Array.isArray(v) ? (v as unknown[][]) : [[v]];
}

function sheetNames(wb: EtWorkbook): string[] {
  const sheets = wb.Worksheets;
  const names: string[] = [];
  for (let i = 1; i <= sheets.Count; i++) names.push(sheets.Item(i).Name);
  return names;
}

function findSheet(wb: EtWorkbook, name: string): EtWorksheet | null {
  // Item(name) on a missing sheet throws in VBA-like hosts; compare names instead (case-insensitively, as ET does).
  const key = name.toLowerCase();
  const sheets = wb.Worksheets;
  for (let i = 1; i <= sheets.Count; i++) {
    const ws = sheets.Item(i);
    if (ws.Name.toLowerCase() === key) return ws;
  }
  return null;
}

/** The sheet carries this tool's mark (a worksheet-scoped name). */
function isReportSheet(ws: EtWorksheet): boolean {
  const names = ws.Names;
  for (let i = 1; i <= names.Count; i++) {
    const n = names.Item(i).Name;
    // A worksheet-scoped name reads as "Sheet!Name" (VBA) or as "Name".
    if (n === REPORT_MARK.name || n.endsWith(`!${REPORT_MARK.name}`)) return true;
  }
  return false;
}

function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

function describe(ws: EtWorksheet): SheetGrid {
  const used = ws.UsedRange;
  let rows = used.Rows.Count;
  const columns = used.Columns.Count;
  // An empty sheet's used range is A1 alone, empty.
  if (rows === 1 && columns === 1 && isEmptyValue(grid2d(used.Value2)[0]?.[0])) rows = 0;
  return {
    name: ws.Name,
    firstRow: rows ? used.Row : 1,
    firstColumn: rows ? used.Column - 1 : 0,
    values: [],
    rowCount: rows,
    columnCount: rows ? columns : 0,
    hidden: ws.Visible !== XL_SHEET_VISIBLE && (ws.Visible as unknown) !== true,
    report: isReportSheet(ws),
  };
}

/** Per column of a block, the number format of every cell (a mixed column block is read cell by cell). */
function blockFormats(ws: EtWorksheet, row: number, column: number, rows: number, columns: number): (string | undefined)[][] {
  const out: (string | undefined)[][] = Array.from({ length: rows }, () => new Array<string | undefined>(columns));
  for (let c = 0; c < columns; c++) {
    const f = rangeAt(ws, row, column + c, rows, 1).NumberFormat;
    for (let r = 0; r < rows; r++) {
      out[r]![c] = typeof f === 'string' ? f : String(rangeAt(ws, row + r, column + c).NumberFormat ?? '');
    }
  }
  return out;
}

/**
 * Reads every worksheet (or the named ones) as grids, as src/addin/excel-read.ts does for Office.js.
 */
export async function readSheets(
  app: EtApplication,
  names: readonly string[] | undefined,
  options: GridReadOptions & EtOptions = {},
): Promise<SheetGrid[]> {
  const wb = workbook(app);
  let sheets: EtWorksheet[];
  if (names) {
    const missing = names.filter((n) => !findSheet(wb, n));
    if (missing.length)
      throw new SaidError({ zh: `找不到工作表：${missing.join('、')}`, en: `Worksheet not found: ${missing.join(', ')}` });
    sheets = names.map((n) => findSheet(wb, n)!);
  } else {
    sheets = [];
    for (let i = 1; i <= wb.Worksheets.Count; i++) sheets.push(wb.Worksheets.Item(i));
  }
  const grids = sheets.map(describe);
  const block = Math.max(1, options.blockRows ?? 5000);
  const toRead = grids
    .map((g, i) => ({ g, ws: sheets[i]!, end: Math.min(g.rowCount, options.maxRows ?? Infinity) }))
    .filter(({ g, end }) => end > 0 && (!g.report || options.includeReports));
  const total = toRead.reduce((n, s) => n + s.end, 0);
  let done = 0;
  for (const { g, ws, end } of toRead) {
    for (let from = 0; from < end; from += block) {
      options.signal?.throwIfAborted();
      const rows = Math.min(block, end - from);
      const row = g.firstRow + from;
      const values = grid2d(rangeAt(ws, row, g.firstColumn + 1, rows, g.columnCount).Value2);
      const formats = options.dates ? blockFormats(ws, row, g.firstColumn + 1, rows, g.columnCount) : undefined;
      for (let r = 0; r < rows; r++) {
        const src = values[r] ?? [];
        const out: Cell[] = new Array(g.columnCount);
        for (let c = 0; c < g.columnCount; c++) out[c] = toCell(src[c], formats?.[r]?.[c]);
        g.values[from + r] = out;
      }
      done += rows;
      options.onProgress?.({ done, total });
      await pause();
    }
  }
  return grids;
}

/** The named sheet with its values (report or not), or null. */
export async function readIfPresent(app: EtApplication, name: string): Promise<SheetGrid | null> {
  const ws = findSheet(workbook(app), name);
  if (!ws) return null;
  const [grid] = await readSheets(app, [ws.Name], { includeReports: true });
  return grid ?? null;
}

/** "#DDEBF7" as ET's colour number (BGR). */
export function etColor(hex: string): number {
  const n = parseInt(hex.replace('#', '').slice(-6), 16);
  const r = (n >> 16) & 0xff;
  const g = (n >> 8) & 0xff;
  const b = n & 0xff;
  return r + g * 256 + b * 65536;
}

function writeValues(ws: EtWorksheet, spec: SheetSpec, from: number, count: number): void {
  rangeAt(ws, headerRowNumber(spec) + 1 + from, 1, count, spec.columns.length).Value2 = valueBlock(spec, from, count);
}

function setUp(app: EtApplication, ws: EtWorksheet, spec: SheetSpec): void {
  const ncols = spec.columns.length;
  const header = headerRowNumber(spec);
  const n = spec.rows.length;
  const plan = printPlan(spec);
  spec.columns.forEach((c, i) => {
    const column = columnLetter(i);
    // A hidden column is one 0 wide.
    ws.Range(`${column}:${column}`).ColumnWidth = plan.hidden.includes(i) ? 0 : c.width;
    if (n > 0 && c.kind !== 'text') rangeAt(ws, header + 1, i + 1, n, 1).NumberFormat = NUMBER_FORMATS[c.kind];
    // Wrapped text: the application grows the rows to it.
    if (n > 0 && c.wrap) rangeAt(ws, header + 1, i + 1, n, 1).WrapText = true;
  });
  if (spec.title) {
    const title = rangeAt(ws, 1, 1);
    title.Value2 = excelValue(spec.title);
    title.Font.Bold = true;
    if (spec.subtitle) rangeAt(ws, 2, 1).Value2 = excelValue(spec.subtitle);
  }
  const head = rangeAt(ws, header, 1, 1, ncols);
  head.Value2 = [spec.columns.map((c) => excelValue(c.header))];
  head.Font.Bold = true;
  head.Interior.Color = etColor(HEADER_FILL);
  head.WrapText = true;
  const setup = ws.PageSetup;
  setup.Orientation = plan.landscape ? XL_LANDSCAPE : XL_PORTRAIT;
  setup.PaperSize = XL_PAPER_A4;
  // One page wide, as many high as it takes (false), or one page for a summary to sign.
  setup.Zoom = false;
  setup.FitToPagesWide = 1;
  setup.FitToPagesTall = plan.pagesTall ?? false;
  setup.PrintTitleRows = `$1:$${plan.titleRows}`;
  setup.CenterFooter = PAGE_FOOTER;
  // Freezing panes is a window setting: the sheet must be the active one.
  const win = app.ActiveWindow;
  if (win) {
    ws.Activate();
    win.FreezePanes = false;
    win.SplitColumn = 0;
    win.SplitRow = header;
    win.FreezePanes = true;
  }
}

function decorate(ws: EtWorksheet, spec: SheetSpec): void {
  const ncols = spec.columns.length;
  const data0 = headerRowNumber(spec) + 1;
  for (const r of spec.totalRows ?? []) if (r >= 0 && r < spec.rows.length) rangeAt(ws, data0 + r, 1, 1, ncols).Font.Bold = true;
  for (const run of fillRuns(spec)) rangeAt(ws, data0 + run.row, run.column + 1, run.count, 1).Interior.Color = etColor(run.color);
  const column = spec.links?.column ?? 0;
  for (const link of sourceLinks(spec)) ws.Hyperlinks.Add(rangeAt(ws, data0 + link.row, column + 1), '', link.target, undefined, link.text);
}

export interface EtWriteResult {
  sheets: { spec: string; name: string; replaced: boolean; renamed: boolean }[];
}

/**
 * Writes report sheets into the open workbook (see the top of this file).
 */
export async function writeReport(
  app: EtApplication,
  specs: readonly SheetSpec[],
  options: EtOptions & { signal?: AbortSignal; onProgress?: (p: RowProgress) => void } = {},
): Promise<EtWriteResult> {
  const wb = workbook(app);
  const existing = sheetNames(wb);
  const ours = new Set(
    existing.filter((n) => specs.some((s) => isVariantOf(n, s.name)) && isReportSheet(findSheet(wb, n)!)).map((n) => n.toLowerCase()),
  );
  const targets = reportNames(specs, existing, ours);
  const block = Math.max(1, options.blockRows ?? 5000);
  const total = specs.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;

  const screen = app.ScreenUpdating;
  const calculation = app.Calculation;
  app.ScreenUpdating = false;
  app.Calculation = XL_CALCULATION_MANUAL;
  let first: EtWorksheet | null = null;
  try {
    for (let i = 0; i < specs.length; i++) {
      options.signal?.throwIfAborted();
      const spec = specs[i]!;
      const t = targets[i]!;
      let ws: EtWorksheet;
      if (t.replace) {
        ws = findSheet(wb, t.name)!;
        ws.UsedRange.Clear();
      } else {
        const sheets = wb.Worksheets;
        ws = sheets.Add(undefined, sheets.Item(sheets.Count));
        ws.Name = t.name;
        ws.Names.Add(REPORT_MARK.name, `="${REPORT_MARK.value}"`, false);
      }
      first ??= ws;
      setUp(app, ws, spec);
      for (let from = 0; from < spec.rows.length; from += block) {
        options.signal?.throwIfAborted();
        const count = Math.min(block, spec.rows.length - from);
        writeValues(ws, spec, from, count);
        done += count;
        options.onProgress?.({ done, total });
        await pause();
      }
      decorate(ws, spec);
    }
    first?.Activate();
  } finally {
    app.Calculation = calculation;
    app.ScreenUpdating = screen;
  }
  return {
    sheets: specs.map((s, i) => ({ spec: s.name, name: targets[i]!.name, replaced: targets[i]!.replace, renamed: targets[i]!.renamed })),
  };
}
