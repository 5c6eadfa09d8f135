/// <reference types="office-js" />
// Reading the open workbook through Office.js (with excel-write.ts, the only
// place besides the task pane's Excel host that talks to Excel): worksheets as
// the pane's SheetGrids, with few round trips: 1 sync for the sheet names
// (skipped when names are given), 1 for every sheet's used-range size and
// report mark, then the values of all sheets in as few syncs as fit the
// response limit (200,000 cells a sync to start, halved on a payload error).
// A 10,000-unit roster: 3 syncs.
import { SaidError } from '../engine/said.js';
import type { Cell } from '../workbook/cells.js';
import { toCell, type SheetGrid } from '../pane/sheet-grid.js';
import { defaultRequirements, errorCode, isPayloadTooLarge, marks, probeMarks, type Requirements } from './excel-support.js';

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
      throw new SaidError({ zh: `找不到工作表：${names.join('、')}`, en: `Worksheet not found: ${names.join(', ')}` }, { cause: e });
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
