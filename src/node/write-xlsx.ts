// Writes an output workbook atomically: to a temporary file beside the target,
// then renamed, so a crash never leaves half a workbook under the real name.
import ExcelJS from 'exceljs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type StreamingWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

export async function writeXlsxAtomically(target: string, fill: (wb: StreamingWorkbook) => Promise<void>): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
    wb.creator = 'village-funds';
    await fill(wb);
    await wb.commit();
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
