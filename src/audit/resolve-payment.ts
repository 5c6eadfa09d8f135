// One ledger payment resolved on its own: who was paid (the payee column, else a roster
// name in 摘要), which roster unit that is, which fund line, and what is wrong with it
// (payee, line, entitlement, dates and years). Pure: it keeps no totals and sees no
// other payment, so it can be tested alone. Sums and duplicates are the builder's.
import type { ResolvedPolicy } from '../engine/policy/resolve.js';
import type { Unit } from '../engine/unit.js';
import type { IssuePlace, RowIssue } from '../workbook/issues.js';
import { auditIssue, type RosterUnitRef } from './issues.js';
import type { LedgerField } from './ledger-fields.js';
import type { LedgerPayment } from './ledger.js';
import { LineClassifier, lineLabel, yearsNamed, type LineMatch } from './lines.js';
import { stepWords } from './payee-reading.js';
import { PayeeIndex, unitLabel, type PayeeMatch, type PayeeUnit } from './payees.js';

/** A roster unit and where the roster has it. */
export interface RosterUnit {
  unit: Unit;
  sheet: string;
  row: number;
}

/** What a payment is resolved against: the roster's units, the policy, the year and the as-of date. */
export interface PaymentContext {
  readonly policy: ResolvedPolicy;
  readonly index: PayeeIndex;
  readonly classifier: LineClassifier;
  /** Roster sheet and row of each unit, by its index in `index`. */
  readonly units: readonly RosterUnit[];
  readonly asOf: string | null;
  /** A ledger sheet named after a roster township stands for that township (remembered per sheet). */
  readonly sheetTownships: Map<string, string | null>;
}

export function paymentContext(policy: ResolvedPolicy, units: readonly RosterUnit[], asOf: string | null = null): PaymentContext {
  return {
    policy,
    index: new PayeeIndex(units.map((u) => u.unit)),
    classifier: new LineClassifier(policy),
    units,
    asOf,
    sheetTownships: new Map(),
  };
}

/** An exception found on a payment, with a suggestion for the auditor if any. */
export interface Finding {
  issue: RowIssue;
  suggestion?: string;
}

export interface PaymentResolution {
  /** The payee as taken: the payee column, else the roster name found in 摘要 (may be ''). */
  payee: string;
  /** The ledger's township column, else the sheet when it is named after a roster township. */
  township: string | null;
  match: PayeeMatch;
  /** The fund line, or null when it cannot be told (unclassified). */
  line: string | null;
  /** Index of the line in the policy's lines; the number of lines when unclassified. */
  lineIndex: number;
  /** Findings on payee, fund line and entitlement, in the order listed. */
  findings: Finding[];
  /** Findings on dates and years, listed after any duplicate. */
  dateFindings: Finding[];
  /** NAME_FORM: matched only after reducing committee forms (a note, not an exception). */
  note: RowIssue | null;
  /** A matched unit not entitled to the line. */
  notEntitled: boolean;
  /** Paid outside the budget year. */
  outOfYear: boolean;
}

/** The place of a ledger field in a payment's row (the row alone when the sheet has no such column). */
export function placeOf(p: LedgerPayment, f: LedgerField | null): IssuePlace {
  const c = f === null ? undefined : p.header.columns[f];
  return c ? { sheet: p.sheet, row: p.row, column: c.index, header: c.header } : { sheet: p.sheet, row: p.row, column: null };
}

const NONE: LineMatch = { kind: 'none' };

export function resolvePayment(p: LedgerPayment, ctx: PaymentContext): PaymentResolution {
  const { index, classifier, policy } = ctx;
  const year = policy.year;
  const found: Finding[] = p.issues.map((issue) => ({ issue }));
  const place = (f: LedgerField | null) => placeOf(p, f);
  const label = (line: string) => lineLabel(policy, line);

  // Payee: the payee column, else a roster name found in 摘要.
  let payee = p.payee;
  let payeeField: LedgerField = 'payee';
  if (payee === '' && p.summary !== '') {
    const inSummary = index.findNameIn(p.summary);
    if (inSummary) {
      payee = inSummary;
      payeeField = 'summary';
    }
  }
  const township = p.township ?? sheetTownship(ctx, p.sheet);
  const match = index.match({ name: payee, township, code: p.code });
  const payeeAt = place(p.header.columns[payeeField] ? payeeField : p.header.columns.payee ? 'payee' : 'summary');
  for (const n of match.notes) {
    if (n.kind === 'codeNameMismatch') found.push({ issue: auditIssue.codeNameMismatch(place('code'), n.code, payee, n.unitName) });
    else if (n.kind === 'codeMismatch') found.push({ issue: auditIssue.codeMismatch(place('code'), n.code, n.unitCode) });
    else if (n.kind === 'unknownCode') found.push({ issue: auditIssue.unknownCode(place('code'), n.code) });
    else if (n.kind === 'unknownTownship') found.push({ issue: auditIssue.unknownTownship(place('township'), n.township) });
  }

  // Fund line: the category column, else 摘要.
  let line: string | null = null;
  const cat = p.category ? classifier.classify(p.category) : NONE;
  const sum = p.summary ? classifier.classify(p.summary) : NONE;
  const labels = (ids: string[]) => ids.map((id) => label(id).zh);
  if (cat.kind === 'line') {
    line = cat.line;
    if (sum.kind === 'line' && sum.line !== cat.line)
      found.push({ issue: auditIssue.lineConflict(place('category'), label(cat.line).zh, label(sum.line).zh) });
  } else if (sum.kind === 'line' && (cat.kind === 'none' || cat.lines.includes(sum.line))) line = sum.line;
  else if (cat.kind === 'multiple') found.push({ issue: auditIssue.multipleLines(place('category'), p.category, labels(cat.lines)) });
  else if (sum.kind === 'multiple') found.push({ issue: auditIssue.multipleLines(place('summary'), p.summary, labels(sum.lines)) });
  else {
    const f: LedgerField = p.category ? 'category' : p.header.columns.summary ? 'summary' : 'category';
    found.push({ issue: auditIssue.unclassified(place(f), p.category || p.summary) });
  }
  const lineIndex = line === null ? policy.lines.length : policy.lines.findIndex((l) => l.id === line);

  // Payee problems.
  let note: RowIssue | null = null;
  if (match.kind === 'unknown') {
    const s = match.suggestions.map((u) => unitLabel(u.unit));
    const conflict = match.notes.find((n) => n.kind === 'townshipConflict');
    const issue = conflict
      ? auditIssue.townshipMismatch(payeeAt, payee, conflict.written, conflict.column, s)
      : auditIssue.unknownPayee(payeeAt, payee, s);
    found.push({ issue, suggestion: s.join('；') || undefined });
  } else if (match.kind === 'ambiguous') found.push(ambiguous(ctx, payeeAt, payee, match));
  else if (match.steps) note = auditIssue.nameRead(payeeAt, payee, match.form!, unitLabel(match.unit.unit), stepWords(match.steps));
  else if (match.rule === 'form') note = auditIssue.nameForm(payeeAt, payee, match.form!, unitLabel(match.unit.unit));

  // Entitlement: a unit paid for a line its type does not get.
  let notEntitled = false;
  if (match.kind === 'unit' && line !== null) {
    const resolved = policy.lines[lineIndex]!;
    if (!resolved.byType[match.unit.unit.type]) {
      found.push({ issue: auditIssue.notEntitled(payeeAt, unitLabel(match.unit.unit), resolved.label.zh) });
      notEntitled = true;
    }
  }

  // Dates and years.
  const dateFindings: Finding[] = [];
  let outOfYear = false;
  if (p.date !== null) {
    if (p.date.slice(0, 4) !== String(year)) {
      dateFindings.push({ issue: auditIssue.outOfYear(place('date'), p.date, year) });
      outOfYear = true;
    } else if (ctx.asOf !== null && p.date > ctx.asOf) dateFindings.push({ issue: auditIssue.afterAsOf(place('date'), p.date, ctx.asOf) });
  }
  const years = p.summary.includes('年') ? [...new Set(yearsNamed(p.summary))] : [];
  if (years.length > 0 && !years.includes(year)) dateFindings.push({ issue: auditIssue.otherYearInSummary(place('summary'), years, year) });

  return { payee, township, match, line, lineIndex, findings: found, dateFindings, note, notEntitled, outOfYear };
}

function sheetTownship(ctx: PaymentContext, sheet: string): string | null {
  let t = ctx.sheetTownships.get(sheet);
  if (t === undefined) ctx.sheetTownships.set(sheet, (t = ctx.index.resolveTownship(sheet) === undefined ? null : sheet));
  return t;
}

/**
 * A payee fitting several units. Where two of them share a township (the roster's
 * DUPLICATE_NAME), no township can tell them apart: name each with its roster sheet and
 * row and ask for the division code.
 */
function ambiguous(ctx: PaymentContext, at: IssuePlace, payee: string, match: PayeeMatch & { kind: 'ambiguous' }): Finding {
  const form = match.rule === 'form' ? match.form : null;
  const towns = new Set(match.candidates.map((u) => u.town));
  if (towns.size === match.candidates.length) {
    const c = match.candidates.map((u) => unitLabel(u.unit));
    return { issue: auditIssue.ambiguousPayee(at, payee, c, form), suggestion: c.join('；') };
  }
  const refs = match.candidates.map((u) => rosterRef(ctx, u));
  const suggestion = `请在拨付明细中填写区划代码：${refs
    .map((r) => `${r.name}（${r.township}，${r.sheet}!${r.row}${r.code ? `，${r.code}` : '，花名册未填区划代码'}）`)
    .join('；')}`;
  return { issue: auditIssue.ambiguousSameName(at, payee, form, refs), suggestion };
}

function rosterRef(ctx: PaymentContext, u: PayeeUnit): RosterUnitRef {
  const c = ctx.units[u.index]!;
  return { township: u.unit.township, name: u.unit.name, code: u.unit.code ?? null, sheet: c.sheet, row: c.row };
}
