// Counts (people, party members, months) as officers type them: real numbers,
// digits typed as text, 1,500 / １，５００, full-width digits, a trailing unit
// (1500人). Anything else is refused with a reason, never guessed at.
import { type Cell, normalizeText } from './cells.js';

export type CountFailure = 'empty' | 'notNumber' | 'notInteger' | 'negative';
export type CountResult = { ok: true; value: number } | { ok: false; reason: CountFailure };

/** Units that may follow a count: 人 people, 名 persons, 户 households, 个 items. */
const UNIT_SUFFIX = /\s*[人名户个]$/;
/** Plain digits, or digits grouped by thousands with correct 3-digit groups; optional decimals. */
const NUMBER_TEXT = /^(-?)(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

const fail = (reason: CountFailure): CountResult => ({ ok: false, reason });

/**
 * A non-negative whole count from a cell. Text decimals are judged on their digits
 * ("1500.0" is 1500, "1500.5" is not an integer), so float rounding can never turn a
 * fraction into a count. Negative beats notInteger when both apply ("-1.5" is negative).
 * Integers beyond 2^53 are notNumber: they cannot be counted exactly.
 */
export function parseCount(cell: Cell): CountResult {
  if (cell === null || cell === undefined) return fail('empty');
  if (typeof cell === 'number') return fromNumber(cell);
  if (typeof cell !== 'string') return fail('notNumber'); // booleans, dates
  const text = normalizeText(cell);
  if (text === '') return fail('empty');
  const m = NUMBER_TEXT.exec(text.replace(UNIT_SUFFIX, ''));
  if (!m) return fail('notNumber');
  const [, sign, digits = '', fraction = ''] = m;
  const whole = Number(digits.replace(/,/g, ''));
  if (sign === '-' && (whole > 0 || /[1-9]/.test(fraction))) return fail('negative');
  if (/[1-9]/.test(fraction)) return fail('notInteger');
  if (!Number.isSafeInteger(whole)) return fail('notNumber');
  return { ok: true, value: whole };
}

function fromNumber(n: number): CountResult {
  if (!Number.isFinite(n)) return fail('notNumber');
  if (n < 0) return fail('negative');
  if (!Number.isInteger(n)) return fail('notInteger');
  if (!Number.isSafeInteger(n)) return fail('notNumber');
  return { ok: true, value: n === 0 ? 0 : n }; // -0 becomes 0
}

/** True when a cell holds something a count could be read from (used to tell data rows from header rows). */
export function isNumberLike(cell: Cell): boolean {
  if (typeof cell === 'number') return Number.isFinite(cell);
  if (typeof cell === 'boolean' || cell instanceof Date) return true;
  if (typeof cell !== 'string') return false;
  const r = parseCount(cell);
  return r.ok || r.reason === 'notInteger' || r.reason === 'negative';
}
