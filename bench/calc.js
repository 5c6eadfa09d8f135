// Bulk recalculation through the real CLI: a synthetic county roster of N rows
// (written once, cached under .tmp/) read, computed and written as the result
// workbook. Reports wall time and the child's peak RSS.
// Run: npm run bench   (or: node bench/calc.js 100000 600000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { writeRosterFile } from './roster-file.js';

export async function benchCalc(n) {
  mkdirSync('.tmp', { recursive: true });
  const input = `.tmp/bench-roster-${n}.xlsx`;
  if (!existsSync(input)) await writeRosterFile(input, n);
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
  return {
    rows: n,
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(n / seconds),
    peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length ? sizes : [100_000, 600_000]) console.log(JSON.stringify(await benchCalc(n)));
}
