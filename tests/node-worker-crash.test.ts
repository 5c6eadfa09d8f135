// When a worker thread dies (out of memory, say) rather than failing politely,
// the reading or writing stops with a plain error that says so, nothing waits
// forever, and no half-written file is left. The built dist/node is copied,
// with stand-in workers that exit at once; their other imports resolve to
// the real build through links.
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TempDir, makeTempDir, writeGridWorkbook } from './support/roster-files.js';

const DIST = path.resolve(import.meta.dirname, '../dist');
let dir: TempDir;
let read: typeof import('../src/node/read-xlsx.js');
let write: typeof import('../src/node/write-xlsx.js');

beforeAll(async () => {
  dir = await makeTempDir('vf-crash-');
  const node = path.join(dir.dir, 'build', 'node');
  mkdirSync(node, { recursive: true });
  for (const d of ['xlsx', 'workbook', 'engine']) symlinkSync(path.join(DIST, d), path.join(dir.dir, 'build', d));
  cpSync(path.join(DIST, 'node'), node, { recursive: true });
  for (const f of ['read-xlsx-worker.js', 'write-xlsx-worker.js']) writeFileSync(path.join(node, f), 'process.exit(3);\n');
  read = await import(path.join(node, 'read-xlsx.js'));
  write = await import(path.join(node, 'write-xlsx.js'));
});
afterAll(() => dir.cleanup());

test('a reading worker that dies is an error, not a hang and not a "bad file"', async () => {
  const file = dir.file('roster.xlsx');
  await writeGridWorkbook(file, [
    {
      name: '城关镇',
      rows: [
        ['乡镇', '名称'],
        ['城关镇', '东风村'],
      ],
    },
  ]);
  const err = await (async () => {
    for await (const s of read.openXlsxFile(file, { worker: true }).sheets) for await (const r of s.rows) void r;
  })().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect(err).not.toBeInstanceOf(read.WorkbookReadError);
  expect((err as Error).message).toMatch(/reading .*roster\.xlsx stopped: exit code 3/);
});

test('a writing worker that dies is an error, and the target is never created', async () => {
  const target = dir.file('out.xlsx');
  const err = await write
    .writeXlsxAtomically(
      target,
      async (wb) => {
        const s = await wb.startSheet({ name: 'S', columns: [] });
        for (let i = 0; i < 5_000; i++) await s.addRow([i]);
        await s.close();
      },
      { onWorker: true },
    )
    .catch((e: unknown) => e);
  expect((err as Error).message).toMatch(/writing .*out\.xlsx.* stopped: exit code 3/);
  expect((await dir.list()).filter((n) => n.includes('out.xlsx'))).toEqual([]);
});
