// 组织设置 through the command line: the 组织设置 column of 核算结果, the counts
// in 乡镇汇总 and --json, and a roster's actual organisation checked (a warning
// naming sheet, row and column, never money, never a rejection).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { organisationFromWord } from '../src/workbook/unit-types.js';
import { type TempDir, makeTempDir, readWorkbook, runCli, stubLocale, writeRosterWorkbook } from './support/roster-files.js';

let tmp: TempDir;
beforeEach(async () => {
  stubLocale('zh');
  tmp = await makeTempDir();
});
afterEach(() => tmp.cleanup());

const HEAD = ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'];

describe('organisation words as offices write them', () => {
  test.each([
    ['党支部', 'branch'],
    ['支部', 'branch'],
    ['中共东风村支部委员会', 'branch'],
    ['联合党支部', 'jointBranch'],
    ['联合支部', 'jointBranch'],
    ['党总支', 'generalBranch'],
    ['总支', 'generalBranch'],
    ['党总支部委员会', 'generalBranch'],
    ['党委', 'committee'],
    ['中共幸福社区委员会', 'committee'],
    ['无', 'none'],
    ['未建', 'none'],
    ['—', 'none'],
    ['党小组', undefined],
  ])('%s', (word, form) => expect(organisationFromWord(word)).toBe(form));
});

describe('calc', () => {
  test('without the column: every unit gets 组织设置, counted per township and in --json; no warning', async () => {
    const roster = tmp.file('名册.xlsx');
    const members = [2, 3, 50, 51, 99, 100];
    await writeRosterWorkbook(roster, [{ name: '全县', rows: [HEAD, ...members.map((m, i) => ['城关镇', `${i}村`, '村', 1200, m])] }]);
    const r = await runCli(['calc', roster, '--year', '2025', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const labels = new Map(json.policy.organisation.levels.map((l: { id: string; label: { zh: string } }) => [l.id, l.label.zh]));
    expect(json.units.map((u: { organisation: { level: string } }) => labels.get(u.organisation.level))).toEqual([
      '未达设支部条件',
      '应设党支部',
      '应设党支部',
      '一般应设党总支',
      '一般应设党总支',
      '应设党支部',
    ]);
    expect(json.units[5].organisation.silent).toBe(true);
    expect(json.counts.organisation).toEqual({ none: 1, branch: 3, generalBranch: 2 });
    expect(json.townships[0].organisation).toEqual({ none: 1, branch: 3, generalBranch: 2 });
    expect(json.issues).toEqual([]);

    const wb = await readWorkbook(tmp.file('名册-核算结果.xlsx'));
    const result = wb.getWorksheet('核算结果')!;
    const head = result.getRow(3).values as unknown[];
    const col = head.indexOf('组织设置');
    expect(col).toBeGreaterThan(0);
    expect(result.getRow(4).getCell(col).value).toBe('未达设支部条件');
    expect(result.getRow(9).getCell(col).value).toBe('应设党支部');
    expect(json.policy.organisation.levels[1].clause).toMatch(/组织设置/);
    const townships = wb.getWorksheet('乡镇汇总')!;
    const th = townships.getRow(3).values as unknown[];
    expect(townships.getRow(4).getCell(th.indexOf('一般应设党总支')).value).toBe(2);
    expect(townships.getRow(5).getCell(th.indexOf('应设党支部')).value).toBe(3); // 全县合计
  });

  test('with the column: a mismatch is a warning naming sheet, row and column; the money is unchanged', async () => {
    const roster = tmp.file('名册.xlsx');
    await writeRosterWorkbook(roster, [
      {
        name: '城关镇',
        rows: [
          [...HEAD, '党组织类型'],
          ['城关镇', '东风村', '村', 1200, 24, '党支部'],
          ['城关镇', '西湖村', '村', 1500, 60, '党支部'],
          ['城关镇', '南山村', '村', 800, 2, '联合党支部'],
          ['城关镇', '北岭村', '村', 900, 2, '党支部'],
          ['城关镇', '幸福社区', '社区', 8000, 130, '党委'],
          ['城关镇', '河口村', '村', 900, 10, '党小组'],
          ['城关镇', '柳林村', '村', 900, 10, null],
        ],
      },
    ]);
    const r = await runCli(['calc', roster, '--year', '2025', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rows).toMatchObject({ computed: 7, rejected: 0 });
    const issues = json.issues.map((i: { row: number; column: string; code: string; severity: string }) => [
      i.row,
      i.column,
      i.code,
      i.severity,
    ]);
    expect(issues).toEqual([
      [3, 'F', 'ORGANISATION_MISMATCH', 'warning'],
      [5, 'F', 'ORGANISATION_MISMATCH', 'warning'],
      [7, 'F', 'UNKNOWN_ORGANISATION', 'warning'],
    ]);
    expect(json.issues[0].message).toContain(
      '工作表「城关镇」第3行F列「党组织类型」：现有组织形式为“党支部”，与组织设置不符：上年度党员人数60人',
    );
    const plain = await runCli(['calc', roster, '--year', '2025', '--force']);
    expect(plain.stdout.split('\n')[0]).toContain('警告3条');
  });
});
