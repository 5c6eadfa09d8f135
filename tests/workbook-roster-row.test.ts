// One roster row classified alone, from its cells and a column mapping: no header fed
// first, no reader. Computed, rejected with its reasons, skipped with its reason.
import { describe, expect, test } from 'vitest';
import type { Cell } from '../src/workbook/cells.js';
import { classifyRosterRow, type RosterRowColumns } from '../src/workbook/roster-row.js';

// 乡镇 | 名称 | 类型 | 人口 | 党员 | 区划代码
const COLUMNS: RosterRowColumns = {
  col: { township: 0, name: 1, type: 2, population: 3, membersPrevYear: 4, code: 5 },
  text: {
    township: '乡镇',
    name: '村(社区)名称',
    type: '类型',
    population: '户籍人口',
    membersPrevYear: '上年度党员人数',
    code: '区划代码',
  },
  headerKeys: [],
};

const classify = (cells: Cell[], above: string | null = null, columns = COLUMNS) => classifyRosterRow(cells, columns, '名册', 7, above);

describe('classifyRosterRow: computed', () => {
  test('a full row is a unit, with its township carried on', () => {
    const r = classify(['城关镇', '东风村', '村', 1200, 24, '410102001001']);
    expect(r.outcome).toEqual({
      kind: 'unit',
      sheet: '名册',
      row: 7,
      unit: { township: '城关镇', name: '东风村', type: 'village', population: 1200, membersPrevYear: 24, code: '410102001001' },
      issues: [],
    });
    expect(r.township).toBe('城关镇');
  });

  test('an empty township cell takes the township from the row above (merged cells)', () => {
    const r = classify([null, '西湖村', '村', 1500, 45], '城关镇');
    expect(r.outcome.kind === 'unit' && r.outcome.unit.township).toBe('城关镇');
    expect(r.township).toBe('城关镇');
  });

  test('without a township column the sheet name is the township', () => {
    const columns: RosterRowColumns = { col: { name: 0, population: 1, membersPrevYear: 2 }, text: {}, headerKeys: [] };
    const r = classify(['幸福社区', 8000, 130], null, columns);
    expect(r.outcome.kind === 'unit' && r.outcome.unit).toMatchObject({ township: '名册', type: 'urbanCommunity' });
  });

  test('warnings ride on a computed unit: population 0, members above population', () => {
    const r = classify(['城关镇', '东风村', '村', 0, 3]);
    expect(r.outcome.kind).toBe('unit');
    expect(r.outcome.kind === 'unit' && r.outcome.issues.map((i) => i.code)).toEqual(['ZERO_POPULATION', 'MEMBERS_ABOVE_POPULATION']);
  });
});

describe('classifyRosterRow: rejected', () => {
  test('an unreadable count is rejected, naming the column', () => {
    const r = classify(['城关镇', '东风村', '村', '很多', 24]);
    expect(r.outcome.kind).toBe('rejected');
    const issues = r.outcome.kind === 'rejected' ? r.outcome.issues : [];
    expect(issues.map((i) => i.code)).toEqual(['NOT_A_NUMBER']);
    expect(issues[0]).toMatchObject({ sheet: '名册', row: 7, column: 'D' });
    expect(issues[0]!.message.zh).toContain('户籍人口');
  });

  test('a missing name, an unknown type, a bad code and an error value are each said', () => {
    const missing = classify(['城关镇', null, '村', 100, 2]);
    expect(missing.outcome.kind === 'rejected' && missing.outcome.issues.map((i) => i.code)).toEqual(['MISSING_NAME']);
    const type = classify(['城关镇', '东风村', '街道', 100, 2]);
    expect(type.outcome.kind === 'rejected' && type.outcome.issues.map((i) => i.code)).toEqual(['UNKNOWN_TYPE']);
    const code = classify(['城关镇', '东风村', '村', 100, 2, '4101']);
    expect(code.outcome.kind === 'rejected' && code.outcome.issues.map((i) => i.code)).toEqual(['BAD_CODE']);
    const err = classify(['城关镇', '东风村', '村', { error: '#N/A' }, 2]);
    expect(err.outcome.kind).toBe('rejected');
  });

  test('a rejected row still carries its township down', () => {
    expect(classify(['河口镇', '东风村', '村', 'x', 2], '城关镇').township).toBe('河口镇');
  });
});

describe('classifyRosterRow: skipped', () => {
  test('a blank row, and a row with only other columns filled', () => {
    const blank = classify([null, '', '  ']);
    expect(blank.outcome).toMatchObject({ kind: 'skipped', reason: 'blank' });
    const other = classify([null, null, null, null, null, null, '备注']);
    expect(other.outcome).toMatchObject({ kind: 'skipped', reason: 'blank' });
  });

  test('a subtotal row is skipped and ends the carried township', () => {
    const r = classify(['城关镇小计', null, null, 12000, 240], '城关镇');
    expect(r.outcome).toMatchObject({ kind: 'skipped', reason: 'subtotal' });
    expect(r.outcome.kind === 'skipped' && r.outcome.issue).toMatchObject({ code: 'SUBTOTAL_ROW', column: 'A' });
    expect(r.township).toBeNull();
  });

  test('the header repeated further down (at a page break) is skipped', () => {
    const r = classify(['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数', '区划代码'], '城关镇', {
      ...COLUMNS,
      headerKeys: [],
    });
    expect(r.outcome).toMatchObject({ kind: 'skipped', reason: 'repeatedHeader' });
    expect(r.township).toBe('城关镇');
  });
});
