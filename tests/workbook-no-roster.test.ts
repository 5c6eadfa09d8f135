// A wrong file must never look like a successful zero: no roster is an error
// naming each sheet and why; error cells (#N/A …) are named, never read as blank.
import { describe, expect, test } from 'vitest';
import { readLedgerGrid } from '../src/audit/ledger.js';
import { calculator } from '../src/engine/index.js';
import { runCalc } from '../src/workbook/calc-job.js';
import type { Cell } from '../src/workbook/cells.js';
import { headerText } from '../src/workbook/headers.js';
import { NoSheetReadError } from '../src/workbook/not-read.js';
import { readRosterGrid } from '../src/workbook/roster.js';
import { gridSource, type SheetSource } from '../src/workbook/source.js';

const calc = calculator(2025);
const run = (sheets: SheetSource[]) => runCalc(sheets, calc, () => {});
const err = (error: string): Cell => ({ error });

describe('no roster in the workbook', () => {
  test('is an error naming each sheet and why: empty, chart sheet, nearest header row and its missing columns', async () => {
    const sheets: SheetSource[] = [
      gridSource('Sheet1', []),
      gridSource('空白', [[null, '  '], []]),
      { name: '图表1', rows: [], kind: 'chart' },
      gridSource('数据', [['2025年村级组织情况'], ['名称', '人口', '备注'], ['东风村', 1620, '']]),
      gridSource('其他', [
        ['a', 'b'],
        [1, 2],
      ]),
    ];
    const e = await run(sheets).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NoSheetReadError);
    expect((e as NoSheetReadError).said.zh).toBe(
      '工作簿中没有花名册：' +
        [
          '工作表「Sheet1」：空表，没有任何内容，本表未读取',
          '工作表「空白」：空表，没有任何内容，本表未读取',
          '工作表「图表1」：图表工作表，没有单元格，本表未读取',
          '工作表「数据」：前20行中未找到花名册表头（需有名称、人口、上年度党员人数列），最接近的是第2行（有名称、人口），缺少「上年度党员人数」列，本表未读取',
          '工作表「其他」：前20行中未找到花名册表头（需有名称、人口、上年度党员人数列），本表未读取',
        ].join('；'),
    );
    expect((e as NoSheetReadError).said.en).toContain(
      `Sheet "数据": no roster header in the first 20 rows (needs name, population and last year's party-member columns); the nearest is row 2 (with name, population), which lacks the "last year's party members" column; sheet not read`,
    );
    expect((e as NoSheetReadError).said.en).not.toMatch(/\n/);
  });

  test('a workbook without sheets is an error too', async () => {
    await expect(run([])).rejects.toThrow('no roster in the workbook: it has no sheets');
  });

  test('content below the first 20 rows makes a sheet not empty', async () => {
    const rows: Cell[][] = Array.from({ length: 25 }, () => []);
    rows.push(['名称', '人口', '党员人数']);
    const e = (await run([gridSource('下方', rows)]).catch((x: unknown) => x)) as NoSheetReadError;
    expect(e.said.zh).toBe('工作簿中没有花名册：工作表「下方」：前20行中未找到花名册表头（需有名称、人口、上年度党员人数列），本表未读取');
  });

  test('beside a roster, the other sheets are info issues with their reason', async () => {
    const out = await run([
      gridSource('说明', [['填表说明：人口填户籍人口']]),
      { name: '图表', rows: [], kind: 'chart' },
      gridSource('城关镇', [
        ['名称', '人口', '党员人数'],
        ['东风村', 1620, 45],
      ]),
    ]);
    expect(out.rows).toEqual({ read: 1, computed: 1, rejected: 0, skipped: 0 });
    expect(out.issues.map((i) => [i.sheet, i.severity, i.code, i.message.zh])).toEqual([
      [
        '说明',
        'info',
        'NO_HEADER',
        '工作表「说明」：前20行中未找到花名册表头（需有名称、人口、上年度党员人数列），最接近的是第1行（有人口），缺少「名称」「上年度党员人数」列，本表未读取',
      ],
      ['图表', 'info', 'NO_HEADER', '工作表「图表」：图表工作表，没有单元格，本表未读取'],
    ]);
  });

  test('a roster with a header and no rows, or with every row rejected, is still a roster', async () => {
    const none = await run([gridSource('城关镇', [['名称', '人口', '党员人数']])]);
    expect(none.rows).toEqual({ read: 0, computed: 0, rejected: 0, skipped: 0 });
    expect(none.county.total.toFixed(2)).toBe('0.00');
    const rejected = await run([
      gridSource('城关镇', [
        ['名称', '人口', '党员人数'],
        ['东风村', 'abc', 45],
        ['西河村', -1, 3],
      ]),
    ]);
    expect(rejected.rows).toEqual({ read: 2, computed: 0, rejected: 2, skipped: 0 });
  });
});

describe('error cells', () => {
  test('in a roster row: a row issue naming the error, in each column it is in, never blank', () => {
    const { outcomes } = readRosterGrid('城关镇', [
      ['乡镇', '名称', '类型', '人口', '党员人数', '区划代码', '在册月数'],
      ['城关镇', '东风村', '村', err('#N/A'), 45, null, null],
      ['城关镇', err('#REF!'), '村', 1620, err('#DIV/0!'), null, null],
      [err('#VALUE!'), '西河村', err('#NAME?'), 900, 20, err('#N/A'), err('#NUM!')],
      [null, null, null, err('#N/A'), null, null, null],
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    const issues = outcomes.flatMap((o) => (o.kind === 'rejected' ? o.issues : []));
    expect(issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([
      [2, 'D', 'ERROR_VALUE', 'error'],
      [3, 'B', 'ERROR_VALUE', 'error'],
      [3, 'E', 'ERROR_VALUE', 'error'],
      [4, 'A', 'ERROR_VALUE', 'error'],
      [4, 'C', 'ERROR_VALUE', 'error'],
      [4, 'F', 'ERROR_VALUE', 'error'],
      [4, 'G', 'ERROR_VALUE', 'error'],
      [5, 'D', 'ERROR_VALUE', 'error'],
      [5, 'B', 'MISSING_NAME', 'error'],
      [5, 'E', 'MISSING_NUMBER', 'error'],
    ]);
    expect(issues[0]!.message).toEqual({
      zh: '工作表「城关镇」第2行D列「人口」：单元格为错误值 #N/A',
      en: 'Sheet "城关镇", row 2, column D (人口): the cell holds the error value #N/A',
    });
  });

  test('an error in the header area names no column', () => {
    expect(headerText(err('#N/A'))).toBe('');
    const { summary } = readRosterGrid('城关镇', [
      [err('#N/A'), '名称', '人口', '党员人数'],
      [1, '东风村', 1620, 45],
    ]);
    expect(summary.header?.columns.township).toBeUndefined();
    expect(summary.computed).toBe(1);
    // Error values cannot stand in for header texts.
    const none = readRosterGrid('x', [
      [err('#N/A'), err('#N/A'), err('#N/A')],
      [1, 2, 3],
    ]);
    expect(none.summary.header).toBeNull();
  });

  test('in a ledger: an error amount rejects the row; elsewhere it is a warning and the payment counts', () => {
    const { outcomes, summary } = readLedgerGrid('拨付明细', [
      ['日期', '凭证号', '收款单位', '金额'],
      ['2025-03-01', 'a', '东风村', err('#DIV/0!')],
      [err('#VALUE!'), 'b', '东风村', 5000],
    ]);
    expect(summary).toMatchObject({ read: 2, payments: 1, rejected: 1, skipped: 0 });
    const [bad, ok] = outcomes;
    expect(bad).toMatchObject({ kind: 'rejected', issues: [{ code: 'ERROR_VALUE', column: 'D', severity: 'error' }] });
    expect(bad?.kind === 'rejected' && bad.issues[0]!.message.zh).toBe('工作表「拨付明细」第2行D列「金额」：单元格为错误值 #DIV/0!');
    expect(ok?.kind === 'payment' && ok.payment.issues.map((i) => [i.code, i.column, i.severity, i.message.en])).toEqual([
      ['ERROR_VALUE', 'A', 'warning', 'Sheet "拨付明细", row 3, column A (日期): the cell holds the error value #VALUE!'],
    ]);
    expect(ok?.kind === 'payment' && ok.payment.date).toBeNull();
  });
});
