// The spreadsheet way, for comparison: the same synthetic roster as bench/calc.js
// with the funds worked out by IF formulas (what counties type today), recalculated
// and saved by LibreOffice headless. Needs `soffice` (Debian: libreoffice-calc-nogui);
// without it the comparison is reported as skipped, not guessed.
// Run: node bench/libreoffice.js [rows]   (also part of npm run bench)
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { benchCalc } from './calc.js';
import { syntheticUnits } from './synthetic.js';

const TYPE_WORDS = { village: '村', urbanCommunity: '社区', ruralCommunity: '农村社区' };

/** The roster with one IF formula per fund and a total, no cached results: LibreOffice must compute them. */
async function writeFormulaRoster(file, n) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('全县');
  ws.addRow(['全县村（社区）名册']).commit();
  ws.addRow([
    '乡镇',
    '村(社区)名称',
    '类型',
    '户籍人口',
    '上年度党员人数',
    '办公经费',
    '党建经费',
    '党员活动经费',
    '社区服务经费',
    '合计',
  ]).commit();
  const units = syntheticUnits(n);
  for (let i = 0; i < n; i++) {
    const u = units[i];
    const r = i + 3;
    ws.addRow([
      u.township,
      u.name,
      TYPE_WORDS[u.type],
      u.population,
      u.membersPrevYear,
      { formula: `IF(C${r}="村",IF(D${r}>=1500,25000,20000),30000)` },
      { formula: `IF(C${r}="村",5000,50000)` },
      { formula: `MAX(3000,E${r}*100)` },
      { formula: `IF(C${r}="社区",50000,0)` },
      { formula: `SUM(F${r}:I${r})` },
    ]).commit();
    if (i % 5000 === 0) await new Promise((res) => setImmediate(res));
  }
  await ws.commit();
  await wb.commit();
}

/** Sum of the 合计 column LibreOffice saved: proves it computed every row. */
async function savedTotal(file) {
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'ignore', worksheets: 'emit' });
  let total = 0;
  let rows = 0;
  for await (const ws of wb)
    for await (const row of ws) {
      const v = row.getCell(10).value;
      if (row.number > 2 && v && typeof v === 'object' && typeof v.result === 'number') {
        total += v.result;
        rows++;
      }
    }
  return { total, rows };
}

export async function benchLibreOffice(n = 100_000) {
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  if (!soffice) return { rows: n, skipped: 'LibreOffice (soffice) is not installed' };
  mkdirSync('.tmp', { recursive: true });
  const input = path.resolve(`.tmp/bench-formulas-${n}.xlsx`);
  if (!existsSync(input)) await writeFormulaRoster(input, n);
  const outDir = path.resolve('.tmp/libreoffice-out');
  const profile = path.resolve('.tmp/libreoffice-profile');
  // A first run creates the profile; time a warm start, as an officer's open LibreOffice would be.
  const args = [
    `-env:UserInstallation=file://${profile}`,
    '--headless',
    '--norestore',
    '--calc',
    '--convert-to',
    'xlsx',
    '--outdir',
    outDir,
    input,
  ];
  if (!existsSync(profile)) spawnSync(soffice, ['--headless', `-env:UserInstallation=file://${profile}`, '--terminate_after_init']);
  // This machine's speed drifts with the load of others on it, so the two are
  // timed in turns, and each round's ratio is from runs a few seconds apart.
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    rmSync(outDir, { recursive: true, force: true });
    const t0 = process.hrtime.bigint();
    const r = spawnSync(soffice, args, { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`LibreOffice failed (${r.status}): ${r.stderr}`);
    const saved = await savedTotal(path.join(outDir, path.basename(input)));
    if (saved.rows !== n) throw new Error(`LibreOffice saved ${saved.rows} computed rows, not ${n}`);
    // Ours on the same rows saved with shared strings and with inline strings.
    const shared = (await benchCalc(n)).seconds;
    const inline = (await benchCalc(n, { inline: true })).seconds;
    rounds.push({
      libreOffice: +seconds.toFixed(2),
      ours: shared,
      timesFaster: +(seconds / shared).toFixed(1),
      oursInline: inline,
      timesFasterInline: +(seconds / inline).toFixed(1),
    });
  }
  const median = (key) => rounds.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(rounds.length / 2)];
  return { rows: n, rounds, timesFasterMedian: median('timesFaster'), timesFasterInlineMedian: median('timesFasterInline') };
}

const ROUNDS = 3;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchLibreOffice(Number(process.argv[2] ?? 100_000))));
}
