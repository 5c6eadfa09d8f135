// The audit's options and their checks: a tolerance in yuan, an as-of date on an
// instalment schedule. A bad option, like inputs that cannot be audited at all, is an
// AuditInputError that carries its words for the user.
import { Decimal, ZERO } from '../engine/money.js';
import { SaidError } from '../engine/said.js';
import type { Schedule } from './schedule.js';

export interface AuditOptions {
  /** Variance within this (yuan, >= 0) counts as 足额. Default 0. */
  tolerance?: Decimal | string;
  /** Compare against what was due by this ISO date (YYYY-MM-DD) on `schedule`, not the whole year. */
  asOf?: string;
  /** Instalment schedule for `asOf` (default quarterly). */
  schedule?: Schedule;
}

/** Thrown when the inputs cannot be audited at all (no units, no ledger sheet) or an option is invalid. */
export class AuditInputError extends SaidError {}

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
