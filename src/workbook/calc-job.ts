// The calc job every face runs: read roster sheets, compute each unit, and
// hand each computed row to a sink as it is ready (so the CLI can stream).
// Throws NoSheetReadError when no sheet is a roster.
import { TotalsBuilder, type Calculator } from '../engine/compute.js';
import { ACTUAL_ORGANISATION_LABELS, organisationFits } from '../engine/organisation.js';
import { createNameRegistry } from './duplicates.js';
import { rosterIssue } from './roster-issues.js';
import type { RowIssue } from './issues.js';
import { createRosterReader, type RosterField, type RosterRowOutcome, type RosterSheetSummary } from './roster.js';
import type { Lang } from '../engine/said.js';
import { resultFootRows, resultRow, resultSheetHead, summarySheets, type ComputedRow } from './report.js';
import type { ReportOptions } from './report-heading.js';
import { NoSheetReadError } from './not-read.js';
import { ROSTER_WORDS } from './roster-issues.js';
import type { SheetSpec } from './sheet-spec.js';
import type { CalcOutcome, RowCounts } from './calc-outcome.js';
import type { WorkbookSource } from './source.js';

const count = (c: Record<string, number>, level: string) => void (c[level] = (c[level] ?? 0) + 1);

export interface CalcOptions {
  /** Column overrides per sheet name (e.g. from the task pane); null removes a field the header detection found. */
  mappings?: Record<string, Partial<Record<RosterField, number | null>>>;
  /** Called every few hundred rows with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
  signal?: AbortSignal;
}

export async function runCalc(
  source: WorkbookSource,
  calc: Calculator,
  sink: (row: ComputedRow) => void | Promise<void>,
  options: CalcOptions = {},
): Promise<CalcOutcome> {
  const totals = new TotalsBuilder(calc.lineIds);
  const sheets: RosterSheetSummary[] = [];
  const issues: RowIssue[] = [];
  let seen = 0;
  // One registry for the whole workbook: the same unit on two sheets is a duplicate too.
  const names = createNameRegistry();
  // Not async: a promise per row costs more than the row's calculation (the sink says when to wait).
  const org = calc.organisation;
  const orgCounts = org && { county: {} as Record<string, number>, townships: new Map<string, Record<string, number>>() };
  const take = (o: RosterRowOutcome): void | Promise<void> => {
    if (o.kind === 'unit') {
      const result = calc.unit(o.unit);
      totals.add(result);
      for (const i of o.issues) issues.push(i);
      if (!org) return sink({ sheet: o.sheet, row: o.row, result });
      const organisation = org.for(o.unit);
      const actual = o.unit.organisation;
      if (actual && !organisationFits(organisation, actual))
        issues.push(rosterIssue.organisationMismatch(o.organisationAt!, ACTUAL_ORGANISATION_LABELS[actual], organisation.explanation));
      count(orgCounts!.county, organisation.level);
      let t = orgCounts!.townships.get(o.unit.township);
      if (!t) orgCounts!.townships.set(o.unit.township, (t = {}));
      count(t, organisation.level);
      return sink({ sheet: o.sheet, row: o.row, result, organisation });
    } else if (o.kind === 'rejected') issues.push(...o.issues);
    else if (o.issue) issues.push(o.issue);
  };
  for await (const sheet of source) {
    const reader = createRosterReader(sheet.name, { mapping: options.mappings?.[sheet.name], names, kind: sheet.kind });
    if (sheet.notes) issues.push(...sheet.notes);
    for await (const { row, cells } of sheet.rows) {
      for (const o of reader.push(row, cells)) {
        const wait = take(o);
        if (wait) await wait;
      }
      if (++seen % 512 === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.(seen);
      }
    }
    const summary = reader.finish();
    sheets.push(summary);
    issues.push(...summary.issues);
  }
  options.onProgress?.(seen);
  // No roster at all is an error, never a zero budget; a roster with no rows, or none computed, is a result.
  if (!sheets.some((s) => s.header !== null)) throw new NoSheetReadError(ROSTER_WORDS, issues);
  const rows: RowCounts = { read: 0, computed: 0, rejected: 0, skipped: 0 };
  for (const s of sheets) for (const k of ['read', 'computed', 'rejected', 'skipped'] as const) rows[k] += s[k];
  const organisation = org && {
    levels: org.levels,
    county: orgCounts!.county,
    townships: Object.fromEntries(orgCounts!.townships),
  };
  return { rows, sheets, issues, ...totals.result(), ...(organisation ? { organisation } : {}) };
}

/** The whole calc in memory (task pane, web page): the outcome and the four report sheets. */
export async function calcReport(
  source: WorkbookSource,
  calc: Calculator,
  lang: Lang,
  options: CalcOptions = {},
  report: ReportOptions = {},
) {
  const units: ComputedRow[] = [];
  const outcome = await runCalc(source, calc, (r) => void units.push(r), options);
  const rows = units.map((u) => resultRow(u, lang));
  rows.push(...resultFootRows(calc, outcome.county, lang));
  const sheets: SheetSpec[] = [
    { ...resultSheetHead(calc, lang, report), rows, totalRows: [units.length] },
    ...summarySheets(calc, outcome, lang, report),
  ];
  return { outcome, units, sheets };
}
