// The audit proper: every payment read from the ledger is matched to a unit and a
// fund line (or flagged), summed per unit x line, and compared with what the unit is
// entitled to. Host-independent: the CLI, the add-in and the web page feed it rows.
//
// Control totals tie by construction and are checked, not assumed:
//   ledger total = matched + unmatched + unclassified = sum of every line's disbursed
//   sum of every line's entitled = the calc total for the same roster, policy and year
import type { Calculator, Totals } from '../engine/compute.js';
import { Decimal, ZERO } from '../engine/money.js';
import type { UnitType } from '../engine/unit.js';
import type { ComputedRow } from '../workbook/report.js';
import type { IssuePlace, RowIssue } from '../workbook/issues.js';
import type { RowCounts } from '../workbook/calc-outcome.js';
import { NoSheetReadError } from '../workbook/not-read.js';
import { LEDGER_WORDS, auditIssue, type RosterUnitRef } from './issues.js';
import type { LedgerField } from './ledger-fields.js';
import type { LedgerPayment, LedgerRowOutcome, LedgerSheetSummary } from './ledger.js';
import { LineClassifier, yearsNamed } from './lines.js';
import { PayeeIndex, nameKey, townshipKey, unitLabel, type NameRule, type PayeeMatch, type PayeeUnit } from './payees.js';
import { dueAmount, periodsDue, type Schedule } from './schedule.js';

export const STATUS_CODES = ['match', 'under', 'over', 'unpaid', 'noBasis'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** The status words of the contract. */
export const STATUS_WORDS: Record<StatusCode, string> = { match: '足额', under: '少拨', over: '多拨', unpaid: '未拨', noBasis: '无依据' };
export const STATUS_EN: Record<StatusCode, string> = {
  match: 'paid in full',
  under: 'under-paid',
  over: 'over-paid',
  unpaid: 'unpaid',
  noBasis: 'no basis',
};

/** Line id of payments whose fund line cannot be told. */
export const UNCLASSIFIED = 'unclassified';
export const UNCLASSIFIED_LABEL = { zh: '未分类', en: 'unclassified' } as const;

export type NoBasisReason = 'unknownPayee' | 'ambiguousPayee' | 'notEntitled' | 'unclassified';
export type Bucket = 'matched' | 'unmatched' | 'unclassified';

export interface AuditOptions {
  /** Variance within this (yuan, >= 0) counts as 足额. Default 0. */
  tolerance?: Decimal | string;
  /** Compare against what was due by this ISO date (YYYY-MM-DD) on `schedule`, not the whole year. */
  asOf?: string;
  /** Instalment schedule for `asOf` (default quarterly). */
  schedule?: Schedule;
}

export interface LedgerRef {
  sheet: string;
  row: number;
  amount: Decimal;
  date: string | null;
  voucher: string;
}

/** One unit x fund line (or an unknown payee x line): entitled against disbursed. */
export interface AuditLine {
  status: StatusCode;
  township: string;
  name: string;
  code: string | null;
  type: UnitType | null;
  /** Policy line id, or "unclassified". */
  line: string;
  lineLabel: { zh: string; en: string };
  /** The year's entitlement. */
  entitled: Decimal;
  /** Due by the as-of date (the entitlement when there is none). */
  expected: Decimal;
  disbursed: Decimal;
  /** disbursed - expected. */
  variance: Decimal;
  payments: number;
  vouchers: string[];
  ledgerRows: LedgerRef[];
  /** Why a 无依据 line has no basis; null otherwise. */
  reason: NoBasisReason | null;
  /** The roster row of the unit; null for a payee not (uniquely) in the roster. */
  roster: { sheet: string; row: number } | null;
  duplicates: number;
  outOfYear: number;
}

/** An exception: a row issue, where it came from, what it concerns, and a suggestion if any. */
export interface AuditException extends RowIssue {
  source: 'ledger' | 'roster';
  suggestion: string | null;
  payee: string | null;
  line: string | null;
  amount: Decimal | null;
  /** The ledger row's voucher (凭证号) and date, so the auditor can find the payment; null when it has none. */
  voucher: string | null;
  date: string | null;
}

/** One payment as resolved, for the 付款明细 sheet. */
export interface ResolvedPayment extends LedgerRef {
  township: string | null;
  payee: string;
  /** The roster unit paid, or null. */
  unit: { township: string; name: string } | null;
  matchedBy: 'code' | 'township' | 'name' | null;
  /** How the name compared: as written, or in its plain form (null: the code alone decided, or no unit). */
  nameRule: NameRule | null;
  line: string;
  bucket: Bucket;
  /** Codes of this payment's exceptions. */
  codes: readonly string[];
}

export interface Control {
  id: 'ledgerPartition' | 'ledgerLines' | 'entitlement' | 'ledgerRows';
  label: { zh: string; en: string };
  left: Decimal;
  right: Decimal;
  ties: boolean;
}

export interface AuditTotals {
  entitled: Decimal;
  expected: Decimal;
  /** Every payment in the ledger. */
  disbursed: Decimal;
  matched: Decimal;
  unmatched: Decimal;
  unclassified: Decimal;
  /** disbursed - expected. */
  variance: Decimal;
  /** The calc total for the same roster, policy and year. */
  calcTotal: Decimal;
}

export interface AuditCounts {
  match: number;
  under: number;
  over: number;
  unpaid: number;
  noBasis: number;
  /** Payments flagged as suspected duplicates of an earlier one. */
  duplicates: number;
  /** Payments whose fund line cannot be told. */
  unclassified: number;
  /** Payments whose payee fits several units. */
  ambiguous: number;
  unknownPayee: number;
  notEntitled: number;
  outOfYear: number;
  /** Ledger rows whose amount cannot be read. */
  rejected: number;
  exceptions: number;
}

export interface LedgerRowCounts {
  read: number;
  payments: number;
  rejected: number;
  skipped: number;
}

export interface AuditOutcome {
  year: number;
  tolerance: Decimal;
  asOf: string | null;
  schedule: Schedule | null;
  /** Instalments due by asOf, of how many (null without asOf). */
  due: { due: number; of: number } | null;
  lines: AuditLine[];
  exceptions: AuditException[];
  /** Skipped rows and sheet-level notes: not problems, listed so no row goes unexplained. */
  notes: RowIssue[];
  /** Roster rows computed with a warning (人口为0, 党员多于人口 …): their entitlements count, and the auditor sees why to check them. */
  rosterWarnings: RowIssue[];
  payments: ResolvedPayment[];
  totals: AuditTotals;
  counts: AuditCounts;
  controls: Control[];
  rows: { ledger: LedgerRowCounts; roster: RowCounts };
  ledgerSheets: LedgerSheetSummary[];
  townships: TownshipSummary[];
  /** Everything 足额 and no exceptions. */
  clean: boolean;
}

export interface TownshipLineSummary {
  line: string;
  lineLabel: { zh: string; en: string };
  entitled: Decimal;
  expected: Decimal;
  disbursed: Decimal;
  variance: Decimal;
  counts: Record<StatusCode, number>;
}

export interface TownshipSummary {
  township: string;
  lines: TownshipLineSummary[];
}

/** Thrown when the inputs cannot be audited at all (no units, no ledger sheet). */
export class AuditInputError extends Error {
  constructor(readonly said: { zh: string; en: string }) {
    super(said.en);
  }
}

interface Acc {
  sum: Decimal;
  refs: LedgerRef[];
  duplicates: number;
  outOfYear: number;
  /** For payees paid very often: earlier payments by amount + voucher / date (else refs are scanned). */
  seen?: Map<string, LedgerRef>;
}

/** Shared by payments without exceptions (replaced, never pushed to). */
const NO_CODES: readonly string[] = Object.freeze([]);

/** Up to this many payments per payee x line, duplicates are found by scanning them. */
const SCAN_LIMIT = 32;

interface ForeignGroup extends Acc {
  township: string;
  name: string;
  line: string;
  reason: NoBasisReason;
  order: number;
}

const STATUS_ORDER: Record<StatusCode, number> = { noBasis: 0, over: 1, under: 2, unpaid: 3, match: 4 };

export function parseTolerance(t: Decimal | string | undefined): Decimal {
  if (t === undefined) return ZERO;
  const d = t instanceof Decimal ? t : /^\d+(\.\d{1,2})?$/.test(t.trim()) ? new Decimal(t.trim()) : null;
  if (!d || !d.isFinite() || d.isNegative() || d.decimalPlaces() > 2)
    throw new AuditInputError({
      zh: `容差应为不小于0、最多两位小数的金额：${String(t)}`,
      en: `the tolerance must be an amount >= 0 with at most two decimals: ${String(t)}`,
    });
  return d;
}

export function checkAsOf(asOf: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(asOf) ||
    Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) ||
    new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf
  )
    throw new AuditInputError({ zh: `截止日期应写作YYYY-MM-DD：${asOf}`, en: `the as-of date must be written YYYY-MM-DD: ${asOf}` });
  return asOf;
}

export class AuditBuilder {
  private readonly index: PayeeIndex;
  private readonly classifier: LineClassifier;
  private readonly lineIds: string[];
  private readonly width: number;
  /** Per unit x line (unclassified last), by unitIndex * width + lineIndex. */
  private readonly slots: (Acc | undefined)[];
  private readonly foreign = new Map<string, ForeignGroup>();
  private readonly exceptions: AuditException[] = [];
  private readonly notes: RowIssue[] = [];
  private readonly rosterWarnings: RowIssue[] = [];
  private readonly payments: ResolvedPayment[] = [];
  private readonly sheets: LedgerSheetSummary[] = [];
  private readonly sheetTownship = new Map<string, string | null>();
  private ledgerTotal = ZERO;
  private buckets: Record<Bucket, Decimal> = { matched: ZERO, unmatched: ZERO, unclassified: ZERO };
  private counts = { duplicates: 0, unclassified: 0, ambiguous: 0, unknownPayee: 0, notEntitled: 0, outOfYear: 0, rejected: 0 };
  private readonly tolerance: Decimal;
  private readonly asOf: string | null;
  private readonly schedule: Schedule | null;
  private readonly year: number;

  constructor(
    private readonly calc: Calculator,
    private readonly units: readonly ComputedRow[],
    private readonly calcTotals: { county: Totals; rows: RowCounts; issues: RowIssue[] },
    options: AuditOptions = {},
  ) {
    this.index = new PayeeIndex(units.map((u) => u.result.unit));
    this.classifier = new LineClassifier(calc.policy);
    this.lineIds = calc.lineIds;
    this.width = this.lineIds.length + 1;
    this.slots = new Array(units.length * this.width);
    this.tolerance = parseTolerance(options.tolerance);
    this.asOf = options.asOf === undefined ? null : checkAsOf(options.asOf);
    this.schedule = this.asOf === null ? null : (options.schedule ?? 'quarterly');
    this.year = calc.policy.year;
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

  private label(line: string): { zh: string; en: string } {
    return line === UNCLASSIFIED
      ? UNCLASSIFIED_LABEL
      : (this.calc.policy.lines.find((l) => l.id === line)?.label ?? { zh: line, en: line });
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

  private sheetTown(sheet: string): string | null {
    let t = this.sheetTownship.get(sheet);
    if (t === undefined) this.sheetTownship.set(sheet, (t = this.index.resolveTownship(sheet) === undefined ? null : sheet));
    return t;
  }

  private payment(p: LedgerPayment): void {
    const found: { issue: RowIssue; suggestion?: string }[] = p.issues.map((issue) => ({ issue }));
    const place = (f: LedgerField | null): IssuePlace => {
      const c = f === null ? undefined : p.header.columns[f];
      return c ? { sheet: p.sheet, row: p.row, column: c.index, header: c.header } : { sheet: p.sheet, row: p.row, column: null };
    };
    this.ledgerTotal = this.ledgerTotal.plus(p.amount);

    // Payee: the payee column, else a roster name found in 摘要.
    let payee = p.payee;
    let payeeField: LedgerField = 'payee';
    if (payee === '' && p.summary !== '') {
      const inSummary = this.index.findNameIn(p.summary);
      if (inSummary) {
        payee = inSummary;
        payeeField = 'summary';
      }
    }
    const township = p.township ?? this.sheetTown(p.sheet);
    const match: PayeeMatch = this.index.match({ name: payee, township, code: p.code });
    const payeeAt = place(p.header.columns[payeeField] ? payeeField : p.header.columns.payee ? 'payee' : 'summary');
    for (const n of match.notes) {
      if (n.kind === 'codeNameMismatch') found.push({ issue: auditIssue.codeNameMismatch(place('code'), n.code, payee, n.unitName) });
      else if (n.kind === 'codeMismatch') found.push({ issue: auditIssue.codeMismatch(place('code'), n.code, n.unitCode) });
      else if (n.kind === 'unknownCode') found.push({ issue: auditIssue.unknownCode(place('code'), n.code) });
      else found.push({ issue: auditIssue.unknownTownship(place('township'), n.township) });
    }

    // Fund line: the category column, else 摘要.
    let line: string | null = null;
    const cat = p.category ? this.classifier.classify(p.category) : ({ kind: 'none' } as const);
    const sum = p.summary ? this.classifier.classify(p.summary) : ({ kind: 'none' } as const);
    const labels = (ids: string[]) => ids.map((id) => this.label(id).zh);
    if (cat.kind === 'line') {
      line = cat.line;
      if (sum.kind === 'line' && sum.line !== cat.line)
        found.push({ issue: auditIssue.lineConflict(place('category'), this.label(cat.line).zh, this.label(sum.line).zh) });
    } else if (sum.kind === 'line' && (cat.kind === 'none' || cat.lines.includes(sum.line))) line = sum.line;
    else if (cat.kind === 'multiple') found.push({ issue: auditIssue.multipleLines(place('category'), p.category, labels(cat.lines)) });
    else if (sum.kind === 'multiple') found.push({ issue: auditIssue.multipleLines(place('summary'), p.summary, labels(sum.lines)) });
    else {
      const f: LedgerField = p.category ? 'category' : p.header.columns.summary ? 'summary' : 'category';
      found.push({ issue: auditIssue.unclassified(place(f), p.category || p.summary) });
    }
    const lineId = line ?? UNCLASSIFIED;

    // Payee problems.
    if (match.kind === 'unknown') {
      const s = match.suggestions.map((u) => unitLabel(u.unit));
      found.push({ issue: auditIssue.unknownPayee(payeeAt, payee, s), suggestion: s.join('；') || undefined });
      this.counts.unknownPayee++;
    } else if (match.kind === 'ambiguous') {
      found.push(this.ambiguous(payeeAt, payee, match));
      this.counts.ambiguous++;
    } else if (match.rule === 'form') this.notes.push(auditIssue.nameForm(payeeAt, payee, match.form!, unitLabel(match.unit.unit)));

    // Where the money goes.
    let acc: Acc;
    let bucket: Bucket;
    if (match.kind === 'unit') {
      const u = match.unit;
      const li = line === null ? this.lineIds.length : this.lineIds.indexOf(line);
      const k = u.index * this.width + li;
      acc = this.slots[k] ??= { sum: ZERO, refs: [], duplicates: 0, outOfYear: 0 };
      bucket = line === null ? 'unclassified' : 'matched';
      if (line !== null) {
        const resolved = this.calc.policy.lines[li]!;
        if (!resolved.byType[u.unit.type]) {
          found.push({ issue: auditIssue.notEntitled(payeeAt, unitLabel(u.unit), resolved.label.zh) });
          this.counts.notEntitled++;
        }
      }
    } else {
      const town = township ?? '';
      const nk = nameKey(payee);
      const reason: NoBasisReason = match.kind === 'ambiguous' ? 'ambiguousPayee' : 'unknownPayee';
      const k = `${townshipKey(town)}\u0000${nk}\u0000${lineId}\u0000${reason}`;
      let g = this.foreign.get(k);
      if (!g)
        this.foreign.set(
          k,
          (g = {
            township: town,
            name: payee,
            line: lineId,
            reason,
            order: this.foreign.size,
            sum: ZERO,
            refs: [],
            duplicates: 0,
            outOfYear: 0,
          }),
        );
      acc = g;
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
    if (!p.amount.isZero()) {
      const first = this.earlier(acc, ref);
      if (first) {
        found.push({ issue: auditIssue.duplicate(place(first.by), p.voucher, first.ref, first.by) });
        this.counts.duplicates++;
        acc.duplicates++;
      }
    }
    acc.sum = acc.sum.plus(p.amount);
    acc.refs.push(ref);
    if (acc.seen) this.remember(acc.seen, ref);
    else if (acc.refs.length > SCAN_LIMIT) {
      acc.seen = new Map();
      for (const r of acc.refs) this.remember(acc.seen, r);
    }
    this.buckets[bucket] = this.buckets[bucket].plus(p.amount);

    // Dates and years.
    if (p.date !== null) {
      if (p.date.slice(0, 4) !== String(this.year)) {
        found.push({ issue: auditIssue.outOfYear(place('date'), p.date, this.year) });
        this.counts.outOfYear++;
        acc.outOfYear++;
      } else if (this.asOf !== null && p.date > this.asOf) found.push({ issue: auditIssue.afterAsOf(place('date'), p.date, this.asOf) });
    }
    const years = p.summary.includes('年') ? [...new Set(yearsNamed(p.summary))] : [];
    if (years.length > 0 && !years.includes(this.year))
      found.push({ issue: auditIssue.otherYearInSummary(place('summary'), years, this.year) });

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

  /**
   * A payee fitting several units. Where two of them share a township (the roster's
   * DUPLICATE_NAME), no township can tell them apart: name each with its roster sheet and
   * row and ask for the division code.
   */
  private ambiguous(at: IssuePlace, payee: string, match: PayeeMatch & { kind: 'ambiguous' }): { issue: RowIssue; suggestion: string } {
    const form = match.rule === 'form' ? match.form : null;
    const towns = new Set(match.candidates.map((u) => u.town));
    if (towns.size === match.candidates.length) {
      const c = match.candidates.map((u) => unitLabel(u.unit));
      return { issue: auditIssue.ambiguousPayee(at, payee, c, form), suggestion: c.join('；') };
    }
    const refs = match.candidates.map((u) => this.rosterRef(u));
    const suggestion = `请在拨付明细中填写区划代码：${refs
      .map((r) => `${r.name}（${r.township}，${r.sheet}!${r.row}${r.code ? `，${r.code}` : '，花名册未填区划代码'}）`)
      .join('；')}`;
    return { issue: auditIssue.ambiguousSameName(at, payee, form, refs), suggestion };
  }

  private rosterRef(u: PayeeUnit): RosterUnitRef {
    const c = this.units[u.index]!;
    return { township: u.unit.township, name: u.unit.name, code: u.unit.code ?? null, sheet: c.sheet, row: c.row };
  }

  /** An earlier payment in acc with the same amount and the same voucher (first) or date. */
  private earlier(acc: Acc, p: LedgerRef): { ref: LedgerRef; by: 'voucher' | 'date' } | undefined {
    if (acc.seen) {
      const a = p.amount.toFixed(2);
      const v = p.voucher ? acc.seen.get(`${a}\u0000v${p.voucher}`) : undefined;
      if (v) return { ref: v, by: 'voucher' };
      const d = p.date ? acc.seen.get(`${a}\u0000d${p.date}`) : undefined;
      return d && { ref: d, by: 'date' };
    }
    let byDate: LedgerRef | undefined;
    for (const r of acc.refs) {
      if (r.amount !== p.amount && !r.amount.equals(p.amount)) continue;
      if (p.voucher !== '' && r.voucher === p.voucher) return { ref: r, by: 'voucher' };
      if (!byDate && p.date !== null && r.date === p.date) byDate = r;
    }
    return byDate && { ref: byDate, by: 'date' };
  }

  private remember(seen: Map<string, LedgerRef>, r: LedgerRef): void {
    if (r.amount.isZero()) return;
    const a = r.amount.toFixed(2);
    if (r.voucher && !seen.has(`${a}\u0000v${r.voucher}`)) seen.set(`${a}\u0000v${r.voucher}`, r);
    if (r.date && !seen.has(`${a}\u0000d${r.date}`)) seen.set(`${a}\u0000d${r.date}`, r);
  }

  finish(): AuditOutcome {
    if (!this.sheets.some((s) => s.header !== null))
      throw new NoSheetReadError(
        LEDGER_WORDS,
        this.sheets.flatMap((s) => s.issues),
      );
    const policy = this.calc.policy;
    const due = this.asOf === null ? null : periodsDue(this.year, this.asOf, this.schedule!);
    const expectedOf = (e: Decimal) => (due === null ? e : dueAmount(e, due.due, due.of, policy.rounding));
    const lines: (AuditLine & { order: number })[] = [];
    const status = (applies: boolean, expected: Decimal, disbursed: Decimal): StatusCode => {
      if (!applies) return 'noBasis';
      const diff = disbursed.minus(expected);
      if (diff.abs().lte(this.tolerance)) return 'match';
      if (disbursed.isZero()) return 'unpaid';
      return diff.isNegative() ? 'under' : 'over';
    };
    const fromAcc = (a: Acc | undefined) => ({
      disbursed: a?.sum ?? ZERO,
      payments: a?.refs.length ?? 0,
      vouchers: [...new Set((a?.refs ?? []).map((r) => r.voucher).filter((v) => v !== ''))],
      ledgerRows: a?.refs ?? [],
      duplicates: a?.duplicates ?? 0,
      outOfYear: a?.outOfYear ?? 0,
    });
    this.units.forEach((c, ui) => {
      const unit = c.result.unit;
      for (let li = 0; li < this.width; li++) {
        const a = this.slots[ui * this.width + li];
        const unclassified = li === this.lineIds.length;
        const resolved = unclassified ? undefined : policy.lines[li]!;
        const applies = !!resolved && resolved.byType[unit.type] !== undefined;
        if (!applies && !a) continue;
        const entitled = resolved ? c.result.lines[li]!.amount : ZERO;
        const expected = applies ? expectedOf(entitled) : ZERO;
        const f = fromAcc(a);
        const s = status(applies, expected, f.disbursed);
        lines.push({
          status: s,
          township: unit.township,
          name: unit.name,
          code: unit.code ?? null,
          type: unit.type,
          line: resolved?.id ?? UNCLASSIFIED,
          lineLabel: resolved?.label ?? UNCLASSIFIED_LABEL,
          entitled,
          expected,
          variance: f.disbursed.minus(expected),
          reason: s === 'noBasis' ? (unclassified ? 'unclassified' : 'notEntitled') : null,
          roster: { sheet: c.sheet, row: c.row },
          ...f,
          order: lines.length,
        });
      }
    });
    for (const g of [...this.foreign.values()].sort((a, b) => a.order - b.order)) {
      const f = fromAcc(g);
      lines.push({
        status: 'noBasis',
        township: g.township,
        name: g.name,
        code: null,
        type: null,
        line: g.line,
        lineLabel: this.label(g.line),
        entitled: ZERO,
        expected: ZERO,
        variance: f.disbursed,
        reason: g.line === UNCLASSIFIED ? 'unclassified' : g.reason,
        roster: null,
        ...f,
        order: lines.length,
      });
    }
    const size = new Map(lines.map((l) => [l, l.variance.abs()]));
    lines.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || size.get(b)!.comparedTo(size.get(a)!) || a.order - b.order);

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
    const { matched, unmatched, unclassified } = this.buckets;
    const calcTotal = this.calcTotals.county.total;
    const ledgerRows = this.sheets.reduce(
      (r, s) => ({
        read: r.read + s.read,
        payments: r.payments + s.payments,
        rejected: r.rejected + s.rejected,
        skipped: r.skipped + s.skipped,
      }),
      { read: 0, payments: 0, rejected: 0, skipped: 0 },
    );
    const control = (id: Control['id'], zh: string, en: string, left: Decimal, right: Decimal): Control => ({
      id,
      label: { zh, en },
      left,
      right,
      ties: left.equals(right),
    });
    const controls = [
      control(
        'ledgerPartition',
        '台账合计 = 已匹配 + 未匹配 + 未分类',
        'ledger total = matched + unmatched + unclassified',
        this.ledgerTotal,
        matched.plus(unmatched).plus(unclassified),
      ),
      control(
        'ledgerLines',
        '台账合计 = 审计比对已拨合计',
        'ledger total = sum of disbursed over all lines',
        this.ledgerTotal,
        linesDisbursed,
      ),
      control(
        'entitlement',
        '应拨合计 = 核算结果合计（同一名册、政策、年度）',
        'sum of entitlements = calc total (same roster, policy and year)',
        entitled,
        calcTotal,
      ),
      control(
        'ledgerRows',
        '读取行数 = 付款行 + 剔除行 + 跳过行',
        'rows read = payments + rejected + skipped',
        new Decimal(ledgerRows.read),
        new Decimal(ledgerRows.payments + ledgerRows.rejected + ledgerRows.skipped),
      ),
    ];
    const exceptions = this.exceptions;
    const counts: AuditCounts = { ...statusCounts, ...this.counts, exceptions: exceptions.length };
    const clean = exceptions.length === 0 && lines.every((l) => l.status === 'match') && controls.every((c) => c.ties);
    return {
      year: this.year,
      tolerance: this.tolerance,
      asOf: this.asOf,
      schedule: this.schedule,
      due,
      lines: lines.map(({ order: _order, ...l }) => l),
      exceptions,
      notes: this.notes,
      rosterWarnings: this.rosterWarnings,
      payments: this.payments,
      totals: {
        entitled,
        expected,
        disbursed: this.ledgerTotal,
        matched,
        unmatched,
        unclassified,
        variance: this.ledgerTotal.minus(expected),
        calcTotal,
      },
      counts,
      controls,
      rows: { ledger: ledgerRows, roster: this.calcTotals.rows },
      ledgerSheets: this.sheets,
      townships: this.townshipSummaries(lines),
      clean,
    };
  }

  private townshipSummaries(lines: AuditLine[]): TownshipSummary[] {
    const order = [...new Set(this.units.map((u) => u.result.unit.township))];
    const byTown = new Map<string, Map<string, TownshipLineSummary>>();
    const lineOrder = [...this.lineIds, UNCLASSIFIED];
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
}
