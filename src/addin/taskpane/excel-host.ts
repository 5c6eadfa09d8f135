/// <reference types="office-js" />
// The Excel task pane's host: the shared workbook host over the open workbook
// as Office.js gives it (excel-read's readSheets and excel-write's writeReport,
// each in its own Excel.run batch).
import type { Lang } from '../../engine/said.js';
import { WorkbookHost, type OpenWorkbook } from '../../pane/workbook-host.js';
import { readSheets } from '../excel-read.js';
import { writeReport } from '../excel-write.js';

/** Excel.run, or the in-memory host's run in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

function excelWorkbook(run: ExcelRun): OpenWorkbook {
  return {
    read: (names, { onProgress, ...options }) =>
      run((context) =>
        readSheets(context, names, {
          ...options,
          onProgress: onProgress && ((p) => onProgress({ done: p.rowsRead, total: p.rowsTotal })),
        }),
      ),
    readIfPresent: (name) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(name);
        ws.load('name');
        await context.sync();
        if (ws.isNullObject) return null;
        const [grid] = await readSheets(context, [ws.name], { includeReports: true });
        return grid ?? null;
      }),
    write: (specs, { signal, onProgress }) =>
      run(async (context) => {
        const written = await writeReport(context, specs, {
          signal,
          onProgress: onProgress && ((p) => onProgress({ done: p.done, total: p.total })),
        });
        return written.sheets.map((s) => s.name);
      }),
    select: (sheet, address) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await context.sync();
      }),
  };
}

export class ExcelHost extends WorkbookHost {
  constructor(run: ExcelRun, lang: Lang = 'zh') {
    super(excelWorkbook(run), lang);
  }
}
