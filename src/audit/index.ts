// The audit's public surface: entitlements (from a roster) against what a payment
// ledger shows was paid. One in-memory call for every face (CLI, add-in, web page):
//
//   const { outcome, sheets, json, exitCode } = await auditReport(rosterSource, ledgerSource, calc, options);
import type { Calculator } from '../engine/compute.js';
import { runCalc, type CalcOptions } from '../workbook/calc-job.js';
import type { Lang } from '../engine/said.js';
import type { ComputedRow } from '../workbook/report.js';
import type { SheetSpec } from '../workbook/sheet-spec.js';
import type { WorkbookSource } from '../workbook/source.js';
import { AuditBuilder } from './builder.js';
import { AuditInputError, type AuditOptions } from './options.js';
import type { AuditOutcome } from './outcome.js';
import { auditJson, type AuditJson } from './json.js';
import { createLedgerReader } from './ledger.js';
import { auditSheets } from './report.js';

export * from './outcome.js';
export * from './options.js';
export { AuditBuilder } from './builder.js';
export { resolvePayment, paymentContext, type PaymentContext, type PaymentResolution, type RosterUnit } from './resolve-payment.js';
export { auditJson, type AuditJson } from './json.js';
export { AUDIT_ISSUE_CODES, type AuditIssueCode } from './issues.js';
export {
  createLedgerReader,
  ledgerYearCounts,
  readLedgerGrid,
  type LedgerReader,
  type LedgerHeader,
  type LedgerColumn,
  type LedgerPayment,
  type LedgerRowOutcome,
  type LedgerSheetSummary,
  type LedgerSkipReason,
} from './ledger.js';
export { LEDGER_FIELDS, LEDGER_ALIASES, LEDGER_FIELD_LABELS, type LedgerField } from './ledger-fields.js';
export { LineClassifier, yearsNamed, type LineMatch } from './lines.js';
export { parseAmount, parseChineseCapital, parseDate, divisionCode, type AmountResult, type DateResult } from './parse.js';
export { nameKey, nameBase, townshipKey, withinOneEdit } from './payee-names.js';
export { PayeeIndex, unitLabel, type PayeeMatch, type PayeeUnit, type PayeeQuery } from './payees.js';
export { SCHEDULES, periodsDue, dueAmount, type Schedule } from './schedule.js';
export { AUDIT_SHEET_NAMES, STATUS_FILLS, auditSheets, auditSheetBuilders, linesSheet, exceptionsSheet, summarySheet } from './report.js';
export { paymentsSheet } from './payments-sheet.js';

export interface AuditReportOptions extends AuditOptions {
  /** Language of messages in sheets and JSON (sheet names, headers and status words are Chinese). Default zh. */
  lang?: Lang;
  /** Roster column overrides per sheet name (as for calc). */
  rosterMappings?: CalcOptions['mappings'];
  /** Called now and then with the roster + ledger rows read so far. */
  onProgress?: (rowsRead: number) => void;
  signal?: AbortSignal;
}

export interface AuditReport {
  outcome: AuditOutcome;
  /** The roster's computed units, in reading order. */
  units: ComputedRow[];
  /** 审计比对, 异常清单, 审计汇总, 政策参数, 付款明细 (built on first access). */
  readonly sheets: SheetSpec[];
  /** The `--json` document (built on first access). */
  readonly json: AuditJson;
  /** 0: everything 足额 and no exceptions; 1: differences or exceptions. */
  exitCode: 0 | 1;
}

/**
 * Audits a ledger against a roster's entitlements, all in memory. Both sources may be
 * streamed (rows are looked at once). Throws AuditInputError when the roster yields no
 * unit or the ledger has no sheet that reads as a payment ledger, and when an option is invalid.
 */
export async function auditReport(
  roster: WorkbookSource,
  ledger: WorkbookSource,
  calc: Calculator,
  options: AuditReportOptions = {},
): Promise<AuditReport> {
  const lang = options.lang ?? 'zh';
  const units: ComputedRow[] = [];
  let rosterRows = 0;
  const calcOutcome = await runCalc(roster, calc, (r) => void units.push(r), {
    mappings: options.rosterMappings,
    signal: options.signal,
    onProgress: (n) => {
      rosterRows = n;
      options.onProgress?.(n);
    },
  });
  if (units.length === 0)
    throw new AuditInputError({
      zh: '花名册中没有可核算的单位，无法审计',
      en: 'no unit could be computed from the roster; nothing to audit against',
    });
  const audit = new AuditBuilder(calc, units, calcOutcome, options);
  let seen = 0;
  for await (const sheet of ledger) {
    const reader = createLedgerReader(sheet.name, { kind: sheet.kind });
    for await (const { row, cells } of sheet.rows) {
      for (const o of reader.push(row, cells)) audit.take(o);
      if (++seen % 512 === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.(rosterRows + seen);
      }
    }
    const summary = reader.finish();
    audit.sheet(sheet.notes ? { ...summary, issues: [...sheet.notes, ...summary.issues] } : summary);
  }
  options.onProgress?.(rosterRows + seen);
  const outcome = audit.finish();
  // Built on first use: a caller that only writes the workbook never pays for the JSON.
  let sheets: SheetSpec[] | undefined;
  let json: AuditJson | undefined;
  return {
    outcome,
    units,
    get sheets() {
      return (sheets ??= auditSheets(calc, outcome, lang));
    },
    get json() {
      return (json ??= auditJson(calc, outcome, lang));
    },
    exitCode: outcome.clean ? 0 : 1,
  };
}
