// Exact money. Every amount in the product is a Decimal from this module;
// a JS number never carries money.
import { Decimal as DecimalBase } from 'decimal.js';

/** Our own Decimal constructor, so a host's global decimal.js settings cannot change our results. */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 30 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

/** Rounding modes a policy may name. Half-up (四舍五入) is the default. */
export const ROUNDING_MODES = ['half-up', 'half-even', 'down'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

const MODE: Record<RoundingMode, DecimalBase.Rounding> = {
  'half-up': DecimalBase.ROUND_HALF_UP,
  'half-even': DecimalBase.ROUND_HALF_EVEN,
  down: DecimalBase.ROUND_DOWN,
};

/** Round to the fen (2 decimals) by the given mode. */
export function toFen(value: Decimal, mode: RoundingMode = 'half-up'): Decimal {
  return value.toDecimalPlaces(2, MODE[mode]);
}

/** The two-decimal string every JSON output uses for money ("25000.00"). */
export function moneyString(value: Decimal): string {
  return value.toFixed(2, DecimalBase.ROUND_HALF_UP);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
