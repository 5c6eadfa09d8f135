// Writes an output workbook atomically: to a temporary file beside the target,
// then renamed, so a crash never leaves half a workbook under the real name.
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type StreamingWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * `fill` gets the workbook and a signal that aborts if the file cannot be
 * written (disk full, folder gone): exceljs would otherwise stall silently.
 */
export async function writeXlsxAtomically(
  target: string,
  fill: (wb: StreamingWorkbook, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const file = createWriteStream(tmp);
  const failed = new AbortController();
  file.on('error', (e) => failed.abort(e));
  try {
    await Promise.race([once(file, 'open'), once(failed.signal, 'abort')]);
    failed.signal.throwIfAborted();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false });
    wb.creator = 'village-funds';
    await fill(wb, failed.signal);
    failed.signal.throwIfAborted();
    await wb.commit();
    failed.signal.throwIfAborted();
    await rename(tmp, target);
  } catch (e) {
    // Decide the error before destroying the stream: destroying makes exceljs's late writes fail too.
    const cause = failed.signal.aborted ? failed.signal.reason : e;
    file.on('error', () => {}); // late write errors after the failure are expected
    file.destroy();
    await rm(tmp, { force: true });
    throw cause;
  }
}
