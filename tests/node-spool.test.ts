// The spool behind calc --json: what goes in comes out in order, to a stream
// that keeps the chunks it is given (new buffers) and to one with a file
// descriptor (one reused buffer), over several blocks.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSpool } from '../src/node/spool.js';
import { makeTempDir, type TempDir } from './support/roster-files.js';

let tmp: TempDir;
beforeAll(async () => {
  tmp = await makeTempDir('vf-spool-');
});
afterAll(async () => {
  await tmp?.cleanup();
});

/** About 3.5 MB: more than three reads of the played-back file. */
const TEXTS = Array.from({ length: 40_000 }, (_, i) => `,{"名称":"第${i}村","row":${i}}`.padEnd(60 + (i % 50), ' '));

async function spooled() {
  const spool = await createSpool();
  for (const t of TEXTS) {
    spool.out.put(t);
    await spool.wrote();
  }
  return spool;
}

test('played to a stream that keeps its chunks: every byte, in order', async () => {
  const spool = await spooled();
  const to = new PassThrough();
  const chunks: Buffer[] = [];
  to.on('data', (c: Buffer) => chunks.push(c));
  to.write('head');
  await spool.playTo(to);
  to.end('tail');
  await once(to, 'end');
  expect(Buffer.concat(chunks).toString('utf8')).toBe('head' + TEXTS.join('') + 'tail');
});

test('played to a file descriptor after what the stream already holds: every byte, in order', async () => {
  const spool = await spooled();
  const to = createWriteStream(tmp.file('out.json'));
  await once(to, 'open');
  to.write('head'.repeat(100_000)); // still in the stream when playTo starts
  await spool.playTo(to);
  to.end('tail');
  await once(to, 'finish');
  expect(await readFile(tmp.file('out.json'), 'utf8')).toBe('head'.repeat(100_000) + TEXTS.join('') + 'tail');
});
