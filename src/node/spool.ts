// Text spooled to a temporary file and played back later: for output whose
// beginning is known only at the end (calc --json puts totals before units),
// without holding the middle in memory.
import { once } from 'node:events';
import { closeSync, createWriteStream, openSync, readSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Utf8Buffer } from '../workbook/utf8-buffer.js';
import { trackTemp } from './temp-files.js';

const BATCH = 1 << 20; // bytes gathered before a write

export interface Spool {
  /** Where the text goes: write into it, then call `wrote`. */
  readonly out: Utf8Buffer;
  /** Moves on what `out` has gathered; returns a promise only when the caller must wait (the file is behind). */
  wrote(): void | Promise<void>;
  /** Copies everything written, in order, to `to` (left open), then removes the file. */
  playTo(to: NodeJS.WritableStream): Promise<void>;
  /** Removes the file; safe to call more than once. */
  discard(): Promise<void>;
}

export async function createSpool(): Promise<Spool> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'village-funds-'));
  const untrack = trackTemp(dir);
  const file = path.join(dir, 'spool');
  const out = createWriteStream(file);
  const pending = new Utf8Buffer();
  // Blocks go back to `pending` once written: on this project's machines,
  // 37 MB written into fresh memory took 115–128 ms, into reused blocks
  // 10–11 ms (node bench/experiments/fresh-memory.js).
  const flush = async () => {
    let ok = true;
    for (const block of pending.take()) ok = out.write(block, () => pending.recycle(block));
    if (!ok) await once(out, 'drain');
  };
  const discard = async () => {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
    untrack();
  };
  return {
    out: pending,
    wrote() {
      if (pending.size > BATCH) return flush();
    },
    async playTo(to) {
      await flush();
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      await copyFile(file, to);
      await discard();
    },
    discard,
  };
}

/**
 * The file's bytes to `to`. Where `to` has a file descriptor (process.stdout
 * to a file or a pipe), through one reused buffer: 0.07 s less per 100,000
 * units of calc --json than a new buffer per read (two builds timed in turns
 * by bench/experiments/ab.js). A stream that might keep what it is given gets
 * new buffers.
 */
async function copyFile(file: string, to: NodeJS.WritableStream): Promise<void> {
  const fd = (to as { fd?: unknown }).fd;
  const from = openSync(file, 'r');
  try {
    let reuse = typeof fd === 'number';
    // What the stream holds back goes first.
    if (reuse && (to as { writableLength?: number }).writableLength) await once(to, 'drain');
    const buffer = Buffer.allocUnsafeSlow(BATCH);
    for (;;) {
      const chunk = reuse ? buffer : Buffer.allocUnsafeSlow(BATCH);
      const n = readSync(from, chunk, 0, BATCH, null);
      if (!n) return;
      let at = 0;
      if (reuse)
        try {
          while (at < n) at += writeSync(fd as number, chunk, at, n - at);
          continue;
        } catch (e) {
          // A pipe that is not blocking and is full: the stream waits for it.
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
          reuse = false;
        }
      const rest = chunk.subarray(at, n);
      if (!to.write(chunk === buffer ? Buffer.from(rest) : rest)) await once(to, 'drain');
    }
  } finally {
    closeSync(from);
  }
}
