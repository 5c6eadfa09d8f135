// Writes an output workbook atomically: to a temporary file beside the target,
// then renamed, so a crash never leaves half a workbook under the real name.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Duplex } from 'node:stream';
import { createGzip, type ZlibOptions } from 'node:zlib';
import { XlsxWriter } from '../xlsx/writer.js';

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

/**
 * `fill` gets the writer and a signal that aborts if the file cannot be
 * written (disk full, folder gone).
 */
export async function writeXlsxAtomically(target: string, fill: (wb: XlsxWriter, signal: AbortSignal) => Promise<void>): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const file = createWriteStream(tmp);
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
    await rename(tmp, target);
  } catch (e) {
    const cause = failed.signal.aborted ? failed.signal.reason : e;
    file.on('error', () => {}); // late write errors after the failure are expected
    file.destroy();
    await rm(tmp, { force: true });
    throw cause;
  }
}
