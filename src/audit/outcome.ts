// What an audit produces: the status words, one line per unit x fund line, the
// exceptions, the resolved payments, the control totals and the counts. Types only
// (and the words of the statuses), shared by the builder, the sheets and the JSON.
import type { YearHint } from '../workbook/year-evidence.js';
import type { Decimal } from '../engine/money.js';
import type { Said } from '../engine/said.js';
import type { UnitType } from '../engine/unit.js';
import type { RowCounts } from '../workbook/calc-outcome.js';
import type { RowIssue } from '../workbook/issues.js';
import type { LedgerSheetSummary } from './ledger.js';
import type { NameRule } from './payees.js';
import type { Schedule } from './schedule.js';

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
  lineLabel: Said;
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
  label: Said;
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
  /** How many dated payments fall outside the audit year, and the year most fall in. */
  yearHint: YearHint;
}

export interface TownshipLineSummary {
  line: string;
  lineLabel: Said;
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
