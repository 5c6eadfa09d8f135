// The calc report sheets: 核算结果, 乡镇汇总, 问题清单, 政策参数.
import type { OrganisationResult } from '../engine/organisation.js';
import type { Calculator, Totals, TownshipTotals, UnitResult } from '../engine/compute.js';
import { toChineseCapital } from '../engine/format.js';
import { kindOf } from '../engine/kinds/index.js';
import type { Decimal } from '../engine/money.js';
import type { ResolvedPolicy } from '../engine/policy/resolve.js';
import type { Lang, Said } from '../engine/said.js';
import { UNIT_TYPE_LABELS } from '../engine/unit.js';
import type { RowIssue } from './roster.js';
import type { CalcOutcome, OrganisationCounts } from './calc-outcome.js';
// Named SHEET_NAMES here as before (policySheet below uses it).
import { CALC_SHEET_NAMES as SHEET_NAMES } from './sheet-names.js';
import type { ColumnSpec, OutCell, SheetSpec } from './sheet-spec.js';
import { kindWords } from './problem-words.js';
import { paramWords } from './param-words.js';
import { policyWords, sheetSubtitle, sheetTitle, signRows, withSignRows, type ReportOptions } from './report-heading.js';

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

const col = (header: string, kind: ColumnSpec['kind'], width: number, more?: Partial<ColumnSpec>): ColumnSpec => ({
  header,
  kind,
  width,
  ...more,
});

/**
 * Widths fit what the cells hold (a header wraps, never runs into the next);
 * 核定说明 wraps in its column, so the sheet prints one page wide, its rows as
 * tall as their explanations (docs/web.md, Printing).
 */
export function resultColumns(calc: Calculator): ColumnSpec[] {
  return [
    col('乡镇', 'text', 10),
    col('名称', 'text', 14, { wrap: true }),
    col('类型', 'text', 8),
    col('区划代码', 'text', 13),
    col('人口', 'integer', 7),
    col('上年度党员人数', 'integer', 8),
    // Printed only when some unit is part-year.
    col('在册月数', 'integer', 6, { hideWhenEmpty: true }),
    ...calc.policy.lines.map((l) => col(l.label.zh, 'money', 12, { wrap: true })),
    col('合计', 'money', 12),
    col('合计（大写）', 'text', 20, { wrap: true }),
    col('核定说明', 'text', 100, { wrap: true }),
    col('来源工作表', 'text', 8),
    col('来源行', 'integer', 6),
    // Last, so the columns before keep their places; only where the policy sets thresholds.
    ...(calc.organisation ? [col('组织设置', 'text', 10, { wrap: true })] : []),
  ];
}

/** 核算结果's 合计 row: the county's totals (exactly the sum of the unit rows), after the units. */
export function resultTotalRow(calc: Calculator, county: Totals, lang: Lang): OutCell[] {
  return [
    lang === 'zh' ? '全县合计' : 'county total',
    lang === 'zh' ? `${county.units}个单位` : `${county.units} units`,
    null,
    null,
    null,
    null,
    null,
    ...calc.lineIds.map((id) => moneyCell(county.lines[id]!)),
    moneyCell(county.total),
    capitalCell(county.total),
  ];
}

/** What follows 核算结果's unit rows: the 合计 row, then the lines to sign. */
export function resultFootRows(calc: Calculator, county: Totals, lang: Lang): OutCell[][] {
  return [resultTotalRow(calc, county, lang), ...signRows(lang)];
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

function townshipSheet(
  calc: Calculator,
  townships: TownshipTotals[],
  county: Totals,
  lang: Lang,
  options: ReportOptions,
  org?: OrganisationCounts,
): SheetSpec {
  const lineIds = calc.lineIds;
  const row = (name: string, t: Totals, counts: Record<string, number> | undefined): OutCell[] => [
    name,
    t.units,
    ...lineIds.map((id) => moneyCell(t.lines[id]!)),
    moneyCell(t.total),
    Number(t.total.dividedBy(10000).toFixed(4)), // shown to 2 decimals (NUMBER_FORMATS.wan)
    // Units by 组织设置, after the money.
    ...(org ? org.levels.map((l) => counts?.[l.id] ?? 0) : []),
  ];
  return withSignRows(
    {
      name: SHEET_NAMES.townships,
      ...heading(calc, SHEET_WHAT.townships, lang, options, true),
      print: { orientation: 'landscape', onePage: true },
      columns: [
        col('乡镇', 'text', 12),
        col('单位数', 'integer', 8),
        ...calc.policy.lines.map((l) => col(l.label.zh, 'money', 14, { wrap: true })),
        col('合计', 'money', 15),
        col('合计（万元）', 'wan', 12),
        ...(org ? org.levels.map((l) => col(l.label.zh, 'integer', 10, { wrap: true })) : []),
      ],
      rows: [...townships.map((t) => row(t.name, t, org?.townships[t.name])), row('全县合计', county, org?.county)],
      totalRows: [townships.length],
      chart: { title: '各乡镇经费（元）', categoryColumn: 0, seriesColumns: lineIds.map((_, i) => 2 + i), from: 0, to: townships.length },
    },
    lang,
  );
}

/** What each sheet is, in its title. */
const SHEET_WHAT = {
  result: { zh: '核算结果', en: 'calculation by unit' },
  townships: { zh: '乡镇汇总表', en: 'totals by township' },
  issues: { zh: '核算问题清单', en: 'roster problems' },
  policy: { zh: '核算政策参数', en: 'policy parameters' },
} as const satisfies Record<string, Said>;

/** A calc sheet's title and the line under it. */
function heading(calc: Calculator, what: Said, lang: Lang, options: ReportOptions, money: boolean) {
  return {
    title: sheetTitle(what, calc.policy.year, lang, options),
    subtitle: sheetSubtitle(policyWords(calc.policy, lang), lang, money),
  };
}

const SEVERITY: Record<RowIssue['severity'], Record<Lang, string>> = {
  error: { zh: '错误（未核算）', en: 'error (not computed)' },
  warning: { zh: '警告（已核算）', en: 'warning (computed)' },
  info: { zh: '跳过', en: 'skipped' },
};
/** An info issue about a whole sheet (how a csv file was read, no roster header) skips no row. */
const NOTE: Record<Lang, string> = { zh: '说明', en: 'note' };

/** Read first: where, how serious, what kind in words, what it says; the code for machines last, narrow. */
function issuesSheet(calc: Calculator, issues: RowIssue[], lang: Lang, options: ReportOptions): SheetSpec {
  return {
    name: SHEET_NAMES.issues,
    ...heading(calc, SHEET_WHAT.issues, lang, options, false),
    print: { orientation: 'portrait' },
    columns: [
      col('工作表', 'text', 10),
      col('行', 'integer', 6),
      col('列', 'text', 4),
      col('级别', 'text', 10, { wrap: true }),
      col('问题', 'text', 14, { wrap: true }),
      col('说明', 'text', 50, { wrap: true }),
      col('代码', 'text', 10),
    ],
    rows: issues.map((i) => [
      i.sheet,
      i.row,
      i.column,
      i.severity === 'info' && i.row === null ? NOTE[lang] : SEVERITY[i.severity][lang],
      kindWords(i.code)[lang],
      i.message[lang],
      i.code,
    ]),
    links: {
      column: 5,
      targets: issues.map((i) => (i.row === null ? undefined : `'${i.sheet.replace(/'/g, "''")}'!${i.column ?? 'A'}${i.row}`)),
    },
  };
}

/** How 政策参数 names a 组织设置 threshold: not a fund line, for every unit type. */
export const ORGANISATION_ROW = { id: 'organisation', label: '组织设置（非经费）', types: '全部', rule: '按党员数设置' } as const;

/**
 * 政策参数: one row per line, unit type and parameter, named in words; the ids
 * the task pane reads back (经费项目编号, 参数代码) in narrow columns at the right.
 */
export function policySheet(p: ResolvedPolicy, lang: Lang = 'zh', options: ReportOptions = {}): SheetSpec {
  const labels = new Map(p.lines.map((l) => [l.id, l.label.zh]));
  // A note may name lines by id ("补足：office、partyBuilding"): by label here.
  const noteWords = (note: string) => note.replace(/[A-Za-z][A-Za-z0-9_]*/g, (id) => labels.get(id) ?? id);
  const rows: OutCell[][] = [];
  for (const line of p.lines) {
    for (const type of line.appliesTo) {
      const calc = line.byType[type]!;
      const kind = kindOf(calc);
      for (const prm of kind.values(calc))
        rows.push([
          line.label.zh,
          UNIT_TYPE_LABELS[type].zh,
          kind.sheetName,
          paramWords(prm.name) + (prm.note ? `（${noteWords(prm.note)}）` : ''),
          Number(prm.value.toFixed()),
          prm.since,
          prm.ref,
          line.id,
          prm.name,
        ]);
    }
  }
  // 组织设置 after the money: its thresholds, read back by the task pane like the rest (policy-sheet.ts).
  const levels = Object.fromEntries((p.organisation?.levels ?? []).map((l) => [l.id, l.label.zh]));
  for (const level of p.organisation?.levels ?? [])
    for (const prm of level.below ? [level.from, level.below] : [level.from]) {
      const bound = prm === level.below ? '不含上限值（<）' : level.inclusive ? '含门槛值（≥）' : '不含门槛值（>）';
      const name = `${level.id}.${prm.name}`;
      rows.push([
        ORGANISATION_ROW.label,
        ORGANISATION_ROW.types,
        ORGANISATION_ROW.rule,
        `${paramWords(name, levels)}（${bound}）`,
        Number(prm.value.toFixed()),
        prm.since,
        prm.ref,
        ORGANISATION_ROW.id,
        name,
      ]);
    }
  return {
    name: SHEET_NAMES.policy,
    title: sheetTitle(SHEET_WHAT.policy, p.year, lang, options),
    subtitle: sheetSubtitle(policyWords(p, lang), lang, false),
    columns: [
      col('经费项目', 'text', 14, { wrap: true }),
      col('适用类型', 'text', 8),
      col('计算方式', 'text', 10, { wrap: true }),
      col('参数', 'text', 24, { wrap: true }),
      col('取值', 'text', 10),
      col('生效日期', 'text', 11),
      col('依据条款', 'text', 40, { wrap: true }),
      col('经费项目编号', 'text', 10),
      col('参数代码', 'text', 14),
    ],
    rows,
  };
}

/**
 * 核算结果 without its rows: they are one per computed unit (resultRow), streamed by
 * the CLI, then resultFootRows (合计 and the lines to sign).
 */
export function resultSheetHead(
  calc: Calculator,
  lang: Lang = 'zh',
  options: ReportOptions = {},
): Pick<SheetSpec, 'name' | 'title' | 'subtitle' | 'columns' | 'print'> {
  return {
    name: SHEET_NAMES.result,
    ...heading(calc, SHEET_WHAT.result, lang, options, true),
    columns: resultColumns(calc),
    print: { orientation: 'landscape' },
  };
}

/** The sheets after 核算结果, in order: 乡镇汇总, 问题清单, 政策参数. */
export function summarySheets(
  calc: Calculator,
  outcome: Pick<CalcOutcome, 'townships' | 'county' | 'issues' | 'organisation'>,
  lang: Lang,
  options: ReportOptions = {},
): SheetSpec[] {
  return [
    townshipSheet(calc, outcome.townships, outcome.county, lang, options, outcome.organisation),
    issuesSheet(calc, outcome.issues, lang, options),
    policySheet(calc.policy, lang, options),
  ];
}
