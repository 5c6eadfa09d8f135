// Reading a chosen .xlsx inside the worker: checks, then exceljs's browser
// build (loaded only now, as its own chunk), then plain rows of cells for the
// workbook layer. Merged cells read as in Excel and the CLI: the value in the
// top-left cell, the rest empty.
import type ExcelJSNS from 'exceljs';
import type { Cell } from '../workbook/cells.js';
import type { SourceRow } from '../workbook/source.js';
import { fromExcelValue } from '../xlsx/cells.js';
import { UserError } from '../ui/host.js';
import { checkSize, checkWorkbookBytes, unreadable } from './file-check.js';

type ExcelJS = typeof ExcelJSNS;

let exceljs: Promise<ExcelJS> | null = null;

/** exceljs's browser build (package.json "browser" -> dist/exceljs.min.js): its own chunk. */
export function loadExcelJs(): Promise<ExcelJS> {
  return (exceljs ??= import(/* webpackChunkName: "exceljs" */ 'exceljs').then(
    (m) => ((m as { default?: ExcelJS }).default ?? m) as ExcelJS,
  ));
}

export interface LoadedSheet {
  name: string;
  rows: SourceRow[];
}

export interface LoadedWorkbook {
  key: string;
  name: string;
  sheets: LoadedSheet[];
}

export const fileKey = (f: File) => `${f.name}|${f.size}|${f.lastModified}`;

const MERGE = 1; // ExcelJS.ValueType.Merge

export async function readWorkbook(file: File): Promise<LoadedWorkbook> {
  checkSize(file.name, file.size);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw new UserError({
      zh: `无法读取文件「${file.name}」（${(e as Error).message}）。文件可能已被移动或正被其他程序占用。`,
      en: `Cannot read the file "${file.name}" (${(e as Error).message}). It may have moved or be locked by another program.`,
    });
  }
  checkWorkbookBytes(file.name, bytes);
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  } catch (e) {
    throw unreadable(file.name, e instanceof Error ? e.message : String(e));
  }
  bytes = new Uint8Array(0);
  const sheets: LoadedSheet[] = wb.worksheets.map((ws) => {
    const rows: SourceRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = (cell.type as number) === MERGE ? null : fromExcelValue(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push({ row: number, cells });
    });
    return { name: ws.name, rows };
  });
  if (sheets.length === 0)
    throw new UserError(
      { zh: `「${file.name}」中没有工作表，不是 Excel 工作簿。`, en: `"${file.name}" has no worksheets: it is not an Excel workbook.` },
      'notXlsx',
    );
  return { key: fileKey(file), name: file.name, sheets };
}
