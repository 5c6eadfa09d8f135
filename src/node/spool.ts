// Text spooled to a temporary file and played back later: for output whose
// beginning is known only at the end (calc --json puts totals before units),
// without holding the middle in memory.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Utf8Buffer } from '../xlsx/utf8-buffer.js';
import { trackTemp } from './temp-files.js';

const BATCH = 1 << 20; // bytes gathered before a write

export interface Spool {
  /** Returns a promise only when the caller must wait (the file is behind). */
  write(text: string): void | Promise<void>;
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
  // Each text is encoded as it comes, into reused blocks, rather than joined
  // into one long string first: in --cpu-prof profiles of calc --json, the
  // joined string's Buffer.from was the largest cost on the main thread.
  const pending = new Utf8Buffer();
  const flush = async () => {
    let ok = true;
    for (const block of pending.take()) ok = out.write(block);
    if (!ok) await once(out, 'drain');
  };
  const discard = async () => {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
    untrack();
  };
  return {
    write(text) {
      pending.put(text);
      if (pending.size > BATCH) return flush();
    },
    async playTo(to) {
      await flush();
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      for await (const chunk of createReadStream(file, { highWaterMark: BATCH })) if (!to.write(chunk)) await once(to, 'drain');
      await discard();
    },
    discard,
  };
}
