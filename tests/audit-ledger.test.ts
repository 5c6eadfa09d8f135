// The audit on real .xlsx files (written here with exceljs, read back by the streaming
// reader the CLI uses): every status, instalments, duplicates, unknown and ambiguous
// payees, committee-name variants, lines only in 摘要, text dates and amounts.
import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AuditReport, type AuditReportOptions, auditReport, AuditInputError } from '../src/audit/index.js';
import { calculator } from '../src/engine/index.js';
import { openXlsxFile } from '../src/node/read-xlsx.js';
import type { Cell } from '../src/workbook/cells.js';
import { NoSheetReadError } from '../src/workbook/not-read.js';
import { writeGridWorkbook } from './support/roster-files.js';

let dir: string;
let rosterFile: string;
let n = 0;

type Sheet = { name: string; rows: Cell[][] };

/** The roster: entitlements under the built-in policy for 2025 are in the comments. */
const ROSTER: Sheet = {
  name: '名册',
  rows: [
    ['XX县2025年村（社区）名册'],
    ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数', '区划代码'],
    ['城关镇', '东风村', '村', 1200, 24, '410102001001'], // 20000 + 5000 + 3000 = 28000
    ['城关镇', '西湖村', '村', 1500, 45, '410102001002'], // 25000 + 5000 + 4500 = 34500
    ['城关镇', '幸福社区', '社区', 8000, 130, '410102001003'], // 30000 + 50000 + 13000 + 50000 = 143000
    ['城关镇', '柳林农村社区', '农村社区', 2000, 12, null], // 30000 + 50000 + 3000 = 83000
    ['河口镇', '东风村', '村', 900, 29, null], // 20000 + 5000 + 3000 = 28000
    ['河口镇', '石桥村', '村', 1499, 31, null], // 20000 + 5000 + 3100 = 28100
    ['河口镇', '新河社区', '社区', 3000, 31, null], // 30000 + 50000 + 3100 + 50000 = 133100
  ],
};
const ROSTER_TOTAL = '477700.00';

const d = (m: number, day: number, y = 2025) => new Date(Date.UTC(y, m - 1, day));
const HEADER = ['序号', '拨付日期', '凭证号', '乡镇', '收款单位', '经费类别', '摘要', '拨付金额（元）'];

/** Every entitlement paid exactly once, in the tidy form; tests change rows of it. */
function fullLedger(): Cell[][] {
  const rows: Cell[][] = [['2025年拨付明细'], HEADER];
  let v = 0;
  const add = (town: string, name: string, line: string, amount: number) =>
    rows.push([rows.length - 1, d(3, 15), `记-${++v}`, town, name, line, `拨付${name}${line}`, amount]);
  add('城关镇', '东风村', '办公经费', 20000);
  add('城关镇', '东风村', '党建经费', 5000);
  add('城关镇', '东风村', '党员活动经费', 3000);
  add('城关镇', '西湖村', '办公经费', 25000);
  add('城关镇', '西湖村', '党建经费', 5000);
  add('城关镇', '西湖村', '党员活动经费', 4500);
  add('城关镇', '幸福社区', '办公经费', 30000);
  add('城关镇', '幸福社区', '党建经费', 50000);
  add('城关镇', '幸福社区', '党员活动经费', 13000);
  add('城关镇', '幸福社区', '社区服务群众专项经费', 50000);
  add('城关镇', '柳林农村社区', '办公经费', 30000);
  add('城关镇', '柳林农村社区', '党建经费', 50000);
  add('城关镇', '柳林农村社区', '党员活动经费', 3000);
  add('河口镇', '东风村', '办公经费', 20000);
  add('河口镇', '东风村', '党建经费', 5000);
  add('河口镇', '东风村', '党员活动经费', 3000);
  add('河口镇', '石桥村', '办公经费', 20000);
  add('河口镇', '石桥村', '党建经费', 5000);
  add('河口镇', '石桥村', '党员活动经费', 3100);
  add('河口镇', '新河社区', '办公经费', 30000);
  add('河口镇', '新河社区', '党建经费', 50000);
  add('河口镇', '新河社区', '党员活动经费', 3100);
  add('河口镇', '新河社区', '社区服务群众专项经费', 50000);
  return rows;
}
const rowOf = (rows: Cell[][], town: string, name: string, line: string) => {
  const r = rows.find((x) => x[3] === town && x[4] === name && x[5] === line);
  if (!r) throw new Error(`no row ${town} ${name} ${line}`);
  return r;
};

async function audit(sheets: Sheet[], options: AuditReportOptions = {}): Promise<AuditReport> {
  const file = path.join(dir, `ledger-${++n}.xlsx`);
  await writeGridWorkbook(file, sheets);
  return auditReport(openXlsxFile(rosterFile).sheets, openXlsxFile(file).sheets, calculator(2025), options);
}

const lineOf = (r: AuditReport, township: string, name: string, line: string) => {
  const l = r.outcome.lines.filter((x) => x.township === township && x.name === name && x.line === line);
  expect(l, `${township} ${name} ${line}`).toHaveLength(1);
  return l[0]!;
};
const status = (r: AuditReport, township: string, name: string, line: string) => {
  const l = lineOf(r, township, name, line);
  return [l.status, l.entitled.toFixed(2), l.disbursed.toFixed(2), l.variance.toFixed(2), l.payments];
};
const codes = (r: AuditReport) => r.outcome.exceptions.filter((e) => e.source === 'ledger').map((e) => [e.sheet, e.row, e.code]);

/** The invariants every audit must keep, whatever the ledger. */
function tiesUp(r: AuditReport) {
  const o = r.outcome;
  for (const c of o.controls) expect(c.ties, c.id).toBe(true);
  const t = o.totals;
  expect(t.disbursed.toFixed(2)).toBe(t.matched.plus(t.unmatched).plus(t.unclassified).toFixed(2));
  expect(t.entitled.toFixed(2)).toBe(t.calcTotal.toFixed(2));
  expect(t.entitled.toFixed(2)).toBe(ROSTER_TOTAL);
  const l = o.rows.ledger;
  expect(l.read).toBe(l.payments + l.rejected + l.skipped);
  // Each payment row is in exactly one line.
  const seen = o.lines.flatMap((x) => x.ledgerRows.map((p) => `${p.sheet}!${p.row}`));
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.length).toBe(l.payments);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vf-audit-'));
  rosterFile = path.join(dir, 'roster.xlsx');
  await writeGridWorkbook(rosterFile, [ROSTER]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a ledger that pays everything exactly', () => {
  test('is clean: every line 足额, no exceptions, exit code 0', async () => {
    const r = await audit([{ name: '拨付明细', rows: fullLedger() }]);
    tiesUp(r);
    expect(r.outcome.lines.every((l) => l.status === 'match')).toBe(true);
    expect(r.outcome.lines).toHaveLength(23);
    expect(r.outcome.counts).toMatchObject({ match: 23, under: 0, over: 0, unpaid: 0, noBasis: 0, exceptions: 0 });
    expect(r.outcome.totals.disbursed.toFixed(2)).toBe(ROSTER_TOTAL);
    expect(r.outcome.totals.variance.toFixed(2)).toBe('0.00');
    expect(r.exitCode).toBe(0);
    // dates with a date format come back as dates
    expect(r.outcome.payments[0]!.date).toBe('2025-03-15');
    expect(lineOf(r, '城关镇', '幸福社区', 'office').roster).toEqual({ sheet: '名册', row: 5 });
  });
});

describe('each status', () => {
  test('足额 少拨 多拨 未拨 无依据, with signed variances', async () => {
    const rows = fullLedger();
    rowOf(rows, '城关镇', '东风村', '党建经费')[7] = 4000; // under
    rowOf(rows, '城关镇', '西湖村', '党建经费')[7] = 6000; // over
    rows.splice(rows.indexOf(rowOf(rows, '城关镇', '西湖村', '党员活动经费')), 1); // unpaid
    rows.push([99, d(6, 1), '记-99', '城关镇', '柳林农村社区', '社区服务群众专项经费', '拨付柳林农村社区服务群众专项经费', 50000]); // no basis: rural
    rows.push([100, d(6, 2), '记-100', '城关镇', '红旗村', '办公经费', '拨付红旗村办公经费', 20000]); // no basis: unknown payee
    const r = await audit([{ name: '拨付明细', rows }]);
    tiesUp(r);
    expect(status(r, '城关镇', '东风村', 'office')).toEqual(['match', '20000.00', '20000.00', '0.00', 1]);
    expect(status(r, '城关镇', '东风村', 'partyBuilding')).toEqual(['under', '5000.00', '4000.00', '-1000.00', 1]);
    expect(status(r, '城关镇', '西湖村', 'partyBuilding')).toEqual(['over', '5000.00', '6000.00', '1000.00', 1]);
    expect(status(r, '城关镇', '西湖村', 'memberActivity')).toEqual(['unpaid', '4500.00', '0.00', '-4500.00', 0]);
    expect(status(r, '城关镇', '柳林农村社区', 'communityService')).toEqual(['noBasis', '0.00', '50000.00', '50000.00', 1]);
    expect(lineOf(r, '城关镇', '柳林农村社区', 'communityService').reason).toBe('notEntitled');
    expect(status(r, '城关镇', '红旗村', 'office')).toEqual(['noBasis', '0.00', '20000.00', '20000.00', 1]);
    expect(lineOf(r, '城关镇', '红旗村', 'office').reason).toBe('unknownPayee');
    expect(r.outcome.counts).toMatchObject({ match: 20, under: 1, over: 1, unpaid: 1, noBasis: 2, unknownPayee: 1, notEntitled: 1 });
    // problems first, biggest first within a status
    expect(r.outcome.lines.slice(0, 5).map((l) => l.status)).toEqual(['noBasis', 'noBasis', 'over', 'under', 'unpaid']);
    expect(r.outcome.lines[0]!.disbursed.toFixed(2)).toBe('50000.00');
    // totals
    const t = r.outcome.totals;
    expect(t.matched.toFixed(2)).toBe('523200.00'); // 477700 - 1000 + 1000 - 4500 + 50000
    expect(t.unmatched.toFixed(2)).toBe('20000.00');
    expect(t.unclassified.toFixed(2)).toBe('0.00');
    expect(t.variance.toFixed(2)).toBe('65500.00');
    expect(codes(r)).toEqual([
      ['拨付明细', 25, 'NOT_ENTITLED'],
      ['拨付明细', 26, 'UNKNOWN_PAYEE'],
    ]);
    expect(r.exitCode).toBe(1);
  });

  test('a tolerance turns small variances into 足额', async () => {
    const rows = fullLedger();
    rowOf(rows, '河口镇', '石桥村', '党员活动经费')[7] = 3099.5;
    const strict = await audit([{ name: '拨付明细', rows }]);
    expect(status(strict, '河口镇', '石桥村', 'memberActivity')).toEqual(['under', '3100.00', '3099.50', '-0.50', 1]);
    const loose = await audit([{ name: '拨付明细', rows }], { tolerance: '0.50' });
    expect(status(loose, '河口镇', '石桥村', 'memberActivity')).toEqual(['match', '3100.00', '3099.50', '-0.50', 1]);
    expect(loose.exitCode).toBe(0);
    await expect(audit([{ name: '拨付明细', rows }], { tolerance: '-1' })).rejects.toThrow(AuditInputError);
  });
});

describe('instalments and reversals', () => {
  test('one entitlement paid in several instalments, and a wrong payment reversed', async () => {
    const rows = fullLedger();
    const office = rowOf(rows, '城关镇', '幸福社区', '办公经费');
    office[7] = 7500;
    for (const [m, v] of [
      [6, 'b'],
      [9, 'c'],
      [12, 'd'],
    ] as const)
      rows.push([null, d(m, 20), `记-幸福-${v}`, '城关镇', '幸福社区', '办公经费', '拨付幸福社区办公经费（按季）', 7500]);
    rows.push([null, d(7, 1), '记-错付', '河口镇', '石桥村', '党建经费', '错付', 5000]);
    rows.push([null, d(7, 3), '记-冲销', '河口镇', '石桥村', '党建经费', '冲销错付', '-5,000.00']);
    const r = await audit([{ name: '拨付明细', rows }]);
    tiesUp(r);
    const l = lineOf(r, '城关镇', '幸福社区', 'office');
    expect([l.status, l.payments, l.disbursed.toFixed(2)]).toEqual(['match', 4, '30000.00']);
    expect(l.vouchers).toEqual(['记-7', '记-幸福-b', '记-幸福-c', '记-幸福-d']);
    expect(status(r, '河口镇', '石桥村', 'partyBuilding')).toEqual(['match', '5000.00', '5000.00', '0.00', 3]);
    expect(codes(r)).toEqual([['拨付明细', 30, 'NEGATIVE_AMOUNT']]);
  });

  test('--as-of with a quarterly schedule compares against what was due by then', async () => {
    const rows: Cell[][] = [HEADER];
    // 东风村 (城关镇) office 20,000 a year: 5,000 a quarter. Paid Q1 and Q2 by 30 June.
    rows.push([1, d(3, 20), 'a', '城关镇', '东风村', '办公经费', null, 5000]);
    rows.push([2, d(6, 20), 'b', '城关镇', '东风村', '办公经费', null, 5000]);
    // 西湖村 party-building 5,000: only Q1 paid.
    rows.push([3, d(3, 20), 'c', '城关镇', '西湖村', '党建经费', null, 1250]);
    // 石桥村 office: the whole year in advance.
    rows.push([4, d(1, 5), 'd', '河口镇', '石桥村', '办公经费', null, 20000]);
    // paid after the as-of date
    rows.push([5, d(7, 5), 'e', '河口镇', '石桥村', '党建经费', null, 2500]);
    const r = await audit([{ name: '拨付明细', rows }], { asOf: '2025-06-30', schedule: 'quarterly' });
    tiesUp(r);
    expect(r.outcome.due).toEqual({ due: 2, of: 4 });
    const l = lineOf(r, '城关镇', '东风村', 'office');
    expect([l.status, l.entitled.toFixed(2), l.expected.toFixed(2), l.variance.toFixed(2)]).toEqual([
      'match',
      '20000.00',
      '10000.00',
      '0.00',
    ]);
    const x = lineOf(r, '城关镇', '西湖村', 'partyBuilding');
    expect([x.status, x.expected.toFixed(2), x.variance.toFixed(2)]).toEqual(['under', '2500.00', '-1250.00']);
    expect(lineOf(r, '河口镇', '石桥村', 'office').status).toBe('over');
    expect(lineOf(r, '河口镇', '石桥村', 'partyBuilding').status).toBe('match');
    expect(lineOf(r, '河口镇', '石桥村', 'memberActivity')).toMatchObject({ status: 'unpaid' });
    expect(lineOf(r, '河口镇', '石桥村', 'memberActivity').expected.toFixed(2)).toBe('1550.00');
    expect(codes(r)).toEqual([['拨付明细', 6, 'AFTER_AS_OF']]);
    expect(r.outcome.totals.expected.toFixed(2)).toBe('238850.00');
    expect(r.outcome.totals.entitled.toFixed(2)).toBe(ROSTER_TOTAL);
    expect(r.sheets[0]!.columns.map((c) => c.header)).toContain('应拨（截至2025-06-30）');
  });
});

describe('duplicates and years', () => {
  test('same payee, line and amount with the same voucher or the same date', async () => {
    const rows = fullLedger();
    const pb = rowOf(rows, '河口镇', '新河社区', '党建经费');
    rows.push([...pb.slice(0, 7), pb[7]]); // the same voucher entered twice
    const ma = rowOf(rows, '河口镇', '新河社区', '党员活动经费');
    rows.push([null, ma[1], '记-另一张', ...ma.slice(3)]); // same date and amount, another voucher
    const of = rowOf(rows, '河口镇', '新河社区', '办公经费');
    rows.push([null, d(9, 1), '记-下半年', ...of.slice(3)]); // same amount on another date and voucher: not a duplicate
    const r = await audit([{ name: '拨付明细', rows }]);
    tiesUp(r);
    expect(codes(r)).toEqual([
      ['拨付明细', 26, 'DUPLICATE'],
      ['拨付明细', 27, 'DUPLICATE'],
    ]);
    const dup = r.outcome.exceptions.find((e) => e.row === 26)!;
    expect(dup.column).toBe('C');
    expect(dup.message.zh).toContain('第23行');
    expect(r.outcome.exceptions.find((e) => e.row === 27)!.message.en).toContain('same date');
    expect(r.outcome.counts.duplicates).toBe(2);
    // flagged, never removed from the sums
    expect(status(r, '河口镇', '新河社区', 'partyBuilding')).toEqual(['over', '50000.00', '100000.00', '50000.00', 2]);
    expect(lineOf(r, '河口镇', '新河社区', 'partyBuilding').duplicates).toBe(1);
    expect(status(r, '河口镇', '新河社区', 'office')).toEqual(['over', '30000.00', '60000.00', '30000.00', 2]);
  });

  test('payments before or after the budget year, and 摘要 naming another year', async () => {
    const rows = fullLedger();
    rowOf(rows, '城关镇', '东风村', '办公经费')[1] = d(12, 30, 2024);
    rowOf(rows, '城关镇', '西湖村', '办公经费')[1] = d(1, 4, 2026);
    rowOf(rows, '河口镇', '石桥村', '党建经费')[6] = '补拨石桥村2024年党建经费';
    const r = await audit([{ name: '拨付明细', rows }]);
    tiesUp(r);
    expect(codes(r)).toEqual([
      ['拨付明细', 3, 'OUT_OF_YEAR'],
      ['拨付明细', 6, 'OUT_OF_YEAR'],
      ['拨付明细', 20, 'OTHER_YEAR_IN_SUMMARY'],
    ]);
    expect(r.outcome.exceptions.find((e) => e.row === 3)!.message.zh).toContain('早于');
    expect(r.outcome.exceptions.find((e) => e.row === 6)!.message.en).toContain('after');
    expect(r.outcome.counts.outOfYear).toBe(2);
    expect(status(r, '城关镇', '东风村', 'office')[0]).toBe('match'); // still counted
  });
});

describe('payees', () => {
  test('committee-name variants, township forms and division codes', async () => {
    const rows = fullLedger();
    rowOf(rows, '城关镇', '东风村', '办公经费')[4] = '东风村村民委员会';
    rowOf(rows, '城关镇', '西湖村', '办公经费')[4] = '西湖村委会';
    rowOf(rows, '城关镇', '幸福社区', '办公经费')[4] = '幸福社区居民委员会';
    rowOf(rows, '城关镇', '幸福社区', '党建经费')[4] = '中共幸福社区委员会';
    const hk = rowOf(rows, '河口镇', '东风村', '办公经费');
    hk[4] = ' 东风村 ';
    hk[3] = '河口镇人民政府';
    rowOf(rows, '河口镇', '新河社区', '办公经费')[4] = '新河社区居委会';
    const r = await audit([{ name: '拨付明细', rows }]);
    tiesUp(r);
    expect(r.outcome.exceptions).toEqual([]);
    expect(r.outcome.lines.every((l) => l.status === 'match')).toBe(true);
    const by = r.outcome.payments.map((p) => p.matchedBy);
    expect(new Set(by)).toEqual(new Set(['township']));
  });

  test('codes win over names; a payee without township only when unique in the county', async () => {
    const rows: Cell[][] = [['日期', '凭证号', '收款单位', '区划代码', '经费类别', '金额']];
    rows.push([d(3, 1), 'a', '东风村', '410102001001', '办公经费', 20000]); // code: 城关镇东风村
    rows.push([d(3, 1), 'b', '西湖村', 410102001002, '办公经费', 25000]); // code as a number
    rows.push([d(3, 1), 'c', '石桥村', null, '办公经费', 20000]); // unique name
    rows.push([d(3, 1), 'd', '东风村', null, '党建经费', 5000]); // two 东风村: ambiguous
    rows.push([d(3, 1), 'e', '西胡村', null, '党建经费', 5000]); // near miss
    rows.push([d(3, 1), 'f', '石桥社区', null, '党建经费', 5000]); // 社区 for 村: near miss
    rows.push([d(3, 1), 'g', '幸福社区', '4101020010', '党建经费', 50000]); // bad code, unique name
    const r = await audit([{ name: '其他', rows }]);
    tiesUp(r);
    expect(r.outcome.payments.map((p) => [p.payee, p.matchedBy, p.bucket])).toEqual([
      ['东风村', 'code', 'matched'],
      ['西湖村', 'code', 'matched'],
      ['石桥村', 'name', 'matched'],
      ['东风村', null, 'unmatched'],
      ['西胡村', null, 'unmatched'],
      ['石桥社区', null, 'unmatched'],
      ['幸福社区', 'name', 'matched'],
    ]);
    const ex = r.outcome.exceptions.filter((e) => e.source === 'ledger');
    expect(ex.map((e) => [e.row, e.code, e.column, e.suggestion])).toEqual([
      [5, 'AMBIGUOUS_PAYEE', 'C', '东风村（城关镇）；东风村（河口镇）'],
      [6, 'UNKNOWN_PAYEE', 'C', '西湖村（城关镇）'],
      [7, 'UNKNOWN_PAYEE', 'C', '石桥村（河口镇）'],
      [8, 'BAD_CODE', 'D', null],
    ]);
    expect(ex[0]!.message.zh).toBe(
      '工作表「其他」第5行C列「收款单位」：收款单位“东风村”对应花名册中多个单位（东风村（城关镇）、东风村（河口镇）），请注明乡镇或区划代码；计入未匹配',
    );
    expect(ex[1]!.message.en).toBe(
      'Sheet "其他", row 6, column C (收款单位): the payee "西胡村" is not in the roster; counted as unmatched (no basis); did you mean: 西湖村（城关镇）?',
    );
    expect(r.outcome.counts).toMatchObject({ ambiguous: 1, unknownPayee: 2 });
    expect(r.outcome.totals.unmatched.toFixed(2)).toBe('15000.00');
    const amb = lineOf(r, '', '东风村', 'partyBuilding');
    expect([amb.status, amb.reason]).toEqual(['noBasis', 'ambiguousPayee']);
    // no date column problems: this sheet has dates
    expect(r.outcome.notes.filter((x) => x.code === 'NO_DATE_COLUMN')).toEqual([]);
  });

  test('a sheet named after a township gives its rows that township', async () => {
    const rows: Cell[][] = [['日期', '收款单位', '摘要', '金额']];
    rows.push([d(3, 1), '东风村', '拨付东风村办公经费', 20000]);
    const r = await audit([{ name: '河口镇', rows }]);
    expect(r.outcome.payments[0]!.unit).toMatchObject({ township: '河口镇', name: '东风村' });
  });
});

describe('fund lines and text cells', () => {
  test('lines only in 摘要, text dates and text amounts', async () => {
    const rows: Cell[][] = [
      ['城关镇2025年村级经费拨付登记'],
      ['日期', '凭证编号', '单位名称', '摘要', '金额'],
      ['2025.03.15', 'x1', '东风村', '拨付东风村2025年办公经费', '20,000.00元'],
      ['2025年4月16日', 'x2', '东风村', '拨付东风村党建经费', '伍仟元整'],
      ['2025/5/21', 'x3', '东风村', '拨付东风村活动经费', '３０００'],
      ['２０２５－０６－１１', 'x4', '幸福社区居委会', '拨付幸福社区服务群众经费', '¥50,000'],
      [45763, 'x5', '幸福社区', '拨付幸福社区党员活动经费', 13000],
      ['20250611', 'x6', null, '拨付幸福社区党建经费', '50000'],
      ['2025-06-12', 'x7', '西湖村', '拨付西湖村补助资金', '100'],
      ['2025-06-13', 'x8', '西湖村', '拨付西湖村办公经费及党建经费', 30000],
      ['2025-02-30', 'x9', '西湖村', '拨付西湖村党员活动经费', '4,500'],
      [null, 'x10', '柳林农村社区', '拨付柳林农村社区办公经费', '30000.004'],
    ];
    const r = await audit([{ name: '城关镇', rows }]);
    tiesUp(r);
    expect(r.outcome.payments.map((p) => [p.row, p.date, p.line, p.amount.toFixed(2)])).toEqual([
      [3, '2025-03-15', 'office', '20000.00'],
      [4, '2025-04-16', 'partyBuilding', '5000.00'],
      [5, '2025-05-21', 'memberActivity', '3000.00'],
      [6, '2025-06-11', 'communityService', '50000.00'],
      [7, '2025-04-16', 'memberActivity', '13000.00'],
      [8, '2025-06-11', 'partyBuilding', '50000.00'],
      [9, '2025-06-12', 'unclassified', '100.00'],
      [10, '2025-06-13', 'unclassified', '30000.00'],
      [11, null, 'memberActivity', '4500.00'],
      [12, null, 'office', '30000.00'],
    ]);
    expect(codes(r)).toEqual([
      ['城关镇', 9, 'UNCLASSIFIED'],
      ['城关镇', 10, 'MULTIPLE_LINES'],
      ['城关镇', 11, 'BAD_DATE'],
      ['城关镇', 12, 'FRACTION_OF_FEN'],
      ['城关镇', 12, 'MISSING_DATE'],
    ]);
    expect(r.outcome.counts.unclassified).toBe(2);
    expect(r.outcome.totals.unclassified.toFixed(2)).toBe('30100.00');
    expect(status(r, '城关镇', '东风村', 'office')[0]).toBe('match');
    expect(status(r, '城关镇', '东风村', 'memberActivity')[0]).toBe('match');
    expect(status(r, '城关镇', '幸福社区', 'partyBuilding')[0]).toBe('match'); // payee from 摘要
    const u = lineOf(r, '城关镇', '西湖村', 'unclassified');
    expect([u.status, u.reason, u.disbursed.toFixed(2), u.payments]).toEqual(['noBasis', 'unclassified', '30100.00', 2]);
  });

  test('a ledger with only 摘要 and an amount in 万元: payees and lines from 摘要', async () => {
    const rows: Cell[][] = [
      ['日期', '摘要', '金额（万元）'],
      [d(3, 1), '拨付石桥村2025年办公经费', 2],
      [d(3, 2), '拨付新河社区居委会服务群众专项经费', '5'],
      [d(3, 3), '拨付东风村党建经费', 0.5],
    ];
    const r = await audit([{ name: '拨付明细', rows }]);
    tiesUp(r);
    expect(r.outcome.payments.map((p) => [p.payee, p.line, p.amount.toFixed(2), p.bucket])).toEqual([
      ['石桥村', 'office', '20000.00', 'matched'],
      ['新河社区', 'communityService', '50000.00', 'matched'],
      ['东风村', 'partyBuilding', '5000.00', 'unmatched'],
    ]);
    expect(r.outcome.notes.map((n) => n.code)).toEqual(['AMOUNT_IN_WAN']);
    expect(codes(r)).toEqual([['拨付明细', 4, 'AMBIGUOUS_PAYEE']]);
    expect(r.outcome.exceptions.at(-1)!.column).toBe('B');
  });

  test('category wins over 摘要; a disagreement is flagged', async () => {
    const rows = fullLedger();
    rowOf(rows, '城关镇', '东风村', '党建经费')[6] = '拨付东风村办公经费';
    rowOf(rows, '城关镇', '西湖村', '办公经费')[5] = null; // blank category: 摘要 decides
    rowOf(rows, '城关镇', '西湖村', '党建经费')[5] = '其他'; // unknown category: 摘要 decides
    const r = await audit([{ name: '拨付明细', rows }]);
    tiesUp(r);
    expect(codes(r)).toEqual([['拨付明细', 4, 'LINE_CONFLICT']]);
    expect(r.outcome.lines.every((l) => l.status === 'match')).toBe(true);
  });
});

describe('every row accounted for', () => {
  test('title rows, blank rows, subtotals, a repeated header, an unreadable amount', async () => {
    const rows: Cell[][] = [
      ['XX县拨付明细'],
      ['单位：元'],
      HEADER,
      [1, d(3, 1), 'a', '城关镇', '东风村', '办公经费', null, 20000],
      [2, null, null, null, null, null, '（以下为补录）', null],
      [null, null, null, '城关镇小计', null, null, null, 20000],
      HEADER,
      [3, d(3, 1), 'b', '河口镇', '石桥村', '办公经费', null, '待核'],
      [4, d(3, 1), 'c', '河口镇', '石桥村', '党建经费', null, null],
      [5, d(3, 1), 'd', null, '新河社区', '办公经费', null, 30000],
      ['合计', null, null, null, null, null, null, 50000],
    ];
    const r = await audit([
      { name: '封面', rows: [['拨付明细'], ['2025年']] },
      { name: '拨付明细', rows },
    ]);
    tiesUp(r);
    const o = r.outcome;
    expect(o.rows.ledger).toEqual({ read: 8, payments: 2, rejected: 2, skipped: 4 });
    expect(o.notes.map((x) => [x.sheet, x.row, x.code])).toEqual([
      ['封面', null, 'NO_HEADER'],
      ['拨付明细', 5, 'BLANK_ROW'],
      ['拨付明细', 6, 'SUBTOTAL_ROW'],
      ['拨付明细', 7, 'REPEATED_HEADER'],
      ['拨付明细', 11, 'SUBTOTAL_ROW'],
    ]);
    expect(codes(r)).toEqual([
      ['拨付明细', 8, 'BAD_AMOUNT'],
      ['拨付明细', 9, 'MISSING_AMOUNT'],
    ]);
    expect(o.exceptions.find((e) => e.row === 8)!.severity).toBe('error');
    // The 新河社区 row has no township: it is carried down from the rows above (merged cells),
    // but not across the subtotal row, which closes a township's block.
    expect(o.payments.find((p) => p.row === 10)).toMatchObject({ township: '河口镇', matchedBy: 'township' });
    expect(o.totals.disbursed.toFixed(2)).toBe('50000.00');
  });

  test('no ledger sheet, no roster sheet, or no unit in the roster, is an input error naming each sheet', async () => {
    const noLedger = audit([
      {
        name: 'x',
        rows: [
          ['名称', '人口'],
          ['东风村', 1],
        ],
      },
      { name: '空表', rows: [] },
    ]);
    await expect(noLedger).rejects.toThrow(NoSheetReadError);
    await expect(noLedger).rejects.toMatchObject({
      said: {
        zh:
          '工作簿中没有拨付明细：工作表「x」：前20行中未找到拨付明细表头（需有金额列，以及收款单位或摘要列），' +
          '最接近的是第1行（有收款单位），缺少「金额」列，本表未读取；工作表「空表」：空表，没有任何内容，本表未读取',
      },
    });
    const notRoster = path.join(dir, 'not-roster.xlsx');
    await writeGridWorkbook(notRoster, [{ name: 'x', rows: [['hello']] }]);
    const ledger = path.join(dir, 'ok-ledger.xlsx');
    await writeGridWorkbook(ledger, [{ name: '拨付明细', rows: fullLedger() }]);
    await expect(auditReport(openXlsxFile(notRoster).sheets, openXlsxFile(ledger).sheets, calculator(2025))).rejects.toThrow(
      /^no roster in the workbook: Sheet "x": no roster header in the first 20 rows/,
    );
    // A roster with a header but no unit computed is a roster: the audit has nothing to compare with.
    const noUnits = path.join(dir, 'no-units.xlsx');
    await writeGridWorkbook(noUnits, [
      {
        name: '城关镇',
        rows: [
          ['名称', '人口', '党员人数'],
          ['东风村', 'abc', 3],
        ],
      },
    ]);
    await expect(auditReport(openXlsxFile(noUnits).sheets, openXlsxFile(ledger).sheets, calculator(2025))).rejects.toThrow(/no unit/);
  });
});

describe('the report sheets', () => {
  test('names, order, status colours and control totals', async () => {
    const rows = fullLedger();
    rowOf(rows, '城关镇', '东风村', '党建经费')[7] = 4000;
    const r = await audit([{ name: '拨付明细', rows }]);
    expect(r.sheets.map((s) => s.name)).toEqual(['审计比对', '异常清单', '审计汇总', '政策参数', '付款明细']);
    const lines = r.sheets[0]!;
    expect(lines.rows[0]![0]).toBe('少拨');
    expect(lines.fills![0]).toEqual({ column: 0, argb: 'FFFFEB9C' });
    // Then a 合计 row and the lines to sign.
    expect(lines.rows.slice(1, -3).every((x) => x[0] === '足额')).toBe(true);
    expect(lines.rows.at(-3)!.slice(0, 1)).toEqual(['合计']);
    expect(lines.totalRows).toEqual([lines.rows.length - 3]);
    expect(lines.rows[0]!.slice(1, 10)).toEqual(['城关镇', '东风村', '村', '410102001001', '党建经费', 5000, 4000, -1000, 1]);
    const summary = r.sheets[2]!;
    const texts = summary.rows.map((x) => x.join('|').replace(/\|+$/, ''));
    expect(texts).toContain('|台账合计 = 已匹配 + 未匹配 + 未分类|476700|476700|一致');
    expect(texts).toContain('|应拨合计 = 核算结果合计（同一名册、政策、年度）|477700|477700|一致');
    expect(texts).toContain('|读取行数 = 付款行 + 剔除行 + 跳过行：23 = 23 + 0 + 0|||一致');
    expect(texts.find((x) => x.startsWith('全县|合计|'))).toBe('全县|合计|477700|476700|-1000|22|1|0|0|0');
    expect(r.sheets[4]!.rows).toHaveLength(23 + 1); // and its 合计 row
    expect(r.sheets[4]!.rows.at(-1)![9]).toBe(476700);
  });

  test('the workbook written by the CLI host opens with the same sheets', async () => {
    const r = await audit([{ name: '拨付明细', rows: fullLedger() }]);
    const { writeXlsxAtomically } = await import('../src/node/write-xlsx.js');
    const out = path.join(dir, 'out.xlsx');
    await writeXlsxAtomically(out, async (wb) => {
      for (const s of r.sheets) await wb.writeSheet(s);
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['审计比对', '异常清单', '审计汇总', '政策参数', '付款明细']);
    const ws = wb.getWorksheet('审计比对')!;
    expect(ws.getRow(4).getCell(1).value).toBe('足额');
    expect((ws.getRow(4).getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC6EFCE');
    expect(ws.getRow(4).getCell(7).numFmt).toBe('#,##0.00');
  });
});
