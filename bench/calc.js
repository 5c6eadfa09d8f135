// Bulk recalculation through the real CLI: a synthetic county roster of N rows
// (written once, cached under .tmp/) read, computed and written as the result
// workbook. Reports wall time and the child's peak RSS. The roster is .xlsx,
// or the same rows as .xls or .csv (bench/roster-file.js).
// Run: npm run bench   (or: node bench/calc.js 100000 600000; node bench/calc.js xls csv 100000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { writeRosterCsv, writeRosterFile, writeRosterXls } from './roster-file.js';

const WRITERS = { xlsx: writeRosterFile, xls: writeRosterXls, csv: writeRosterCsv };

/** The roster benchCalc reads: .xlsx with shared strings, or { inline: true } for inline strings; or .xls or .csv. */
export async function rosterFile(n, { format = 'xlsx', inline = false } = {}) {
  mkdirSync('.tmp', { recursive: true });
  const input = `.tmp/bench-roster-${inline ? 'inline-' : ''}${n}.${format}`;
  if (!existsSync(input)) await WRITERS[format](input, n, { inline });
  return input;
}

export async function benchCalc(n, { format = 'xlsx', inline = false, json = false } = {}) {
  const input = await rosterFile(n, { format, inline });
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
    ...(json ? ['--json'] : []),
  ];
  // --json output goes to a file, as a script would send it.
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', json ? openSync('.tmp/bench-result.json', 'w') : 'pipe', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`calc failed (${r.status}): ${r.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const computed = /已核算(\d+)个单位|Computed (\d+) units/.exec(r.stdout);
  return {
    format,
    rows: n,
    strings: inline ? 'inline' : 'shared',
    json,
    computed: computed ? Number(computed[1] ?? computed[2]) : null,
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(n / seconds),
    peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null,
  };
}

/** What --json adds to a calc: the same roster with and without it, in turns (the machine's speed drifts). */
export async function benchJsonCost(n = 100_000, rounds = 5) {
  const plain = [];
  const json = [];
  for (let i = 0; i < rounds; i++) {
    plain.push((await benchCalc(n)).seconds);
    json.push((await benchCalc(n, { json: true })).seconds);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const extra = json.map((s, i) => s - plain[i]);
  return { rows: n, plain, json, jsonExtraSecondsMedian: +median(extra).toFixed(2) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const formats = args.filter((a) => a in WRITERS);
  const sizes = args.filter((a) => !(a in WRITERS)).map(Number);
  for (const format of formats.length ? formats : ['xlsx'])
    for (const n of sizes.length ? sizes : [100_000, 600_000]) console.log(JSON.stringify(await benchCalc(n, { format })));
}
