// Property tests over random messy roster grids: whatever officers type, every row below
// the header is accounted for exactly once (read = computed + rejected + skipped).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Unit, type UnitType, validateUnit } from '../src/engine/unit.js';
import type { Cell } from '../src/workbook/cells.js';
import { type RosterRowOutcome, createRosterReader, readRosterGrid } from '../src/workbook/roster.js';

interface Layout {
  rows: Cell[][];
  width: number;
  col: { township?: number; name: number; type?: number; population: number; members: number; code?: number };
}

const LAYOUTS: Layout[] = [
  {
    rows: [['序号', '乡镇', '村名', '类型', '人口', '党员人数', '区划代码']],
    width: 7,
    col: { township: 1, name: 2, type: 3, population: 4, members: 5, code: 6 },
  },
  {
    // merged two-row header, merged cells read as empty (Office.js, SheetJS)
    rows: [
      ['序号', '乡镇（街道）', '村（社区）名称', '类型', '人口（人）', '党员人数', null, '区划代码'],
      [null, null, null, null, null, '上年', '本年', null],
    ],
    width: 8,
    col: { township: 1, name: 2, type: 3, population: 4, members: 5, code: 7 },
  },
  {
    // the same read by a host that repeats merged values (exceljs)
    rows: [
      ['序号', '乡镇（街道）', '村（社区）名称', '类型', '人口（人）', '党员人数', '党员人数', '区划代码'],
      ['序号', '乡镇（街道）', '村（社区）名称', '类型', '人口（人）', '上年', '本年', '区划代码'],
    ],
    width: 8,
    col: { township: 1, name: 2, type: 3, population: 4, members: 5, code: 7 },
  },
  { rows: [['村名', '户籍人口', '上年度党员人数', '备注']], width: 4, col: { name: 0, population: 1, members: 2 } },
];

const TITLES: Cell[][] = [
  ['XX县2024年村（社区）组织运转经费测算表'],
  [],
  ['单位：人'],
  ['填报单位：县委组织部', null, null, '2024年3月'],
  ['　'],
];

const fullWidth = (s: string) => s.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const grouped = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A count as officers type it. */
const messyCount = (max: number): fc.Arbitrary<{ cell: Cell; value: number }> =>
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 6 }), fc.constantFrom('', ' ', '  ')).map(([value, style, pad]) => {
    const cells: Cell[] = [
      value,
      String(value),
      grouped(value),
      fullWidth(grouped(value)),
      `${value}人`,
      `${grouped(value)} 人`,
      `${value}.0`,
    ];
    const cell = cells[style] ?? value;
    return { cell: typeof cell === 'string' ? `${pad}${cell}${pad}` : cell, value };
  });

const SUFFIX: [string, UnitType][] = [
  ['村', 'village'],
  ['社区', 'urbanCommunity'],
  ['居委会', 'urbanCommunity'],
  ['农村社区', 'ruralCommunity'],
];
const TYPE_WORD: Record<UnitType, string[]> = {
  village: ['村', '行政村', 'village'],
  urbanCommunity: ['社区', '城市社区', '居委会'],
  ruralCommunity: ['农村社区'],
};

type Expected = { kind: 'unit'; unit: Omit<Unit, 'township'> } | { kind: 'rejected' } | { kind: 'blank' | 'subtotal' | 'repeatedHeader' };
type Gen = { cells: Cell[][]; expected: Expected[] };

const row = (layout: Layout, set: Partial<Record<keyof Layout['col'], Cell>>): Cell[] => {
  const cells: Cell[] = Array(layout.width).fill(null);
  for (const [k, v] of Object.entries(set)) {
    const c = layout.col[k as keyof Layout['col']];
    if (c !== undefined) cells[c] = v;
  }
  return cells;
};

const unitRow = (layout: Layout): fc.Arbitrary<Gen> =>
  fc
    .record({
      stem: fc.constantFrom('东风', '西湖', '幸福', '南山', '北岭', '石桥', '柳林', '新华'),
      n: fc.integer({ min: 1, max: 99 }),
      suffix: fc.constantFrom(...SUFFIX),
      typeWord: fc.option(fc.nat(), { nil: undefined }),
      pad: fc.constantFrom('', ' ', '\u3000'),
      population: messyCount(200_000),
      members: messyCount(600),
      code: fc.option(fc.integer({ min: 100000000000, max: 999999999999 }), { nil: undefined }),
      codeAsText: fc.boolean(),
    })
    .map(({ stem, n, suffix: [suffix, type], typeWord, pad, population, members, code, codeAsText }) => {
      const name = `${stem}${n}${suffix}`;
      const words = TYPE_WORD[type];
      const typeCell = typeWord === undefined || layout.col.type === undefined ? null : (words[typeWord % words.length] ?? null);
      const withCode = layout.col.code !== undefined && code !== undefined;
      const unit: Omit<Unit, 'township'> = { name, type, population: population.value, membersPrevYear: members.value };
      if (withCode) unit.code = String(code);
      return {
        cells: [
          row(layout, {
            township: `城关镇${pad}`,
            name: `${pad}${name}${pad}`,
            type: typeCell,
            population: population.cell,
            members: members.cell,
            code: withCode ? (codeAsText ? String(code) : code) : null,
          }),
        ],
        expected: [{ kind: 'unit', unit }],
      };
    });

const otherRow = (layout: Layout): fc.Arbitrary<Gen> =>
  fc.oneof(
    unitRow(layout),
    fc
      .constantFrom<Cell[]>([], [null, '  ', '\u3000'], Array(layout.width).fill(''))
      .map((cells) => ({ cells: [cells], expected: [{ kind: 'blank' as const }] })),
    fc.constantFrom('小计', '合计', '总 计', '城关镇小计', 'Total').map((label) => ({
      cells: [row(layout, { name: label, population: 12345, members: 321 })],
      expected: [{ kind: 'subtotal' as const }],
    })),
    fc.constant<Gen>({ cells: layout.rows.map((r) => [...r]), expected: layout.rows.map(() => ({ kind: 'repeatedHeader' as const })) }),
    fc.constantFrom<Cell>('约1500', 1500.5, '-3', -3, 'abc', '15OO', '1,50', null).map((bad) => ({
      cells: [row(layout, { township: '城关镇', name: '坏数村', population: bad, members: 10 })],
      expected: [{ kind: 'rejected' as const }],
    })),
    fc.constant<Gen>({ cells: [row(layout, { township: '城关镇', population: 100, members: 10 })], expected: [{ kind: 'rejected' }] }),
  );

const messySheet = fc
  .record({
    layout: fc.constantFrom(...LAYOUTS),
    titles: fc.subarray(TITLES),
    firstRow: fc.integer({ min: 1, max: 50 }),
  })
  .chain(({ layout, titles, firstRow }) =>
    fc.record({
      layout: fc.constant(layout),
      titles: fc.constant(titles),
      firstRow: fc.constant(firstRow),
      first: unitRow(layout), // the row right under the header is data, not a sub-header
      rest: fc.array(otherRow(layout), { maxLength: 30 }),
    }),
  );

const label = (o: RosterRowOutcome) => (o.kind === 'skipped' ? o.reason : o.kind);

function checkAccounting(outcomes: RosterRowOutcome[], summary: ReturnType<typeof readRosterGrid>['summary']) {
  expect(summary.read).toBe(summary.computed + summary.rejected + summary.skipped);
  expect(outcomes.length).toBe(summary.read);
  expect(outcomes.filter((o) => o.kind === 'unit').length).toBe(summary.computed);
  expect(outcomes.filter((o) => o.kind === 'rejected').length).toBe(summary.rejected);
  for (let i = 1; i < outcomes.length; i++) expect(outcomes[i]!.row).toBeGreaterThan(outcomes[i - 1]!.row);
  for (const o of outcomes) {
    if (o.kind === 'unit') {
      expect(validateUnit(o.unit)).toEqual([]);
      for (const i of o.issues) expect(i).toMatchObject({ severity: 'warning', row: o.row, sheet: summary.sheet });
    } else if (o.kind === 'rejected') {
      expect(o.issues.length).toBeGreaterThan(0);
      for (const i of o.issues) expect(i).toMatchObject({ severity: 'error', row: o.row, sheet: summary.sheet });
    } else {
      expect(o.issue).toMatchObject({
        severity: 'info',
        row: o.row,
        code: { blank: 'BLANK_ROW', repeatedHeader: 'REPEATED_HEADER', subtotal: 'SUBTOTAL_ROW' }[o.reason],
      });
    }
  }
  if (summary.header === null) {
    expect(outcomes).toEqual([]);
    expect(summary.issues.map((i) => i.code)).toEqual(['NO_HEADER']);
  }
}

describe('random messy roster grids', () => {
  test('every row below the header gets the outcome its content calls for', () => {
    fc.assert(
      fc.property(messySheet, ({ layout, titles, firstRow, first, rest }) => {
        const data = [first, ...rest];
        const grid = [...titles, ...layout.rows, ...data.flatMap((g) => g.cells)];
        const expected = data.flatMap((g) => g.expected);
        const headerRow = firstRow + titles.length + layout.rows.length - 1;

        const { outcomes, summary } = readRosterGrid('城关镇', grid, firstRow);
        checkAccounting(outcomes, summary);
        expect(summary.header?.row).toBe(headerRow);
        expect(summary.read).toBe(expected.length);
        expect(outcomes.map(label)).toEqual(expected.map((e) => e.kind));
        expect(outcomes.map((o) => o.row)).toEqual(expected.map((_, i) => headerRow + 1 + i));
        outcomes.forEach((o, i) => {
          const e = expected[i];
          if (o.kind === 'unit' && e?.kind === 'unit') expect(o.unit).toEqual({ township: '城关镇', ...e.unit });
        });

        // Streaming row by row gives the same result, and never holds back a row once the header is known.
        const reader = createRosterReader('城关镇');
        const streamed: RosterRowOutcome[] = [];
        grid.forEach((cells, i) => {
          const got = reader.push(firstRow + i, cells);
          if (firstRow + i > headerRow + 1) expect(got.length).toBe(1);
          streamed.push(...got);
        });
        expect(streamed).toEqual(outcomes);
        expect(reader.finish()).toEqual(summary);
      }),
      { numRuns: 300 },
    );
  });

  const anyCell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constantFrom<Cell>(
      null,
      undefined,
      '',
      ' ',
      '\u3000',
      '村名',
      '名称',
      '乡镇名称',
      '人口',
      '党员人数',
      '上年',
      '类型',
      '小计',
      '合计',
      'Total',
      '村',
      '社区',
      '区划代码',
      '在册月数',
    ),
    fc.constantFrom<Cell>(
      '东风村',
      '幸福社区',
      '东风',
      '1,500',
      '１５００',
      '1500人',
      '约1500',
      '1500.5',
      '-3',
      '15OO',
      '410102001001',
      '13',
      '6个月',
    ),
    fc.integer({ min: -5, max: 200_000 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.date(),
    fc.string({ maxLength: 6 }),
  );

  test('any grid at all: no exceptions, every read row accounted for once', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { maxLength: 9 }), { maxLength: 40 }), fc.integer({ min: 1, max: 1000 }), (grid, firstRow) => {
        const { outcomes, summary } = readRosterGrid('表', grid, firstRow);
        checkAccounting(outcomes, summary);
        if (summary.header) expect(summary.read).toBe(firstRow + grid.length - 1 - summary.header.row);
      }),
      { numRuns: 500 },
    );
  });
});
