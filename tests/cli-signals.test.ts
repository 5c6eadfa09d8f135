// Interrupted runs leave nothing behind: Ctrl+C (SIGINT) and SIGTERM sent to a
// real `village-funds calc` process remove its temporary output and say what
// was not written; what a kill -9 left is removed by the next run. Nothing
// here is timed: each step waits for a file or for the process to end.
import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TempDir, makeTempDir, runCli, stubLocale } from './support/roster-files.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/village-funds.js');
let tmp: TempDir;
let roster: string;

beforeAll(async () => {
  tmp = await makeTempDir('vf-signals-');
  roster = tmp.file('roster.xlsx');
  // Large enough that the run is still writing when the test sees its temporary file.
  const make = `import { writeRosterFile } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'bench/roster-file.js')).href)};
await writeRosterFile(process.argv[1], 100000);`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', make, roster]);
}, 120_000);
afterAll(() => tmp?.cleanup());

/** Starts `calc` into `out`, waits until its temporary file is there, and sends `signal`. */
async function interrupt(out: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [BIN, 'calc', roster, '-o', out, '--lang', 'zh'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  const exited = once(child, 'exit');
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${child.pid}.tmp`);
  while (!existsSync(temp) && child.exitCode === null) await sleep(10);
  expect(existsSync(temp), 'the run was writing its temporary file').toBe(true);
  child.kill(signal);
  const [code] = await exited;
  return { code, stderr, temp };
}

describe('an interrupted calc', () => {
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s removes the temporary file, writes no output and says what was interrupted',
    async (signal, exitCode) => {
      const out = tmp.file(`${signal}.xlsx`);
      const r = await interrupt(out, signal);
      expect(r.code).toBe(exitCode);
      expect(r.stderr).toContain(`已中断（${signal}）`);
      expect(r.stderr).toContain(out);
      expect(existsSync(r.temp)).toBe(false);
      expect(existsSync(out)).toBe(false);
    },
    60_000,
  );

  test('what a kill -9 left is removed by the next run into that folder, which says so; a live run’s is kept', async () => {
    const out = tmp.file('killed.xlsx');
    const r = await interrupt(out, 'SIGKILL');
    expect(existsSync(r.temp)).toBe(true); // nothing runs on SIGKILL
    const live = tmp.file(`.other.xlsx.${process.pid}.tmp`); // this test's own process is alive
    await writeFile(live, 'being written');
    stubLocale('zh');
    const again = await runCli(['calc', 'examples/county-roster.xlsx', '-o', tmp.file('next.xlsx'), '--year', '2025']);
    expect(again.code).not.toBe(2);
    expect(again.stderr).toContain(`已删除上次中断的运行留下的临时文件：${path.basename(r.temp)}`);
    expect(existsSync(r.temp)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect((await readdir(tmp.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([path.basename(live)]);
  }, 60_000);
});
