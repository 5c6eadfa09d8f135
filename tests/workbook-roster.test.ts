import { describe, expect, test } from 'vitest';
import type { Cell } from '../src/workbook/cells.js';
import { createNameRegistry } from '../src/workbook/duplicates.js';
import { type RosterRowOutcome, createRosterReader, detectRosterHeader, readRosterGrid } from '../src/workbook/roster.js';
import { validateUnit } from '../src/engine/unit.js';

const kinds = (outcomes: RosterRowOutcome[]) => outcomes.map((o) => [o.row, o.kind === 'skipped' ? o.reason : o.kind]);
const issuesOf = (o: RosterRowOutcome | undefined) => (!o ? [] : o.kind === 'skipped' ? (o.issue ? [o.issue] : []) : o.issues);
const codes = (o: RosterRowOutcome | undefined) => issuesOf(o).map((i) => [i.code, i.column]);
const at = (outcomes: RosterRowOutcome[], row: number) => outcomes.find((o) => o.row === row);
const unitAt = (outcomes: RosterRowOutcome[], row: number) => {
  const o = at(outcomes, row);
  if (o?.kind !== 'unit') throw new Error(`row ${row} is ${o?.kind}`);
  return o.unit;
};
const invariant = (s: { read: number; computed: number; rejected: number; skipped: number }) =>
  expect(s.read).toBe(s.computed + s.rejected + s.skipped);

/** A county roster as officers send it: one sheet, township column, title rows, merged two-row header. */
const county: Cell[][] = [
  /* 1 */ ['XX县2024年村（社区）组织运转经费测算表'],
  /* 2 */ ['填报单位：XX县委组织部', null, null, null, null, null, null, '单位：人'],
  /* 3 */ ['序号', '乡镇（街道）', '村（社区）名称', '类型', '人口（人）', '党员人数', null, '区划代码'],
  /* 4 */ [null, null, null, null, null, '上年', '本年', null],
  /* 5 */ [1, '城关镇', '东风村', '村', 1200, 24, 25, '410102001001'],
  /* 6 */ [2, '城关镇 ', '西湖村 ', '行政村', '1,500', '４５', 46, 410102001002],
  /* 7 */ [3, '城关镇', '幸福社区', null, '８０００人', '130名', 131, null],
  /* 8 */ [4, '城关镇', '柳林农村社区', '', '2,000 人', 12, 12, null],
  /* 9 */ ['小计', null, null, null, 12700, 211, 214, null],
  /* 10 */ [],
  /* 11 */ [5, '河口镇', '东风村', '村', '1499', '30', 30, null],
  /* 12 */ [6, '河口镇', '新河居委会', null, 3000, 31, 31, null],
  /* 13 */ ['序号', '乡镇（街道）', '村（社区）名称', '类型', '人口（人）', '党员人数', null, '区划代码'],
  /* 14 */ [null, null, null, null, null, '上年', '本年', null],
  /* 15 */ [7, '河口镇', '东风村', '村', 900, 29, 29, null],
  /* 16 */ [8, '河口镇', '石桥', null, 700, 20, 20, null],
  /* 17 */ [9, '河口镇', '南山村', '村', 1500.5, '约30', null, '4101'],
  /* 18 */ [null, '河口镇', null, '村', 800, 20, 20, null],
  /* 19 */ ['合  计', null, null, null, 21800, 323, 327, null],
];

describe('a realistic county roster', () => {
  const { outcomes, summary } = readRosterGrid('汇总', county);

  test('finds the two-row header and classifies every row below it', () => {
    expect(summary.header).toEqual({
      row: 4,
      topRow: 3,
      columns: {
        township: { index: 1, letter: 'B', header: '乡镇（街道）' },
        name: { index: 2, letter: 'C', header: '村（社区）名称' },
        type: { index: 3, letter: 'D', header: '类型' },
        population: { index: 4, letter: 'E', header: '人口（人）' },
        membersPrevYear: { index: 5, letter: 'F', header: '党员人数/上年' },
        code: { index: 7, letter: 'H', header: '区划代码' },
      },
    });
    expect(kinds(outcomes)).toEqual([
      [5, 'unit'],
      [6, 'unit'],
      [7, 'unit'],
      [8, 'unit'],
      [9, 'subtotal'],
      [10, 'blank'],
      [11, 'unit'],
      [12, 'unit'],
      [13, 'repeatedHeader'],
      [14, 'repeatedHeader'],
      [15, 'unit'],
      [16, 'rejected'],
      [17, 'rejected'],
      [18, 'rejected'],
      [19, 'subtotal'],
    ]);
    expect(summary).toMatchObject({ sheet: '汇总', read: 15, computed: 7, rejected: 3, skipped: 5, issues: [] });
    invariant(summary);
  });

  test('messy numbers, trailing spaces, type words and type inference', () => {
    expect(unitAt(outcomes, 5)).toEqual({
      township: '城关镇',
      name: '东风村',
      type: 'village',
      population: 1200,
      membersPrevYear: 24,
      code: '410102001001',
    });
    expect(unitAt(outcomes, 6)).toEqual({
      township: '城关镇',
      name: '西湖村',
      type: 'village',
      population: 1500,
      membersPrevYear: 45,
      code: '410102001002',
    });
    expect(unitAt(outcomes, 7)).toEqual({
      township: '城关镇',
      name: '幸福社区',
      type: 'urbanCommunity',
      population: 8000,
      membersPrevYear: 130,
    });
    expect(unitAt(outcomes, 8)).toMatchObject({ type: 'ruralCommunity', population: 2000, membersPrevYear: 12 });
    expect(unitAt(outcomes, 12)).toMatchObject({ township: '河口镇', type: 'urbanCommunity' });
    for (const o of outcomes) if (o.kind === 'unit') expect(validateUnit(o.unit)).toEqual([]);
  });

  test('the same name in two townships is fine; twice in one township is a warning naming the first row', () => {
    expect(codes(at(outcomes, 5))).toEqual([]);
    expect(codes(at(outcomes, 11))).toEqual([]);
    expect(codes(at(outcomes, 15))).toEqual([['DUPLICATE_NAME', 'C']]);
    const msg = issuesOf(at(outcomes, 15))[0]?.message;
    expect(msg?.zh).toBe('工作表「汇总」第15行C列「村（社区）名称」：「河口镇」已有同名单位“东风村”（第11行），请核对是否重复录入');
    expect(msg?.en).toBe(
      'Sheet "汇总", row 15, column C (村（社区）名称): "东风村" in 河口镇 already appears at row 11; check for a duplicate entry',
    );
  });

  test('rejected rows report every problem with its column', () => {
    expect(codes(at(outcomes, 16))).toEqual([['UNKNOWN_TYPE', 'D']]);
    expect(codes(at(outcomes, 17))).toEqual([
      ['NOT_INTEGER', 'E'],
      ['NOT_A_NUMBER', 'F'],
      ['BAD_CODE', 'H'],
    ]);
    expect(codes(at(outcomes, 18))).toEqual([['MISSING_NAME', 'C']]);
    for (const i of issuesOf(at(outcomes, 17))) expect(i).toMatchObject({ sheet: '汇总', row: 17, severity: 'error' });
    expect(issuesOf(at(outcomes, 17))[0]?.message).toEqual({
      zh: '工作表「汇总」第17行E列「人口（人）」：“1500.5”不是整数',
      en: 'Sheet "汇总", row 17, column E (人口（人）): "1500.5" is not an integer',
    });
  });

  test('skipped rows carry an info issue', () => {
    expect(issuesOf(at(outcomes, 9))[0]).toMatchObject({ code: 'SUBTOTAL_ROW', severity: 'info', row: 9, column: 'A' });
    expect(issuesOf(at(outcomes, 10))[0]).toMatchObject({ code: 'BLANK_ROW', severity: 'info', row: 10, column: null });
    expect(issuesOf(at(outcomes, 13))[0]).toMatchObject({ code: 'REPEATED_HEADER', severity: 'info', row: 13 });
    expect(issuesOf(at(outcomes, 19))[0]?.message.zh).toContain('“合 计”');
  });

  test('streaming gives the same outcomes, one per row as soon as the header is settled', () => {
    const reader = createRosterReader('汇总');
    const streamed: RosterRowOutcome[] = [];
    county.forEach((cells, i) => {
      const got = reader.push(i + 1, cells);
      // Rows 1-4 are title and header; row 5 settles the header (the sub-header row 4 needed a look at row 5).
      expect(got.length).toBe(i + 1 < 5 ? 0 : 1);
      streamed.push(...got);
    });
    expect(reader.header?.row).toBe(4);
    expect(streamed).toEqual(outcomes);
    expect(reader.finish()).toEqual(summary);
    expect(() => reader.push(30, [])).toThrow();
  });
});

describe('one sheet per township', () => {
  const sheet: Cell[][] = [
    ['城关镇村级组织经费明细表'],
    ['村名', '户籍人口', '上年末党员数', '备注'],
    ['东风村  ', '１，２００', 24, null],
    ['幸福社区', 8000, 130, '城市社区'],
    ['东风村', 900, 20, null],
    [' 小 计 ', 10100, 174, null],
  ];
  test('the township is the sheet name', () => {
    const { outcomes, summary } = readRosterGrid('城关镇', sheet);
    expect(summary.header?.row).toBe(2);
    expect(unitAt(outcomes, 3)).toEqual({ township: '城关镇', name: '东风村', type: 'village', population: 1200, membersPrevYear: 24 });
    expect(codes(at(outcomes, 5))).toEqual([['DUPLICATE_NAME', 'A']]);
    expect(kinds(outcomes).at(-1)).toEqual([6, 'subtotal']);
    invariant(summary);
  });
  test('a shared registry flags duplicates across sheets of the same township', () => {
    const names = createNameRegistry();
    readRosterGrid('城关镇', sheet.slice(0, 4), 1, { names });
    const { outcomes } = readRosterGrid(
      '续表',
      [
        ['乡镇', '村名', '人口', '党员数'],
        ['城关镇', '东风村', 1, 1],
      ],
      1,
      { names },
    );
    expect(issuesOf(outcomes[0])[0]?.message.zh).toContain('（工作表「城关镇」第3行）');
  });
});

describe('rows', () => {
  const header: Cell[] = ['乡镇', '村名', '类型', '人口', '党员人数', '区划代码', '在册月数'];
  const read = (...rows: Cell[][]) => readRosterGrid('城关镇', [header, ...rows]);

  test.each([
    [['城关镇', '东风村', '村', 1500.5, 20], [['NOT_INTEGER', 'D']]],
    [['城关镇', '东风村', '村', '-3', 20], [['NEGATIVE', 'D']]],
    [['城关镇', '东风村', '村', 'abc', 20], [['NOT_A_NUMBER', 'D']]],
    [['城关镇', '东风村', '村', '15OO', 20], [['NOT_A_NUMBER', 'D']]],
    [['城关镇', '东风村', '村', 1500, null], [['MISSING_NUMBER', 'E']]],
    [
      ['城关镇', '东风村', '村', ' ', '  '],
      [
        ['MISSING_NUMBER', 'D'],
        ['MISSING_NUMBER', 'E'],
      ],
    ],
    [['城关镇', '东风村', '乡', 1500, 20], [['UNKNOWN_TYPE', 'C']]],
    [['城关镇', '东风', null, 1500, 20], [['UNKNOWN_TYPE', 'C']]],
    [['城关镇', '东风村', '村', 1500, 20, '41010200100'], [['BAD_CODE', 'F']]],
    [['城关镇', '东风村', '村', 1500, 20, 4101020010011], [['BAD_CODE', 'F']]],
    [['城关镇', '东风村', '村', 1500, 20, null, 13], [['BAD_MONTHS', 'G']]],
    [['城关镇', '东风村', '村', 1500, 20, null, 0], [['BAD_MONTHS', 'G']]],
    [['城关镇', '东风村', '村', 1500, 20, null, '半年'], [['BAD_MONTHS', 'G']]],
    [['城关镇', null, '村', 1500, 20], [['MISSING_NAME', 'B']]],
    [
      ['城关镇', null, null, 'x', -1, 'y', 20],
      [
        ['MISSING_NAME', 'B'],
        ['NOT_A_NUMBER', 'D'],
        ['NEGATIVE', 'E'],
        ['BAD_CODE', 'F'],
        ['BAD_MONTHS', 'G'],
      ],
    ],
  ] as [Cell[], [string, string][]][])('%j is rejected with %j', (row, expected) => {
    const { outcomes, summary } = read(row);
    expect(outcomes[0]?.kind).toBe('rejected');
    expect(outcomes[0]?.row).toBe(2);
    expect(codes(outcomes[0])).toEqual(expected);
    for (const i of issuesOf(outcomes[0])) expect(i.severity).toBe('error');
    expect(summary).toMatchObject({ read: 1, rejected: 1 });
  });

  test('error messages name sheet, row, column and header', () => {
    const { outcomes } = read(['城关镇', '东风', null, '约1500', null, '4101']);
    expect(issuesOf(outcomes[0]).map((i) => i.message.zh)).toEqual([
      '工作表「城关镇」第2行C列「类型」：类型为空，且无法从名称“东风”判断是村还是社区，请填写类型',
      '工作表「城关镇」第2行D列「人口」：“约1500”不是数字',
      '工作表「城关镇」第2行E列「党员人数」：为空，须填写人数',
      '工作表「城关镇」第2行F列「区划代码」：区划代码“4101”应为12位数字',
    ]);
    expect(issuesOf(outcomes[0])[1]?.message.en).toBe('Sheet "城关镇", row 2, column D (人口): "约1500" is not a number');
  });

  test('warnings keep the unit', () => {
    const { outcomes, summary } = read(
      ['城关镇', '甲村', '村', 30, 50],
      ['城关镇', '乙村', '村', 0, 0],
      ['城关镇', '丙村', '村', 100001, 40],
      ['城关镇', '丁社区', '社区', 120000, 40],
      ['城关镇', '戊村', '村', 100000, 40],
    );
    expect(outcomes.map(codes)).toEqual([
      [['MEMBERS_ABOVE_POPULATION', 'E']],
      [['ZERO_POPULATION', 'D']],
      [['VILLAGE_TOO_LARGE', 'D']],
      [],
      [],
    ]);
    expect(outcomes.every((o) => o.kind === 'unit')).toBe(true);
    expect(issuesOf(outcomes[0])[0]).toMatchObject({ severity: 'warning', row: 2 });
    expect(summary).toMatchObject({ read: 5, computed: 5 });
  });

  test('type words and inference', () => {
    const typeOf = (type: Cell, name = '某某') => {
      const o = read(['城关镇', name, type, 100, 10]).outcomes[0];
      return o?.kind === 'unit' ? o.unit.type : o?.kind;
    };
    expect(typeOf('村')).toBe('village');
    expect(typeOf('行政村')).toBe('village');
    expect(typeOf('社区')).toBe('urbanCommunity');
    expect(typeOf('城市社区')).toBe('urbanCommunity');
    expect(typeOf('居委会')).toBe('urbanCommunity');
    expect(typeOf('社区居委会')).toBe('urbanCommunity');
    expect(typeOf('农村社区')).toBe('ruralCommunity');
    expect(typeOf(' Village ')).toBe('village');
    expect(typeOf('urban community')).toBe('urbanCommunity');
    expect(typeOf('Rural Community')).toBe('ruralCommunity');
    expect(typeOf('镇')).toBe('rejected');
    // Words that are names of built-in object properties are unknown words like any other.
    const unknown = (type: string) => read(['城关镇', '某某', type, 100, 10]).outcomes[0];
    for (const word of ['constructor', 'toString', '__proto__'])
      expect(unknown(word)).toMatchObject({ kind: 'rejected', issues: [{ code: 'UNKNOWN_TYPE' }] });
    expect(typeOf(null, '东风村')).toBe('village');
    expect(typeOf(null, '幸福社区')).toBe('urbanCommunity');
    expect(typeOf('', '新华居委会')).toBe('urbanCommunity');
    expect(typeOf(null, '柳林农村社区')).toBe('ruralCommunity');
    expect(typeOf(null, '东风')).toBe('rejected');
    // An explicit type wins over the name.
    expect(typeOf('农村社区', '幸福社区')).toBe('ruralCommunity');
  });

  test('division codes: text, a number cell, full-width digits; months active', () => {
    const { outcomes } = read(
      ['城关镇', '甲村', '村', 100, 10, 410102001001, 6],
      ['城关镇', '乙村', '村', 100, 10, '４１０１０２００１００２', '6个月'],
      ['城关镇', '丙村', '村', 100, 10, "'410102001003", ''],
    );
    expect(outcomes.map((o) => (o.kind === 'unit' ? [o.unit.code, o.unit.monthsActive] : o.kind))).toEqual([
      ['410102001001', 6],
      ['410102001002', 6],
      ['410102001003', undefined],
    ]);
    expect(outcomes[2]?.kind === 'unit' && 'monthsActive' in outcomes[2].unit).toBe(false);
  });

  test('subtotal and total rows anywhere, in Chinese or English', () => {
    const { outcomes } = read(
      ['城关镇小计', null, null, 100, 10],
      [null, '合计', null, 100, 10],
      ['总 计', null, null, 100, 10],
      [null, 'Subtotal', null, 100, 10],
      [null, 'TOTAL', null, 100, 10],
      ['城关镇', '东风村', '村', 100, 10],
    );
    expect(kinds(outcomes)).toEqual([
      [2, 'subtotal'],
      [3, 'subtotal'],
      [4, 'subtotal'],
      [5, 'subtotal'],
      [6, 'subtotal'],
      [7, 'unit'],
    ]);
    expect(issuesOf(outcomes[1])[0]).toMatchObject({ code: 'SUBTOTAL_ROW', column: 'B', severity: 'info' });
    expect(issuesOf(outcomes[1])[0]?.message.zh).toBe('工作表「城关镇」第3行B列「村名」：“合计”是小计/合计行，不作为单位计算，已跳过');
  });

  test('blank rows, whitespace-only rows and rows with only a serial number are skipped', () => {
    const { outcomes, summary } = readRosterGrid('城关镇', [
      ['序号', '村名', '人口', '党员人数', '备注'],
      [],
      [null, '  ', '\u3000', ''],
      [3, null, null, null, null],
      [4, null, null, null, '已撤并'],
    ]);
    expect(kinds(outcomes)).toEqual([
      [2, 'blank'],
      [3, 'blank'],
      [4, 'blank'],
      [5, 'blank'],
    ]);
    expect(outcomes.every((o) => o.kind === 'skipped' && o.issue?.code === 'BLANK_ROW')).toBe(true);
    expect(summary).toMatchObject({ read: 4, skipped: 4 });
  });

  test('merged township cells (empty below their first row) carry down until a subtotal', () => {
    const { outcomes } = readRosterGrid('全县', [
      ['乡镇', '村名', '人口', '党员人数'],
      ['城关镇', '东风村', 100, 10],
      [null, '西湖村', 100, 10],
      ['城关镇小计', null, 200, 20],
      [null, '南山村', 100, 10],
      ['河口镇', '北岭村', 100, 10],
      ['', '石桥村', 100, 10],
    ]);
    expect(outcomes.filter((o) => o.kind === 'unit').map((o) => (o.kind === 'unit' ? `${o.unit.township}/${o.unit.name}` : ''))).toEqual([
      '城关镇/东风村',
      '城关镇/西湖村',
      '全县/南山村',
      '河口镇/北岭村',
      '河口镇/石桥村',
    ]);
  });
});

describe('sheets without a roster header', () => {
  test('are left alone with one info issue', () => {
    const { outcomes, summary } = readRosterGrid('说明', [['填表说明'], ['1. 人口按户籍人口填写'], ['2. 党员人数按上年末填写'], [1, 2, 3]]);
    expect(outcomes).toEqual([]);
    expect(summary).toMatchObject({ sheet: '说明', header: null, read: 0, computed: 0, rejected: 0, skipped: 0 });
    expect(summary.issues).toHaveLength(1);
    expect(summary.issues[0]).toMatchObject({ code: 'NO_HEADER', severity: 'info', row: null, column: null, sheet: '说明' });
    expect(summary.issues[0]?.message.zh).toMatch(/^工作表「说明」：/);
  });

  test('an empty sheet, and a header found too late (after 20 rows)', () => {
    expect(readRosterGrid('空表', []).summary).toMatchObject({ header: null, read: 0 });
    const late: Cell[][] = [...Array.from({ length: 20 }, () => ['说明']), ['村名', '人口', '党员人数'], ['东风村', 1, 1]];
    const r = readRosterGrid('迟', late);
    expect(r.outcomes).toEqual([]);
    expect(r.summary).toMatchObject({ header: null, read: 0 });
  });

  test('a header with nothing below it', () => {
    const { outcomes, summary } = readRosterGrid('空', [['标题'], ['村名', '人口', '党员人数']]);
    expect(outcomes).toEqual([]);
    expect(summary).toMatchObject({ header: { row: 2 }, read: 0, issues: [] });
  });
});

describe('header position and mapping overrides', () => {
  // Excel rows 3..: the grid starts at row 3 (e.g. an Office.js used range), the header is row 7.
  const grid: Cell[][] = [
    /* 3 */ ['XX县村级组织经费测算表'],
    /* 4 */ [],
    /* 5 */ ['填报日期：2024年3月1日'],
    /* 6 */ [],
    /* 7 */ ['乡镇', '村名', '户口', '党员人数', '人口（常住）'],
    /* 8 */ ['城关镇', '东风村', 1200, 24, 1300],
    /* 9 */ ['城关镇', '西湖村', '一千', 30, 900],
  ];

  test('header in row 7 with firstRow 3', () => {
    const h = detectRosterHeader(grid, 3);
    expect(h).toEqual({
      row: 7,
      topRow: 7,
      columns: {
        township: { index: 0, letter: 'A', header: '乡镇' },
        name: { index: 1, letter: 'B', header: '村名' },
        membersPrevYear: { index: 3, letter: 'D', header: '党员人数' },
        population: { index: 4, letter: 'E', header: '人口（常住）' },
      },
    });
    const { outcomes, summary } = readRosterGrid('城关镇', grid, 3);
    expect(kinds(outcomes)).toEqual([
      [8, 'unit'],
      [9, 'unit'],
    ]);
    expect(unitAt(outcomes, 8).population).toBe(1300);
    expect(summary).toMatchObject({ header: { row: 7 }, read: 2 });
  });

  test('a mapping override moves a field to another column (as corrected in a UI)', () => {
    const { outcomes, summary } = readRosterGrid('城关镇', grid, 3, { mapping: { population: 2 } });
    expect(summary.header?.columns.population).toEqual({ index: 2, letter: 'C', header: '户口' });
    expect(unitAt(outcomes, 8).population).toBe(1200);
    expect(codes(at(outcomes, 9))).toEqual([['NOT_A_NUMBER', 'C']]);
    expect(issuesOf(at(outcomes, 9))[0]?.message.en).toBe('Sheet "城关镇", row 9, column C (户口): "一千" is not a number');
  });

  test('an explicit header row, a null mapping removing a field', () => {
    const { outcomes, summary } = readRosterGrid('城关镇', grid, 3, { headerRow: 7, mapping: { township: null } });
    expect(summary.header?.row).toBe(7);
    expect(summary.header?.columns.township).toBeUndefined();
    expect(unitAt(outcomes, 8).township).toBe('城关镇');
    expect(summary.read).toBe(2);
  });

  test('an explicit header row whose texts are not recognised, with a full mapping', () => {
    const rows: Cell[][] = [
      ['A', 'B', 'C'],
      ['东风村', 1200, 24],
    ];
    const { outcomes, summary } = readRosterGrid('s', rows, 1, { headerRow: 1, mapping: { name: 0, population: 1, membersPrevYear: 2 } });
    expect(summary.header?.columns.name).toEqual({ index: 0, letter: 'A', header: 'A' });
    expect(unitAt(outcomes, 2)).toMatchObject({ name: '东风村', population: 1200, membersPrevYear: 24, township: 's' });
  });

  test('an explicit header row lacking required columns is an error', () => {
    const { outcomes, summary } = readRosterGrid(
      's',
      [
        ['村名', '人口'],
        ['东风村', 1],
      ],
      1,
      { headerRow: 1 },
    );
    expect(outcomes).toEqual([]);
    expect(summary.issues).toMatchObject([{ code: 'NO_HEADER', severity: 'error' }]);
    expect(summary.issues[0]?.message.zh).toContain('上年度党员人数');
  });

  test('rows pushed with gaps in their numbers (hosts skip empty rows)', () => {
    const reader = createRosterReader('城关镇');
    expect(reader.push(2, ['标题'])).toEqual([]);
    expect(reader.push(5, ['村名', '人口', '党员人数'])).toEqual([]);
    expect(kinds(reader.push(9, ['东风村', 1, 1]))).toEqual([[9, 'unit']]);
    expect(kinds(reader.push(12, ['西湖村', 2, 2]))).toEqual([[12, 'unit']]);
    expect(reader.finish()).toMatchObject({ header: { row: 5, topRow: 5 }, read: 2, computed: 2 });
  });
});
