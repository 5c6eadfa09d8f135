// The calc report sheets: 核算结果, 乡镇汇总, 问题清单, 政策参数.
import type { OrganisationResult } from '../engine/organisation.js';
import type { Calculator, Totals, TownshipTotals, UnitResult } from '../engine/compute.js';
import { toChineseCapital } from '../engine/format.js';
import { kindOf } from '../engine/kinds/index.js';
import type { Decimal } from '../engine/money.js';
import type { ResolvedPolicy } from '../engine/policy/resolve.js';
import type { Lang } from '../engine/said.js';
import { UNIT_TYPE_LABELS } from '../engine/unit.js';
import type { RowIssue } from './roster.js';
import type { CalcOutcome, OrganisationCounts } from './calc-outcome.js';
// Named SHEET_NAMES here as before (policySheet below uses it).
import { CALC_SHEET_NAMES as SHEET_NAMES } from './sheet-names.js';
import type { ColumnSpec, OutCell, SheetSpec } from './sheet-spec.js';

/** A computed roster row: where it came from and what it is due. */
export interface ComputedRow {
  sheet: string;
  row: number;
  result: UnitResult;
  /** 组织设置, where the policy sets thresholds. */
  organisation?: OrganisationResult;
}

/**
 * Money leaves Decimal only here, at the cell: an amount with two decimals
 * below 10^13 is held exactly enough by a double to print back the same.
 */
export function moneyCell(d: Decimal): number {
  let n = cellNumbers.get(d);
  if (n === undefined) cellNumbers.set(d, (n = Number(d.toFixed(2))));
  return n;
}
/** Engine amounts are interned, so most conversions repeat: remember them. */
const cellNumbers = new WeakMap<Decimal, number>();

/** A unit total in Chinese capitals (totals are interned too). */
function capitalCell(d: Decimal): string {
  let s = capitals.get(d);
  if (s === undefined) capitals.set(d, (s = toChineseCapital(d)));
  return s;
}
const capitals = new WeakMap<Decimal, string>();

const col = (header: string, kind: ColumnSpec['kind'], width: number): ColumnSpec => ({ header, kind, width });

export function resultColumns(calc: Calculator): ColumnSpec[] {
  return [
    col('乡镇', 'text', 14),
    col('名称', 'text', 18),
    col('类型', 'text', 10),
    col('区划代码', 'text', 15),
    col('人口', 'integer', 10),
    col('上年度党员人数', 'integer', 16),
    col('在册月数', 'integer', 8),
    ...calc.policy.lines.map((l) => col(l.label.zh, 'money', 14)),
    col('合计', 'money', 14),
    col('合计（大写）', 'text', 30),
    col('核定说明', 'text', 80),
    col('来源工作表', 'text', 12),
    col('来源行', 'integer', 7),
    // Last, so the columns before keep their places; only where the policy sets thresholds.
    ...(calc.organisation ? [col('组织设置', 'text', 16)] : []),
  ];
}

/**
 * Joined, not added up with +: join makes a flat string, while + makes a rope
 * that posting the row to the writing worker must flatten first. Posting
 * 100,000 rows took 71–110 ms with joined texts and 80–131 ms with ropes
 * (node bench/experiments/post-cost.js, two runs), and the gap was wider in
 * the CLI, where the threads compete for the cores.
 */
export function explanationText(r: UnitResult, lang: Lang): string {
  const texts: string[] = [];
  for (const { explanation } of r.lines) if (explanation.rule !== 'notApplicable') texts.push(explanation.text[lang]);
  return texts.join(lang === 'zh' ? '。' : '. ');
}

/** A unit's row of 核算结果. Runs on every unit: a plain loop, no intermediate arrays. */
export function resultRow(c: ComputedRow, lang: Lang): OutCell[] {
  const { unit, lines, total } = c.result;
  const row: OutCell[] = [
    unit.township,
    unit.name,
    UNIT_TYPE_LABELS[unit.type][lang],
    unit.code ?? null,
    unit.population,
    unit.membersPrevYear,
    unit.monthsActive ?? null,
  ];
  for (const l of lines) row.push(moneyCell(l.amount));
  row.push(moneyCell(total), capitalCell(total), explanationText(c.result, lang), c.sheet, c.row);
  if (c.organisation) row.push(c.organisation.label[lang]);
  return row;
}

function townshipSheet(calc: Calculator, townships: TownshipTotals[], county: Totals, org?: OrganisationCounts): SheetSpec {
  const lineIds = calc.lineIds;
  const row = (name: string, t: Totals, counts: Record<string, number> | undefined): OutCell[] => [
    name,
    t.units,
    ...lineIds.map((id) => moneyCell(t.lines[id]!)),
    moneyCell(t.total),
    Number(t.total.dividedBy(10000).toFixed(4)),
    // Units by 组织设置, after the money.
    ...(org ? org.levels.map((l) => counts?.[l.id] ?? 0) : []),
  ];
  return {
    name: SHEET_NAMES.townships,
    title: policyTitle(calc.policy),
    columns: [
      col('乡镇', 'text', 16),
      col('单位数', 'integer', 8),
      ...calc.policy.lines.map((l) => col(l.label.zh, 'money', 16)),
      col('合计', 'money', 18),
      col('合计（万元）', 'wan', 14),
      ...(org ? org.levels.map((l) => col(l.label.zh, 'integer', 14)) : []),
    ],
    rows: [...townships.map((t) => row(t.name, t, org?.townships[t.name])), row('全县合计', county, org?.county)],
    totalRows: [townships.length],
    chart: { title: '各乡镇经费（元）', categoryColumn: 0, seriesColumns: lineIds.map((_, i) => 2 + i), from: 0, to: townships.length },
  };
}

const SEVERITY: Record<RowIssue['severity'], Record<Lang, string>> = {
  error: { zh: '错误（未核算）', en: 'error (not computed)' },
  warning: { zh: '提示（已核算）', en: 'warning (computed)' },
  info: { zh: '跳过', en: 'skipped' },
};
/** An info issue about a whole sheet (how a csv file was read, no roster header) skips no row. */
const NOTE: Record<Lang, string> = { zh: '说明', en: 'note' };

function issuesSheet(issues: RowIssue[], lang: Lang): SheetSpec {
  return {
    name: SHEET_NAMES.issues,
    columns: [
      col('工作表', 'text', 14),
      col('行', 'integer', 7),
      col('列', 'text', 6),
      col('级别', 'text', 14),
      col('代码', 'text', 24),
      col('说明', 'text', 90),
    ],
    rows: issues.map((i) => [
      i.sheet,
      i.row,
      i.column,
      i.severity === 'info' && i.row === null ? NOTE[lang] : SEVERITY[i.severity][lang],
      i.code,
      i.message[lang],
    ]),
    links: {
      column: 5,
      targets: issues.map((i) => (i.row === null ? undefined : `'${i.sheet.replace(/'/g, "''")}'!${i.column ?? 'A'}${i.row}`)),
    },
  };
}

export function policyTitle(p: ResolvedPolicy): string {
  return `政策：${p.policy.title.zh}（${p.policy.id}）；年度：${p.year}（取${p.date}起生效的标准）；舍入：${p.rounding === 'half-up' ? '四舍五入到分' : p.rounding}`;
}

/** How 政策参数 names a 组织设置 threshold: not a fund line, for every unit type. */
export const ORGANISATION_ROW = { id: 'organisation', label: '组织设置（非经费）', types: '全部', rule: '按党员数设置' } as const;

export function policySheet(p: ResolvedPolicy): SheetSpec {
  const rows: OutCell[][] = [];
  for (const line of p.lines) {
    for (const type of line.appliesTo) {
      const calc = line.byType[type]!;
      const kind = kindOf(calc);
      for (const prm of kind.values(calc))
        rows.push([
          line.id,
          line.label.zh,
          UNIT_TYPE_LABELS[type].zh,
          kind.sheetName,
          prm.name + (prm.note ? `（${prm.note}）` : ''),
          Number(prm.value.toFixed()),
          prm.since,
          prm.ref,
        ]);
    }
  }
  // 组织设置 after the money: its thresholds, read back by the task pane like the rest (policy-sheet.ts).
  for (const level of p.organisation?.levels ?? [])
    for (const prm of level.below ? [level.from, level.below] : [level.from]) {
      const bound = prm === level.below ? '不含上限值（<）' : level.inclusive ? '含门槛值（≥）' : '不含门槛值（>）';
      rows.push([
        ORGANISATION_ROW.id,
        ORGANISATION_ROW.label,
        ORGANISATION_ROW.types,
        ORGANISATION_ROW.rule,
        `${level.id}.${prm.name}（${level.label.zh}，${bound}）`,
        Number(prm.value.toFixed()),
        prm.since,
        prm.ref,
      ]);
    }
  return {
    name: SHEET_NAMES.policy,
    title: policyTitle(p),
    columns: [
      col('经费项目编号', 'text', 16),
      col('经费项目', 'text', 20),
      col('适用类型', 'text', 10),
      col('计算方式', 'text', 14),
      col('参数', 'text', 30),
      col('取值', 'text', 12),
      col('生效日期', 'text', 12),
      col('依据条款', 'text', 70),
    ],
    rows,
  };
}

/** 核算结果 without its rows: they are one per computed unit (resultRow), streamed by the CLI. */
export function resultSheetHead(calc: Calculator): Pick<SheetSpec, 'name' | 'title' | 'columns'> {
  return { name: SHEET_NAMES.result, title: policyTitle(calc.policy), columns: resultColumns(calc) };
}

/** The sheets after 核算结果, in order: 乡镇汇总, 问题清单, 政策参数. */
export function summarySheets(
  calc: Calculator,
  outcome: Pick<CalcOutcome, 'townships' | 'county' | 'issues' | 'organisation'>,
  lang: Lang,
): SheetSpec[] {
  return [
    townshipSheet(calc, outcome.townships, outcome.county, outcome.organisation),
    issuesSheet(outcome.issues, lang),
    policySheet(calc.policy),
  ];
}
