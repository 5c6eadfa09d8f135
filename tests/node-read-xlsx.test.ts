// The file reader the CLI uses: our own streaming reader on a worker thread
// (dist/node/read-xlsx-worker.js, built by `npm test` first). It must give the
// same sheets and rows, in the same order, as reading on this thread does.
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readInThread } from '../src/node/read-xlsx.js';
import type { SheetSource, SourceRow } from '../src/workbook/source.js';
import { type TempDir, makeTempDir } from './support/roster-files.js';
import { chartWorkbook } from './support/zip-build.js';

const ROOT = path.resolve(import.meta.dirname, '..');
type Reader = typeof import('../src/node/read-xlsx.js');
let dist: Reader;
let dir: TempDir;
let file: string;

beforeAll(async () => {
  expect(existsSync(path.join(ROOT, 'dist/node/read-xlsx-worker.js'))).toBe(true);
  dist = (await import(path.join(ROOT, 'dist/node/read-xlsx.js'))) as Reader;
  dir = await makeTempDir();
  file = dir.file('two-sheets.xlsx');
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('城关镇');
  a.addRow(['全县名册']);
  a.addRow(['乡镇', '名称', '人口', '日期', '备注']);
  // Enough rows to span many of the worker's batches, with every kind of cell.
  for (let i = 0; i < 2_345; i++) {
    a.addRow([
      '城关镇',
      `东风${i}村`,
      i % 7 === 0 ? `${1_000 + i}人` : 1_000 + i,
      i % 11 === 0 ? new Date(Date.UTC(2025, i % 12, 1)) : null,
      i % 13 === 0 ? { richText: [{ text: '富' }, { text: '文本' }] } : i % 17 === 0 ? { formula: 'C3*2', result: 42 } : undefined,
    ]);
  }
  a.getCell('D4').numFmt = 'yyyy-mm-dd';
  const b = wb.addWorksheet('河西乡');
  b.addRow(['乡镇', '名称']);
  b.addRow(['河西乡', '幸福社区']);
  await wb.xlsx.writeFile(file);
});
afterAll(() => dir.cleanup());

async function collect(sheets: AsyncIterable<SheetSource>): Promise<{ name: string; rows: SourceRow[] }[]> {
  const out = [];
  for await (const s of sheets) {
    const rows = [];
    for await (const r of s.rows) rows.push(r);
    out.push({ name: s.name, rows });
  }
  return out;
}

test('the worker gives the same sheets and rows as reading in this thread', async () => {
  const here = await collect(readInThread(file).sheets);
  const opened = dist.openXlsxFile(file, { worker: true });
  const there = await collect(opened.sheets);
  expect(there.map((s) => [s.name, s.rows.length])).toEqual([
    ['城关镇', 2_347],
    ['河西乡', 2],
  ]);
  expect(there).toEqual(here);
  expect(opened.bytesRead()).toBeGreaterThan(0);
});

test('a chart sheet comes through the worker as a sheet of kind chart, without rows', async () => {
  const charts = dir.file('chart.xlsx');
  await writeFile(charts, chartWorkbook());
  const there = [];
  for await (const s of dist.openXlsxFile(charts, { worker: true }).sheets) {
    let rows = 0;
    for await (const r of s.rows) rows += r.row > 0 ? 1 : 0;
    there.push([s.name, s.kind, rows]);
  }
  expect(there).toEqual([
    ['图表1', 'chart', 0],
    ['数据', undefined, 2],
  ]);
});

test('rows a caller skips are dropped, and stopping early ends the worker', async () => {
  const names: string[] = [];
  for await (const s of dist.openXlsxFile(file, { worker: true }).sheets) {
    names.push(s.name); // the first sheet's rows are never asked for
    if (s.name === '河西乡') {
      const rows = [];
      for await (const r of s.rows) rows.push(r.cells);
      expect(rows).toEqual([
        ['乡镇', '名称'],
        ['河西乡', '幸福社区'],
      ]);
    }
  }
  expect(names).toEqual(['城关镇', '河西乡']);

  for await (const s of dist.openXlsxFile(file, { worker: true }).sheets) {
    for await (const r of s.rows) {
      expect(r.row).toBe(1);
      break;
    }
    break;
  }
});

test('a file that is not a workbook is a WorkbookReadError, from the worker too', async () => {
  const bad = dir.file('not.xlsx');
  await writeFile(bad, 'hello');
  const err = await collect(dist.openXlsxFile(bad, { worker: true }).sheets).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(dist.WorkbookReadError);
  expect((err as InstanceType<Reader['WorkbookReadError']>).path).toBe(bad);
});
