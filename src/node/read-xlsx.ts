// Streams a .xlsx file from disk as sheets of rows, so memory does not grow
// with the file: our own reader (zip-read.ts for the package on disk,
// src/xlsx/read-workbook.ts and read-*.ts for the XML; why not exceljs's:
// docs/xlsx.md, "Reading"). The file is only ever read.
//
// openXlsxFile reads a large file on a worker thread (read-xlsx-worker.ts), so
// that parsing overlaps whatever the caller does with the rows; the rows arrive
// in the same order and shape as reading here would give. Run from the
// TypeScript sources (the tests), there is no compiled worker to start and the
// file is read on this thread.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SaidError, type Said } from '../engine/said.js';
import type { SheetContext } from '../xlsx/read-sheet.js';
import { sheetRows, workbookParts, type WorkbookParts } from '../xlsx/read-workbook.js';
import { rowsFromBatches, type SheetSource, type SourceRow } from '../workbook/source.js';
import type { FromReader, ToReader } from './read-xlsx-protocol.js';
import { Inbox } from './thread-messages.js';
import { ZipLimitError } from '../xlsx/zip-directory.js';
import { ZipReader } from './zip-read.js';

/**
 * The file is not a readable .xlsx workbook (not a zip, encrypted, damaged).
 * `reason`: the reader's own words (English); `why`: why in words for the
 * user, where the reader has them (a zip bomb), else the usual causes are
 * named. `message` keeps the reader's reason, for logs.
 */
export class WorkbookReadError extends SaidError {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly why?: Said,
  ) {
    super({
      zh: `无法读取工作簿：${path}（${why?.zh ?? '文件已损坏或不完整，或已加密'}）`,
      en: `cannot read the workbook: ${path} (${why?.en ?? 'damaged or truncated, or encrypted'})`,
    });
    this.message = `cannot read workbook ${path}: ${reason}`;
  }
}

/** Any reading failure as a WorkbookReadError about `path`. */
export function readError(path: string, e: unknown): WorkbookReadError {
  if (e instanceof WorkbookReadError) return e;
  return new WorkbookReadError(path, (e as Error).message, e instanceof ZipLimitError ? e.said : undefined);
}

export interface OpenedWorkbook {
  sheets: AsyncGenerator<SheetSource>;
  /** Bytes of the file read so far, for a progress bar. */
  bytesRead(): number;
  /** Stops reading (a caller that gives up before the end, or never starts). */
  close(): Promise<void>;
}

export function readInThread(path: string): OpenedWorkbook {
  const book = readBatches(path);
  const sheets = withRows(book.sheets);
  return {
    sheets,
    bytesRead: book.bytesRead,
    close: async () => {
      await sheets.return(undefined);
    },
  };
}

async function* withRows(sheets: AsyncIterable<SheetBatches>): AsyncGenerator<SheetSource> {
  for await (const s of sheets) yield { name: s.name, rows: rowsFromBatches(s.batches), ...(s.kind ? { kind: s.kind } : {}) };
}

/** A sheet's rows in batches, as read (what a reading worker posts). */
export interface SheetBatches {
  name: string;
  batches: AsyncIterable<SourceRow[]>;
  kind?: 'chart';
}

/** The file's sheets, each as batches of rows, read on this thread; `known`: its parts, when they have been read already. */
export function readBatches(path: string, known?: WorkbookParts): { sheets: AsyncGenerator<SheetBatches>; bytesRead(): number } {
  let zip: ZipReader | undefined;
  async function* batches(part: string, ctx: SheetContext, kind?: 'chart'): AsyncGenerator<SourceRow[]> {
    try {
      yield* sheetRows(zip!, part, ctx, kind);
    } catch (e) {
      throw readError(path, e);
    }
  }
  async function* sheets(): AsyncGenerator<SheetBatches> {
    let parts;
    try {
      zip = await ZipReader.open(path);
      parts = known ?? (await workbookParts(zip));
    } catch (e) {
      throw readError(path, e);
    }
    for (const s of parts.sheets) yield { name: s.name, batches: batches(s.part, parts.ctx, s.kind), ...(s.kind ? { kind: s.kind } : {}) };
  }
  return { sheets: sheets(), bytesRead: () => zip?.bytesRead() ?? 0 };
}

const WORKER = new URL('./read-xlsx-worker.js', import.meta.url);

/**
 * Files smaller than this are read on the caller's thread: a worker costs more
 * than it saves. `calc` of the 20 KB example county took 0.49–0.59 s without
 * workers and 0.61–0.77 s with them (4 runs each, in turns); 5,000 and
 * 20,000-row rosters (170 and 690 KB) took the same either way
 * (`/usr/bin/time node bin/village-funds.js calc …`). `calc` decides its writer the same way.
 */
export const WORKER_MIN_BYTES = 1 << 20;

/** `worker`: read on a worker thread; by default, when the file is at least WORKER_MIN_BYTES. */
export function openXlsxFile(path: string, options: { worker?: boolean } = {}): OpenedWorkbook {
  const onWorker = options.worker ?? sizeOf(path) >= WORKER_MIN_BYTES;
  return onWorker && existsSync(fileURLToPath(WORKER)) ? readOnWorker(path) : readInThread(path);
}

async function readParts(path: string): Promise<WorkbookParts> {
  try {
    return await workbookParts(await ZipReader.open(path));
  } catch (e) {
    throw readError(path, e);
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // reading will say what is wrong with it
  }
}

function readOnWorker(path: string): OpenedWorkbook {
  let bytesRead = 0;
  // Started now, not when the sheets are first asked for: the worker takes
  // a good tenth of a second to boot, time the caller can spend loading its
  // policy (src/cli/calc.ts).
  const worker = new Worker(WORKER, { workerData: path });
  // Meanwhile this thread reads what every sheet needs (the sheet list, the
  // shared strings, which styles are dates) and hands it over, so the worker
  // starts on the rows as soon as it is up. Nothing of it is kept here: the
  // shared strings of 600,000 names held on both threads took the run's peak
  // memory from 321–332 MB to 499–519 MB.
  const handedOver = readParts(path).then((parts) => worker.postMessage({ kind: 'parts', parts } satisfies ToReader));
  handedOver.catch(() => {}); // reported to whoever reads the sheets
  // 'crash': the thread itself died (out of memory, say), which says nothing about the file.
  const inbox = new Inbox<FromReader | { kind: 'crash'; reason: string }>();
  worker.on('message', inbox.push);
  worker.on('error', (e) => inbox.push({ kind: 'crash', reason: e.message }));
  worker.on('exit', (code) => inbox.push({ kind: 'crash', reason: `exit code ${code}` }));
  // Unreferenced, so a caller that gives up without closing never keeps the
  // process alive; referenced while we wait on it.
  worker.unref();
  async function* sheets(): AsyncGenerator<SheetSource> {
    const next = async (): Promise<FromReader> => {
      const waiting = inbox.empty;
      if (waiting) worker.ref();
      const m = await inbox.next();
      if (waiting) worker.unref();
      if (m.kind === 'rows' || m.kind === 'done') bytesRead = m.bytesRead;
      if (m.kind === 'rows') worker.postMessage({ kind: 'more' } satisfies ToReader);
      if (m.kind === 'error') throw new WorkbookReadError(path, m.reason, m.why);
      if (m.kind === 'crash') throw new Error(`reading ${path} stopped: ${m.reason}`);
      return m;
    };
    try {
      await handedOver;
      let m = await next();
      while (m.kind === 'sheet') {
        const { name, sheetKind } = m;
        m = await next();
        async function* batches(): AsyncGenerator<SourceRow[]> {
          while (m.kind === 'rows') {
            const batch = m.rows;
            m = await next();
            yield batch;
          }
        }
        yield { name, rows: rowsFromBatches(batches()), ...(sheetKind ? { kind: sheetKind } : {}) };
        while (m.kind === 'rows') m = await next(); // rows the caller did not want
      }
    } finally {
      worker.removeAllListeners();
      await worker.terminate();
    }
  }
  const all = sheets();
  return {
    sheets: all,
    bytesRead: () => bytesRead,
    close: async () => {
      await all.return(undefined);
      worker.removeAllListeners();
      await worker.terminate();
    },
  };
}
