// The WPS 表格 adapter (src/wps/et-io.ts) and the WPS host, against the
// in-memory ET host (tests/support/fake-et.ts): read, detect, compute, audit,
// write; report marks, a user's sheet left alone, text kept text, and the
// number of Range writes for a 10,000-unit county.
import { describe, expect, test } from 'vitest';
import { calculator } from '../src/engine/index.js';
import { calcReport } from '../src/workbook/calc-job.js';
import { REPORT_MARK } from '../src/pane/report-layout.js';
import { toSheetSource } from '../src/pane/sheet-grid.js';
import { etColor, readSheets, writeReport } from '../src/wps/et-io.js';
import type { EtApplication } from '../src/wps/et.js';
import { WpsHost } from '../src/wps/wps-host.js';
import type { CalcView, AuditView } from '../src/pane/host.js';
import { CHENGGUAN_ROWS, countyRoster } from './support/county.js';
import { FakeEt, type FakeEtSheet } from './support/fake-et.js';

const YEAR = 2025;
const et = (fake: FakeEt) => fake as unknown as EtApplication;
const signal = () => new AbortController().signal;

function written(sheet: FakeEtSheet): (string | number | boolean | null)[][] {
  return sheet.usedValues().map((row) => row.map((v) => (v === '' ? null : v)));
}

/** The small county of the task pane tests, as an open ET workbook. */
function smallCounty(): FakeEt {
  const fake = new FakeEt();
  fake.addSheet('说明', [['XX县2025年村（社区）名册']]);
  fake.addSheet('城关镇', CHENGGUAN_ROWS);
  fake.addSheet('河西乡', [
    ['村名', '户籍人口', '上年度党员人数'],
    ['=李家村', 1200, 24],
  ]);
  fake.addSheet('问题清单', [['我自己的问题记录，不要覆盖'], ['第一条']]);
  return fake;
}

describe('readSheets (ET)', () => {
  test('used ranges with their first row and column; one-cell and empty sheets; hidden sheets', async () => {
    const fake = new FakeEt();
    const s = fake.addSheet('城关镇');
    // A roster starting at C5.
    s.ensure(4, 2).value = '名称';
    s.ensure(4, 3).value = '人口';
    s.ensure(5, 2).value = '东村';
    s.ensure(5, 3).value = 1499;
    s.ensure(6, 3).value = '#N/A';
    fake.addSheet('空表');
    fake.addSheet('一格', [['只有一格']]).Visible = 0;
    const grids = await readSheets(et(fake), undefined);
    expect(grids.map((g) => [g.name, g.firstRow, g.firstColumn, g.rowCount, g.columnCount, g.hidden])).toEqual([
      ['城关镇', 5, 2, 3, 2, false],
      ['空表', 1, 0, 0, 0, false],
      ['一格', 1, 0, 1, 1, true],
    ]);
    expect(grids[0]!.values).toEqual([
      ['名称', '人口'],
      ['东村', 1499],
      [null, { error: '#N/A' }], // an error value, told from its text (ET gives no value types), for the workbook layer to name
    ]);
    expect(grids[2]!.values).toEqual([['只有一格']]);
  });

  test('values move in blocks: one Value2 read per block of rows', async () => {
    const fake = new FakeEt();
    fake.addSheet('全县', countyRoster(12_000));
    fake.resetCounts();
    const [g] = await readSheets(et(fake), ['全县'], { blockRows: 5000 });
    expect(g!.values.length).toBe(12_002);
    expect(fake.counts.valueReads).toBe(3); // 12,000 + 2 rows in blocks of 5,000
  });

  test('a missing sheet is named in both languages', async () => {
    await expect(readSheets(et(smallCounty()), ['没有这个表'])).rejects.toMatchObject({
      said: { zh: '找不到工作表：没有这个表', en: 'Worksheet not found: 没有这个表' },
    });
  });

  test('a ledger: numbers in a date format become dates, a mixed column is read cell by cell', async () => {
    const fake = new FakeEt();
    const s = fake.addSheet('拨付明细', [
      ['拨付日期', '金额'],
      [45717, 20000],
      [45718, 5000],
    ]);
    s.Range('A2:A3').NumberFormat = 'yyyy-mm-dd';
    s.Range('B2').NumberFormat = '#,##0.00';
    const [g] = await readSheets(et(fake), undefined, { dates: true });
    expect(g!.values[1]).toEqual([new Date(Date.UTC(2025, 2, 1)), 20000]);
    expect(g!.values[2]).toEqual([new Date(Date.UTC(2025, 2, 2)), 5000]);
  });
});

describe('WPS host: compute and audit in the open workbook', () => {
  test('a county computed: four sheets written and marked, the user’s 问题清单 untouched, text kept text', async () => {
    const fake = smallCounty();
    const host = new WpsHost(et(fake));
    const info = await host.inspect(undefined, signal());
    const rosters = info.sheets.filter((s) => s.headerRow !== null).map((s) => s.name);
    expect(rosters).toEqual(['城关镇', '河西乡']);
    const view = (await host.calc(
      { selection: { sheets: rosters, mappings: {} }, policy: { kind: 'builtin' }, year: YEAR, lang: 'zh' },
      () => undefined,
      signal(),
    )) as CalcView;
    // 28,000 + 33,100 + 143,000 + 83,000 + 28,000 (=李家村, 1,200 people)
    expect(view.county.total.text).toBe('315,100.00');
    expect(view.rows).toMatchObject({ computed: 5, rejected: 1 });
    expect(view.output).toEqual({ kind: 'sheets', sheets: ['核算结果', '乡镇汇总', '问题清单(2)', '政策参数'] });
    expect(fake.sheetNames()).toEqual(['说明', '城关镇', '河西乡', '问题清单', '核算结果', '乡镇汇总', '问题清单(2)', '政策参数']);
    expect(written(fake.sheet('问题清单')!)).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);
    expect(fake.sheet('问题清单')!.names).toEqual([]);
    for (const name of ['核算结果', '乡镇汇总', '问题清单(2)', '政策参数'])
      expect(fake.sheet(name)!.names.map((n) => n.name)).toEqual([REPORT_MARK.name]);

    const result = fake.sheet('核算结果')!;
    const rows = written(result);
    const li = rows.find((r) => r.includes('=李家村'))!;
    expect(li).toBeDefined(); // a formula-looking name stays text
    const code = rows.find((r) => r.includes('东风村'))!;
    expect(code).toContain('410102001001'); // a code stays text, not a number
    // The header row: bold, filled, frozen; print settings for filing.
    const header = rows.findIndex((r) => r.includes('合计') || r.includes('经费合计'));
    expect(header).toBeGreaterThanOrEqual(0);
    expect(result.cell(header, 0)!.bold).toBe(true);
    expect(result.cell(header, 0)!.fill).toBe(String(etColor('#DDEBF7')));
    expect(result.freeze.rows).toBe(header + 1);
    expect(result.PageSetup).toMatchObject({ Orientation: 2, PaperSize: 9, PrintTitleRows: `$1:$${header + 1}` });
    // As the CLI's files print: one page wide, as many high as it takes; a summary to sign on one page.
    expect(result.PageSetup).toMatchObject({ Zoom: false, FitToPagesWide: 1, FitToPagesTall: false });
    expect(fake.sheet('乡镇汇总')!.PageSetup).toMatchObject({ Zoom: false, FitToPagesWide: 1, FitToPagesTall: 1 });
    expect(fake.sheet('问题清单(2)')!.PageSetup.Orientation).toBe(1); // a list prints portrait
    // Title, then 编制单位 / policy / 单位：元, then the header.
    expect(String(rows[0]![0])).toMatch(/年度村（社区）运转经费核算结果$/);
    expect(String(rows[1]![0])).toMatch(/^编制单位：.*单位：元$/);
    // 核定说明 wraps (the application grows the rows); 在册月数, which no unit fills, is hidden (0 wide).
    const explanation = rows[header]!.indexOf('核定说明');
    expect(result.wrapped.some((w) => w.c0 === explanation && w.r0 === header + 1)).toBe(true);
    expect(result.columnWidths.get(rows[header]!.indexOf('在册月数'))).toBe(0);
    // Money columns carry the money format; the county total on 乡镇汇总 is bold.
    const towns = fake.sheet('乡镇汇总')!;
    const townRows = written(towns);
    const totalRow = townRows.findIndex((r) => r[0] === '全县合计');
    expect(townRows[totalRow]).toContain(315100);
    expect(towns.cell(totalRow, 0)!.bold).toBe(true);
    // Issues link to their source cell.
    const issues = fake.sheet('问题清单(2)')!;
    const links = [...issues.cells.values()].flatMap((row) => [...row.values()]).filter((c) => c.etHyperlink);
    expect(links.map((c) => c.etHyperlink!.subAddress)).toContain("'城关镇'!D8");
    // Writing paused screen updating and restored it.
    expect([...fake.screenAtWrites]).toEqual([false]);
    expect(fake.ScreenUpdating).toBe(true);
    expect(fake.Calculation).toBe(-4105);

    // Computing again replaces our sheets in place: same sheets, no (3), the user's sheet still untouched.
    await host.calc(
      { selection: { sheets: rosters, mappings: {} }, policy: { kind: 'builtin' }, year: YEAR, lang: 'zh' },
      () => undefined,
      signal(),
    );
    expect(fake.sheetNames()).toEqual(['说明', '城关镇', '河西乡', '问题清单', '核算结果', '乡镇汇总', '问题清单(2)', '政策参数']);
    expect(written(fake.sheet('问题清单')!)).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);

    // The policy read back from our 政策参数 sheet gives the same total.
    const again = (await host.calc(
      { selection: { sheets: rosters, mappings: {} }, policy: { kind: 'sheet' }, year: YEAR, lang: 'zh' },
      () => undefined,
      signal(),
    )) as CalcView;
    expect(again.county.total.text).toBe('315,100.00');

    // 定位: the cell is selected.
    await host.showCell("'城关镇'!D8");
    expect(fake.selection).toEqual({ sheet: '城关镇', row: 8, column: 4 });
  });

  test('an audit writes its sheets beside the roster', async () => {
    const fake = smallCounty();
    const ledger = fake.addSheet('拨付明细', [
      ['拨付日期', '凭证号', '乡镇', '收款单位', '摘要', '拨付金额（元）'],
      [45717, '记-001', '城关镇', '东风村', '拨付东风村2025年办公经费', 20000],
      [45718, '记-004', '城关镇', '红旗村', '拨付红旗村2025年办公经费', 20000],
    ]);
    ledger.Range('A2:A3').NumberFormat = 'yyyy-mm-dd';
    const host = new WpsHost(et(fake));
    const view = (await host.audit(
      {
        selection: { sheets: ['城关镇', '河西乡'], mappings: {} },
        policy: { kind: 'builtin' },
        year: YEAR,
        lang: 'zh',
        ledgerSheet: '拨付明细',
      },
      () => undefined,
      signal(),
    )) as AuditView;
    expect(view.output.kind).toBe('sheets');
    expect(fake.sheetNames()).toEqual(expect.arrayContaining(['审计比对', '异常清单', '审计汇总', '付款明细']));
    expect(written(fake.sheet('问题清单')!)).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);
    expect(view.summary?.rows.length).toBeGreaterThan(0);
  });
});

describe('writeReport (ET): a 10,000-unit county', () => {
  test('the four calc sheets in a bounded number of Range writes, each sheet holding exactly its spec', async () => {
    const fake = new FakeEt();
    const roster = countyRoster(10_000);
    roster.push(['乡镇1', '坏数据村', '村', '', '很多', 3]); // rejected, so 问题清单 has a link
    fake.addSheet('花名册', roster);
    const grids = await readSheets(et(fake), undefined);
    const { outcome, sheets } = await calcReport(grids.filter((g) => !g.report).map(toSheetSource), calculator(YEAR), 'zh');
    expect(outcome.rows.computed).toBe(10_000);
    fake.resetCounts();
    const result = await writeReport(et(fake), sheets);
    const columns = sheets.reduce((n, s) => n + s.columns.length, 0);
    const totals = sheets.reduce((n, s) => n + (s.totalRows?.length ?? 0), 0);
    console.log(
      `ET write, 10,000 units: ${fake.counts.rangeWrites} Range writes (${fake.counts.valueWrites} of them Value2), ` +
        `${fake.counts.cellsWritten} cells; ${sheets.length} sheets, ${columns} columns, ${totals} total rows`,
    );
    expect(result.sheets.map((s) => s.name)).toEqual(['核算结果', '乡镇汇总', '问题清单', '政策参数']);
    // Per sheet: widths and formats per column, title, header (value, bold, fill), value blocks of 5,000 rows,
    // bold total rows, fills, links. Nothing grows with the number of units but the blocks.
    const links = sheets.reduce((n, s) => n + (s.links?.targets.filter(Boolean).length ?? 0), 0);
    const blocks = sheets.reduce((n, s) => n + Math.ceil(s.rows.length / 5000), 0);
    // Per sheet also the line under the title, and WrapText once per wrapped column.
    const wrapped = sheets.reduce((n, s) => n + s.columns.filter((c) => c.wrap).length, 0);
    expect(fake.counts.valueWrites).toBeLessThanOrEqual(sheets.length * 3 + blocks);
    expect(fake.counts.rangeWrites).toBeLessThanOrEqual(2 * columns + wrapped + 7 * sheets.length + blocks + totals + links + 10);
    expect(fake.counts.rangeWrites).toBeLessThan(200);
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
  });
});
