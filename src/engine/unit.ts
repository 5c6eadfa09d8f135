// A village or community as the engine sees it: already clean, typed data.
// Reading messy workbooks into this shape is the workbook layer's job.

export const UNIT_TYPES = ['village', 'urbanCommunity', 'ruralCommunity'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_TYPE_LABELS: Record<UnitType, { zh: string; en: string }> = {
  village: { zh: '村', en: 'village' },
  urbanCommunity: { zh: '城市社区', en: 'urban community' },
  ruralCommunity: { zh: '农村社区', en: 'rural community' },
};

/** Unit attributes a policy line can be computed from. */
export const UNIT_ATTRIBUTES = ['population', 'membersPrevYear'] as const;
export type UnitAttribute = (typeof UNIT_ATTRIBUTES)[number];

export const ATTRIBUTE_LABELS: Record<UnitAttribute, { zh: string; en: string; unitZh: string; unitEn: string }> = {
  population: { zh: '人口', en: 'population', unitZh: '人', unitEn: 'people' },
  membersPrevYear: { zh: '上年度党员人数', en: "last year's party members", unitZh: '人', unitEn: 'members' },
};

export interface Unit {
  /** 12-digit statistical division code (统计用区划代码), kept as a string. */
  code?: string;
  township: string;
  name: string;
  type: UnitType;
  /** Integer >= 0. */
  population: number;
  /** Party members at the end of the previous year (上年度党员人数), integer >= 0. */
  membersPrevYear: number;
  /** Months active in the year (1-12) for units created or merged mid-year; absent = 12. */
  monthsActive?: number;
  /** The party organisation the roster says the unit has (checked, never money). */
  organisation?: 'branch' | 'generalBranch' | 'committee' | 'jointBranch' | 'none';
}

export interface UnitProblem {
  field: keyof Unit;
  zh: string;
  en: string;
}

/** Checks a unit's fields; returns every problem found (empty when the unit is valid). */
export function validateUnit(u: Unit): UnitProblem[] {
  const problems: UnitProblem[] = [];
  if (u.code !== undefined && !/^\d{12}$/.test(u.code))
    problems.push({ field: 'code', zh: `区划代码应为12位数字：${u.code}`, en: `division code must be 12 digits: ${u.code}` });
  if (!u.name.trim()) problems.push({ field: 'name', zh: '名称为空', en: 'name is empty' });
  if (!(UNIT_TYPES as readonly string[]).includes(u.type))
    problems.push({ field: 'type', zh: `类型无效：${String(u.type)}`, en: `invalid type: ${String(u.type)}` });
  for (const field of UNIT_ATTRIBUTES) {
    const v = u[field];
    if (!Number.isSafeInteger(v) || v < 0) {
      const l = ATTRIBUTE_LABELS[field];
      problems.push({ field, zh: `${l.zh}应为不小于0的整数：${v}`, en: `${l.en} must be an integer >= 0: ${v}` });
    }
  }
  if (u.monthsActive !== undefined && !(Number.isInteger(u.monthsActive) && u.monthsActive >= 1 && u.monthsActive <= 12))
    problems.push({
      field: 'monthsActive',
      zh: `在册月数应为1至12的整数：${u.monthsActive}`,
      en: `months active must be an integer from 1 to 12: ${u.monthsActive}`,
    });
  return problems;
}
