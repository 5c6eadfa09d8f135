// Bulk recalculation through the real CLI: a synthetic county roster of N rows
// (written once, cached under .tmp/) read, computed and written as the result
// workbook. Reports wall time and the child's peak RSS. The roster is .xlsx,
// or the same rows as .xls or .csv (bench/roster-file.js).
// Run: npm run bench   (or: node bench/calc.js 100000 600000; node bench/calc.js xls csv 100000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { writeRosterCsv, writeRosterFile, writeRosterXls } from './roster-file.js';

const WRITERS = { xlsx: writeRosterFile, xls: writeRosterXls, csv: writeRosterCsv };

export async function benchCalc(n, format = 'xlsx') {
  mkdirSync('.tmp', { recursive: true });
  const input = `.tmp/bench-roster-${n}.${format}`;
  if (!existsSync(input)) await WRITERS[format](input, n);
  const t0 = process.hrtime.bigint();
  // /usr/bin/time -v reports the child's peak RSS; fall back to wall time only.
  const timed = existsSync('/usr/bin/time');
  const cmd = timed ? '/usr/bin/time' : process.execPath;
  const args = [
    ...(timed ? ['-v', process.execPath] : []),
    'bin/village-funds.js',
    'calc',
    input,
    '-o',
    `.tmp/bench-result-${n}.xlsx`,
    '--force',
    '--year',
    '2025',
  ];
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`calc failed (${r.status}): ${r.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const computed = /已核算(\d+)个单位|Computed (\d+) units/.exec(r.stdout);
  return {
    format,
    rows: n,
    computed: computed ? Number(computed[1] ?? computed[2]) : null,
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(n / seconds),
    peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const formats = args.filter((a) => a in WRITERS);
  const sizes = args.filter((a) => !(a in WRITERS)).map(Number);
  for (const format of formats.length ? formats : ['xlsx'])
    for (const n of sizes.length ? sizes : [100_000, 600_000]) console.log(JSON.stringify(await benchCalc(n, format)));
}
