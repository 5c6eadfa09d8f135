// Which year a run is for when none is given (workbook/year-evidence.ts), the
// roster's title rows (roster.ts) and reading them ahead of the calc without
// reading the file twice (roster-titles.ts).
import { describe, expect, test } from 'vitest';
import type { Cell } from '../src/workbook/cells.js';
import { readRosterGrid } from '../src/workbook/roster.js';
import { peekRosterTitles } from '../src/workbook/roster-titles.js';
import type { SheetSource, SourceRow, WorkbookSource } from '../src/workbook/source.js';
import { chooseYear, mostYear, titleYear, yearChoiceSaid, yearHint, yearHintSaid, yearInTitle } from '../src/workbook/year-evidence.js';

describe('yearInTitle', () => {
  test.each([
    ['2025年度村级组织运转经费测算表', 2025],
    ['XX县2025年村（社区）运转经费测算表', 2025],
    ['２０２４年度 经费表', 2024],
    ['二〇二五年度村级经费', 2025],
    ['2025 年 村级经费', 2025],
    // A date says when the form was filled in, not what for; 年度 wins over a bare 年.
    ['填报日期：2024年12月20日', null],
    ['2024年底党员数，2025年度预算', 2025],
    ['村级经费测算表', null],
    ['单位：人', null],
    ['12025年', null],
  ])('%s -> %s', (text, year) => {
    expect(yearInTitle(text)).toBe(year);
  });

  test('titleYear takes the first sheet and row that names one', () => {
    expect(
      titleYear([
        { sheet: 'A', titles: ['测算表'] },
        { sheet: 'B', titles: ['填报日期：2025年1月6日', 'B镇2024年度测算表'] },
      ]),
    ).toEqual({
      year: 2024,
      sheet: 'B',
      title: 'B镇2024年度测算表',
    });
    expect(titleYear([])).toBeNull();
  });
});

describe('chooseYear: option > title > ledger > calendar', () => {
  const title = { year: 2025, sheet: '城关镇', title: '城关镇2025年测算表' };
  const ledger = { '2024': 90, '2025': 3 };
  test('each source in its turn', () => {
    expect(chooseYear({ option: 2023, title, ledger, calendar: 2026 })).toMatchObject({ year: 2023, source: 'option' });
    expect(chooseYear({ title, ledger, calendar: 2026 })).toMatchObject({ year: 2025, source: 'title', disagree: true });
    expect(chooseYear({ title: null, ledger, calendar: 2026 })).toMatchObject({
      year: 2024,
      source: 'ledger',
      ledger: { count: 90, total: 93 },
    });
    expect(chooseYear({ title: null, ledger: {}, calendar: 2026 })).toMatchObject({ year: 2026, source: 'calendar' });
  });
  test('says where the year came from, and when title and ledger disagree', () => {
    expect(yearChoiceSaid(chooseYear({ option: 2023, calendar: 2026 }))).toBeNull();
    const t = yearChoiceSaid(chooseYear({ title, calendar: 2026 }))!;
    expect(t.zh).toBe('未指定年度，按名册标题「城关镇2025年测算表」取2025年度。');
    expect(t.en).toBe('No year given: 2025, from the roster\'s title "城关镇2025年测算表".');
    expect(yearChoiceSaid(chooseYear({ title, ledger, calendar: 2026 }))!.zh).toContain(
      '但拨付明细中多数拨付（90/93笔）在2024年，与名册标题的2025年度不一致',
    );
    expect(yearChoiceSaid(chooseYear({ ledger, calendar: 2026 }), true)!.zh).toContain('按拨付明细中多数拨付日期（90/93笔）取2024年度');
    expect(yearChoiceSaid(chooseYear({ calendar: 2026 }), true)!.zh).toBe(
      '未指定年度，名册标题和拨付日期均未说明年度，按当前年份取2026年度。',
    );
    expect(yearChoiceSaid(chooseYear({ calendar: 2026 }))!.zh).toBe('未指定年度，名册标题未写年度，按当前年份取2026年度。');
  });
  test('mostYear: the most payments, the later year on a tie', () => {
    expect(mostYear({ '2024': 2, '2025': 2 })).toEqual({ year: 2025, count: 2, total: 4 });
    expect(mostYear({})).toBeNull();
  });
});

describe('yearHint', () => {
  test('most payments outside the audit year: said, naming the year they are in', () => {
    const h = yearHint(2026, { '2025': 891, '2026': 1 });
    expect(h).toEqual({ auditYear: 2026, datedPayments: 892, paymentsOutside: 891, mostIn: 2025, mostlyOutside: true });
    expect(yearHintSaid(h)!.zh).toBe('注意：有日期的892笔拨付中891笔不在审计年度2026年内，多数在2025年，是否应审计2025年度？');
  });
  test('half or fewer outside: nothing to say', () => {
    expect(yearHintSaid(yearHint(2025, { '2025': 5, '2024': 5 }))).toBeNull();
    expect(yearHint(2025, {})).toMatchObject({ datedPayments: 0, paymentsOutside: 0, mostIn: null, mostlyOutside: false });
  });
  test('spread over years with the audit year still the most: said without another year to suggest', () => {
    const s = yearHintSaid(yearHint(2025, { '2025': 4, '2024': 3, '2023': 3 }))!;
    expect(s.zh).toBe('注意：有日期的10笔拨付中6笔不在审计年度2025年内。');
  });
});

const HEADER: Cell[] = ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'];
const rowsOf = (grid: Cell[][]): SourceRow[] => grid.map((cells, i) => ({ row: i + 1, cells }));

describe('roster title rows', () => {
  test('the text rows above the header, a merged title once', () => {
    const t = '城关镇2025年村（社区）运转经费测算表';
    const { summary } = readRosterGrid('城关镇', [
      [t, t, t],
      [],
      ['填报日期：2025年1月6日', null, '单位：人'],
      HEADER,
      ['城关镇', '东风村', '村', 1200, 24],
    ]);
    expect(summary.titles).toEqual([t, '填报日期：2025年1月6日 单位：人']);
    expect(readRosterGrid('x', [HEADER]).summary.titles).toEqual([]);
    expect(readRosterGrid('x', [['说明'], ['无表头']]).summary.titles).toEqual([]);
  });
});

/** A source streamed as the CLI's is: async, each iterable read once. */
function streamed(sheets: { name: string; rows: Cell[][] }[], pulls: string[]): WorkbookSource {
  async function* sheetGen(): AsyncGenerator<SheetSource> {
    for (const s of sheets) {
      async function* rows() {
        for (const r of rowsOf(s.rows)) {
          pulls.push(`${s.name}:${r.row}`);
          yield r;
        }
      }
      yield { name: s.name, rows: rows() };
    }
  }
  return sheetGen();
}

async function readAll(source: WorkbookSource): Promise<string[]> {
  const out: string[] = [];
  for await (const s of source) for await (const r of s.rows) out.push(`${s.name}:${r.row}:${String(r.cells[0] ?? '')}`);
  return out;
}

describe('peekRosterTitles', () => {
  const sheets = [
    { name: '填报说明', rows: [['XX县2024年说明'], ['人口为户籍人口']] as Cell[][] },
    {
      name: '城关镇',
      rows: [['城关镇2025年度测算表'], HEADER, ['城关镇', '东风村', '村', 1200, 24], ['城关镇', '幸福社区', '社区', 8000, 130]],
    },
    { name: '东风乡', rows: [['东风乡2023年度测算表'], HEADER] },
  ];
  test("finds the first roster sheet's titles and hands back every row, each pulled from the file once", async () => {
    const pulls: string[] = [];
    const { titles, source } = await peekRosterTitles(streamed(sheets, pulls));
    expect(titles).toEqual({ sheet: '城关镇', titles: ['城关镇2025年度测算表'] });
    // Only up to the row after the header was read ahead.
    expect(pulls).toEqual(['填报说明:1', '填报说明:2', '城关镇:1', '城关镇:2', '城关镇:3']);
    const all = await readAll(source);
    expect(all).toEqual(await readAll(streamed(sheets, [])));
    expect(pulls).toHaveLength(2 + 4 + 2);
  });
  test('in-memory sources and a workbook with no roster', async () => {
    const { titles, source } = await peekRosterTitles([{ name: 'x', rows: rowsOf([['说明'], ['2025年度']]) }]);
    expect(titles).toBeNull();
    expect(await readAll(source)).toEqual(['x:1:说明', 'x:2:2025年度']);
    const mem = await peekRosterTitles(sheets.map((s) => ({ name: s.name, rows: rowsOf(s.rows) })));
    expect(mem.titles?.sheet).toBe('城关镇');
    expect(await readAll(mem.source)).toHaveLength(8);
  });
});

describe('the pane', () => {
  test("sheetInfo carries a roster sheet's title rows for the year field", async () => {
    const { sheetInfo } = await import('../src/pane/views.js');
    const info = sheetInfo('城关镇', rowsOf([['城关镇2025年度测算表'], HEADER, ['城关镇', '东风村', '村', 1200, 24]]), 3);
    expect(info.titles).toEqual(['城关镇2025年度测算表']);
    expect(titleYear([{ sheet: info.name, titles: info.titles ?? [] }])?.year).toBe(2025);
    expect(sheetInfo('x', rowsOf([['说明']]), 1).titles).toBeUndefined();
  });
});
