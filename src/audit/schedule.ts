// What should have been paid by a date: the year's entitlement in equal instalments.
// A period's instalment is due by the end of the period (a quarter's by its last day),
// so an audit on 2025-06-30 expects two quarters and one on 2025-05-15 expects one.
import { Decimal, toFen, type RoundingMode } from '../engine/money.js';

export const SCHEDULES = ['quarterly', 'monthly'] as const;
export type Schedule = (typeof SCHEDULES)[number];

const PERIODS: Record<Schedule, number> = { quarterly: 4, monthly: 12 };

function lastDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** How many of the year's instalments are due by `asOf` (ISO date), and of how many. */
export function periodsDue(year: number, asOf: string, schedule: Schedule): { due: number; of: number } {
  const of = PERIODS[schedule];
  const step = 12 / of;
  let due = 0;
  for (let k = 1; k <= of; k++) if (lastDay(year, k * step) <= asOf) due = k;
  return { due, of };
}

/** The part of a year's amount due after `due` of `of` instalments, rounded to the fen; all of it when due = of. */
export function dueAmount(amount: Decimal, due: number, of: number, rounding: RoundingMode): Decimal {
  if (due >= of) return amount;
  if (due <= 0) return new Decimal(0);
  return toFen(amount.times(due).dividedBy(of), rounding);
}
