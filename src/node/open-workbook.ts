// Any workbook file the CLI reads, by the reader its content calls for
// (src/workbook/file-kind.ts): .xlsx streamed by our own reader; .xls, .et and
// .ods by SheetJS and .csv by ours, both from the whole file in memory.
import { open, readFile } from 'node:fs/promises';
import { csvSheet } from '../workbook/csv.js';
import { FileRefusedError, fileVerdict, sniffContent, type FileVerdict, type ReadAs } from '../workbook/file-kind.js';
import { readWithSheetJs } from '../workbook/sheetjs.js';
import type { SheetSource } from '../workbook/source.js';
import { openXlsxFile, WorkbookReadError, type OpenedWorkbook } from './read-xlsx.js';

const SNIFF_BYTES = 64 * 1024;

/** What the file on disk is and which reader takes it; the whole of an OLE2 file is searched for encryption streams. */
export async function sniffFile(path: string): Promise<FileVerdict> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = new Uint8Array(Math.min(size, SNIFF_BYTES));
    await fh.read(head, 0, head.length, 0);
    const ole2 = head[0] === 0xd0 && head[1] === 0xcf;
    let tail = head;
    if (ole2 || size > SNIFF_BYTES) {
      const from = ole2 ? 0 : size - SNIFF_BYTES;
      tail = new Uint8Array(size - from);
      await fh.read(tail, 0, tail.length, from);
    }
    return fileVerdict(path, sniffContent(head, tail)); // the path as given: messages name the file concerned
  } finally {
    await fh.close();
  }
}

/** The file's sheets. Reading fails with WorkbookReadError (damaged) or FileRefusedError (encrypted, an unreadable encoding). */
export function openWorkbookFile(path: string, readAs: ReadAs): OpenedWorkbook {
  if (readAs === 'xlsx') return openXlsxFile(path);
  let bytesRead = 0;
  let closed = false;
  async function* sheets(): AsyncGenerator<SheetSource> {
    const bytes = new Uint8Array(await readFile(path));
    bytesRead = bytes.length;
    let all: SheetSource[];
    try {
      all = readAs === 'csv' ? [csvSheet(path, bytes)] : await readWithSheetJs(path, bytes);
    } catch (e) {
      if (e instanceof FileRefusedError) throw e;
      throw new WorkbookReadError(path, (e as Error).message ?? String(e));
    }
    for (const s of all) {
      if (closed) return;
      yield s;
    }
  }
  return {
    sheets: sheets(),
    bytesRead: () => bytesRead,
    close: async () => {
      closed = true;
    },
  };
}
