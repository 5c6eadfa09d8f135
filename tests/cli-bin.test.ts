// The installed command: `node bin/village-funds.js` (runs dist/, built by `npm run build`,
// which `npm test` runs first) as a real child process with real pipes.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  CHENGGUAN,
  HEKOU,
  NOTES,
  STACK_FRAME,
  type TempDir,
  makeTempDir,
  runCli,
  sha256,
  stubLocale,
  writeRosterWorkbook,
} from './support/roster-files.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/village-funds.js');

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}
async function bin(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '', ...env },
      maxBuffer: 16 << 20,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout: string; stderr: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let tmp: TempDir;
beforeAll(async () => {
  tmp = await makeTempDir('vf-bin-');
  await writeRosterWorkbook(tmp.file('roster.xlsx'), [CHENGGUAN, HEKOU, NOTES]);
});
afterAll(async () => {
  await tmp?.cleanup();
});

test('dist is built (npm test runs `npm run build` first)', () => {
  expect(existsSync(path.join(ROOT, 'dist/cli/main.js')), 'run `npm run build`').toBe(true);
});

test('calc --json through bin/: exit 1, exactly one JSON document on stdout, stderr silent, same result as in-process', async () => {
  const roster = tmp.file('roster.xlsx');
  const before = await sha256(roster);
  const r = await bin(['calc', roster, '--json', '--year', '2024']);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(''); // stderr is a pipe, not a terminal: no progress bar
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  const j = JSON.parse(r.stdout);
  expect(j.rows).toEqual({ read: 23, computed: 12, rejected: 5, skipped: 6 });
  expect(j.totals.total).toBe('677600.00');
  expect(await sha256(roster)).toBe(before);
  expect(await tmp.list()).toEqual(['roster-核算结果.xlsx', 'roster.xlsx']);

  stubLocale('zh');
  const inProcess = await runCli(['calc', roster, '--json', '--year', '2024', '-o', tmp.file('in-process.xlsx')]);
  expect(inProcess.stdout).toBe(r.stdout);
});

test('calc --json to a pipe read slowly: every byte arrives, the same document as when read at once', async () => {
  // 5,000 units are about 1.7 MB of JSON (two reads of the spool), far more than a pipe holds: the CLI finds its stdout full
  // (a pipe Node keeps non-blocking) and must wait rather than drop or reorder bytes.
  const roster = tmp.file('slow-reader.xlsx');
  const rows = Array.from({ length: 5000 }, (_, i) => [`乡镇${i % 20}`, `第${i}村`, '村', 300 + i, i % 90]);
  await writeRosterWorkbook(roster, [{ name: '全县', rows: [['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'], ...rows] }]);
  const args = [BIN, 'calc', roster, '--json', '--year', '2024', '--force', '-o', tmp.file('slow-reader-out.xlsx')];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pause();
  await new Promise((r) => setTimeout(r, 1500)); // the child fills the pipe meanwhile
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.stdout.resume();
  const [code] = (await once(child, 'close')) as [number];
  expect(code).toBe(0);
  const bytes = Buffer.concat(chunks);
  expect(bytes.length).toBeGreaterThan(1 << 20);
  const piped = bytes.toString('utf8');
  const toFile = await bin(args.slice(1));
  expect(piped).toBe(toFile.stdout);
  expect(JSON.parse(piped).units).toHaveLength(5000);
});

test('errors through bin/: exit 2, one line on stderr in Chinese when the locale says nothing, English with --lang en, no stack', async () => {
  const missing = tmp.file('missing.xlsx');
  const zh = await bin(['calc', missing]);
  expect(zh.code).toBe(2);
  expect(zh.stdout).toBe('');
  expect(zh.stderr).toBe(`找不到文件：${missing}\n`);
  const en = await bin(['calc', missing, '--lang', 'en']);
  expect(en.code).toBe(2);
  expect(en.stderr).toBe(`file not found: ${missing}\n`);
  const text = tmp.file('roster.xlsx.txt');
  const bad = await bin(['calc', path.join(ROOT, 'package.json'), '-o', text]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).not.toMatch(STACK_FRAME);
  expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(existsSync(text)).toBe(false);
});
