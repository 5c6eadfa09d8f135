// Streams a .xlsx file from disk as sheets of rows (exceljs streaming reader),
// so memory does not grow with the file. The file is only ever read.
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { rowCells } from '../xlsx/cells.js';
import type { SheetSource, SourceRow } from '../workbook/source.js';

/** The file is not a readable .xlsx workbook (not a zip, encrypted, damaged). */
export class WorkbookReadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot read workbook ${path}: ${reason}`);
  }
}

export interface OpenedWorkbook {
  sheets: AsyncGenerator<SheetSource>;
  /** Bytes of the file read so far, for a progress bar. */
  bytesRead(): number;
}

export function openXlsxFile(path: string): OpenedWorkbook {
  const stream = createReadStream(path, { flags: 'r' });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles tell dates from numbers (ledger dates).
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  async function* sheets(): AsyncGenerator<SheetSource> {
    try {
      for await (const ws of reader as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string }>) {
        async function* rows(): AsyncGenerator<SourceRow> {
          for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) yield { row: row.number, cells: rowCells(row.values) };
        }
        yield { name: ws.name, rows: rows() };
      }
    } catch (e) {
      throw new WorkbookReadError(path, (e as Error).message);
    } finally {
      stream.destroy();
    }
  }
  return { sheets: sheets(), bytesRead: () => stream.bytesRead };
}
