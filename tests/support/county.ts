// The small county the browser and host tests share, in one place: its roster and
// ledger as sheets of cells (written to .xlsx for the web page, typed into the
// in-memory Excel and ET hosts for the task panes), and deterministic county
// rosters of any size. The CLI tests' messy county is in roster-files.ts.
import type { Cell } from '../../src/workbook/cells.js';
import type { FakeInput } from './fake-grid.js';

export interface SheetOfCells {
  name: string;
  rows: Cell[][];
}

/** 城关镇 of the small county the page and task pane tests use: a title row, a subtotal, a bad row, "1,500". */
export const CHENGGUAN_ROWS: (string | number | null)[][] = [
  ['城关镇村（社区）基本情况表'],
  ['序号', '村(社区)名称', '类型', '户籍人口', '上年度党员人数', '区划代码'],
  [1, '东风村', '村', 1499, 29, '410102001001'],
  [2, '红旗村', '村', '1,500', 31, '410102001002'],
  [3, '幸福社区', '社区', 8000, 130, null],
  [4, '河湾农村社区', '农村社区', 2000, 12, null],
  ['小计', null, null, null, null, null],
  [5, '坏数据村', '村', 'abc', 3, null],
];

export const ROSTER_HEADER = ['乡镇', '村（社区）名称', '类型', '区划代码', '人口', '上年度党员人数'];

export interface RosterOptions {
  /** Units per township (default 30). */
  perTownship?: number;
  seed?: number;
  /** Names to use for the first units (e.g. formula-looking ones). */
  names?: string[];
}

/** A title row, the header and `n` units: villages, urban and rural communities. */
export function countyRoster(n: number, options: RosterOptions = {}): FakeInput[][] {
  let s = (options.seed ?? 7) >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const per = options.perTownship ?? 30;
  const rows: FakeInput[][] = [['某某县2025年村（社区）基本情况表'], ROSTER_HEADER];
  for (let i = 0; i < n; i++) {
    const kind = next() % 6;
    const type = kind < 4 ? '村' : kind === 4 ? '社区' : '农村社区';
    const suffix = type === '村' ? '村' : '社区';
    const t = Math.floor(i / per);
    const name = options.names?.[i] ?? `第${i + 1}${suffix}`;
    const code = `4101${String(10 + (t % 80)).padStart(2, '0')}${String(t).padStart(3, '0')}${String(i % 1000).padStart(3, '0')}`;
    rows.push([`乡镇${t + 1}`, name, type, code, 200 + (next() % 6000), next() % 200]);
  }
  return rows;
}

/** 河西乡 of the small county: text and full-width numbers (１５００人). */
export const HEXI_ROWS: Cell[][] = [
  ['序号', '村(社区)名称', '类型', '户籍人口', '上年度党员人数', '区划代码'],
  [1, '李家村', '村', 1200, 24, null],
  [2, '王庄村', '村', '１５００人', 45, null],
];

/** The small county's roster file: two township sheets (a title row, a subtotal, a bad row, text and full-width numbers) and a cover sheet. */
export const ROSTER: SheetOfCells[] = [
  { name: '说明', rows: [['XX县2025年村（社区）名册'], ['本表由乡镇财政所填报']] },
  { name: '城关镇', rows: CHENGGUAN_ROWS },
  { name: '河西乡', rows: HEXI_ROWS },
];

/** 28,000 + 33,100 + 143,000 + 83,000 + 28,000 + 34,500 */
export const ROSTER_TOTAL = 349_600;

export const LEDGER_HEADER = ['拨付日期', '凭证号', '乡镇', '收款单位', '摘要', '拨付金额（元）'];

const d = (m: number, day: number) => new Date(Date.UTC(2025, m - 1, day));

/** The small county's ledger file: a title row, then payments dated as Excel dates. */
export const LEDGER: SheetOfCells[] = [
  {
    name: '拨付明细',
    rows: [
      ['XX县2025年村（社区）运转经费拨付明细'],
      LEDGER_HEADER,
      [d(3, 1), '记-001', '城关镇', '东风村', '拨付东风村2025年办公经费', 20000],
      [d(3, 1), '记-002', '城关镇', '东风村', '拨付东风村2025年党建经费', 5000],
      [d(3, 1), '记-003', '城关镇', '东风村', '拨付东风村2025年党员活动经费', 3000],
      [d(3, 2), '记-004', '城关镇', '红旗村', '拨付红旗村2025年办公经费', 20000],
      [d(3, 3), '记-005', '河西乡', '不存在村', '拨付2025年办公经费', 1000],
      [d(4, 1), '记-006', '城关镇', '幸福社区', '拨付幸福社区2025年社区服务群众专项经费', 50000],
    ],
  },
];

// The workbook the task pane tests open in a host (dates typed as text, as officers often do).

/** Its cover sheet. */
export const PANE_COVER: { name: string; rows: FakeInput[][] } = {
  name: '说明',
  rows: [['XX县2025年村（社区）名册'], ['本工作簿由县财政局汇总']],
};

/** Its ledger sheet: four payments, one to a unit not in the roster. */
export const PANE_LEDGER: { name: string; rows: FakeInput[][] } = {
  name: '拨付明细',
  rows: [
    LEDGER_HEADER,
    ['2025-03-01', '记-001', '城关镇', '东风村', '拨付东风村2025年办公经费', 20000],
    ['2025-03-01', '记-002', '城关镇', '东风村', '拨付东风村2025年党建经费', 5000],
    ['2025-03-02', '记-004', '城关镇', '红旗村', '拨付红旗村2025年办公经费', 20000],
    ['2025-03-03', '记-005', '河西乡', '不存在村', '拨付2025年办公经费', 1000],
  ],
};

/** The officer's own sheet with a report's name: must never be overwritten. */
export const OFFICERS_SHEET: { name: string; rows: FakeInput[][] } = {
  name: '问题清单',
  rows: [['我自己的问题记录，不要覆盖'], ['第一条']],
};
