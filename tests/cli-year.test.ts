// The year of `calc` and `audit` without --year: the roster's title, then (audit)
// the ledger's payment dates, then the calendar year, said on stderr; and the
// hint when most payments fall outside the audit year (workbook/year-evidence.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Cell } from '../src/workbook/cells.js';
import { runCli, writeGridWorkbook } from './support/roster-files.js';

let dir: string;
const file = (name: string) => path.join(dir, name);
const ROSTER = 'examples/county-roster.xlsx';
const LEDGER = 'examples/county-ledger.xlsx';
const thisYear = new Date().getFullYear();

const HEADER: Cell[] = ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'];
const UNITS: Cell[][] = [
  ['城关镇', '东风村', '村', 1200, 24],
  ['城关镇', '幸福社区', '社区', 8000, 130],
];
const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vf-year-'));
  await writeGridWorkbook(file('untitled.xlsx'), [{ name: '名册', rows: [['村级经费测算表'], HEADER, ...UNITS] }]);
  await writeGridWorkbook(file('ledger-2023.xlsx'), [
    {
      name: '拨付明细',
      rows: [
        ['日期', '凭证号', '乡镇', '收款单位', '经费类别', '金额'],
        [d(2023, 3, 1), 'a', '城关镇', '东风村', '办公经费', 20000],
        [d(2023, 3, 1), 'b', '城关镇', '幸福社区', '办公经费', 30000],
        [d(2024, 1, 5), 'c', '城关镇', '幸福社区', '党建经费', 50000],
      ],
    },
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('no --year: the roster title year', () => {
  test('calc on the bundled example takes 2025 from the title and says so', async () => {
    const r = await runCli(['calc', ROSTER, '-o', file('calc.xlsx'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('未指定年度，按名册标题「城关镇2025年村（社区）运转经费测算表」取2025年度（可用 --year 指定）。\n');
    expect(JSON.parse(r.stdout).policy.year).toBe(2025);
  });
  test('audit on the bundled example: 2025, and 29 exceptions as with --year 2025', async () => {
    const r = await runCli(['audit', ROSTER, '--ledger', LEDGER, '-o', file('audit.xlsx'), '--json', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('No year given: 2025, from the roster\'s title "城关镇2025年村（社区）运转经费测算表" (set it with --year).\n');
    const j = JSON.parse(r.stdout);
    expect(j.audit.year).toBe(2025);
    expect(j.counts.exceptions).toBe(29);
    // The out-of-year payments it counts are those flagged OUT_OF_YEAR.
    expect(j.yearHint).toMatchObject({
      auditYear: 2025,
      datedPayments: 892,
      paymentsOutside: j.counts.outOfYear,
      mostIn: 2025,
      mostlyOutside: false,
    });
  });
});

describe('no year in the title', () => {
  test('calc falls back to the calendar year, and says so', async () => {
    const r = await runCli(['calc', file('untitled.xlsx'), '-o', file('untitled-calc.xlsx'), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`未指定年度，名册标题未写年度，按当前年份取${thisYear}年度（可用 --year 指定）。\n`);
    expect(JSON.parse(r.stdout).policy.year).toBe(thisYear);
  });
  test('audit takes the year most payment dates fall in', async () => {
    const r = await runCli(['audit', file('untitled.xlsx'), '--ledger', file('ledger-2023.xlsx'), '-o', file('a23.xlsx'), '--json']);
    expect(r.stderr).toBe('未指定年度，名册标题未写年度，按拨付明细中多数拨付日期（2/3笔）取2023年度（可用 --year 指定）。\n');
    const j = JSON.parse(r.stdout);
    expect(j.audit.year).toBe(2023);
    expect(j.yearHint).toMatchObject({ auditYear: 2023, datedPayments: 3, paymentsOutside: 1, mostIn: 2023, mostlyOutside: false });
  });
});

describe('most payments outside the audit year', () => {
  test('an explicit wrong --year: the summary says so first, naming the year they are in', async () => {
    const r = await runCli(['audit', ROSTER, '--ledger', LEDGER, '-o', file('wrong.xlsx'), '--year', '2026', '--lang', 'zh']);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^注意：有日期的(\d+)笔拨付中\d+笔不在审计年度2026年内，多数在2025年，是否应审计2025年度？（--year 2025）$/);
    expect(lines[1]).toMatch(/^应拨/);
  });
  test('--json: yearHint, and the line on stderr', async () => {
    const r = await runCli([
      'audit',
      ROSTER,
      '--ledger',
      LEDGER,
      '-o',
      file('wrong.json.xlsx'),
      '--year',
      '2026',
      '--json',
      '--lang',
      'en',
    ]);
    const j = JSON.parse(r.stdout);
    expect(j.yearHint).toMatchObject({ auditYear: 2026, mostIn: 2025, mostlyOutside: true });
    expect(j.yearHint.paymentsOutside).toBeGreaterThan(j.yearHint.datedPayments / 2);
    expect(r.stderr).toMatch(
      /^Note: \d+ of \d+ dated payments fall outside the audit year 2026, most in 2025: should the audit be for 2025\? \(--year 2025\)\n$/,
    );
  });
});
