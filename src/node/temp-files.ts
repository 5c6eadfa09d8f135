// Temporary files of ours: an output is written to `.NAME.PID.tmp` beside NAME
// and renamed when whole (write-xlsx.ts); calc --json spools units to a folder
// of its own (spool.ts). None may stay behind: a caught signal removes those
// being written (removeTempFiles, called by the CLI), and a later run removes
// what a killed one left (removeStaleTempFiles).
import { rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_NAME = /^\.(.+\.xlsx)\.(\d+)\.tmp$/i;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
}

/** The output a temporary file of ours stands for, or null: messages name the user's file, not ours. */
export function targetOfTemp(path: string): string | null {
  const m = TEMP_NAME.exec(basename(path));
  return m ? join(dirname(path), m[1]!) : null;
}

const inFlight = new Set<string>();

/** Notes a temporary file or folder being written; the function returned forgets it. */
export function trackTemp(path: string): () => void {
  inFlight.add(path);
  return () => inFlight.delete(path);
}

/** Removes every temporary file and folder being written (a signal stops the run); returns the outputs that were not written. */
export function removeTempFiles(): string[] {
  const outputs = [];
  for (const path of inFlight) {
    rmSync(path, { recursive: true, force: true });
    const target = targetOfTemp(path);
    if (target) outputs.push(target);
  }
  inFlight.clear();
  return outputs;
}

/** Removes the temporary files of ours in `dir` whose process is gone (kill -9, a power cut); returns their names. */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const removed = [];
  for (const name of await readdir(dir).catch(() => [])) {
    const m = TEMP_NAME.exec(name);
    if (!m || isRunning(Number(m[2]))) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}
