// A county-sized audit from real files: 400 units and a ledger of exactly 5,000 payments,
// written with exceljs' streaming writer and read back by the streaming reader. Checks
// correctness only (timings are in bench/audit.js).
import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditReport } from '../src/audit/index.js';
import { Decimal, ZERO, calculator, computeAll } from '../src/engine/index.js';
import type { Unit, UnitType } from '../src/engine/unit.js';
import { openXlsxFile } from '../src/node/read-xlsx.js';

const PAYMENTS = 5000;
const TYPES: UnitType[] = ['village', 'village', 'village', 'urbanCommunity', 'ruralCommunity'];
const WORD: Record<UnitType, string> = { village: '村', urbanCommunity: '社区', ruralCommunity: '农村社区' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vf-audit-large-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(file: string, name: string, header: (string | null)[], rows: unknown[][]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet(name);
  ws.addRow(header).commit();
  for (const r of rows) {
    const row = ws.addRow(r);
    if (r[0] instanceof Date) row.getCell(1).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  await ws.commit();
  await wb.commit();
}

test('5,000 payments against 400 units: every figure as designed', async () => {
  const units: Unit[] = Array.from({ length: 400 }, (_, i) => {
    const type = TYPES[i % TYPES.length]!;
    return {
      township: `乡镇${i % 8}`,
      name: `单位${i}${type === 'village' ? '村' : type === 'urbanCommunity' ? '社区' : '农村社区'}`,
      type,
      population: 500 + ((i * 37) % 3000),
      membersPrevYear: (i * 13) % 150,
    };
  });
  const calc = calculator(2025);
  const { results, county } = computeAll(calc, units);

  // Every non-zero entitlement in 3 or 4 instalments; some short by 1.00, some never paid.
  const rows: unknown[][] = [];
  let entries = 0;
  let under = 0;
  let unpaid = 0;
  let expectedPaid = ZERO;
  results.forEach((r, ui) => {
    r.lines.forEach((l, li) => {
      if (l.amount.isZero()) return;
      const e = entries++;
      if (e % 97 === 13) {
        unpaid++;
        return;
      }
      const k = 3 + (e % 2);
      const fen = l.amount.times(100);
      const part = fen.dividedToIntegerBy(k);
      for (let j = 0; j < k; j++) {
        let v = (j === k - 1 ? fen.minus(part.times(k - 1)) : part).dividedBy(100);
        if (j === 0 && e % 50 === 7) {
          v = v.minus(1);
          under++;
        }
        expectedPaid = expectedPaid.plus(v);
        const u = r.unit;
        const payee = j === 1 && u.type === 'village' ? `${u.name}村民委员会` : u.name;
        const amount = j === 2 ? `${v.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}元` : Number(v.toFixed(2));
        rows.push([
          new Date(Date.UTC(2025, 3 * j, 10 + (ui % 15))),
          `记-${rows.length + 1}`,
          u.township,
          payee,
          calc.policy.lines[li]!.label.zh,
          `拨付${u.name}`,
          amount,
        ]);
      }
    });
  });
  // Fill up to exactly 5,000 with payments to payees nobody knows.
  const strangers = PAYMENTS - rows.length;
  expect(strangers).toBeGreaterThan(0);
  for (let i = 0; i < strangers; i++) {
    rows.push([new Date(Date.UTC(2025, 5, 1)), `记-x${i}`, '乡镇0', `无名${i}村`, '办公经费', '拨付', 100]);
    expectedPaid = expectedPaid.plus(100);
  }
  expect(rows).toHaveLength(PAYMENTS);

  const rosterFile = path.join(dir, 'roster.xlsx');
  const ledgerFile = path.join(dir, 'ledger.xlsx');
  await write(
    rosterFile,
    '名册',
    ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'],
    units.map((u) => [u.township, u.name, WORD[u.type], u.population, u.membersPrevYear]),
  );
  await write(ledgerFile, '拨付明细', ['日期', '凭证号', '乡镇', '收款单位', '经费类别', '摘要', '金额（元）'], rows);

  const r = await auditReport(openXlsxFile(rosterFile).sheets, openXlsxFile(ledgerFile).sheets, calc);
  const o = r.outcome;
  expect(o.rows.roster.computed).toBe(400);
  expect(o.rows.ledger).toEqual({ read: PAYMENTS, payments: PAYMENTS, rejected: 0, skipped: 0 });
  expect(o.totals.entitled.toFixed(2)).toBe(county.total.toFixed(2));
  expect(o.totals.disbursed.toFixed(2)).toBe(expectedPaid.toFixed(2));
  expect(o.totals.unmatched.toFixed(2)).toBe(new Decimal(100 * strangers).toFixed(2));
  expect(o.totals.unclassified.toFixed(2)).toBe('0.00');
  expect(o.totals.matched.plus(o.totals.unmatched).toFixed(2)).toBe(expectedPaid.toFixed(2));
  expect(o.counts).toMatchObject({
    match: entries - under - unpaid,
    under,
    over: 0,
    unpaid,
    noBasis: strangers,
    duplicates: 0,
    unclassified: 0,
    ambiguous: 0,
    unknownPayee: strangers,
    exceptions: strangers,
  });
  expect(o.controls.every((c) => c.ties)).toBe(true);
  // instalments: a 足额 line paid in four parts
  expect(o.lines.find((l) => l.status === 'match' && l.payments === 4)).toBeDefined();
  expect(r.json.lines).toHaveLength(entries + strangers);
  expect(r.sheets[4]!.rows).toHaveLength(PAYMENTS + 1); // and its 合计 row
});
