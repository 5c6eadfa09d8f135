// The file writer calc uses: writeXlsxAtomically with the writing on a
// worker thread (dist/node/write-xlsx-worker.js, built by `npm test` first).
// It must write what writing on this thread writes, and fail as cleanly.
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeXlsxAtomically } from '../src/node/write-xlsx.js';
import type { SheetSpec } from '../src/workbook/sheet-spec.js';
import type { SheetWriter } from '../src/xlsx/writer.js';
import { type TempDir, makeTempDir } from './support/roster-files.js';

const ROOT = path.resolve(import.meta.dirname, '..');
type Writer = typeof import('../src/node/write-xlsx.js');
let dist: Writer;
let dir: TempDir;

beforeAll(async () => {
  expect(existsSync(path.join(ROOT, 'dist/node/write-xlsx-worker.js'))).toBe(true);
  dist = (await import(path.join(ROOT, 'dist/node/write-xlsx.js'))) as Writer;
  dir = await makeTempDir('vf-write-');
});
afterAll(() => dir.cleanup());

const SUMMARY: SheetSpec = {
  name: '乡镇汇总',
  title: '标题',
  columns: [
    { header: '乡镇', kind: 'text', width: 12 },
    { header: '合计', kind: 'money', width: 14 },
  ],
  rows: [
    ['城关镇', 1234.5],
    ['=SUM(A1)', 0.01],
    ['全县合计', 1234.51],
  ],
  totalRows: [2],
  fills: [{ column: 0, argb: 'FFC6EFCE' }],
};

/** Many streamed rows (several of the worker's batches), then a whole sheet. */
async function fill(wb: SheetWriter) {
  const s = await wb.startSheet({
    name: '核算结果',
    columns: [
      { header: '名称', kind: 'text', width: 10 },
      { header: '人口', kind: 'integer', width: 8 },
    ],
  });
  for (let i = 0; i < 2_345; i++) await s.addRow([`东风${i}村`, i], i === 7 ? { bold: true } : undefined);
  await s.close();
  await wb.writeSheet(SUMMARY);
}

async function contents(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: unknown[] = [];
    ws.eachRow((row, n) =>
      rows.push([n, row.values, row.getCell(1).font?.bold ?? false, (row.getCell(1).fill as ExcelJS.FillPattern)?.fgColor?.argb]),
    );
    return { name: ws.name, rows };
  });
}

test('the worker writes the same workbook as this thread does', async () => {
  const here = dir.file('here.xlsx');
  const there = dir.file('there.xlsx');
  await writeXlsxAtomically(here, fill);
  const { XlsxWriter } = (await import(path.join(ROOT, 'dist/xlsx/writer.js'))) as typeof import('../src/xlsx/writer.js');
  await dist.writeXlsxAtomically(
    there,
    async (wb) => {
      expect(wb).not.toBeInstanceOf(XlsxWriter); // a stand-in that posts to the worker
      await fill(wb);
    },
    { onWorker: true },
  );
  const a = await contents(here);
  expect(a.map((s) => [s.name, s.rows.length])).toEqual([
    ['核算结果', 2_346],
    ['乡镇汇总', 5],
  ]);
  expect(await contents(there)).toEqual(a);
  expect(await dir.list()).toEqual(['here.xlsx', 'there.xlsx']); // no temporary file left
});

test('a failing fill leaves no file behind, and its error is the one thrown', async () => {
  const target = dir.file('never.xlsx');
  const err = await dist
    .writeXlsxAtomically(
      target,
      async (wb) => {
        const s = await wb.startSheet({ name: 'S', columns: [] });
        for (let i = 0; i < 3_000; i++) await s.addRow([i]);
        throw new Error('stop here');
      },
      { onWorker: true },
    )
    .catch((e: unknown) => e);
  expect((err as Error).message).toBe('stop here');
  expect((await dir.list()).filter((n) => n.includes('never'))).toEqual([]);
});

test('a file that cannot be written is an error from the worker, with its code', async () => {
  const target = path.join(dir.dir, 'no-such-folder', 'out.xlsx');
  const err = (await dist.writeXlsxAtomically(target, fill, { onWorker: true }).catch((e: unknown) => e)) as NodeJS.ErrnoException;
  expect(err).toBeInstanceOf(Error);
  expect(err.code).toBe('ENOENT');
});

test('an invalid sheet name stops the worker with the writer’s error', async () => {
  const err = await dist
    .writeXlsxAtomically(dir.file('bad-name.xlsx'), (wb) => wb.writeSheet({ ...SUMMARY, name: 'a/b' }), { onWorker: true })
    .catch((e: unknown) => e);
  expect((err as Error).message).toMatch(/invalid or duplicate sheet name: a\/b/);
  expect((await dir.list()).filter((n) => n.includes('bad-name'))).toEqual([]);
});
