// What `calc` and `compare` do to files: the input is only read, the output is a new
// file (refused when it exists unless --force), written beside the input by default,
// via a temp file that never stays behind, and nothing is written on errors.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  CHENGGUAN,
  COUNTY_SHEET,
  HEKOU,
  type TempDir,
  makeTempDir,
  readWorkbook,
  runCli,
  sha256,
  stubLocale,
  writeRosterWorkbook,
} from './support/roster-files.js';
import { buildZip, minimalPackage } from './support/zip-build.js';

let tmp: TempDir;
let roster: string;
beforeEach(async () => {
  stubLocale('zh');
  tmp = await makeTempDir();
  roster = tmp.file('名册.xlsx');
  await writeRosterWorkbook(roster, [CHENGGUAN, HEKOU]);
});
afterEach(async () => {
  await tmp.cleanup();
});

const OUT = '名册-核算结果.xlsx';

describe('the input workbook', () => {
  test('is left byte-identical (same hash, size and mtime) by calc, calc --json, calc --force and compare', async () => {
    const before = await sha256(roster);
    const st = await stat(roster);
    expect((await runCli(['calc', roster, '--year', '2024'])).code).toBe(1);
    expect((await runCli(['calc', roster, '--year', '2024', '--json', '--force'])).code).toBe(1);
    expect((await runCli(['compare', roster, '--against', 'src/policies/example-other-county.yaml', '--year', '2024'])).code).not.toBe(2);
    expect(await sha256(roster)).toBe(before);
    const after = await stat(roster);
    expect(after.size).toBe(st.size);
    expect(after.mtimeMs).toBe(st.mtimeMs);
  });

  test('is never the output, even with --force', async () => {
    const before = await sha256(roster);
    const r = await runCli(['calc', roster, '-o', roster, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(await sha256(roster)).toBe(before);
    expect(await tmp.list()).toEqual(['名册.xlsx']);
  });
});

describe('the output workbook', () => {
  test('defaults to a file beside the input named from it, and stdout says where', async () => {
    const r = await runCli(['calc', roster, '--year', '2024']);
    expect(r.code).toBe(1);
    expect(await tmp.list()).toEqual([OUT, '名册.xlsx'].sort());
    expect(r.stdout).toContain(tmp.file(OUT));
    const wb = await readWorkbook(tmp.file(OUT));
    expect(wb.getWorksheet('核算结果')).toBeDefined();
  });

  test('-o writes exactly where asked and nowhere else', async () => {
    const r = await runCli(['calc', roster, '--year', '2024', '-o', tmp.file('自选.xlsx')]);
    expect(r.code).toBe(1);
    expect(await tmp.list()).toEqual(['名册.xlsx', '自选.xlsx'].sort());
  });

  test('an existing output is refused without --force (exit 2, one line naming it, file unchanged)', async () => {
    await writeFile(tmp.file(OUT), 'an older result the officer wants to keep');
    const before = await sha256(tmp.file(OUT));
    for (const argv of [
      ['calc', roster, '--year', '2024'],
      ['calc', roster, '--year', '2024', '--json'],
      ['calc', roster, '--year', '2024', '-o', tmp.file(OUT)],
    ]) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(tmp.file(OUT));
      expect(r.stderr).toContain('--force');
      expect(await sha256(tmp.file(OUT))).toBe(before);
    }
    expect(await tmp.list()).toEqual([OUT, '名册.xlsx'].sort());
  });

  test('--force replaces an existing output with a fresh result workbook', async () => {
    await writeFile(tmp.file(OUT), 'an older result');
    const r = await runCli(['calc', roster, '--year', '2024', '--force']);
    expect(r.code).toBe(1);
    const wb = await readWorkbook(tmp.file(OUT));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['核算结果', '乡镇汇总', '问题清单', '政策参数']);
    expect(await tmp.list()).toEqual([OUT, '名册.xlsx'].sort());
  });

  test('a second run over the same output needs --force and gives the same figures', async () => {
    const first = await runCli(['calc', roster, '--year', '2024', '--json']);
    const again = await runCli(['calc', roster, '--year', '2024', '--json']);
    expect(again.code).toBe(2);
    const forced = await runCli(['calc', roster, '--year', '2024', '--json', '--force']);
    expect(forced.stdout).toBe(first.stdout);
  });

  test('compare also writes beside the input by default and refuses to overwrite without --force', async () => {
    const argv = ['compare', roster, '--against', 'src/policies/example-other-county.yaml', '--year', '2024'];
    const r = await runCli(argv);
    expect(r.code).not.toBe(2);
    expect(await tmp.list()).toEqual(['名册-预算比较.xlsx', '名册.xlsx'].sort());
    const before = await sha256(tmp.file('名册-预算比较.xlsx'));
    const again = await runCli(argv);
    expect(again.code).toBe(2);
    expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(await sha256(tmp.file('名册-预算比较.xlsx'))).toBe(before);
    expect((await runCli([...argv, '--force'])).code).not.toBe(2);
  });
});

describe('temp files and errors', () => {
  test('no temp file is left behind after success', async () => {
    await writeRosterWorkbook(tmp.file('全县.xlsx'), [COUNTY_SHEET]);
    expect((await runCli(['calc', tmp.file('全县.xlsx'), '--year', '2024'])).code).toBe(0);
    expect((await runCli(['calc', roster, '--year', '2024', '--json'])).code).toBe(1);
    expect(await tmp.list()).toEqual(['全县-核算结果.xlsx', '全县.xlsx', OUT, '名册.xlsx'].sort());
  });

  test('nothing is written (and no temp file stays) when the run fails', async () => {
    const text = tmp.file('伪装.xlsx');
    await writeFile(text, '序号,村名,人口\n1,东风村,1200\n'.repeat(50)); // a CSV renamed .xlsx
    const good = await readFile(roster);
    await writeFile(tmp.file('截断.xlsx'), good.subarray(0, Math.floor(good.length * 0.6))); // a damaged workbook
    await writeFile(tmp.file('bad-policy.yaml'), 'id: broken\nlines: 3\n');
    const inputs = await tmp.list();
    const failing = [
      ['calc', text],
      ['calc', text, '--json', '--force'],
      ['calc', tmp.file('截断.xlsx'), '--force'],
      ['calc', tmp.file('没有.xlsx')],
      ['calc', roster, '--year', '24'],
      ['calc', roster, '--policy', tmp.file('bad-policy.yaml')],
      ['calc', roster, '--policy', tmp.file('no-such-policy.yaml')],
      ['calc', roster, '--bogus'],
      ['calc', roster, '--lang', 'fr'],
      ['compare', text, '--against', 'src/policies/example-other-county.yaml'],
      ['compare', roster, '--against', tmp.file('bad-policy.yaml')],
    ];
    for (const argv of failing) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout, argv.join(' ')).toBe('');
      expect(await tmp.list(), argv.join(' ')).toEqual(inputs);
    }
  });

  test('a zip bomb and a damaged part are refused in one line naming the file, exit 2, nothing written', async () => {
    // 40 MB of rows packed into about 0.1 MB: refused before it is inflated.
    const rows = (n: number) => '<row r="1"><c r="A1"><v>1500</v></c></row>'.repeat(n);
    await writeFile(tmp.file('炸弹.xlsx'), buildZip(minimalPackage([{ name: '名册', data: rows(1_000_000) }]), { deflate: true }));
    await writeFile(tmp.file('坏块.xlsx'), buildZip(minimalPackage([{ name: '名册', data: rows(10) }]), { deflate: true, badCrc: true }));
    const inputs = await tmp.list();
    for (const [file, says] of [
      ['炸弹.xlsx', /压缩炸弹/],
      ['坏块.xlsx', /损坏/],
    ] as const) {
      for (const argv of [
        ['calc', tmp.file(file)],
        ['audit', roster, '--ledger', tmp.file(file)],
      ]) {
        const r = await runCli(argv);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toEqual([expect.stringMatching(says)]);
        expect(r.stderr).toContain(file);
        expect(await tmp.list(), argv.join(' ')).toEqual(inputs);
      }
    }
  });
});
