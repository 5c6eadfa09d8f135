// Our streaming .xlsx writer (src/xlsx/writer.ts), used by the CLI and the web
// page. Every file is read back with exceljs and checked against the SheetSpec
// it came from: values, number formats, bold rows, fills, widths, frozen header.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { calculator } from '../src/engine/index.js';
import { calcReport } from '../src/workbook/calc-job.js';
import { gridSource } from '../src/workbook/source.js';
import { NUMBER_FORMATS, headerRowNumber, hiddenColumns, type SheetSpec } from '../src/workbook/sheet-spec.js';
import { writeXlsx } from '../src/web/xlsx-writer.js';
import { XlsxWriter } from '../src/xlsx/writer.js';
import { storedGzip } from '../src/xlsx/zip.js';
import { gunzipSync } from 'node:zlib';

const grid = [
  ['全县村（社区）名册'],
  ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数', '区划代码'],
  ['城关镇', '东风村', '村', 1499, 29, '410102001001'],
  ['城关镇', '=SUM(A1)', '村', '1,500', 31, null],
  ['城关镇', '小计', null, null, null, null],
  ['河西乡', '幸福社区', '社区', 8000, 130, null],
  ['河西乡', '坏行', '村', 'abc', 3, null],
  ['河西乡', ' 前后有空格 ', '农村社区', 2000, 12, null],
];

const fills: SheetSpec = {
  name: '填充',
  columns: [
    { header: '状态', kind: 'text', width: 10 },
    { header: '金额', kind: 'money', width: 12 },
    { header: '万元', kind: 'wan', width: 12 },
  ],
  rows: [
    ['一致', 1.5, 0.00015],
    ['差异', -20000, 2],
    ['合计', 3, null],
  ],
  fills: [{ column: 0, argb: 'FFC6EFCE' }, { column: 1, argb: 'FFFFC7CE' }, undefined],
  totalRows: [2],
};

async function readBack(blob: Blob) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await blob.arrayBuffer());
  return wb;
}

const solidFill = (cell: ExcelJS.Cell) =>
  cell.fill && cell.fill.type === 'pattern' && cell.fill.pattern === 'solid' ? (cell.fill.fgColor?.argb ?? null) : null;

/** Checks one written sheet against its spec, cell by cell. */
function expectSheet(ws: ExcelJS.Worksheet, spec: SheetSpec) {
  const head = headerRowNumber(spec);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: head });
  // Printed for filing: A4, one page wide (one high for a summary to sign), header rows on every page, page numbers.
  expect(ws.pageSetup).toMatchObject({
    orientation: spec.print?.orientation ?? 'landscape',
    paperSize: 9,
    printTitlesRow: `1:${head}`,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: spec.print?.onePage ? 1 : 0,
  });
  expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  expect(spec.columns.map((_, i) => ws.getColumn(i + 1).width)).toEqual(spec.columns.map((c) => c.width));
  if (spec.title) {
    expect(ws.getCell(1, 1).value).toBe(spec.title);
    expect(ws.getCell(1, 1).font?.bold).toBe(true);
    if (spec.subtitle) expect(ws.getCell(2, 1).value).toBe(spec.subtitle);
  }
  for (const i of hiddenColumns(spec)) expect(ws.getColumn(i + 1).hidden, `${spec.name} column ${i + 1}`).toBe(true);
  spec.columns.forEach((c, i) => {
    const cell = ws.getCell(head, i + 1);
    expect(cell.value).toBe(c.header);
    expect(cell.font?.bold).toBe(true);
    expect(solidFill(cell)).toBe('FFDDEBF7');
  });
  const totals = new Set(spec.totalRows ?? []);
  spec.rows.forEach((cells, k) => {
    const row = ws.getRow(head + 1 + k);
    cells.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      const where = `${spec.name} row ${head + 1 + k} column ${i + 1}`;
      expect(cell.value ?? null, where).toEqual(v);
      const kind = spec.columns[i]!.kind;
      // A number in a text column (a count in a notes column) keeps the general format.
      if (typeof v === 'number') expect(cell.numFmt, where).toBe(kind === 'text' ? undefined : NUMBER_FORMATS[kind]);
      if (typeof v === 'string' && spec.columns[i]!.wrap) expect(cell.alignment?.wrapText, where).toBe(true);
      if (v !== null) expect(!!cell.font?.bold, where).toBe(totals.has(k));
      const fill = spec.fills?.[k];
      expect(solidFill(cell), where).toBe(fill && fill.column === i ? fill.argb : null);
    });
  });
  expect(ws.rowCount).toBe(head + spec.rows.length);
}

describe('.xlsx writer', () => {
  it('writes every report sheet as its spec says', async () => {
    const { sheets } = await calcReport([gridSource('全县', grid)], calculator(2025), 'zh');
    const all = [...sheets, fills];
    const wb = await readBack(await writeXlsx(all));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['核算结果', '乡镇汇总', '问题清单', '政策参数', '填充']);
    for (const spec of all) expectSheet(wb.getWorksheet(spec.name)!, spec);
    // Formula-like text stays text.
    expect(wb.getWorksheet('核算结果')!.getColumn(2).values).toContain('=SUM(A1)');
  });

  it('handles an empty sheet, odd characters, kept spaces, formula-like text and bad sheet names', async () => {
    const spec: SheetSpec = {
      name: '空',
      title: 'a < b & "c"\u0001\n',
      columns: [{ header: 'x', kind: 'text', width: 5 }],
      rows: [],
    };
    const spaced: SheetSpec = { name: '空格', columns: spec.columns, rows: [[' 前后 '], ['@x'], ['+1'], ['-1']] };
    const wb = await readBack(await writeXlsx([spec, spaced]));
    expect(wb.getWorksheet('空')!.getCell('A1').value).toBe('a < b & "c"\n');
    expectSheet(wb.getWorksheet('空格')!, spaced);
    await expect(writeXlsx([spec, spec])).rejects.toThrow(/duplicate/);
    for (const name of ['a/b', "'引号", "引号'", '', 'x'.repeat(32)])
      await expect(writeXlsx([{ ...spec, name }])).rejects.toThrow(/invalid/);
    await expect(
      writeXlsx([
        { ...spec, name: 'Sheet' },
        { ...spec, name: 'SHEET' },
      ]),
    ).rejects.toThrow(/duplicate/);
  });

  it('streams: bytes reach the sink while rows are still coming, and a stalled sink stalls the rows', async () => {
    const columns = [
      { header: '名称', kind: 'text' as const, width: 10 },
      { header: '说明', kind: 'text' as const, width: 40 },
      { header: '金额', kind: 'money' as const, width: 12 },
    ];
    const row = (i: number) => [`东风村${i}`, `人口${i}人，办公经费按每村每年25,000元核定。`.repeat(3), 25000 + i / 100];

    let received = 0;
    const wb = new XlsxWriter((bytes) => void (received += bytes.length));
    const sheet = await wb.startSheet({ name: '结果', columns });
    for (let i = 0; i < 20_000; i++) await sheet.addRow(row(i));
    expect(received).toBeGreaterThan(100_000);
    await sheet.close();
    await wb.finish();

    // A sink that never finishes its second write: the writer must stop taking rows
    // after a bounded amount, not buffer the whole sheet.
    let calls = 0;
    const stalled = new XlsxWriter(() => (++calls > 2 ? new Promise<void>(() => {}) : undefined));
    const s = await stalled.startSheet({ name: '结果', columns });
    let accepted = 0;
    for (; accepted < 200_000; accepted++) {
      const next = Promise.resolve(s.addRow(row(accepted))).then(() => true);
      const moved = await Promise.race([next, new Promise<false>((r) => setTimeout(() => r(false), 500))]);
      if (!moved) break;
    }
    // About 220 bytes of XML a row: 30,000 rows is ~6.6 MB, far more than the few chunks in flight.
    expect(accepted).toBeLessThan(30_000);
  });

  it('writes uncompressed, still valid, where the host has no CompressionStream', async () => {
    const text = new TextEncoder().encode('东风村,'.repeat(40_000));
    const gz = storedGzip();
    const writer = gz.writable.getWriter();
    const parts: Uint8Array[] = [];
    const reading = (async () => {
      for await (const p of gz.readable as unknown as AsyncIterable<Uint8Array>) parts.push(p);
    })();
    await writer.write(text.subarray(0, 100_001)); // more than one stored block, split anywhere
    await writer.write(text.subarray(100_001));
    await writer.close();
    await reading;
    expect(Buffer.from(gunzipSync(Buffer.concat(parts)))).toEqual(Buffer.from(text)); // gunzip checks the CRC and size too

    const chunks: Uint8Array[] = [];
    const wb = new XlsxWriter((b) => void chunks.push(b), { gzip: storedGzip });
    await wb.writeSheet(fills);
    await wb.finish();
    const back = await readBack(new Blob(chunks as BlobPart[]));
    expectSheet(back.getWorksheet('填充')!, fills);
  });

  it("stops with the sink's error", async () => {
    const wb = new XlsxWriter(() => {
      throw new Error('disk full');
    });
    await expect(
      (async () => {
        const s = await wb.startSheet(fills);
        await s.close();
      })(),
    ).rejects.toThrow('disk full');
  });
});
