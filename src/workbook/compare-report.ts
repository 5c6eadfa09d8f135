// What-if report: the same roster under two policies or years.
import type { Comparison } from '../engine/compare.js';
import type { Calculator } from '../engine/compute.js';
import { moneyString, ZERO } from '../engine/money.js';
import { UNIT_TYPE_LABELS } from '../engine/unit.js';
import type { Lang } from '../engine/said.js';
import { moneyCell, type ComputedRow } from './report.js';
import { COMPARE_SHEET_NAMES } from './sheet-names.js';
import type { ColumnSpec, OutCell, SheetSpec } from './sheet-spec.js';
import { sheetSubtitle, sheetTitle, withSignRows, type ReportOptions } from './report-heading.js';

const label = (a: Calculator, b: Calculator, id: string, lang: Lang) =>
  (a.policy.lines.find((l) => l.id === id) ?? b.policy.lines.find((l) => l.id === id))!.label[lang];

const side = (c: Calculator, lang: Lang) =>
  lang === 'zh' ? `${c.policy.policy.title.zh}（${c.policy.year}年度）` : `${c.policy.policy.title.en} (${c.policy.year})`;

export function compareSheets(cmp: Comparison, a: Calculator, b: Calculator, lang: Lang, options: ReportOptions = {}): SheetSpec[] {
  const money = (h: string): ColumnSpec => ({ header: h, kind: 'money', width: 14, wrap: true });
  const about =
    lang === 'zh'
      ? `A：${side(a, lang)}；B：${side(b, lang)}；差额 = B − A`
      : `A: ${side(a, lang)}; B: ${side(b, lang)}; difference = B − A`;
  const year = a.policy.year === b.policy.year ? a.policy.year : `${a.policy.year}—${b.policy.year}`;
  const heading = (what: { zh: string; en: string }) => ({
    title: sheetTitle(what, year, lang, options),
    subtitle: sheetSubtitle(about, lang, true),
  });
  const budgetRows: OutCell[][] = [];
  const totalRows: number[] = [];
  const add = (name: string, ta: { lines: Record<string, typeof ZERO>; total: typeof ZERO } | undefined, tb: typeof ta, total: boolean) => {
    for (const id of cmp.lineIds) {
      const va = ta?.lines[id] ?? ZERO;
      const vb = tb?.lines[id] ?? ZERO;
      budgetRows.push([name, label(a, b, id, lang), moneyCell(va), moneyCell(vb), moneyCell(vb.minus(va))]);
    }
    const va = ta?.total ?? ZERO;
    const vb = tb?.total ?? ZERO;
    if (total) totalRows.push(budgetRows.length);
    budgetRows.push([name, '合计', moneyCell(va), moneyCell(vb), moneyCell(vb.minus(va))]);
  };
  for (const t of cmp.a.townships)
    add(
      t.name,
      t,
      cmp.b.townships.find((x) => x.name === t.name),
      false,
    );
  add('全县', cmp.a.county, cmp.b.county, true);
  // 单位差异's 合计: the county totals, exactly the sum of the unit rows.
  const unitRows: OutCell[][] = cmp.units.map((u) => [
    u.unit.township,
    u.unit.name,
    UNIT_TYPE_LABELS[u.unit.type][lang],
    moneyCell(u.a.total),
    moneyCell(u.b.total),
    moneyCell(u.total),
    ...cmp.lineIds.map((id) => moneyCell(u.lines[id]!)),
  ]);
  unitRows.push([
    lang === 'zh' ? '全县合计' : 'county total',
    null,
    null,
    moneyCell(cmp.a.county.total),
    moneyCell(cmp.b.county.total),
    moneyCell(cmp.county.total),
    ...cmp.lineIds.map((id) => moneyCell(cmp.county.lines[id] ?? ZERO)),
  ]);
  return [
    withSignRows(
      {
        name: COMPARE_SHEET_NAMES.budget,
        ...heading({ zh: '预算比较表', en: 'budget under two policies' }),
        print: { orientation: 'portrait', onePage: true },
        columns: [
          { header: '乡镇', kind: 'text', width: 14 },
          { header: '经费项目', kind: 'text', width: 22 },
          money('政策A'),
          money('政策B'),
          money('差额'),
        ],
        rows: budgetRows,
        totalRows,
      },
      lang,
    ),
    withSignRows(
      {
        name: COMPARE_SHEET_NAMES.units,
        ...heading({ zh: '单位差异表', en: 'difference by unit' }),
        print: { orientation: 'landscape' },
        columns: [
          { header: '乡镇', kind: 'text', width: 10 },
          { header: '名称', kind: 'text', width: 14, wrap: true },
          { header: '类型', kind: 'text', width: 8 },
          money('A合计'),
          money('B合计'),
          money('差额'),
          ...cmp.lineIds.map((id) => money(`差额：${label(a, b, id, lang)}`)),
        ],
        rows: unitRows,
        totalRows: [unitRows.length - 1],
      },
      lang,
    ),
  ];
}

export function compareJson(cmp: Comparison, a: Calculator, b: Calculator, rows: ComputedRow[]) {
  const m = (lines: Record<string, typeof ZERO>, total: typeof ZERO) => ({
    ...Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, moneyString(v)])),
    total: moneyString(total),
  });
  return {
    a: { policy: { id: a.policy.policy.id, year: a.policy.year }, totals: m(cmp.a.county.lines, cmp.a.county.total) },
    b: { policy: { id: b.policy.policy.id, year: b.policy.year }, totals: m(cmp.b.county.lines, cmp.b.county.total) },
    lineIds: cmp.lineIds,
    diff: m(cmp.county.lines, cmp.county.total),
    townships: cmp.townships.map((t) => ({
      name: t.name,
      a: ((x) => x && m(x.lines, x.total))(cmp.a.townships.find((s) => s.name === t.name)),
      b: ((x) => x && m(x.lines, x.total))(cmp.b.townships.find((s) => s.name === t.name)),
      diff: m(t.lines, t.total),
    })),
    units: cmp.units.map((u, i) => ({
      sheet: rows[i]?.sheet,
      row: rows[i]?.row,
      township: u.unit.township,
      name: u.unit.name,
      a: m(Object.fromEntries(u.a.lines.map((l) => [l.line, l.amount])), u.a.total),
      b: m(Object.fromEntries(u.b.lines.map((l) => [l.line, l.amount])), u.b.total),
      diff: m(u.lines, u.total),
    })),
  };
}
