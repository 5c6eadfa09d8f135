// The file system's usual errors reach the officer as one line about their own
// file and what to do, never as `EACCES: permission denied, open '…/.x.xlsx.123.tmp'`.
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { describeError, systemError } from '../src/cli/errors.js';
import { runCli, stubLocale } from './support/roster-files.js';

const errno = (code: string, where: string) => Object.assign(new Error(`${code}: failed, open '${where}'`), { code, path: where });

describe('system errors in words', () => {
  const temp = path.join('/data/县财政', `.结果.xlsx.7591.tmp`);
  test.each([
    ['EACCES', /没有权限/, /no permission/],
    ['EPERM', /没有权限/, /no permission/],
    ['EBUSY', /其他程序占用.*Excel 或 WPS/, /in use by another program/],
    ['ENOSPC', /磁盘空间不足/, /disk is full/],
    ['EROFS', /只读/, /read-only/],
    ['ENAMETOOLONG', /太长/, /too long/],
    ['ENOENT', /找不到/, /not found/],
  ])('%s names the output, not our temporary file, and says what to do', (code, zh, en) => {
    const said = systemError(errno(code, temp))!;
    for (const [lang, words] of [
      ['zh', zh],
      ['en', en],
    ] as const) {
      expect(said[lang]).toMatch(words);
      expect(said[lang]).toContain('/data/县财政/结果.xlsx');
      expect(said[lang]).not.toMatch(/\.tmp|\d{4}/);
      expect(describeError(errno(code, temp), lang)).toBe(said[lang]);
    }
  });

  test('other errors are left to the general message', () => {
    expect(systemError(new Error('boom'))).toBeNull();
    expect(systemError(errno('ECONNRESET', temp))).toBeNull();
  });
});

describe('through the command line', () => {
  beforeEach(() => stubLocale('zh'));

  test('a folder nobody may write (even root: /sys) and a name too long are one line each, exit 2', async () => {
    for (const [out, words] of [
      ['/sys/结果.xlsx', /没有权限读写「\/sys\/结果\.xlsx」/],
      [`/tmp/${'长'.repeat(200)}.xlsx`, /文件名或路径太长/],
    ] as const) {
      const r = await runCli(['calc', 'examples/county-roster.xlsx', '-o', out, '--year', '2025']);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(words)]);
      expect(r.stderr).not.toContain('.tmp');
    }
  });
});
