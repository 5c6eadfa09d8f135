// Text spooled to a temporary file and played back later: for output whose
// beginning is known only at the end (calc --json puts totals before units),
// without holding the middle in memory.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const BATCH = 1 << 16; // characters gathered before a write

export interface Spool {
  write(text: string): Promise<void>;
  /** Copies everything written, in order, to `to` (left open), then removes the file. */
  playTo(to: NodeJS.WritableStream): Promise<void>;
  /** Removes the file; safe to call more than once. */
  discard(): Promise<void>;
}

export async function createSpool(): Promise<Spool> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'village-funds-'));
  const file = path.join(dir, 'spool');
  const out = createWriteStream(file);
  let pending = '';
  const flush = async () => {
    if (pending && !out.write(pending)) await once(out, 'drain');
    pending = '';
  };
  const discard = async () => {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
  };
  return {
    async write(text) {
      pending += text;
      if (pending.length > BATCH) await flush();
    },
    async playTo(to) {
      await flush();
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      for await (const chunk of createReadStream(file)) if (!to.write(chunk)) await once(to, 'drain');
      await discard();
    },
    discard,
  };
}
