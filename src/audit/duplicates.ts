// Payments summed per payee x fund line, and suspected duplicates among them: the same
// amount with the same voucher (凭证号) or, failing that, the same date. A payee paid a
// handful of times is scanned; one paid very often gets a map, so the check stays cheap.
import { ZERO, type Decimal } from '../engine/money.js';
import type { LedgerRef } from './outcome.js';

/** The payments of one unit (or unknown payee) x line, and their sum. */
export interface Acc {
  sum: Decimal;
  refs: LedgerRef[];
  duplicates: number;
  outOfYear: number;
  /** For payees paid very often: earlier payments by amount + voucher / date (else refs are scanned). */
  seen?: Map<string, LedgerRef>;
}

export const newAcc = (): Acc => ({ sum: ZERO, refs: [], duplicates: 0, outOfYear: 0 });

/** Up to this many payments per payee x line, duplicates are found by scanning them. */
const SCAN_LIMIT = 32;

/** An earlier payment in acc with the same amount and the same voucher (first) or date. */
export function earlierPayment(acc: Acc, p: LedgerRef): { ref: LedgerRef; by: 'voucher' | 'date' } | undefined {
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

/** Adds a payment to acc (after earlierPayment was asked about it). */
export function addPayment(acc: Acc, ref: LedgerRef): void {
  acc.sum = acc.sum.plus(ref.amount);
  acc.refs.push(ref);
  if (acc.seen) remember(acc.seen, ref);
  else if (acc.refs.length > SCAN_LIMIT) {
    acc.seen = new Map();
    for (const r of acc.refs) remember(acc.seen, r);
  }
}

function remember(seen: Map<string, LedgerRef>, r: LedgerRef): void {
  if (r.amount.isZero()) return;
  const a = r.amount.toFixed(2);
  if (r.voucher && !seen.has(`${a}\u0000v${r.voucher}`)) seen.set(`${a}\u0000v${r.voucher}`, r);
  if (r.date && !seen.has(`${a}\u0000d${r.date}`)) seen.set(`${a}\u0000d${r.date}`, r);
}
