// The Office.js adapter (src/addin/excel-read.ts, excel-write.ts) against the in-memory Excel host
// (tests/support/fake-excel.ts): read, detect, compute, write; sync counts,
// request sizes, payload halving, report marks, user sheets left alone.
import { describe, expect, test } from 'vitest';
import { SaidError } from '../src/engine/said.js';
import { readSheets } from '../src/addin/excel-read.js';
import type { Requirements } from '../src/addin/excel-support.js';
import { writeReport, type WriteProgress } from '../src/addin/excel-write.js';
import { columnPoints } from '../src/addin/excel-write-jobs.js';
import { REPORT_MARK, excelValue, variantName } from '../src/pane/report-layout.js';
import { toSheetSource, type SheetGrid } from '../src/pane/sheet-grid.js';
import { FakeExcel } from './support/fake-excel.js';
import type { FakeSheet } from './support/fake-excel-model.js';
import { isDateFormat } from '../src/workbook/cells.js';
import { calculator, type Calculator } from '../src/engine/index.js';
import { calcReport } from '../src/workbook/calc-job.js';
import { detectRosterHeader } from '../src/workbook/roster.js';
import { NUMBER_FORMATS, hiddenColumns, type SheetSpec } from '../src/workbook/sheet-spec.js';
import { countyRoster } from './support/county.js';

const MB4 = 4 * 1024 * 1024;
const YEAR = 2025;

function excel(fake: FakeExcel): Excel.RequestContext {
  return fake.requestContext() as unknown as Excel.RequestContext;
}

/** The roster input: every grid that is not a report. */
const inputs = (grids: readonly SheetGrid[]) => grids.filter((g) => !g.report).map(toSheetSource);

/** Values of a written sheet's used range, as the report spec holds them (empty cells null). */
function written(sheet: FakeSheet): (string | number | boolean | null)[][] {
  return sheet.usedValues().values.map((row) => row.map((v) => (v === '' ? null : v)));
}

async function computeFromWorkbook(fake: FakeExcel, calc: Calculator = calculator(YEAR), requirements?: Requirements) {
  const context = excel(fake);
  const grids = await readSheets(context, undefined, { requirements });
  const report = await calcReport(inputs(grids), calc, 'zh');
  return { context, grids, ...report };
}

describe('readSheets', () => {
  test('error values (valueTypes Error) reach the workbook layer as errors, named in the row issue; quoted text stays text', async () => {
    const fake = new FakeExcel();
    const sheet = fake.addSheet('城关镇', [
      ['名称', '人口', '上年度党员人数'],
      ['东村', '#DIV/0!', 3],
      ['西村', '#N/A', 3],
      ['南村', '#NAME?', 3],
    ]);
    sheet.ensure(2, 1).quotePrefix = true; // typed '#N/A: text
    sheet.ensure(3, 1).formula = '=CUNJI(1)'; // a formula's error result
    const { grids, outcome } = await computeFromWorkbook(fake);
    expect(grids[0]!.values.slice(1).map((r) => r[1])).toEqual([{ error: '#DIV/0!' }, '#N/A', { error: '#NAME?' }]);
    expect(outcome.issues.map((i) => [i.row, i.column, i.code, i.message.zh])).toEqual([
      [2, 'B', 'ERROR_VALUE', '工作表「城关镇」第2行B列「人口」：单元格为错误值 #DIV/0!'],
      [3, 'B', 'NOT_A_NUMBER', '工作表「城关镇」第3行B列「人口」：“#N/A”不是数字'],
      [4, 'B', 'ERROR_VALUE', '工作表「城关镇」第4行B列「人口」：单元格为错误值 #NAME?'],
    ]);
  });

  test('reads used ranges with Excel row numbers; padding makes index 0 column A', async () => {
    const fake = new FakeExcel();
    fake.addSheet(
      '城关镇',
      [['名称', '人口', '上年度党员人数'], ['东村', 1499, 29], ['西村', '1,500人', 31], [], ['南社区', 8000, '#N/A']],
      { row: 5, column: 2 },
    );
    fake.addSheet('空表');
    const grids = await readSheets(excel(fake));
    expect(grids.map((g) => g.name)).toEqual(['城关镇', '空表']);
    const [g, empty] = grids as [(typeof grids)[number], (typeof grids)[number]];
    expect(g).toMatchObject({ firstRow: 5, firstColumn: 2, rowCount: 5, columnCount: 3, hidden: false, report: false });
    expect(g.values[1]).toEqual(['东村', 1499, 29]);
    expect(g.values[3]).toEqual([null, null, null]); // blank row: '' -> null
    expect(g.values[4]).toEqual(['南社区', 8000, { error: '#N/A' }]); // error value -> CellError
    expect(empty).toMatchObject({ values: [], rowCount: 0, firstRow: 1, firstColumn: 0 });

    const source = toSheetSource(g);
    const rows = [...(source.rows as Iterable<{ row: number; cells: unknown[] }>)];
    expect(rows[0]).toEqual({ row: 5, cells: [null, null, '名称', '人口', '上年度党员人数'] });
    expect(rows[2]!.row).toBe(7);
    // The workbook layer finds the header at Excel row 5, columns C..E.
    const header = detectRosterHeader(
      rows.map((r) => r.cells as never),
      rows[0]!.row,
    );
    expect(header?.row).toBe(5);
    expect(header?.columns.name?.letter).toBe('C');
  });

  test('sync count: names, sizes and marks, values; two when names are given', async () => {
    const fake = new FakeExcel();
    fake.addSheet('A', countyRoster(50));
    fake.addSheet('B', countyRoster(50, { seed: 3 }));
    await readSheets(excel(fake));
    expect(fake.syncCount).toBe(3);
    fake.resetStats();
    const grids = await readSheets(excel(fake), ['B']);
    expect(fake.syncCount).toBe(2);
    expect(grids.map((g) => g.name)).toEqual(['B']);
  });

  test('a missing sheet is an error in words', async () => {
    const fake = new FakeExcel();
    fake.addSheet('A', [['x']]);
    await expect(readSheets(excel(fake), ['不存在'])).rejects.toThrow(SaidError);
    await expect(readSheets(excel(fake), ['不存在'])).rejects.toMatchObject({
      said: { zh: '找不到工作表：不存在', en: 'Worksheet not found: 不存在' },
    });
  });

  test('big sheets are read in chunks; a response over the limit halves the chunk', async () => {
    const fake = new FakeExcel({ responseLimitBytes: 100_000 });
    fake.addSheet('花名册', countyRoster(3000));
    const progress: number[] = [];
    const grids = await readSheets(excel(fake), undefined, { onProgress: (p) => progress.push(p.rowsRead) });
    expect(grids[0]!.values).toHaveLength(3002);
    expect(grids[0]!.values[3001]![1]).toBe(
      '第3000村'.replace('村', grids[0]!.values[3001]![1]!.toString().endsWith('社区') ? '社区' : '村'),
    );
    expect(fake.syncs.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(Math.max(...fake.syncs.filter((s) => !s.error).map((s) => s.responseBytes))).toBeLessThanOrEqual(100_000);
    expect(progress.at(-1)).toBe(3002);
  });

  test('maxRows reads only the top of each sheet (detection), and says how many rows there are', async () => {
    const fake = new FakeExcel();
    fake.addSheet('花名册', countyRoster(3000));
    fake.addSheet('小表', countyRoster(5));
    const full = await readSheets(excel(fake));
    const fullBytes = fake.syncs.at(-1)!.responseBytes;
    fake.resetStats();
    const top = await readSheets(excel(fake), undefined, { maxRows: 24 });
    expect(top.map((g) => [g.name, g.values.length, g.rowCount])).toEqual([
      ['花名册', 24, 3002],
      ['小表', 7, 7],
    ]);
    expect(top[0]!.values).toEqual(full[0]!.values.slice(0, 24));
    expect(fake.syncCount).toBe(3);
    // The values sync carries 31 rows, not 3,009.
    expect(fake.syncs.at(-1)!.responseBytes).toBeLessThan(fullBytes / 50);
  });

  test('report sheets are flagged and not read; dates option turns date cells into Dates', async () => {
    const fake = new FakeExcel();
    const ledger = fake.addSheet('拨付明细', [
      ['日期', '金额'],
      [45292, 20000],
    ]);
    ledger.ensure(1, 0).numberFormat = 'yyyy"年"m"月"d"日"';
    const context = excel(fake);
    await writeReport(context, [{ name: '核算结果', columns: [{ header: 'x', kind: 'text', width: 5 }], rows: [['a']] }]);
    const grids = await readSheets(context, undefined, { dates: true });
    const report = grids.find((g) => g.name === '核算结果')!;
    expect(report).toMatchObject({ report: true, values: [] });
    expect(report.rowCount).toBeGreaterThan(0);
    const l = grids.find((g) => g.name === '拨付明细')!;
    expect(l.values[1]![0]).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(l.values[1]![1]).toBe(20000);
    expect(inputs(grids).map((s) => s.name)).toEqual(['拨付明细']);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('[$-804]yyyy年m月d日')).toBe(true);
  });
});

describe('writeReport', () => {
  test('a 10,000-unit county: read, compute and write the four calc sheets in at most 10 syncs, no request over 4 MB', async () => {
    const fake = new FakeExcel();
    const roster = countyRoster(10_000);
    roster.push(['乡镇1', '坏数据村', '村', '', '很多', 3]); // a rejected row, so 问题清单 has links
    fake.addSheet('花名册', roster);
    fake.resetStats();
    const progress: WriteProgress[] = [];
    const { context, outcome, sheets } = await computeFromWorkbook(fake);
    const readSyncs = fake.syncCount;
    const result = await writeReport(context, sheets, { onProgress: (p) => progress.push(p) });

    const total = fake.syncCount;
    console.log(
      `10,000 units: ${readSyncs} read syncs + ${total - readSyncs} write syncs = ${total}; largest request ${fake.maxRequestBytes} bytes, largest response ${fake.maxResponseBytes} bytes`,
    );
    expect(outcome.rows.computed).toBe(10_000);
    expect(outcome.rows.rejected).toBe(1);
    expect(total).toBeLessThanOrEqual(10);
    expect(result.syncs).toBe(total - readSyncs);
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(MB4);
    expect(fake.syncs.every((s) => !s.error)).toBe(true);
    // Calculation and screen updating suspended in every sync that writes.
    for (const s of fake.syncs.slice(readSyncs + 1)) expect(s).toMatchObject({ suspendedCalculation: true, suspendedScreenUpdating: true });

    expect(fake.sheetNames()).toEqual(['花名册', '核算结果', '乡镇汇总', '问题清单', '政策参数']);
    expect(result.sheets.map((s) => [s.name, s.replaced, s.renamed])).toEqual([
      ['核算结果', false, false],
      ['乡镇汇总', false, false],
      ['问题清单', false, false],
      ['政策参数', false, false],
    ]);
    // Every sheet holds exactly its spec: title, header, rows (strings without their text prefix).
    for (const spec of sheets) {
      const got = written(fake.sheet(spec.name)!);
      const want = [
        ...(spec.title ? [[spec.title]] : []),
        ...(spec.subtitle ? [[spec.subtitle]] : []),
        spec.columns.map((c) => c.header),
        ...spec.rows,
      ];
      expect(got.length).toBe(want.length);
      got.forEach((row, r) => want[r]!.forEach((cell, c) => expect(row[c] ?? null).toEqual(cell ?? null)));
    }
    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(progress.some((p) => p.sheet === '核算结果' && p.rowsWritten === 10_000)).toBe(true);

    // A re-run (reports marked, read skipped, replaced in place) stays within the target too.
    fake.resetStats();
    const again = await computeFromWorkbook(fake);
    const rerun = await writeReport(again.context, again.sheets);
    console.log(`re-run: ${fake.syncCount - rerun.syncs} read syncs + ${rerun.syncs} write syncs = ${fake.syncCount}`);
    expect(rerun.sheets.every((s) => s.replaced)).toBe(true);
    expect(fake.syncCount).toBeLessThanOrEqual(10);
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(MB4);
  });

  test('sheet format: frozen header, widths, number formats per column, bold header and totals, links, chart', async () => {
    const fake = new FakeExcel();
    const roster = countyRoster(200);
    roster.push(['乡镇2', '缺人口村', '村', '', '', 3]);
    fake.addSheet('花名册', roster);
    const { context, outcome, sheets } = await computeFromWorkbook(fake);
    await writeReport(context, sheets);

    const result = fake.sheet('核算结果')!;
    const spec = sheets[0]!;
    expect(result.freeze).toEqual({ rows: 3, columns: 0 });
    // Printed as the CLI's files print: A4 landscape, title and header on every page, page numbers.
    expect(result.pageLayout).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      printTitleRows: '$1:$3',
      centerFooter: '&C第 &P 页，共 &N 页',
      // One page wide, as many high as it takes.
      zoom: { horizontalFitToPages: 1 },
    });
    // Title, the line under it and the header repeat; a summary to sign fits on one page; a list prints portrait.
    expect(fake.sheet('问题清单')!.pageLayout).toMatchObject({ printTitleRows: '$1:$3', orientation: 'Portrait' });
    expect(fake.sheet('乡镇汇总')!.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
    // A column no unit fills (在册月数: no unit is part-year) is hidden: 0 wide.
    const hidden = hiddenColumns(spec);
    expect(hidden.map((i) => spec.columns[i]!.header)).toEqual(['在册月数']);
    spec.columns.forEach((c, i) => expect(result.columnWidths.get(i)).toBe(hidden.includes(i) ? 0 : columnPoints(c.width)));
    expect(result.at('A1')).toMatchObject({ value: spec.title, bold: true });
    expect(result.at('A2')).toMatchObject({ value: spec.subtitle });
    expect(String(spec.subtitle)).toContain('单位：元');
    expect(result.at('A3')).toMatchObject({ value: '乡镇', bold: true, fill: '#DDEBF7' });
    spec.columns.forEach((c, i) => {
      const cell = result.cell(3, i)!;
      if (c.kind === 'text') expect(cell.numberFormat).toBeUndefined();
      else expect(cell.numberFormat).toBe(NUMBER_FORMATS[c.kind]);
    });
    // The money format reaches the last data row (one call for the whole column).
    const money = spec.columns.findIndex((c) => c.kind === 'money');
    expect(result.cell(3 + spec.rows.length - 1 - 2, money)!.numberFormat).toBe('#,##0.00'); // the 合计 row, before the sign lines
    expect(result.cell(3 + spec.rows.length, money)).toBeUndefined();

    const towns = fake.sheet('乡镇汇总')!;
    const townSpec = sheets[1]!;
    const totalRow = 3 + townSpec.totalRows![0]!;
    expect(towns.cell(totalRow, 0)).toMatchObject({ value: '全县合计', bold: true });
    const totalColumn = townSpec.columns.findIndex((c) => c.header === '合计');
    expect(towns.cell(totalRow, totalColumn)!.value).toBe(Number(outcome.county.total.toFixed(2)));
    expect(towns.charts).toHaveLength(1);
    const n = outcome.townships.length;
    expect(towns.charts[0]).toMatchObject({
      type: 'ColumnClustered',
      seriesBy: 'Columns',
      title: '各乡镇经费（元）',
      source: `乡镇汇总!C3:F${3 + n}`,
      categoryNames: `乡镇汇总!A4:A${3 + n}`,
    });

    const issues = fake.sheet('问题清单')!;
    const issueSpec = sheets[2]!;
    const linked = issueSpec.links!.targets.map((t, i) => ({ t, i })).filter((x) => x.t);
    expect(linked.length).toBeGreaterThan(0);
    for (const { t, i } of linked) {
      const cell = issues.cell(3 + i, issueSpec.links!.column)!;
      expect(cell.hyperlink).toEqual({ documentReference: t, textToDisplay: issueSpec.rows[i]![issueSpec.links!.column] });
      expect(cell.value).toBe(issueSpec.rows[i]![issueSpec.links!.column]);
    }
    expect(linked[0]!.t).toMatch(/^'花名册'!E\d+$/);
  });

  test('fills (audit status colours) are written as runs of rows', async () => {
    const fake = new FakeExcel();
    const spec: SheetSpec = {
      name: '审计比对',
      columns: [
        { header: '单位', kind: 'text', width: 10 },
        { header: '状态', kind: 'text', width: 10 },
      ],
      rows: [
        ['甲', '一致'],
        ['乙', '少拨'],
        ['丙', '少拨'],
        ['丁', '多拨'],
      ],
      fills: [undefined, { column: 1, argb: 'FFFFC7CE' }, { column: 1, argb: 'FFFFC7CE' }, { column: 1, argb: 'ffffeb9c' }],
      totalRows: [3],
    };
    await writeReport(excel(fake), [spec]);
    const s = fake.sheet('审计比对')!;
    expect([1, 2, 3, 4].map((r) => s.cell(r, 1)!.fill)).toEqual([undefined, '#FFC7CE', '#FFC7CE', '#FFEB9C']);
    expect(s.cell(4, 0)!.bold).toBe(true);
    expect(s.cell(3, 0)!.bold).toBeUndefined();
  });

  test('links are queued in one pass: thousands of links cost no more syncs than a few', async () => {
    const make = (n: number): SheetSpec => ({
      name: '问题清单',
      columns: [{ header: '说明', kind: 'text', width: 40 }],
      rows: Array.from({ length: n }, (_, i) => [`工作表「花名册」第${i + 3}行：人口不是数字`]),
      links: { column: 0, targets: Array.from({ length: n }, (_, i) => `'花名册'!E${i + 3}`) },
    });
    const syncsFor = async (n: number) => {
      const fake = new FakeExcel();
      fake.addSheet('花名册', [['x']]);
      const r = await writeReport(excel(fake), [make(n)]);
      expect(fake.sheet('问题清单')!.cell(n, 0)!.hyperlink?.documentReference).toBe(`'花名册'!E${n + 2}`);
      return r.syncs;
    };
    expect(await syncsFor(3000)).toBe(await syncsFor(3));
  });

  test('a request over the host limit is sent again in halves (start 5,000 rows, halve on RequestPayloadSizeLimitExceeded)', async () => {
    const fake = new FakeExcel({ requestLimitBytes: 1024 * 1024 });
    fake.addSheet('花名册', countyRoster(10_000));
    const { context, sheets } = await computeFromWorkbook(fake);
    fake.resetStats();
    // A budget above the host's limit, so only the host's refusal can make the blocks smaller.
    const result = await writeReport(context, sheets, { maxRequestBytes: 8 * 1024 * 1024 });
    const refused = fake.syncs.filter((s) => s.error === 'RequestPayloadSizeLimitExceeded');
    expect(refused.length).toBeGreaterThan(0);
    expect(result.blockRows).toBeLessThan(5000);
    const halvings = [5000];
    while (halvings.at(-1)! > 1) halvings.push(Math.floor(halvings.at(-1)! / 2));
    expect(halvings).toContain(result.blockRows);
    for (const s of fake.syncs.filter((x) => !x.error)) expect(s.requestBytes).toBeLessThanOrEqual(1024 * 1024);
    // Nothing lost, nothing doubled.
    const got = written(fake.sheet('核算结果')!);
    expect(got).toHaveLength(sheets[0]!.rows.length + 3);
    expect(got.at(-1)![0]).toBe(sheets[0]!.rows.at(-1)![0]);
    expect(fake.sheetNames()).toEqual(['花名册', '核算结果', '乡镇汇总', '问题清单', '政策参数']);
  });

  test('one row too big for the host is an error in words, not a loop', async () => {
    const fake = new FakeExcel({ requestLimitBytes: 2000 });
    const spec: SheetSpec = { name: '核算结果', columns: [{ header: 'x', kind: 'text', width: 5 }], rows: [['长'.repeat(3000)]] };
    await expect(writeReport(excel(fake), [spec])).rejects.toThrow(SaidError);
  });

  test("a user's sheet with a report name is never overwritten; the report goes to name(2), and a re-run replaces that", async () => {
    const fake = new FakeExcel();
    fake.addSheet('花名册', countyRoster(60));
    const mine = fake.addSheet('核算结果', [
      ['我的笔记', 123],
      ['=不要动', null],
    ]);
    const before = JSON.stringify(mine.usedValues());
    const { context, sheets } = await computeFromWorkbook(fake);
    const first = await writeReport(context, sheets);
    expect(first.sheets[0]).toEqual({ spec: '核算结果', name: '核算结果(2)', replaced: false, renamed: true });
    expect(JSON.stringify(fake.sheet('核算结果')!.usedValues())).toBe(before);
    expect(fake.sheet('核算结果')!.customProperties.size).toBe(0);
    expect(written(fake.sheet('核算结果(2)')!)[2]![0]).toBe('乡镇');

    const again = await writeReport(context, sheets);
    expect(again.sheets[0]).toEqual({ spec: '核算结果', name: '核算结果(2)', replaced: true, renamed: true });
    expect(again.sheets.slice(1).every((s) => s.replaced && !s.renamed)).toBe(true);
    expect(fake.sheetNames()).toEqual(['花名册', '核算结果', '核算结果(2)', '乡镇汇总', '问题清单', '政策参数']);
    expect(JSON.stringify(fake.sheet('核算结果')!.usedValues())).toBe(before);
    expect(fake.sheet('乡镇汇总')!.charts).toHaveLength(1);
  });

  test('a re-run replaces its own sheets in place: same position, no leftover rows, marks kept', async () => {
    const fake = new FakeExcel();
    fake.addSheet('花名册', countyRoster(300));
    const { context, sheets } = await computeFromWorkbook(fake);
    await writeReport(context, sheets);
    fake.addSheet('汇报', [['用户后加的表']]);
    const result = fake.sheet('核算结果')!;
    const id = result.id;

    // Fewer units the second time: the old rows must go.
    const smaller = await calcReport(
      inputs(await readSheets(context)).map((s) => ({ ...s, rows: [...(s.rows as Iterable<never>)].slice(0, 52) })),
      calculator(YEAR),
      'zh',
    );
    const second = await writeReport(context, smaller.sheets);
    expect(second.sheets.every((s) => s.replaced && !s.renamed)).toBe(true);
    expect(fake.sheet('核算结果')!.id).toBe(id);
    expect(fake.sheetNames()).toEqual(['花名册', '核算结果', '乡镇汇总', '问题清单', '政策参数', '汇报']);
    expect(written(fake.sheet('核算结果')!)).toHaveLength(smaller.sheets[0]!.rows.length + 3);
    expect(smaller.sheets[0]!.rows.length).toBe(50 + 3); // the units, 合计 and the lines to sign
    expect(fake.sheet('核算结果')!.customProperties.get(REPORT_MARK.property.toLowerCase())?.value).toBe('report');
    expect(fake.sheet('乡镇汇总')!.charts).toHaveLength(1);
  });

  test('formula-looking names, codes and dates stay text (written with the text prefix)', async () => {
    const fake = new FakeExcel();
    const names = ['=SUM(A1:A9)村', '+86村', '-一村', '@某村', "'引号村"];
    const roster = countyRoster(names.length, { names });
    fake.addSheet('花名册', roster);
    const { context, sheets } = await computeFromWorkbook(fake);
    await writeReport(context, sheets);
    const result = fake.sheet('核算结果')!;
    const rows = written(result).slice(3, 3 + names.length);
    expect(rows.map((r) => r[1])).toEqual(names);
    for (let r = 3; r < 3 + names.length; r++) {
      for (let c = 0; c < sheets[0]!.columns.length; c++) expect(result.cell(r, c)?.formula).toBeUndefined();
    }
    // 12-digit codes are not turned into numbers.
    expect(rows.map((r) => r[3])).toEqual(roster.slice(2).map((r) => r[3]));
    // 政策参数's effective dates stay the text 2021-01-01, not a date serial.
    const policy = written(fake.sheet('政策参数')!);
    expect(policy.slice(3).every((r) => r[5] === '2021-01-01')).toBe(true);
    // Without the prefix the same strings would have become formulas and numbers in this host.
    expect(excelValue('=SUM(A1:A9)村')).toBe("'=SUM(A1:A9)村");
    expect(excelValue(12)).toBe(12);
    expect(excelValue(null)).toBeNull();
  });

  test('marks: custom property on ExcelApi 1.12+, a hidden worksheet name always; ExcelApi 1.7 (Excel 2019 volume-licensed) works with the name alone', async () => {
    const fake = new FakeExcel({ apiVersion: '1.7' });
    fake.addSheet('花名册', countyRoster(40));
    const requirements = { isSetSupported: (name: string, v?: string) => fake.isSetSupported(name, v) };
    const { context, sheets } = await computeFromWorkbook(fake, calculator(YEAR), requirements);
    await writeReport(context, sheets, { requirements });
    const s = fake.sheet('核算结果')!;
    expect(s.customProperties.size).toBe(0);
    expect(s.names.get(REPORT_MARK.name.toLowerCase())).toMatchObject({ formula: '="report"', visible: false });
    // Screen updating cannot be suspended before ExcelApi 1.9; calculation is.
    expect(fake.syncs.at(-1)).toMatchObject({ suspendedCalculation: true, suspendedScreenUpdating: false });
    // Nor can print settings be made (PageLayout is ExcelApi 1.9): left as Excel's defaults.
    expect(s.pageLayout).toMatchObject({ orientation: 'Portrait', printTitleRows: '' });
    const grids = await readSheets(context, undefined, { requirements });
    expect(grids.filter((g) => g.report).map((g) => g.name)).toEqual(['核算结果', '乡镇汇总', '问题清单', '政策参数']);
    const again = await writeReport(context, sheets, { requirements });
    expect(again.sheets.every((x) => x.replaced)).toBe(true);
    expect(fake.syncs.every((x) => !x.error)).toBe(true);

    const modern = new FakeExcel();
    modern.addSheet('花名册', countyRoster(40));
    const m = await computeFromWorkbook(modern);
    await writeReport(m.context, m.sheets);
    expect(modern.sheet('核算结果')!.customProperties.get('villagefunds')).toEqual({ key: REPORT_MARK.property, value: REPORT_MARK.value });
    expect(modern.sheet('核算结果')!.names.has('villagefundsreport')).toBe(true);
  });

  test('a report sheet made by an older run with only one mark is still recognised', async () => {
    const fake = new FakeExcel();
    const old = fake.addSheet('核算结果', [['旧结果']]);
    old.customProperties.set('villagefunds', { key: 'VillageFunds', value: 'report' });
    const r = await writeReport(excel(fake), [{ name: '核算结果', columns: [{ header: '新', kind: 'text', width: 5 }], rows: [] }]);
    expect(r.sheets[0]).toMatchObject({ name: '核算结果', replaced: true });
    expect(written(fake.sheet('核算结果')!)).toEqual([['新']]);
    expect(old.names.has('villagefundsreport')).toBe(true);
  });

  test('cancel: the signal is checked between syncs; a later run replaces the partial sheets', async () => {
    const fake = new FakeExcel();
    fake.addSheet('花名册', countyRoster(12_000));
    const { context, sheets } = await computeFromWorkbook(fake);
    const ac = new AbortController();
    await expect(
      writeReport(context, sheets, { blockRows: 2000, maxRequestBytes: 500_000, onProgress: () => ac.abort(), signal: ac.signal }),
    ).rejects.toThrow(/abort/i);
    const partial = written(fake.sheet('核算结果')!);
    expect(partial.length).toBeLessThan(12_002);
    const done = await writeReport(context, sheets);
    // The partial result sheet is replaced; the sheets not reached before the cancel are added now.
    expect(done.sheets.map((s) => [s.name, s.replaced, s.renamed])).toEqual([
      ['核算结果', true, false],
      ['乡镇汇总', false, false],
      ['问题清单', false, false],
      ['政策参数', false, false],
    ]);
    expect(written(fake.sheet('核算结果')!)).toHaveLength(12_000 + 3 + 3); // title rows, units, 合计 and the lines to sign
  });

  test('names: numbered variants stay within 31 characters', () => {
    expect(variantName('核算结果', 1)).toBe('核算结果');
    expect(variantName('核算结果', 2)).toBe('核算结果(2)');
    expect(variantName('a'.repeat(31), 12)).toBe(`${'a'.repeat(27)}(12)`);
  });
});
