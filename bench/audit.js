// Audit throughput: a synthetic roster and a ledger paying its entitlements in
// instalments (with some noise: a changed amount, an unknown payee, a payment with no
// fund line), audited (1) in memory and (2) end to end as the CLI does it: both .xlsx
// files streamed from disk and the five-sheet result workbook written.
// Run after `npm run build`:  node bench/audit.js            (5,000 payments / 400 units and 100,000 / 20,000)
//                             node bench/audit.js 100000 20000
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Calculator, builtinPolicy, resolvePolicy } from '../dist/index.js';
import { auditReport, auditSheetBuilders } from '../dist/audit/index.js';
import { openXlsxFile } from '../dist/node/read-xlsx.js';
import { writeXlsxAtomically } from '../dist/node/write-xlsx.js';
import { gridSource } from '../dist/workbook/source.js';
import { writeRosterFile } from './roster-file.js';
import { rng, syntheticUnits } from './synthetic.js';

const TYPE_WORDS = { village: '村', urbanCommunity: '社区', ruralCommunity: '农村社区' };
const LEDGER_HEADER = ['日期', '凭证号', '乡镇', '收款单位', '经费类别', '摘要', '金额（元）'];

/** Ledger rows paying every unit's entitlements in `payments` instalments in all, plus 1% noise. */
export function syntheticLedger(units, payments, year = 2025) {
  const calc = new Calculator(resolvePolicy(builtinPolicy(), year));
  const entries = [];
  for (const u of units) {
    const r = calc.unit(u);
    r.lines.forEach((l, i) => {
      if (!l.amount.isZero()) entries.push({ u, label: calc.policy.lines[i].label.zh, amount: l.amount });
    });
  }
  const r = rng(7);
  // The generator's low bits repeat quickly: use its high bits.
  const next = () => r.next().value >>> 12;
  const rows = [];
  const per = Math.floor(payments / entries.length);
  let extra = payments - per * entries.length;
  for (const e of entries) {
    const k = Math.max(1, per + (extra-- > 0 ? 1 : 0));
    const fen = e.amount.times(100);
    const part = fen.dividedToIntegerBy(k);
    for (let j = 0; j < k && rows.length < payments; j++) {
      let value = (j === k - 1 ? fen.minus(part.times(k - 1)) : part).dividedBy(100);
      let payee = j % 3 === 1 && e.u.name.endsWith('村') ? `${e.u.name.slice(0, -1)}村委会` : e.u.name;
      let label = e.label;
      const noise = next() % 100;
      if (noise === 0) value = value.plus(100);
      if (noise === 1) payee = `${e.u.name}X`;
      if (noise === 2) label = '补助';
      const month = 1 + ((j * 3) % 12);
      const date = `${year}-${String(month).padStart(2, '0')}-${String(1 + (next() % 28)).padStart(2, '0')}`;
      rows.push([
        date,
        `记-${rows.length + 1}`,
        e.u.township,
        payee,
        label,
        `拨付${e.u.name}${label}`,
        noise === 3 ? `${value.toFixed(2)}元` : Number(value.toFixed(2)),
      ]);
    }
  }
  return rows;
}

async function writeLedgerFile(file, rows) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('拨付明细');
  ws.addRow(['拨付明细']).commit();
  ws.addRow(LEDGER_HEADER).commit();
  for (let i = 0; i < rows.length; i++) {
    ws.addRow(rows[i]).commit();
    if (i % 5000 === 0) await new Promise((res) => setImmediate(res));
  }
  await ws.commit();
  await wb.commit();
}

function rosterGrid(units) {
  return [
    ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'],
    ...units.map((u) => [u.township, u.name, TYPE_WORDS[u.type], u.population, u.membersPrevYear]),
  ];
}

/** Runs fn while sampling RSS; returns its result, seconds and peak RSS in MB. */
async function measure(fn) {
  globalThis.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  try {
    const result = await fn();
    const cpu = process.cpuUsage(cpu0);
    return {
      result,
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3),
      seconds: +(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3),
      peakRssMB: +(Math.max(peak, process.memoryUsage().rss) / 2 ** 20).toFixed(1),
    };
  } finally {
    clearInterval(timer);
  }
}

async function benchOne(payments, unitCount) {
  const units = syntheticUnits(unitCount);
  // Synthetic units have no months column in the roster file: audit full-year units only.
  for (const u of units) delete u.monthsActive;
  const rows = syntheticLedger(units, payments);
  const calc = () => new Calculator(resolvePolicy(builtinPolicy(), 2025));
  const summary = (rep) => ({
    disbursed: rep.outcome.totals.disbursed.toFixed(2),
    entitled: rep.outcome.totals.entitled.toFixed(2),
    counts: rep.outcome.counts,
    controlsTie: rep.outcome.controls.every((c) => c.ties),
  });

  const mem = await measure(() =>
    auditReport([gridSource('名册', rosterGrid(units))], [gridSource('拨付明细', [LEDGER_HEADER, ...rows])], calc()),
  );

  const dir = await mkdtemp(path.join(os.tmpdir(), 'vf-bench-audit-'));
  try {
    const rosterFile = path.join(dir, 'roster.xlsx');
    const ledgerFile = path.join(dir, 'ledger.xlsx');
    await writeRosterFile(rosterFile, unitCount);
    await writeLedgerFile(ledgerFile, rows);
    // As the CLI does it: stream both files, audit, write the five sheets one at a time.
    let readSeconds = 0;
    const file = await measure(async () => {
      const t0 = process.hrtime.bigint();
      const c = calc();
      const rep = await auditReport(openXlsxFile(rosterFile).sheets, openXlsxFile(ledgerFile).sheets, c);
      readSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      await writeXlsxAtomically(path.join(dir, 'out.xlsx'), async (wb) => {
        for (const build of auditSheetBuilders(c, rep.outcome, 'zh')) await wb.writeSheet(build());
      });
      return rep;
    });
    // The whole command, node start-up included (county-sized runs only).
    let cli;
    if (payments <= 10_000) {
      const bin = fileURLToPath(new URL('../bin/village-funds.js', import.meta.url));
      const t0 = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [
        bin,
        'audit',
        rosterFile,
        '--ledger',
        ledgerFile,
        '-o',
        path.join(dir, 'cli.xlsx'),
        '--year',
        '2025',
        '--force',
      ]);
      cli = { seconds: +(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3), exitCode: run.status };
    }
    return {
      payments: rows.length,
      units: unitCount,
      inMemory: { seconds: mem.seconds, cpuSeconds: mem.cpuSeconds, peakRssMB: mem.peakRssMB },
      filesEndToEnd: {
        seconds: file.seconds,
        cpuSeconds: file.cpuSeconds,
        readAndAuditSeconds: +readSeconds.toFixed(3),
        writeSeconds: +(file.seconds - readSeconds).toFixed(3),
        peakRssMB: file.peakRssMB,
      },
      ...summary(file.result),
      ...(cli ? { cli } : {}),
      sameAsInMemory: JSON.stringify(summary(mem.result)) === JSON.stringify(summary(file.result)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One size, or with no arguments both: a county (5,000 payments, 400 units) and 100,000 against 20,000 units. */
export async function benchAudit(payments, units) {
  const cases = payments === undefined ? SIZES : [[payments, units ?? 20_000]];
  const results = [];
  for (const [p, u] of cases) results.push(await benchOne(p, u));
  return { node: process.version, results };
}

const SIZES = [
  [5_000, 400],
  [100_000, 20_000],
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv[2] ? [Number(process.argv[2]), Number(process.argv[3] ?? 20_000)] : [];
  console.log(JSON.stringify(await benchAudit(...args), null, 2));
}
