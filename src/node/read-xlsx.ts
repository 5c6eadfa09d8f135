// Streams a .xlsx file from disk as sheets of rows (exceljs streaming reader),
// so memory does not grow with the file. The file is only ever read.
//
// openXlsxFile reads on a worker thread (read-xlsx-worker.ts) so that parsing
// the file overlaps whatever the caller does with the rows; the rows arrive in
// the same order and shape as reading here would give. Run from the
// TypeScript sources (the tests), there is no compiled worker to start and the
// file is read on this thread.
import type ExcelJS from 'exceljs';
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { rowCells } from '../xlsx/cells.js';
import type { SheetSource, SourceRow } from '../workbook/source.js';
import type { FromReader, ToReader } from './read-xlsx-protocol.js';

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

export function readInThread(path: string): OpenedWorkbook {
  const stream = createReadStream(path, { flags: 'r' });
  async function* sheets(): AsyncGenerator<SheetSource> {
    try {
      // Loaded here, not at start-up: the CLI's own thread only reads through the worker.
      const { default: exceljs } = await import('exceljs');
      const reader = new exceljs.stream.xlsx.WorkbookReader(stream, {
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        // Styles tell dates from numbers (ledger dates).
        styles: 'cache',
        worksheets: 'emit',
        entries: 'emit',
      });
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

const WORKER = new URL('./read-xlsx-worker.js', import.meta.url);

export function openXlsxFile(path: string): OpenedWorkbook {
  return existsSync(fileURLToPath(WORKER)) ? readOnWorker(path) : readInThread(path);
}

function readOnWorker(path: string): OpenedWorkbook {
  let bytesRead = 0;
  async function* sheets(): AsyncGenerator<SheetSource> {
    // exceljs makes short-lived objects for every cell; a larger young generation
    // collects them more cheaply (`node bench/calc.js 600000`, three runs each:
    // 11.2–11.8 s and ~360 MB, against 11.7–13.0 s and 320–460 MB without this limit).
    const worker = new Worker(WORKER, { workerData: path, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    // 'crash': the thread itself died (out of memory, say), which says nothing about the file.
    const inbox: (FromReader | { kind: 'crash'; reason: string })[] = [];
    let wake: (() => void) | undefined;
    const arrive = (m: (typeof inbox)[number]) => {
      inbox.push(m);
      wake?.();
    };
    worker.on('message', arrive);
    worker.on('error', (e) => arrive({ kind: 'crash', reason: e.message }));
    worker.on('exit', (code) => arrive({ kind: 'crash', reason: `exit code ${code}` }));
    // Unreferenced, so a caller that gives up without closing the sheets
    // never keeps the process alive; referenced while we wait on it.
    worker.unref();
    const next = async (): Promise<FromReader> => {
      if (!inbox.length) {
        worker.ref();
        while (!inbox.length) await new Promise<void>((r) => (wake = r));
        worker.unref();
      }
      const m = inbox.shift()!;
      if (m.kind === 'rows' || m.kind === 'done') bytesRead = m.bytesRead;
      if (m.kind === 'rows') worker.postMessage({ kind: 'more' } satisfies ToReader);
      if (m.kind === 'error') throw new WorkbookReadError(path, m.reason);
      if (m.kind === 'crash') throw new Error(`reading ${path} stopped: ${m.reason}`);
      return m;
    };
    try {
      let m = await next();
      while (m.kind === 'sheet') {
        const name = m.name;
        m = await next();
        async function* rows(): AsyncGenerator<SourceRow> {
          while (m.kind === 'rows') {
            const batch = m.rows;
            m = await next();
            yield* batch;
          }
        }
        yield { name, rows: rows() };
        while (m.kind === 'rows') m = await next(); // rows the caller did not want
      }
    } finally {
      worker.removeAllListeners();
      await worker.terminate();
    }
  }
  return { sheets: sheets(), bytesRead: () => bytesRead };
}
