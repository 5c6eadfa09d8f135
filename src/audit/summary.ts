// The end of an audit: the lines, their totals and counts, the control totals and the
// per-township summary, put together as the AuditOutcome every face reads.
import type { Totals } from '../engine/compute.js';
import { type Decimal, ZERO } from '../engine/money.js';
import type { ResolvedPolicy } from '../engine/policy/resolve.js';
import type { RowCounts } from '../workbook/calc-outcome.js';
import type { RowIssue } from '../workbook/issues.js';
import type { ComputedRow } from '../workbook/report.js';
import { auditLines, type ForeignGroup } from './audit-lines.js';
import { controlTotals, ledgerRowCounts } from './controls.js';
import type { Acc } from './duplicates.js';
import type { LedgerSheetSummary } from './ledger.js';
import {
  UNCLASSIFIED,
  type AuditCounts,
  type AuditException,
  type AuditLine,
  type AuditOutcome,
  type Bucket,
  type ResolvedPayment,
  type StatusCode,
  type TownshipLineSummary,
  type TownshipSummary,
} from './outcome.js';
import { periodsDue, type Schedule } from './schedule.js';
import { yearHint, type YearCounts } from '../workbook/year-evidence.js';

/** What the builder gathered while reading the ledger. */
export interface AuditState {
  policy: ResolvedPolicy;
  units: readonly ComputedRow[];
  calcTotals: { county: Totals; rows: RowCounts };
  tolerance: Decimal;
  asOf: string | null;
  schedule: Schedule | null;
  slots: readonly (Acc | undefined)[];
  foreign: Iterable<ForeignGroup>;
  ledgerTotal: Decimal;
  buckets: Record<Bucket, Decimal>;
  counts: Omit<AuditCounts, StatusCode | 'exceptions'>;
  exceptions: AuditException[];
  notes: RowIssue[];
  rosterWarnings: RowIssue[];
  payments: ResolvedPayment[];
  sheets: LedgerSheetSummary[];
  /** Dated payments per year (year-evidence.ts). */
  years: YearCounts;
}

export function summarise(s: AuditState): AuditOutcome {
  const year = s.policy.year;
  const due = s.asOf === null ? null : periodsDue(year, s.asOf, s.schedule!);
  const lines = auditLines({ policy: s.policy, units: s.units, slots: s.slots, foreign: s.foreign, tolerance: s.tolerance, due });

  const statusCounts: Record<StatusCode, number> = { match: 0, under: 0, over: 0, unpaid: 0, noBasis: 0 };
  let entitled = ZERO;
  let expected = ZERO;
  let linesDisbursed = ZERO;
  for (const l of lines) {
    statusCounts[l.status]++;
    entitled = entitled.plus(l.entitled);
    expected = expected.plus(l.expected);
    linesDisbursed = linesDisbursed.plus(l.disbursed);
  }
  const { matched, unmatched, unclassified } = s.buckets;
  const calcTotal = s.calcTotals.county.total;
  const ledgerRows = ledgerRowCounts(s.sheets);
  const controls = controlTotals({ ledgerTotal: s.ledgerTotal, buckets: s.buckets, linesDisbursed, entitled, calcTotal, ledgerRows });
  const exceptions = s.exceptions;
  const counts: AuditCounts = { ...statusCounts, ...s.counts, exceptions: exceptions.length };
  const clean = exceptions.length === 0 && lines.every((l) => l.status === 'match') && controls.every((c) => c.ties);
  return {
    year,
    tolerance: s.tolerance,
    asOf: s.asOf,
    schedule: s.schedule,
    due,
    lines,
    exceptions,
    notes: s.notes,
    rosterWarnings: s.rosterWarnings,
    payments: s.payments,
    totals: {
      entitled,
      expected,
      disbursed: s.ledgerTotal,
      matched,
      unmatched,
      unclassified,
      variance: s.ledgerTotal.minus(expected),
      calcTotal,
    },
    counts,
    controls,
    rows: { ledger: ledgerRows, roster: s.calcTotals.rows },
    ledgerSheets: s.sheets,
    townships: townshipSummaries(s.units, s.policy, lines),
    clean,
    yearHint: yearHint(year, s.years),
  };
}

/** Per township (the roster's order, then townships only the ledger names) and line: the sums and status counts. */
function townshipSummaries(units: readonly ComputedRow[], policy: ResolvedPolicy, lines: AuditLine[]): TownshipSummary[] {
  const order = [...new Set(units.map((u) => u.result.unit.township))];
  const byTown = new Map<string, Map<string, TownshipLineSummary>>();
  const lineOrder = [...policy.lines.map((l) => l.id), UNCLASSIFIED];
  for (const l of lines) {
    const town = l.roster ? l.township : l.township || '（不明）';
    let t = byTown.get(town);
    if (!t) byTown.set(town, (t = new Map()));
    let s = t.get(l.line);
    if (!s)
      t.set(
        l.line,
        (s = {
          line: l.line,
          lineLabel: l.lineLabel,
          entitled: ZERO,
          expected: ZERO,
          disbursed: ZERO,
          variance: ZERO,
          counts: { match: 0, under: 0, over: 0, unpaid: 0, noBasis: 0 },
        }),
      );
    s.entitled = s.entitled.plus(l.entitled);
    s.expected = s.expected.plus(l.expected);
    s.disbursed = s.disbursed.plus(l.disbursed);
    s.variance = s.variance.plus(l.variance);
    s.counts[l.status]++;
  }
  const towns = [...order.filter((t) => byTown.has(t)), ...[...byTown.keys()].filter((t) => !order.includes(t))];
  return towns.map((township) => {
    const t = byTown.get(township)!;
    return { township, lines: lineOrder.filter((id) => t.has(id)).map((id) => t.get(id)!) };
  });
}
