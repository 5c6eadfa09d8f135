// Turning engine and workbook-layer results into the plain views the pane
// shows: a sheet's roster detection, the policy in force, a calc's and an
// audit's results. Runs where the computing happens: in the web page's worker,
// and in the task pane itself. (The UI proper imports only their types.)
import { type WarningKind, warningKinds, warningsSentence } from '../workbook/warnings.js';
import { Calculator } from '../engine/compute.js';
import { formatWan, formatYuan, toChineseCapital } from '../engine/format.js';
import type { Decimal } from '../engine/money.js';
import { describeRule } from '../engine/kinds/index.js';
import { parsePolicy } from '../engine/policy/load.js';
import { resolvePolicy, type ResolvedPolicy } from '../engine/policy/resolve.js';
import type { Policy } from '../engine/policy/schema.js';
import { builtinPolicy } from '../engine/policies.js';
import type { Said } from '../engine/said.js';
import { UNIT_TYPE_LABELS } from '../engine/unit.js';
import type { CalcOutcome } from '../workbook/calc-outcome.js';
import { cellText, columnLetter, type Cell } from '../workbook/cells.js';
import type { SheetKind } from '../workbook/not-read.js';
import { createRosterReader, type RosterHeader } from '../workbook/roster.js';
import { ROSTER_FIELDS, type RosterField } from '../workbook/roster-fields.js';
import type { ColumnKind, OutCell, SheetSpec } from '../workbook/sheet-spec.js';
import type { SourceRow } from '../workbook/source.js';
import { UserError, toUserError } from './errors.js';
import type { AuditView, CalcView, ColumnChoice, MoneyView, OutputView, PolicyChoice, PolicyView, SheetInfo, TableView } from './host.js';
import { policyFromSheet } from './policy-sheet.js';
import { issueViews, problemKinds } from './problem-kinds.js';

/** Rows read to find a roster header (detectRosterHeader searches the first 20). */
export const SAMPLE_ROWS = 24;

// ---------------------------------------------------------------------------
// Roster detection

/** A sheet's first rows -> what the mapping editor shows. Detection is the calc's own roster reader. */
export function sheetInfo(name: string, sample: readonly SourceRow[], rows: number, generated = false, kind?: SheetKind): SheetInfo {
  let header: RosterHeader | null = null;
  let notRoster: Said | undefined;
  let titles: string[] = [];
  if (!generated) {
    const reader = createRosterReader(name, { maxHeaderRows: 20, kind });
    for (const r of sample) {
      if (reader.header !== undefined) break;
      reader.push(r.row, r.cells);
    }
    header = reader.header === undefined ? reader.finish().header : reader.header;
    if (!header) notRoster = reader.finish().issues[0]?.message;
    titles = reader.titles;
  }
  const detected: Partial<Record<RosterField, number>> = {};
  if (header) for (const f of ROSTER_FIELDS) if (header.columns[f]) detected[f] = header.columns[f]!.index;
  let width = 0;
  for (const r of sample) width = Math.max(width, r.cells.length);
  width = Math.min(width, 200);
  const top = header?.topRow;
  const headerRows = header
    ? sample.filter((r) => r.row >= top! && r.row <= header!.row)
    : sample.filter((r) => r.cells.some((c) => cellText(c) !== '')).slice(0, 1);
  const columns: ColumnChoice[] = [];
  for (let c = 0; c < width; c++) {
    const texts = headerRows.map((r) => cellText(r.cells[c])).filter((t) => t !== '');
    columns.push({ index: c, letter: columnLetter(c), header: [...new Set(texts)].join('/').slice(0, 40) });
  }
  return {
    name,
    rows,
    headerRow: header?.row ?? null,
    detected,
    columns,
    ...(generated ? { generated } : {}),
    ...(notRoster ? { notRoster } : {}),
    ...(titles.length ? { titles } : {}),
  };
}

// ---------------------------------------------------------------------------
// Policy

export function policyView(p: ResolvedPolicy, source: PolicyChoice['kind'], sourceName?: string): PolicyView {
  const rounding: Record<string, string> = { 'half-up': '四舍五入到分 / half-up to the fen' };
  const labelOf = (id: string) => p.lines.find((l) => l.id === id)?.label ?? { zh: id, en: id };
  return {
    id: p.policy.id,
    title: p.policy.title,
    source,
    ...(sourceName ? { sourceName } : {}),
    year: p.year,
    date: p.date,
    rounding: rounding[p.rounding] ?? p.rounding,
    document: `${p.policy.document.name} ${p.policy.document.clause ?? ''}`.trim(),
    lines: p.lines.map((l) => ({
      id: l.id,
      label: l.label,
      clause: l.clause,
      rules: l.appliesTo.map((t) => ({ type: UNIT_TYPE_LABELS[t], text: describeRule(l.byType[t]!, labelOf) })),
    })),
  };
}

/** Reads the 政策参数 sheet of the open workbook (Excel only). */
export type PolicySheetReader = () => Promise<{ name: string; rows: Cell[][] } | null>;

/** The policy a choice names, resolved for the year; errors in words. */
export async function choosePolicy(
  choice: PolicyChoice,
  year: number,
  readSheet?: PolicySheetReader,
): Promise<{ calc: Calculator; view: PolicyView }> {
  try {
    let policy: Policy;
    let name: string | undefined;
    if (choice.kind === 'builtin') policy = builtinPolicy();
    else if (choice.kind === 'file') {
      policy = parsePolicy(choice.text);
      name = choice.name;
    } else {
      const sheet = readSheet ? await readSheet() : null;
      if (!sheet)
        throw new UserError({
          zh: '工作簿中没有名为「政策参数」的工作表。',
          en: 'The workbook has no sheet named 政策参数.',
        });
      policy = policyFromSheet(sheet.rows, builtinPolicy());
      name = sheet.name;
    }
    const resolved = resolvePolicy(policy, year);
    return { calc: new Calculator(resolved), view: policyView(resolved, choice.kind, name) };
  } catch (e) {
    throw toUserError(e);
  }
}

// ---------------------------------------------------------------------------
// Calc results

const money = (d: Decimal): MoneyView => ({ text: formatYuan(d), value: d.toNumber() });

/** Issues the pane lists (paged, by kind); the sheet 问题清单 has them all. */
const TOP_ISSUES = 2000;

const warningsView = (kinds: WarningKind[]) => ({
  kinds,
  text: { zh: warningsSentence(kinds, 'zh'), en: warningsSentence(kinds, 'en') },
});

export function calcView(calc: Calculator, outcome: CalcOutcome, output: OutputView, ms: number): CalcView {
  const ids = calc.lineIds;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of outcome.issues) counts[i.severity]++;
  return {
    kind: 'calc',
    policy: { id: calc.policy.policy.id, title: calc.policy.policy.title, year: calc.policy.year, date: calc.policy.date },
    lines: calc.policy.lines.map((l) => ({ id: l.id, label: l.label })),
    county: {
      units: outcome.county.units,
      total: money(outcome.county.total),
      wan: formatWan(outcome.county.total, 2),
      capital: toChineseCapital(outcome.county.total),
      lines: ids.map((id) => money(outcome.county.lines[id]!)),
    },
    townships: outcome.townships.map((t) => ({
      name: t.name,
      units: t.units,
      total: money(t.total),
      lines: ids.map((id) => money(t.lines[id]!)),
    })),
    rows: { ...outcome.rows },
    sheets: outcome.sheets.map((s) => ({
      sheet: s.sheet,
      headerRow: s.header?.row ?? null,
      read: s.read,
      computed: s.computed,
      rejected: s.rejected,
      skipped: s.skipped,
    })),
    issues: { counts, total: outcome.issues.length, top: issueViews(outcome.issues, TOP_ISSUES), kinds: problemKinds(outcome.issues) },
    warnings: warningsView(warningKinds(outcome.issues)),
    ...(outcome.organisation
      ? { organisation: outcome.organisation.levels.map((l) => ({ label: l.label, units: outcome.organisation!.county[l.id] ?? 0 })) }
      : {}),
    output,
    ms: Math.round(ms),
  };
}

// ---------------------------------------------------------------------------
// Audit results

const DECIMALS: Record<ColumnKind, number | null> = { text: null, integer: 0, money: 2, wan: 2 };

function cellString(c: OutCell, kind: ColumnKind | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c !== 'number') return c;
  const d = DECIMALS[kind ?? 'text'];
  return d === null ? String(c) : c.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

function tableView(spec: SheetSpec, limit = 50): TableView {
  return {
    name: spec.name,
    ...(spec.title ? { title: spec.title } : {}),
    columns: spec.columns.map((c) => c.header),
    rows: spec.rows.slice(0, limit).map((r) => r.map((c, i) => cellString(c, spec.columns[i]?.kind))),
    totalRows: spec.rows.length,
    numeric: spec.columns.map((c) => c.kind !== 'text'),
    ...(spec.totalRows?.length ? { totals: spec.totalRows.filter((i) => i < limit) } : {}),
  };
}

export function auditView(
  sheets: SheetSpec[],
  output: OutputView,
  ms: number,
  figures: AuditView['figures'] = [],
  problems?: AuditView['problems'],
  yearHint: Said | null = null,
): AuditView {
  const find = (re: RegExp) => sheets.find((s) => re.test(s.name));
  const summary = find(/汇总|summary/i) ?? sheets[sheets.length - 1];
  const exceptions = find(/异常|exception/i);
  return {
    kind: 'audit',
    sheets: sheets.map((s) => ({ name: s.name, rows: s.rows.length })),
    summary: summary ? tableView(summary, 60) : null,
    exceptions: exceptions && exceptions !== summary ? tableView(exceptions, 30) : null,
    ...(problems ? { problems } : {}),
    figures,
    ...(yearHint ? { yearHint } : {}),
    output,
    ms: Math.round(ms),
  };
}
