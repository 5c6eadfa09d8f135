// Warnings the summary must not hide (three 东河村 in one township are all
// counted), and a text past Excel's cell limit cut with an issue, not silently.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cutToCell } from '../src/workbook/cells.js';
import { createRosterReader } from '../src/workbook/roster.js';
import { ROSTER_ISSUE_CODES } from '../src/workbook/roster-issues.js';
import { warningKinds, warningsSentence } from '../src/workbook/warnings.js';
import { type TempDir, makeTempDir, readWorkbook, runCli, stubLocale, writeRosterWorkbook } from './support/roster-files.js';

const HEAD = ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'];

let tmp: TempDir;
beforeEach(async () => {
  stubLocale('zh');
  tmp = await makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('warnings by kind', () => {
  test('three units of one name in a township: computed, and the summary line says 2 duplicates', async () => {
    const roster = tmp.file('名册.xlsx');
    await writeRosterWorkbook(roster, [
      {
        name: '全县',
        rows: [HEAD, ['城关镇', '东河村', '村', 1200, 24], ['城关镇', '东河村', '村', 1300, 20], ['城关镇', '东河村', '村', 0, 0]],
      },
    ]);
    const zh = await runCli(['calc', roster, '--year', '2025']);
    expect(zh.code).toBe(0);
    const [line] = zh.stdout.split('\n');
    expect(line).toMatch(/^已核算3个单位（读取3行，剔除0行，跳过0行），全县合计\S+元。/);
    expect(line).toContain('警告3条：同名单位 2条、人口为0 1条，见「问题清单」。');
    const en = await runCli(['calc', roster, '--year', '2025', '--lang', 'en', '--force']);
    expect(en.stdout.split('\n')[0]).toContain('3 warnings: same name in a township 2, population 0 1; see 问题清单.');
  });

  test('every roster warning has words of its own in the sentence, not its code', () => {
    const warnings = ROSTER_ISSUE_CODES.slice(ROSTER_ISSUE_CODES.indexOf('INVALID_UNIT') + 1);
    expect(warnings).toContain('ORGANISATION_MISMATCH');
    for (const code of warnings) {
      const [kind] = warningKinds([{ sheet: '全县', row: 2, column: 'A', severity: 'warning', code, message: { zh: '', en: '' } }]);
      expect(kind!.label.zh, code).not.toBe(code);
      expect(kind!.label.en, code).not.toBe(code);
    }
  });

  test('no warnings, no sentence', () => {
    expect(warningsSentence(warningKinds([]), 'zh')).toBe('');
  });
});

describe("a text past Excel's cell limit", () => {
  test('is cut to 32,767 characters with a warning naming sheet, row and column', () => {
    const reader = createRosterReader('全县');
    const long = '东'.repeat(40_000) + '村';
    const out = [...reader.push(1, HEAD), ...reader.push(2, ['城关镇', long, '村', 1200, 24])];
    const unit = out.find((o) => o.kind === 'unit');
    expect(unit?.kind === 'unit' && unit.unit.name.length).toBe(32_767);
    const issue = unit!.issues.find((i) => i.code === 'TEXT_TOO_LONG')!;
    expect(issue).toMatchObject({ sheet: '全县', row: 2, column: 'B', severity: 'warning' });
    expect(issue.message.zh).toContain('40,001个字符');
  });

  test('a 10 MB name: the result workbook and --json hold the cut name, and the issue is in both', async () => {
    const roster = tmp.file('长名.xlsx');
    await writeRosterWorkbook(roster, [{ name: '全县', rows: [HEAD, ['城关镇', '村'.repeat(5_000_000), '村', 1200, 24]] }]);
    const r = await runCli(['calc', roster, '--year', '2025', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.units[0].name).toHaveLength(32_767);
    expect(json.issues.map((i: { code: string }) => i.code)).toContain('TEXT_TOO_LONG');
    const wb = await readWorkbook(tmp.file('长名-核算结果.xlsx'));
    const names = [] as number[];
    wb.getWorksheet('核算结果')!.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'string' && v.length > 1000) names.push(v.length);
    });
    expect(names).toEqual([32_767]);
    const issues = [] as string[];
    wb.getWorksheet('问题清单')!.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && issues.push(c.value))));
    expect(issues.some((t) => t.includes('超过 Excel 单元格上限'))).toBe(true);
  }, 120_000);
});

describe('cutToCell', () => {
  test('cuts at the limit, never inside a surrogate pair', () => {
    expect(cutToCell('a'.repeat(40_000))).toHaveLength(32_767);
    const pairs = '𠀀'.repeat(20_000); // 40,000 UTF-16 units
    const cut = cutToCell(pairs);
    expect(cut).toHaveLength(32_766);
    expect(cut.endsWith('𠀀')).toBe(true);
    expect(cutToCell('短')).toBe('短');
  });
});
