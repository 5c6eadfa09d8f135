// `village-funds audit` in-process: exit codes 0/1/2, the --json contract, the workbook,
// and the bundled example ledger with every kind of exception.
import ExcelJS from 'exceljs';
import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Cell } from '../src/workbook/cells.js';
import { runCli, writeGridWorkbook } from './support/roster-files.js';

let dir: string;
const file = (name: string) => path.join(dir, name);

const run = (...argv: string[]) => runCli(argv);

const d = (m: number, day: number) => new Date(Date.UTC(2025, m - 1, day));
const LEDGER_HEADER = ['日期', '凭证号', '乡镇', '收款单位', '经费类别', '金额'];
const paid: Cell[][] = [
  [d(3, 1), 'a', '城关镇', '东风村', '办公经费', 20000],
  [d(3, 1), 'b', '城关镇', '东风村', '党建经费', 5000],
  [d(3, 1), 'c', '城关镇', '东风村', '党员活动经费', 3000],
  [d(3, 1), 'd', '城关镇', '幸福社区', '办公经费', 30000],
  [d(3, 1), 'e', '城关镇', '幸福社区', '党建经费', 50000],
  [d(3, 1), 'f', '城关镇', '幸福社区', '党员活动经费', 13000],
  [d(3, 1), 'g', '城关镇', '幸福社区', '社区服务群众专项经费', 50000],
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vf-audit-cli-'));
  const roster: Cell[][] = [
    ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'],
    ['城关镇', '东风村', '村', 1200, 24],
    ['城关镇', '幸福社区', '社区', 8000, 130],
  ];
  await writeGridWorkbook(file('roster.xlsx'), [{ name: '名册', rows: roster }]);
  await writeGridWorkbook(file('clean.xlsx'), [{ name: '拨付明细', rows: [LEDGER_HEADER, ...paid] }]);
  await writeGridWorkbook(file('diff.xlsx'), [
    { name: '拨付明细', rows: [LEDGER_HEADER, ...paid.slice(1), [d(4, 1), 'h', '城关镇', '红旗村', '办公经费', 1000]] },
  ]);
  // 红星村: members above population and too few people: computed, with two roster warnings.
  await writeGridWorkbook(file('warned-roster.xlsx'), [{ name: '名册', rows: [...roster, ['城关镇', '红星村', '村', 0, 12]] }]);
  await writeGridWorkbook(file('not-a-ledger.xlsx'), [{ name: 'x', rows: [['hello', 'world']] }]);
  await writeGridWorkbook(file('empty-roster.xlsx'), [{ name: 'x', rows: [['nothing here']] }]);
  await writeFile(file('broken.xlsx'), 'this is not a zip file');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MONEY = /^-?\d+\.\d{2}$/;

describe('roster warnings', () => {
  test('are counted in the summary, listed in 异常清单 and --json, and change no exit code or exception count', async () => {
    const args = ['audit', file('warned-roster.xlsx'), '--ledger', file('clean.xlsx'), '--year', '2025'];
    const zh = await run(...args, '-o', file('warned.xlsx'));
    expect(zh.stderr).toBe('');
    expect(zh.code).toBe(1); // 红星村 is entitled and unpaid: a difference, as without the warnings
    expect(zh.stdout).toMatch(
      /异常0项（[^）]*）。警告2条：(人口为0 1条、党员多于人口 1条|党员多于人口 1条、人口为0 1条)，见「异常清单」。/,
    );
    const en = await run(...args, '-o', file('warned-en.xlsx'), '--lang', 'en');
    expect(en.stdout).toMatch(/ Roster: 2 warnings: .*; see 异常清单\./);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('warned.xlsx'));
    const ws = wb.getWorksheet('异常清单')!;
    expect(String(ws.getCell('A2').value)).toContain('花名册警告2项');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const warned = rows.filter((r) => r[4] === '花名册警告（已核算）');
    // The code for machines in the last column (13), its name in words in 问题 (5).
    expect(warned.map((r) => [r[0], r[1], r[2], r[13]]).sort()).toEqual([
      ['花名册', '名册', 4, 'MEMBERS_ABOVE_POPULATION'],
      ['花名册', '名册', 4, 'ZERO_POPULATION'],
    ]);

    const j = JSON.parse((await run(...args, '-o', file('warned-json.xlsx'), '--json')).stdout);
    expect(j.exceptions).toEqual([]);
    expect(j.rosterWarnings.map((w: { code: string; row: number; sheet: string }) => [w.sheet, w.row, w.code]).sort()).toEqual([
      ['名册', 4, 'MEMBERS_ABOVE_POPULATION'],
      ['名册', 4, 'ZERO_POPULATION'],
    ]);
    for (const w of j.rosterWarnings) expect(w.message).toMatch(/^工作表「名册」第4行/);
  });
});

describe('exit codes', () => {
  test('0: everything 足额 with no exceptions', async () => {
    const r = await run(
      'audit',
      file('roster.xlsx'),
      '--ledger',
      file('clean.xlsx'),
      '-o',
      file('out0.xlsx'),
      '--year',
      '2025',
      '--lang',
      'en',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Entitled 171,000.00, paid per ledger 171,000.00, variance 0.00.');
    expect(r.stdout).toContain('7 in full, 0 under');
  });

  test('1: differences or exceptions; the workbook has the contract sheets', async () => {
    const r = await run(
      'audit',
      file('roster.xlsx'),
      '--ledger',
      file('diff.xlsx'),
      '-o',
      file('out1.xlsx'),
      '--year',
      '2025',
      '--lang',
      'zh',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('未拨1项');
    expect(r.stdout).toContain('无依据1项');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('out1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['审计比对', '异常清单', '审计汇总', '政策参数', '付款明细']);
    expect(wb.getWorksheet('审计比对')!.getRow(4).getCell(1).value).toBe('无依据');
  });

  test('the default output goes beside the ledger, and is not replaced without --force', async () => {
    await copyFile(file('clean.xlsx'), file('ledger-copy.xlsx'));
    const first = await run('audit', file('roster.xlsx'), '--ledger', file('ledger-copy.xlsx'), '--year', '2025');
    expect(first.code).toBe(0);
    const out = file('ledger-copy-审计结果.xlsx');
    const before = await stat(out);
    const again = await run('audit', file('roster.xlsx'), '--ledger', file('ledger-copy.xlsx'), '--year', '2025', '--lang', 'en');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`the output exists: ${out} (use --force to replace it)\n`);
    expect((await stat(out)).mtimeMs).toBe(before.mtimeMs);
    const forced = await run('audit', file('roster.xlsx'), '--ledger', file('ledger-copy.xlsx'), '--year', '2025', '--force');
    expect(forced.code).toBe(0);
  });

  test.each([
    ['no --ledger', ['audit', 'ROSTER']],
    ['a missing ledger', ['audit', 'ROSTER', '--ledger', 'nope.xlsx']],
    ['a ledger that is not .xlsx', ['audit', 'ROSTER', '--ledger', 'ROSTER_CSV']],
    ['an unreadable workbook', ['audit', 'ROSTER', '--ledger', 'BROKEN']],
    ['a bad tolerance', ['audit', 'ROSTER', '--ledger', 'CLEAN', '--tolerance', '-1']],
    ['a tolerance with three decimals', ['audit', 'ROSTER', '--ledger', 'CLEAN', '--tolerance', '0.001']],
    ['--schedule without --as-of', ['audit', 'ROSTER', '--ledger', 'CLEAN', '--schedule', 'quarterly']],
    ['an unknown schedule', ['audit', 'ROSTER', '--ledger', 'CLEAN', '--as-of', '2025-06-30', '--schedule', 'weekly']],
    ['a bad --as-of', ['audit', 'ROSTER', '--ledger', 'CLEAN', '--as-of', '2025-02-30']],
    ['a bad year', ['audit', 'ROSTER', '--ledger', 'CLEAN', '--year', '25']],
    ['a ledger without a ledger sheet', ['audit', 'ROSTER', '--ledger', 'NOT_LEDGER']],
    ['a roster without units', ['audit', 'EMPTY_ROSTER', '--ledger', 'CLEAN']],
    ['the roster as the ledger', ['audit', 'ROSTER', '--ledger', 'ROSTER']],
  ])('2: %s', async (_name, argv) => {
    const names: Record<string, string> = {
      ROSTER: file('roster.xlsx'),
      ROSTER_CSV: file('roster.csv'),
      CLEAN: file('clean.xlsx'),
      BROKEN: file('broken.xlsx'),
      NOT_LEDGER: file('not-a-ledger.xlsx'),
      EMPTY_ROSTER: file('empty-roster.xlsx'),
    };
    await writeFile(file('roster.csv'), 'a,b\n');
    const r = await run(...argv.map((a) => names[a] ?? a), '-o', file('err-out.xlsx'), '--force');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    await expect(stat(file('err-out.xlsx'))).rejects.toThrow();
  });
});

describe('--json', () => {
  test('prints only the JSON, with the contract keys and money as two-decimal strings', async () => {
    const r = await run(
      'audit',
      file('roster.xlsx'),
      '--ledger',
      file('diff.xlsx'),
      '-o',
      file('outj.xlsx'),
      '--year',
      '2025',
      '--json',
      '--force',
    );
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const j = JSON.parse(r.stdout);
    for (const k of ['totals', 'counts', 'lines', 'exceptions']) expect(j).toHaveProperty(k);
    expect(Object.keys(j.totals)).toEqual(
      expect.arrayContaining(['entitled', 'disbursed', 'matched', 'unmatched', 'unclassified', 'variance']),
    );
    for (const k of ['entitled', 'disbursed', 'matched', 'unmatched', 'unclassified', 'variance']) expect(j.totals[k]).toMatch(MONEY);
    expect(Object.keys(j.counts)).toEqual(
      expect.arrayContaining(['match', 'under', 'over', 'unpaid', 'noBasis', 'duplicates', 'unclassified', 'ambiguous']),
    );
    for (const v of Object.values(j.counts)) expect(Number.isInteger(v)).toBe(true);
    expect(j.totals).toMatchObject({
      entitled: '171000.00',
      disbursed: '152000.00',
      matched: '151000.00',
      unmatched: '1000.00',
      unclassified: '0.00',
      variance: '-19000.00',
    });
    expect(j.counts).toMatchObject({ match: 6, under: 0, over: 0, unpaid: 1, noBasis: 1, duplicates: 0, unclassified: 0, ambiguous: 0 });
    for (const l of j.lines) {
      expect(Object.keys(l)).toEqual(
        expect.arrayContaining(['township', 'name', 'line', 'entitled', 'disbursed', 'variance', 'status', 'payments']),
      );
      for (const k of ['entitled', 'disbursed', 'variance']) expect(l[k]).toMatch(MONEY);
      expect(['足额', '少拨', '多拨', '未拨', '无依据']).toContain(l.status);
      expect(typeof l.payments).toBe('number');
    }
    expect(j.lines[0]).toMatchObject({
      township: '城关镇',
      name: '红旗村',
      line: 'office',
      entitled: '0.00',
      disbursed: '1000.00',
      variance: '1000.00',
      status: '无依据',
      payments: 1,
    });
    expect(j.lines[1]).toMatchObject({
      township: '城关镇',
      name: '东风村',
      line: 'office',
      entitled: '20000.00',
      disbursed: '0.00',
      variance: '-20000.00',
      status: '未拨',
      payments: 0,
    });
    expect(j.exceptions).toEqual([
      expect.objectContaining({
        sheet: '拨付明细',
        row: 8,
        code: 'UNKNOWN_PAYEE',
        suggestion: null,
        message: expect.stringContaining('红旗村'),
      }),
    ]);
    for (const e of j.exceptions) expect(Object.keys(e)).toEqual(expect.arrayContaining(['sheet', 'row', 'code', 'message', 'suggestion']));
  });

  test('--as-of with --schedule quarterly, and --tolerance', async () => {
    const r = await run(
      'audit',
      file('roster.xlsx'),
      '--ledger',
      file('clean.xlsx'),
      '-o',
      file('outq.xlsx'),
      '--year',
      '2025',
      '--as-of',
      '2025-03-31',
      '--schedule',
      'quarterly',
      '--tolerance',
      '0.50',
      '--json',
      '--force',
    );
    const j = JSON.parse(r.stdout);
    expect(j.audit).toMatchObject({ asOf: '2025-03-31', schedule: 'quarterly', tolerance: '0.50', due: { due: 1, of: 4 } });
    expect(j.totals.expected).toBe('42750.00');
    expect(j.counts.over).toBe(7); // the whole year paid in March
    expect(r.code).toBe(1);
    const asOfText = await run(
      'audit',
      file('roster.xlsx'),
      '--ledger',
      file('clean.xlsx'),
      '-o',
      file('outq.xlsx'),
      '--year',
      '2025',
      '--as-of',
      '2025年12月31日',
      '--json',
      '--force',
    );
    expect(JSON.parse(asOfText.stdout).audit).toMatchObject({ asOf: '2025-12-31', schedule: 'quarterly', due: { due: 4, of: 4 } });
    expect(asOfText.code).toBe(0);
  });
});

describe('the bundled example', () => {
  const roster = path.resolve('examples/county-roster.xlsx');
  const ledger = path.resolve('examples/county-ledger.xlsx');

  test('has every kind of exception, and its entitlements equal the calc total', async () => {
    const a = await run('audit', roster, '--ledger', ledger, '-o', file('example-audit.xlsx'), '--year', '2025', '--json', '--force');
    expect(a.code).toBe(1);
    const j = JSON.parse(a.stdout);
    const c = await run('calc', roster, '-o', file('example-calc.xlsx'), '--year', '2025', '--json', '--force');
    expect(j.totals.entitled).toBe(JSON.parse(c.stdout).totals.total);
    expect(j.controls.every((x: { ties: boolean }) => x.ties)).toBe(true);
    const codes = new Set(j.exceptions.map((e: { code: string }) => e.code));
    for (const code of [
      'UNKNOWN_PAYEE',
      'AMBIGUOUS_PAYEE',
      'NOT_ENTITLED',
      'UNCLASSIFIED',
      'MULTIPLE_LINES',
      'LINE_CONFLICT',
      'DUPLICATE',
      'OUT_OF_YEAR',
      'OTHER_YEAR_IN_SUMMARY',
      'BAD_DATE',
      'MISSING_DATE',
      'BAD_CODE',
      'CODE_MISMATCH',
      'CODE_NAME_MISMATCH',
      'UNKNOWN_TOWNSHIP',
      'NEGATIVE_AMOUNT',
      'FRACTION_OF_FEN',
      'BAD_AMOUNT',
    ])
      expect(codes, code).toContain(code);
    const statuses = new Set(j.lines.map((l: { status: string }) => l.status));
    expect([...statuses].sort()).toEqual(['多拨', '少拨', '无依据', '未拨', '足额'].sort());
    expect(j.counts.duplicates).toBeGreaterThan(0);
    expect(j.counts.ambiguous).toBeGreaterThan(0);
    expect(j.counts.unclassified).toBeGreaterThan(0);
    expect(Number(j.totals.unmatched)).toBeGreaterThan(0);
    // instalments, committee forms, 摘要-only lines, text dates and amounts all matched
    expect(j.lines.some((l: { payments: number; status: string }) => l.payments >= 2 && l.status === '足额')).toBe(true);
    const notes = new Set(j.notes.map((n: { code: string }) => n.code));
    for (const code of ['NO_HEADER', 'SUBTOTAL_ROW', 'REPEATED_HEADER']) expect(notes).toContain(code);
    // suggestions for near misses
    expect(j.exceptions.find((e: { payee: string }) => e.payee === '新社村').suggestion).toBe('新设村（西山乡）');
  });

  test('is what the generator script writes (up to zip timestamps): same rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(ledger);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '拨付明细', '西山乡', '其他拨付']);
    expect(wb.getWorksheet('拨付明细')!.rowCount).toBeGreaterThan(700);
  });
});
