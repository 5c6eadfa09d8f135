// A large roster goes through `calc` with bounded memory: the child process runs with a
// V8 heap far smaller than an in-memory workbook of this size needs (reading the 150,000-row
// input into an exceljs Workbook alone takes ~500 MB here, the result workbook ~1.2 GB), and
// its peak RSS is measured. Not a timed test: only memory and correctness are asserted.
import ExcelJS from 'exceljs';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TempDir, makeTempDir } from './support/roster-files.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const N = 150_000;
/** V8 old-space limit for the child, in MB: far below what holding the input or the result in memory takes. */
const HEAP_MB = 256;
/** Peak RSS bound for the child: measured ~175 MB here (with the heap limit); ~360 MB without any limit. */
const RSS_LIMIT_MB = 400;
/**
 * Heap limit for the --json run: 150,000 units are ~45 MB of JSON, far more as strings
 * in memory (held, then joined, the way calc --json worked before it spooled units to a file).
 */
const JSON_HEAP_MB = 96;

/** Writes the roster with bench/roster-file.js and prints what it is due, worked out by hand (DOMAIN.md). */
const GENERATE = `
import { writeRosterFile } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'bench/roster-file.js')).href)};
import { syntheticUnits } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'bench/synthetic.js')).href)};
const [file, n] = [process.argv[2], Number(process.argv[3])];
await writeRosterFile(file, n);
const lines = { office: 0, partyBuilding: 0, memberActivity: 0, communityService: 0, total: 0 };
const townships = {};
for (const u of syntheticUnits(n)) {
  // The file has no months column: every unit is a full year.
  const office = u.type === 'village' ? (u.population >= 1500 ? 25000 : 20000) : 30000;
  const partyBuilding = u.type === 'village' ? 5000 : 50000;
  const memberActivity = Math.max(3000, 100 * u.membersPrevYear);
  const communityService = u.type === 'urbanCommunity' ? 50000 : 0;
  const total = office + partyBuilding + memberActivity + communityService;
  const t = (townships[u.township] ??= { units: 0, total: 0 });
  t.units++;
  t.total += total;
  lines.office += office; lines.partyBuilding += partyBuilding; lines.memberActivity += memberActivity;
  lines.communityService += communityService; lines.total += total;
}
process.stdout.write(JSON.stringify({ lines, townships }));
`;

/** Runs the CLI's main() and reports the process's peak RSS (KB) after it, on stderr (stdout may be JSON). */
const WRAP = `
const { main } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/cli/main.js')).href)});
const code = await main(process.argv.slice(2));
process.stderr.write('PEAK_RSS_KB ' + process.resourceUsage().maxRSS + '\\n');
process.exitCode = code;
`;

let tmp: TempDir;
beforeAll(async () => {
  tmp = await makeTempDir('vf-large-');
});
afterAll(async () => {
  await tmp?.cleanup();
});

test(`calc streams a ${N.toLocaleString('en')}-row roster: heap capped at ${HEAP_MB} MB, peak RSS under ${RSS_LIMIT_MB} MB, totals right`, async () => {
  expect(existsSync(path.join(ROOT, 'dist/cli/main.js')), 'dist/cli/main.js is missing: run `npm run build` (npm test does)').toBe(true);
  await writeFile(tmp.file('generate.mjs'), GENERATE);
  await writeFile(tmp.file('wrap.mjs'), WRAP);
  const roster = tmp.file('province.xlsx');
  const gen = await run(process.execPath, [tmp.file('generate.mjs'), roster, String(N)], { cwd: ROOT, maxBuffer: 64 << 20 });
  const expected = JSON.parse(gen.stdout) as {
    lines: Record<'office' | 'partyBuilding' | 'memberActivity' | 'communityService' | 'total', number>;
    townships: Record<string, { units: number; total: number }>;
  };

  const out = tmp.file('province-result.xlsx');
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' };
  const child = await run(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, tmp.file('wrap.mjs'), 'calc', roster, '--year', '2024', '-o', out],
    {
      cwd: ROOT,
      env,
      maxBuffer: 1 << 20,
    },
  );
  const peakMb = Number(/PEAK_RSS_KB (\d+)/.exec(child.stderr)?.[1]) / 1024;
  expect(child.stderr).toMatch(/^PEAK_RSS_KB \d+\n$/);
  expect(child.stdout).toContain(`已核算${N}个单位（读取${N}行，剔除0行，跳过0行）`);
  expect(child.stdout).toContain(`全县合计${expected.lines.total.toLocaleString('en')}.00元`);
  expect(peakMb, `peak RSS ${peakMb.toFixed(0)} MB`).toBeGreaterThan(0);
  expect(peakMb, `peak RSS ${peakMb.toFixed(0)} MB`).toBeLessThan(RSS_LIMIT_MB);

  // Read the result back with the streaming reader: every unit is there, and 乡镇汇总 adds up.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(out, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  let resultRows = 0;
  let replacementChars = 0;
  const summary = new Map<string, (ExcelJS.CellValue | undefined)[]>();
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row> & { name: string }>) {
    for await (const row of ws) {
      const values = row.values as (ExcelJS.CellValue | undefined)[];
      // Units from row 4 (title, the line under it, header), up to the 全县合计 row and the lines to sign.
      if (ws.name === '核算结果' && row.number > 3 && values[1] !== '全县合计' && values[2] !== undefined) {
        resultRows++;
        if (String(values[2]).includes('\uFFFD')) replacementChars++;
      }
      if (ws.name === '乡镇汇总' && row.number > 3 && values[2] !== undefined) summary.set(String(values[1]), values);
    }
  }
  expect(resultRows).toBe(N);
  expect(replacementChars).toBe(0);
  // 乡镇汇总: 乡镇, 单位数, 办公经费, 党建经费, 党员活动经费, 社区服务群众专项经费, 合计, 合计（万元）
  const county = summary.get('全县合计')!;
  expect(county.slice(2, 8)).toEqual([
    N,
    expected.lines.office,
    expected.lines.partyBuilding,
    expected.lines.memberActivity,
    expected.lines.communityService,
    expected.lines.total,
  ]);
  expect(summary.size - 1).toBe(Object.keys(expected.townships).length);
  for (const [name, t] of Object.entries(expected.townships)) {
    const row = summary.get(name);
    expect(row?.[2], name).toBe(t.units);
    expect(row?.[7], name).toBe(t.total);
  }
}, 180_000);

test(`calc --json streams its units too: ${N.toLocaleString('en')} units with the heap capped at ${JSON_HEAP_MB} MB`, async () => {
  // The roster written by the test above; the JSON goes to a file, as a script's redirect would.
  const roster = tmp.file('province.xlsx');
  expect(existsSync(roster)).toBe(true);
  const jsonFile = tmp.file('province.json');
  const fd = openSync(jsonFile, 'w');
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${JSON_HEAP_MB}`,
      tmp.file('wrap.mjs'),
      'calc',
      roster,
      '--year',
      '2024',
      '--json',
      '-o',
      tmp.file('json-result.xlsx'),
    ],
    { cwd: ROOT, env: { ...process.env, LANG: 'zh_CN.UTF-8' }, stdio: ['ignore', fd, 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'close')) as [number];
  closeSync(fd);
  expect(code, stderr).toBe(0);
  const peakMb = Number(/PEAK_RSS_KB (\d+)/.exec(stderr)?.[1]) / 1024;
  expect(peakMb, `peak RSS ${peakMb.toFixed(0)} MB`).toBeLessThan(RSS_LIMIT_MB);

  const text = await readFile(jsonFile, 'utf8');
  expect(text.endsWith('}\n')).toBe(true);
  const doc = JSON.parse(text) as { units: { row: number; total: string }[]; totals: { total: string } };
  expect(doc.units).toHaveLength(N);
  expect(doc.units[0]!.row).toBe(3);
  expect(doc.units.at(-1)!.row).toBe(N + 2);
  const sum = doc.units.reduce((s, u) => s + Math.round(Number(u.total) * 100), 0);
  expect(doc.totals.total).toBe((sum / 100).toFixed(2));
}, 180_000);
