// A wrong file must never look like a successful zero: calc, compare and
// audit on a workbook with no roster (or no ledger) exit 2, write nothing, and say on
// one line which sheets were looked at and why none was taken.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  CJK,
  COUNTY_SHEET,
  STACK_FRAME,
  type TempDir,
  makeTempDir,
  runCli,
  stubLocale,
  writeGridWorkbook,
  writeRosterWorkbook,
} from './support/roster-files.js';
import { chartWorkbook } from './support/zip-build.js';

let tmp: TempDir;
const f = (name: string) => tmp.file(name);

beforeAll(async () => {
  tmp = await makeTempDir('vf-noroster-');
  await writeFile(f('chart.xlsx'), chartWorkbook());
  await writeGridWorkbook(f('unrelated.xlsx'), [
    { name: 'Sheet1', rows: [] },
    {
      name: '名单',
      rows: [
        ['序号', '名称', '人口', '备注'],
        [1, '东风村', 1620, ''],
      ],
    },
  ]);
  await writeRosterWorkbook(f('roster.xlsx'), [COUNTY_SHEET]);
  await writeGridWorkbook(f('ledger.xlsx'), [
    {
      name: '拨付明细',
      rows: [
        ['日期', '收款单位', '摘要', '金额'],
        ['2025-03-01', '东风村', '办公经费', 20000],
      ],
    },
  ]);
});
afterAll(async () => {
  await tmp?.cleanup();
});
beforeEach(() => stubLocale('zh'));

/** Exit 2, nothing on stdout, one line on stderr, no stack trace, and no file left behind. */
async function refused(argv: string[]): Promise<string> {
  const before = await tmp.list();
  const r = await runCli(argv);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(await tmp.list()).toEqual(before);
  return r.stderr.trim();
}

describe('no roster in the workbook', () => {
  test('calc: exit 2, nothing written, each sheet named with why (chart sheet; nearest header row and its missing columns)', async () => {
    const zh = await refused(['calc', f('chart.xlsx'), '-o', f('out.xlsx')]);
    expect(zh).toBe(
      '工作簿中没有花名册：工作表「图表1」：图表工作表，没有单元格，本表未读取；' +
        '工作表「数据」：前20行中未找到花名册表头（需有名称、人口、上年度党员人数列），本表未读取',
    );
    const en = await refused(['calc', f('unrelated.xlsx'), '--json', '--lang', 'en']);
    expect(en).toBe(
      'no roster in the workbook: Sheet "Sheet1": the sheet is empty; not read; ' +
        `Sheet "名单": no roster header in the first 20 rows (needs name, population and last year's party-member columns); ` +
        `the nearest is row 1 (with name, population), which lacks the "last year's party members" column; sheet not read`,
    );
    expect(await refused(['calc', f('unrelated.xlsx')])).toContain('缺少「上年度党员人数」列');
  });

  test('compare: the same', async () => {
    expect(await refused(['compare', f('unrelated.xlsx'), '-o', f('cmp.xlsx')])).toMatch(/^工作簿中没有花名册：/);
  });

  test('audit: a roster workbook without a roster, or a ledger workbook without a ledger', async () => {
    const noRoster = await refused(['audit', f('chart.xlsx'), '--ledger', f('ledger.xlsx'), '-o', f('a.xlsx'), '--year', '2024']);
    expect(noRoster).toMatch(/^工作簿中没有花名册：工作表「图表1」：图表工作表/);
    const noLedger = await refused(['audit', f('roster.xlsx'), '--ledger', f('unrelated.xlsx'), '-o', f('a.xlsx'), '--year', '2024']);
    expect(noLedger).toMatch(/^工作簿中没有拨付明细：工作表「Sheet1」：空表，没有任何内容，本表未读取；工作表「名单」：/);
    const en = await refused(['audit', f('roster.xlsx'), '--ledger', f('chart.xlsx'), '--lang', 'en', '--year', '2024']);
    expect(en).toMatch(/^no payment ledger in the workbook: Sheet "图表1": a chart sheet/);
    expect(en.replace(/[图表数据]/g, '')).not.toMatch(CJK);
  });
});
