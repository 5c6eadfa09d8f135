import { describe, expect, it, test } from 'vitest';
import type { Cell } from '../src/workbook/cells.js';
import { HeaderScanner, saysTotal } from '../src/workbook/headers.js';
import { ROSTER_ALIASES, ROSTER_REQUIRED, type RosterField } from '../src/workbook/roster-fields.js';

/**
 * The header the scanner finds among the first `maxRows` rows, as row indexes and
 * each field's column and header text; null when no block names every required field.
 */
function detectHeader<F extends string>(rows: Cell[][], aliases: Record<F, string[]>, required: F[], maxRows = 20) {
  const scanner = new HeaderScanner<F>({ aliases, required }, maxRows);
  for (const row of rows) if (scanner.push(row ?? []) !== undefined) break;
  const b = scanner.finish();
  if (!b) return null;
  const columns: Partial<Record<F, number>> = {};
  const texts: Partial<Record<F, string>> = {};
  for (const field of Object.keys(b.matches) as F[]) {
    columns[field] = b.matches[field]!.col;
    texts[field] = b.matches[field]!.text;
  }
  return { headerIndex: b.bottom, topIndex: b.top, columns, texts };
}

const roster = (rows: Cell[][], maxRows?: number) => detectHeader<RosterField>(rows, ROSTER_ALIASES, [...ROSTER_REQUIRED], maxRows);

describe('detectHeader: one header row', () => {
  test('finds the header under title rows and maps every field', () => {
    const rows: Cell[][] = [
      ['XX县2024年村（社区）组织运转经费测算表'],
      ['填报单位：XX县财政局', null, null, null, '单位：人'],
      ['序号', '乡镇（街道）', '村（社区）名称', '类型', '户籍人口（人）', '上年度党员人数', '区划代码', '备注'],
      [1, '城关镇', '东风村', '村', 1200, 24, '410102001001', null],
    ];
    expect(roster(rows)).toEqual({
      headerIndex: 2,
      topIndex: 2,
      columns: { township: 1, name: 2, type: 3, population: 4, membersPrevYear: 5, code: 6 },
      texts: {
        township: '乡镇（街道）',
        name: '村（社区）名称',
        type: '类型',
        population: '户籍人口（人）',
        membersPrevYear: '上年度党员人数',
        code: '区划代码',
      },
    });
  });

  test('normalises full-width, spaces, line breaks, * markers and case', () => {
    const rows: Cell[][] = [
      ['*村　名', '人\n口（人）', ' 党员人数 ', 'Division Code'],
      ['东风村', 1, 1, null],
    ];
    expect(roster(rows)?.columns).toEqual({ name: 0, population: 1, membersPrevYear: 2, code: 3 });
    expect(roster([['NAME', 'Population', 'Party Members', 'TYPE', 'Town']])?.columns).toEqual({
      name: 0,
      population: 1,
      membersPrevYear: 2,
      type: 3,
      township: 4,
    });
  });

  test('a text containing an alias matches when nothing exact does', () => {
    const rows: Cell[][] = [['村名', '2023年末户籍人口数（人）', '其中：党员人数']];
    expect(roster(rows)?.columns).toEqual({ name: 0, population: 1, membersPrevYear: 2 });
  });

  test('exact beats substring, and 名称 does not steal 乡镇名称', () => {
    expect(roster([['乡镇名称', '名称', '人口', '党员数']])?.columns).toEqual({ township: 0, name: 1, population: 2, membersPrevYear: 3 });
    expect(roster([['名称', '乡镇名称', '人口', '党员数']])?.columns).toEqual({ name: 0, township: 1, population: 2, membersPrevYear: 3 });
    // With only 乡镇名称 there is no name column, so no header.
    expect(roster([['乡镇名称', '人口', '党员数']])).toBeNull();
  });

  test('each column serves one field and each field one column', () => {
    const d = roster([['户籍人口', '常住人口', '村名', '党员人数', '党员数']]);
    // 户籍人口 is listed before 常住人口 among the aliases, whatever the column order.
    expect(d?.columns).toEqual({ population: 0, name: 2, membersPrevYear: 3 });
    expect(roster([['常住人口', '户籍人口', '村名', '党员人数']])?.columns.population).toBe(1);
  });

  test('bracketed aliases match only with their brackets; the qualified column wins', () => {
    const d = roster([['村名', '人口', '党员数（本年）', '党员数（上年）']]);
    expect(d?.columns.membersPrevYear).toBe(3);
    expect(d?.texts.membersPrevYear).toBe('党员数（上年）');
  });

  test('missing required fields: null', () => {
    expect(roster([['村名', '人口', '户数']])).toBeNull();
    expect(roster([])).toBeNull();
    expect(roster([[], [null, ''], ['　']])).toBeNull();
  });

  test('a header on the last row, with no data below, is found', () => {
    expect(roster([['标题'], ['村名', '人口', '党员人数']])?.headerIndex).toBe(1);
  });

  test('only the first maxRows rows are searched', () => {
    const rows: Cell[][] = [...Array.from({ length: 20 }, (_, i) => [`说明${i}`]), ['村名', '人口', '党员人数'], ['东风村', 1, 1]];
    expect(roster(rows)).toBeNull();
    expect(roster(rows, 21)?.headerIndex).toBe(20);
    expect(roster(rows.slice(1))?.headerIndex).toBe(19);
  });

  test('a merged title row (its value repeated in every column) is not taken for a header', () => {
    const title = '2024年各村（社区）名称、人口及党员人数统计表';
    const rows: Cell[][] = [
      Array(6).fill(title),
      ['乡镇', '村名', '类型', '人口', '党员人数', '备注'],
      ['城关镇', '东风村', '村', 1, 1, null],
    ];
    expect(roster(rows)).toMatchObject({
      headerIndex: 1,
      topIndex: 1,
      columns: { township: 0, name: 1, type: 2, population: 3, membersPrevYear: 4 },
    });
  });
});

describe('detectHeader: two-row headers', () => {
  const expected = { township: 1, name: 2, population: 3, membersPrevYear: 4, code: 6 };

  test('group title 党员人数 merged over 上年 / 本年 (merged cells read as empty)', () => {
    const rows: Cell[][] = [
      ['村级经费统计表'],
      ['序号', '乡镇', '村名', '人口', '党员人数', null, '区划代码'],
      [null, null, null, null, '上年', '本年', null],
      [1, '城关镇', '东风村', 1200, 24, 26, '410102001001'],
    ];
    const d = roster(rows);
    expect(d).toMatchObject({ headerIndex: 2, topIndex: 1, columns: expected });
    expect(d?.texts.membersPrevYear).toBe('党员人数/上年');
  });

  test('the same with merged values repeated in every cell (as exceljs reads them)', () => {
    const rows: Cell[][] = [
      ['序号', '乡镇', '村名', '人口', '党员人数', '党员人数', '区划代码'],
      ['序号', '乡镇', '村名', '人口', '上年', '本年', '区划代码'],
      [1, '城关镇', '东风村', 1200, 24, 26, '410102001001'],
    ];
    expect(roster(rows)).toMatchObject({ headerIndex: 1, topIndex: 0, columns: expected });
  });

  test('sub-headers that do not name a field (2023年 / 2024年) still belong to the header', () => {
    const rows: Cell[][] = [
      ['序号', '乡镇', '村名', '人口', '党员人数', null],
      [null, null, null, null, '2023年', '2024年'],
      [1, '城关镇', '东风村', 1200, 24, 26],
    ];
    expect(roster(rows)).toMatchObject({
      headerIndex: 1,
      topIndex: 0,
      columns: { township: 1, name: 2, population: 3, membersPrevYear: 4 },
    });
  });

  test('a group row above completes fields the header row lacks', () => {
    const rows: Cell[][] = [
      [null, null, null, '人口', null, '党员人数', null],
      ['乡镇', '村名', '类型', '户籍', '常住', '上年度', '本年度'],
      ['城关镇', '东风村', '村', 1200, 1100, 24, 26],
    ];
    const d = roster(rows);
    expect(d).toMatchObject({ headerIndex: 1, topIndex: 0, columns: { township: 0, name: 1, type: 2, population: 3, membersPrevYear: 5 } });
    expect(d?.texts).toMatchObject({ population: '人口/户籍', membersPrevYear: '党员人数/上年度' });
  });

  test('the first data row is never taken for sub-headers', () => {
    const rows: Cell[][] = [
      ['乡镇', '村名', '类型', '人口', '党员人数'],
      ['城关镇', '东风村', '村', '约1200', '未统计'], // text only, but under one-column headers
      ['城关镇', '西湖村', '村', 800, 20],
    ];
    expect(roster(rows)).toMatchObject({ headerIndex: 0, topIndex: 0 });
    const withNumbers: Cell[][] = [
      ['村名', '人口', '党员人数', null],
      ['东风村', 1200, 24, '备注'],
    ];
    expect(roster(withNumbers)).toMatchObject({ headerIndex: 0, topIndex: 0 });
  });
});

describe('detectHeader is generic', () => {
  test('a payment-ledger header', () => {
    const aliases = {
      date: ['日期', '拨付日期'],
      voucher: ['凭证号', '凭证编号'],
      payee: ['收款单位', '收款人', '单位名称'],
      description: ['摘要'],
      amount: ['金额', '拨付金额'],
    };
    const rows: Cell[][] = [
      ['2024年村级经费拨付明细'],
      ['拨付日期', '凭证号', '收款单位', '摘要', '金额（元）'],
      [new Date(Date.UTC(2024, 2, 1)), '记-001', '东风村', '拨付东风村2024年办公经费', 10000],
    ];
    expect(detectHeader(rows, aliases, ['payee', 'amount'])).toMatchObject({
      headerIndex: 1,
      columns: { date: 0, voucher: 1, payee: 2, description: 3, amount: 4 },
    });
  });
});

describe('saysTotal', () => {
  it('finds subtotal and total words however typed, and passes over names', () => {
    const words = /小计|合计|总计|^(sub|grand)?total/;
    for (const t of ['小计', '城关镇合计', ' 总 计 ', 'Sub Total', 'ＴＯＴＡＬ', 'grand total:']) expect(saysTotal(t, words), t).toBe(true);
    for (const t of ['东风村', '计生协会', 'Tottenham', '幸福社区']) expect(saysTotal(t, words), t).toBe(false);
  });
});
