// The audit proper: every payment read from the ledger is resolved to a unit and a fund
// line (or flagged), summed per unit x line, and, at the end, compared with what the unit
// is entitled to. Host-independent: the CLI, the add-in and the web page feed it rows.
// Each payment is resolved alone (resolve-payment.ts); here are the sums, the duplicate
// check across payments, and the exceptions and notes in reading order.
import type { Calculator, Totals } from '../engine/compute.js';
import { type Decimal, ZERO } from '../engine/money.js';
import type { RowCounts } from '../workbook/calc-outcome.js';
import type { RowIssue } from '../workbook/issues.js';
import { NoSheetReadError } from '../workbook/not-read.js';
import type { ComputedRow } from '../workbook/report.js';
import type { ForeignGroup } from './audit-lines.js';
import { type Acc, addPayment, earlierPayment, newAcc } from './duplicates.js';
import { LEDGER_WORDS, auditIssue } from './issues.js';
import type { LedgerPayment, LedgerRowOutcome, LedgerSheetSummary } from './ledger.js';
import { type AuditOptions, checkAsOf, parseTolerance } from './options.js';
import { UNCLASSIFIED, type AuditException, type AuditOutcome, type Bucket, type NoBasisReason, type ResolvedPayment } from './outcome.js';
import { nameKey, townshipKey } from './payee-names.js';
import { type Finding, type PaymentContext, paymentContext, placeOf, resolvePayment } from './resolve-payment.js';
import type { Schedule } from './schedule.js';
import { summarise } from './summary.js';
import { countDate, type YearCounts } from '../workbook/year-evidence.js';

/** Shared by payments without exceptions (replaced, never pushed to). */
const NO_CODES: readonly string[] = Object.freeze([]);

export class AuditBuilder {
  private readonly ctx: PaymentContext;
  private readonly width: number;
  /** Per unit x line (unclassified last), by unitIndex * width + lineIndex. */
  private readonly slots: (Acc | undefined)[];
  private readonly foreign = new Map<string, ForeignGroup>();
  private readonly exceptions: AuditException[] = [];
  private readonly notes: RowIssue[] = [];
  private readonly rosterWarnings: RowIssue[] = [];
  private readonly payments: ResolvedPayment[] = [];
  private readonly sheets: LedgerSheetSummary[] = [];
  private ledgerTotal = ZERO;
  /** Dated payments per year: whether the ledger is for the audit year at all. */
  private readonly years: YearCounts = {};
  private buckets: Record<Bucket, Decimal> = { matched: ZERO, unmatched: ZERO, unclassified: ZERO };
  private counts = { duplicates: 0, unclassified: 0, ambiguous: 0, unknownPayee: 0, notEntitled: 0, outOfYear: 0, rejected: 0 };
  private readonly tolerance: Decimal;
  private readonly asOf: string | null;
  private readonly schedule: Schedule | null;

  constructor(
    private readonly calc: Calculator,
    private readonly units: readonly ComputedRow[],
    private readonly calcTotals: { county: Totals; rows: RowCounts; issues: RowIssue[] },
    options: AuditOptions = {},
  ) {
    this.tolerance = parseTolerance(options.tolerance);
    this.asOf = options.asOf === undefined ? null : checkAsOf(options.asOf);
    this.schedule = this.asOf === null ? null : (options.schedule ?? 'quarterly');
    this.ctx = paymentContext(
      calc.policy,
      units.map((u) => ({ unit: u.result.unit, sheet: u.sheet, row: u.row })),
      this.asOf,
    );
    this.width = calc.policy.lines.length + 1;
    this.slots = new Array(units.length * this.width);
    for (const i of calcTotals.issues)
      if (i.severity === 'warning') this.rosterWarnings.push(i);
      else if (i.severity === 'error')
        this.exceptions.push({
          ...i,
          source: 'roster',
          suggestion: null,
          payee: null,
          line: null,
          amount: null,
          voucher: null,
          date: null,
        });
  }

  /** Feeds one outcome of a ledger reader. */
  take(o: LedgerRowOutcome): void {
    if (o.kind === 'skipped') this.notes.push(o.issue);
    else if (o.kind === 'rejected') {
      this.counts.rejected++;
      for (const i of o.issues)
        this.exceptions.push({
          ...i,
          source: 'ledger',
          suggestion: null,
          payee: null,
          line: null,
          amount: null,
          voucher: o.voucher || null,
          date: o.date,
        });
    } else this.payment(o.payment);
  }

  /** Ends a ledger sheet. */
  sheet(summary: LedgerSheetSummary): void {
    this.sheets.push(summary);
    this.notes.push(...summary.issues);
  }

  private payment(p: LedgerPayment): void {
    this.ledgerTotal = this.ledgerTotal.plus(p.amount);
    if (p.date) countDate(this.years, p.date);
    const r = resolvePayment(p, this.ctx);
    const { payee, township, match, line } = r;
    const lineId = line ?? UNCLASSIFIED;
    if (match.kind === 'unknown') this.counts.unknownPayee++;
    else if (match.kind === 'ambiguous') this.counts.ambiguous++;
    if (r.note) this.notes.push(r.note);
    if (r.notEntitled) this.counts.notEntitled++;

    // Where the money goes: the unit's slot, or the group of an unknown payee.
    let acc: Acc;
    let bucket: Bucket;
    if (match.kind === 'unit') {
      acc = this.slots[match.unit.index * this.width + r.lineIndex] ??= newAcc();
      bucket = line === null ? 'unclassified' : 'matched';
    } else {
      acc = this.foreignGroup(township ?? '', payee, lineId, match.kind === 'ambiguous' ? 'ambiguousPayee' : 'unknownPayee');
      bucket = line === null ? 'unclassified' : 'unmatched';
    }
    if (line === null) this.counts.unclassified++;
    const ref: ResolvedPayment = {
      sheet: p.sheet,
      row: p.row,
      amount: p.amount,
      date: p.date,
      voucher: p.voucher,
      township,
      payee,
      unit: match.kind === 'unit' ? match.unit.unit : null,
      matchedBy: match.kind === 'unit' ? match.by : null,
      nameRule: match.kind === 'unit' ? match.rule : null,
      line: lineId,
      bucket,
      codes: NO_CODES,
    };
    // Suspected duplicates: same payee, line (both given by acc) and amount with the same voucher or the same date.
    const found: Finding[] = r.findings;
    if (!p.amount.isZero()) {
      const first = earlierPayment(acc, ref);
      if (first) {
        found.push({ issue: auditIssue.duplicate(placeOf(p, first.by), p.voucher, first.ref, first.by) });
        this.counts.duplicates++;
        acc.duplicates++;
      }
    }
    addPayment(acc, ref);
    this.buckets[bucket] = this.buckets[bucket].plus(p.amount);
    if (r.outOfYear) {
      this.counts.outOfYear++;
      acc.outOfYear++;
    }
    found.push(...r.dateFindings);

    const payeeShown = payee || null;
    for (const f of found)
      this.exceptions.push({
        ...f.issue,
        source: 'ledger',
        suggestion: f.suggestion ?? null,
        payee: payeeShown,
        line: lineId,
        amount: p.amount,
        voucher: p.voucher || null,
        date: p.date,
      });
    if (found.length > 0) ref.codes = found.map((f) => f.issue.code);
    this.payments.push(ref);
  }

  /** The group of payments to a payee not (uniquely) in the roster: by township, name, line and why. */
  private foreignGroup(township: string, payee: string, line: string, reason: NoBasisReason): ForeignGroup {
    const k = `${townshipKey(township)}\u0000${nameKey(payee)}\u0000${line}\u0000${reason}`;
    let g = this.foreign.get(k);
    if (!g) this.foreign.set(k, (g = { township, name: payee, line, reason, order: this.foreign.size, ...newAcc() }));
    return g;
  }

  finish(): AuditOutcome {
    if (!this.sheets.some((s) => s.header !== null))
      throw new NoSheetReadError(
        LEDGER_WORDS,
        this.sheets.flatMap((s) => s.issues),
      );
    return summarise({
      policy: this.calc.policy,
      units: this.units,
      calcTotals: this.calcTotals,
      tolerance: this.tolerance,
      asOf: this.asOf,
      schedule: this.schedule,
      slots: this.slots,
      foreign: this.foreign.values(),
      ledgerTotal: this.ledgerTotal,
      buckets: this.buckets,
      counts: this.counts,
      exceptions: this.exceptions,
      notes: this.notes,
      rosterWarnings: this.rosterWarnings,
      payments: this.payments,
      sheets: this.sheets,
      years: this.years,
    });
  }
}
