// Deterministic county rosters as grids, for the add-in tests (in-memory Excel host).
import type { FakeInput } from './fake-grid.js';

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
