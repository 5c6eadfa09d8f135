// Writes an output workbook atomically: to a temporary file beside the target,
// then renamed, so a crash never leaves half a workbook under the real name.
//
// With `onWorker`, the writing itself (rows to XML, deflate, the file) runs on
// a worker thread (write-xlsx-worker.ts), for callers that compute rows as they
// write them (calc): the caller's thread only computes rows and posts them in
// batches. Sheets built whole beforehand (audit, compare) gain nothing from it:
// the audit of 100,000 payments took 7.0 s and 816 MB with it against 5.6 s
// and 550 MB without (node bench/audit.js). Run from the TypeScript sources
// (the tests), there is no compiled worker and the file is written on this thread.
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createGzip, type ZlibOptions } from 'node:zlib';
import type { OutCell, SheetSpec } from '../workbook/sheet-spec.js';
import { XlsxWriter, writeSheetSpec, type RowLook, type SheetHead, type SheetStream, type SheetWriter } from '../xlsx/writer.js';
import { tempPathFor, trackTemp } from './temp-files.js';
import { Credits } from './thread-messages.js';
import type { FromWriter, ToWriter } from './write-xlsx-protocol.js';

// Deflate level 1, not CompressionStream's 6: 600,000 result rows are ~500 MB
// of XML, deflated in 0.7 s instead of 3.4 s, for ~27 % more bytes
// (bench/experiments/writer-choices.js 600000).
// A high-water mark of one byte makes every write wait for zlib to take the
// bytes: the writer reuses a block once its write has resolved.
const fastGzip = () =>
  Duplex.toWeb(createGzip({ level: 1, chunkSize: 1 << 17, writableHighWaterMark: 1 } as ZlibOptions)) as ReadableWritablePair<
    Uint8Array,
    Uint8Array<ArrayBuffer>
  >;

/** `fill` gets a writer and a signal that aborts if the file cannot be written (disk full, folder gone). */
export type Fill = (wb: SheetWriter, signal: AbortSignal) => Promise<void>;

export async function writeXlsxAtomically(target: string, fill: Fill, options: { onWorker?: boolean } = {}): Promise<void> {
  const tmp = tempPathFor(target);
  const untrack = trackTemp(tmp);
  try {
    await (options.onWorker && existsSync(fileURLToPath(WORKER)) ? writeOnWorker(tmp, fill) : writeXlsxFile(tmp, fill));
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    untrack();
  }
}

/** The whole workbook into `path`, on this thread. */
export async function writeXlsxFile(path: string, fill: Fill): Promise<void> {
  const file = createWriteStream(path);
  const failed = new AbortController();
  file.on('error', (e) => failed.abort(e));
  const stopped = once(failed.signal, 'abort');
  try {
    await Promise.race([once(file, 'open'), stopped]);
    failed.signal.throwIfAborted();
    const sink = async (bytes: Uint8Array) => {
      // Respect the file's backpressure, and give up as soon as it fails.
      if (!file.write(bytes)) await Promise.race([once(file, 'drain'), stopped]);
      failed.signal.throwIfAborted();
    };
    const wb = new XlsxWriter(sink, { signal: failed.signal, gzip: fastGzip });
    await fill(wb, failed.signal);
    await wb.finish();
    await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
    failed.signal.throwIfAborted();
  } catch (e) {
    const cause = failed.signal.aborted ? failed.signal.reason : e;
    file.on('error', () => {}); // late write errors after the failure are expected
    file.destroy();
    throw cause;
  }
}

const WORKER = new URL('./write-xlsx-worker.js', import.meta.url);
const BATCH = 500; // rows a message
const AHEAD = 4; // batches sent and not yet written

async function writeOnWorker(path: string, fill: Fill): Promise<void> {
  const worker = new Worker(WORKER, { workerData: path });
  const failed = new AbortController();
  const credits = new Credits(AHEAD, failed.signal);
  let done = false;
  const finished = new Promise<void>((resolve) => {
    worker.on('message', (m: FromWriter) => {
      if (m.kind === 'taken') credits.give();
      else if (m.kind === 'error') failed.abort(Object.assign(new Error(m.message), { code: m.code, path: m.path }));
      else {
        done = true;
        resolve();
      }
    });
    worker.on('error', (e) => failed.abort(e));
    worker.on('exit', (code) => done || failed.abort(new Error(`writing ${path} stopped: exit code ${code}`)));
    failed.signal.addEventListener('abort', () => resolve());
  });
  const send = (m: ToWriter) => {
    failed.signal.throwIfAborted();
    worker.postMessage(m);
  };
  let rows: [readonly OutCell[], RowLook | undefined][] = [];
  const sendRows = async () => {
    await credits.take();
    send({ kind: 'rows', rows });
    rows = [];
  };
  const wb: SheetWriter = {
    async startSheet(head: SheetHead): Promise<SheetStream> {
      // Only the head: `head` may be a whole SheetSpec, whose rows go in batches below.
      send({
        kind: 'start',
        head: { name: head.name, title: head.title, subtitle: head.subtitle, columns: head.columns, print: head.print },
      });
      return {
        addRow(cells, look) {
          rows.push([cells, look]);
          if (rows.length === BATCH) return sendRows();
        },
        async close() {
          if (rows.length) await sendRows();
          send({ kind: 'close' });
        },
      };
    },
    writeSheet: (spec: SheetSpec, onRows) => writeSheetSpec(wb, spec, onRows),
  };
  try {
    await fill(wb, failed.signal);
    send({ kind: 'finish' });
    await finished;
    failed.signal.throwIfAborted();
  } catch (e) {
    throw failed.signal.aborted ? failed.signal.reason : e;
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
