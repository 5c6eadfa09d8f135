// The columns a roster (花名册) sheet may have and the header texts officers use for them.
// Aliases are matched by headers.ts after normalising, with and without bracketed units.
import type { Said } from '../engine/said.js';

export const ROSTER_FIELDS = ['township', 'name', 'type', 'population', 'membersPrevYear', 'code', 'monthsActive', 'organisation'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Without these a row cannot be computed, so a sheet without them is not a roster. */
export const ROSTER_REQUIRED: readonly RosterField[] = ['name', 'population', 'membersPrevYear'];

export const ROSTER_ALIASES: Record<RosterField, string[]> = {
  township: ['乡镇', '乡镇（街道）', '所属乡镇', '街道', '乡镇名称', '乡镇街道', '所属乡镇（街道）', '镇（街道）', 'township', 'town'],
  name: [
    '村(社区)名称',
    '村（社区）名称',
    '村名',
    '社区名称',
    '单位名称',
    '名称',
    '村(社区)',
    '村（居）名称',
    '村居名称',
    '村社区名称',
    '村名称',
    'name',
    'unit',
    'village',
  ],
  type: ['类型', '单位类型', '村/社区', '性质', '村社区类型', 'type'],
  population: ['人口', '户籍人口', '总人口', '人口数', '常住人口', '户籍人口数', 'population'],
  membersPrevYear: [
    '上年度党员人数',
    '党员人数',
    '党员数',
    '党员数（上年）',
    '上年末党员数',
    '上年党员人数',
    '上年度党员数',
    '上年末党员人数',
    '党员人数（上年）',
    '党员人数（上年度）',
    'party members',
    'members',
  ],
  code: ['区划代码', '统计用区划代码', '行政区划代码', 'division code', 'code'],
  monthsActive: ['在册月数', '运行月数', '月数', 'months'],
  // The party organisation the unit actually has, checked against 组织设置 (never money).
  organisation: ['组织形式', '党组织类型', '党组织形式', '党组织设置', '党组织', '组织设置', '党组织建制', 'party organisation'],
};

export const ROSTER_FIELD_LABELS: Record<RosterField, Said> = {
  township: { zh: '乡镇', en: 'township' },
  name: { zh: '名称', en: 'name' },
  type: { zh: '类型', en: 'type' },
  population: { zh: '人口', en: 'population' },
  membersPrevYear: { zh: '上年度党员人数', en: "last year's party members" },
  code: { zh: '区划代码', en: 'division code' },
  monthsActive: { zh: '在册月数', en: 'months active' },
  organisation: { zh: '组织形式', en: 'party organisation' },
};
