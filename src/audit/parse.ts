// Amounts and dates as ledgers hold them: real numbers and dates, or text typed
// every way officers type it. Money becomes a Decimal straight from the text (or
// from the cell's number at Excel's 15 significant digits), never via float arithmetic.
import { Decimal } from '../engine/money.js';
import { type Cell, normalizeText } from '../workbook/cells.js';
import { BoundedCache } from './text.js';

// ---------------------------------------------------------------------------
// Amounts

export type AmountFailure = 'empty' | 'notNumber';

export type AmountResult =
  | {
      ok: true;
      /** Rounded half-up to the fen. */
      value: Decimal;
      /** The cell had more than two decimals (a fraction of a fen) and was rounded. */
      rounded: boolean;
      /** Written in 万元 (a 万 in the cell, or the column header says 万元) and converted to yuan. */
      wan: boolean;
      /** Written as 人民币大写 (Chinese capital numerals). */
      capital: boolean;
    }
  | { ok: false; reason: AmountFailure };

const TEN_THOUSAND = new Decimal(10000);
/** Plain digits or correctly grouped thousands, optional decimals. */
const NUMBER_TEXT = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$|^\.(\d+)$/;
const CURRENCY_PREFIX = /^(人民币|rmb|cny|¥|￥)+/i;
const YUAN_SUFFIX = /(元整|元正|圆整|元|圆|整|正)$/;
const MINUS = /^[-\u2212\u2012\u2013]/;

/**
 * An amount of money from a ledger cell. Accepts numbers; text with thousands
 * separators, full-width digits, a currency sign, 元/元整, 万/万元, a minus sign or
 * accounting parentheses (a reversal, 红字冲销); and 人民币大写 (贰万伍仟元整).
 * `inWan`: the column is in 万元 (its header says so), so plain numbers are multiplied by 10,000.
 */
export function parseAmount(cell: Cell, options: { inWan?: boolean } = {}): AmountResult {
  if (cell === null || cell === undefined) return { ok: false, reason: 'empty' };
  let value: Decimal;
  let wan = !!options.inWan;
  let capital = false;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false, reason: 'notNumber' };
    const cache = wan ? numberCacheWan : numberCache;
    const hit = cache.get(cell);
    if (hit) return hit;
    // Excel keeps 15 significant digits; what the officer typed is the number at that precision.
    value = Number.isSafeInteger(cell) ? new Decimal(cell) : new Decimal(cell.toPrecision(15));
    return cache.remember(cell, finish(value, wan, false));
  } else if (typeof cell === 'string') {
    let text = normalizeText(cell).replace(/\s+/g, '');
    if (text === '') return { ok: false, reason: 'empty' };
    // One sign at most: a minus, 负, or accounting parentheses (before or after a currency sign).
    let signs = 0;
    if (/^\(.*\)$/.test(text)) {
      signs++;
      text = text.slice(1, -1);
    }
    if (MINUS.test(text)) {
      signs++;
      text = text.slice(1);
    } else if (text.startsWith('+')) text = text.slice(1);
    if (text.startsWith('负')) {
      signs++;
      text = text.slice(1);
    }
    text = text.replace(CURRENCY_PREFIX, '');
    if (MINUS.test(text)) {
      signs++;
      text = text.slice(1);
    }
    if (signs > 1) return { ok: false, reason: 'notNumber' };
    const negative = signs === 1;
    const numeric = text.replace(YUAN_SUFFIX, '');
    let digits = numeric;
    if (/万$/.test(digits)) {
      digits = digits.slice(0, -1);
      wan = true;
    }
    const m = NUMBER_TEXT.exec(digits);
    if (m) {
      value = new Decimal(`${(m[1] ?? '0').replace(/,/g, '')}.${m[2] ?? m[3] ?? '0'}`);
    } else {
      const cap = parseChineseCapital(text);
      if (!cap) return { ok: false, reason: 'notNumber' };
      value = cap;
      capital = true;
      wan = false; // a capital amount is always in yuan
    }
    if (negative) value = value.negated();
  } else return { ok: false, reason: 'notNumber' }; // booleans, dates
  return finish(value, wan, capital);
}

/** Amounts repeat (every village's 5,000.00): one result per number, shared (results are never changed). */
const numberCache = new BoundedCache<number, AmountResult>(50_000);
const numberCacheWan = new BoundedCache<number, AmountResult>(10_000);

function finish(value: Decimal, wan: boolean, capital: boolean): AmountResult {
  if (wan) value = value.times(TEN_THOUSAND);
  if (value.decimalPlaces() <= 2) return { ok: true, value: value.isZero() ? value.abs() : value, rounded: false, wan, capital };
  const fen = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { ok: true, value: fen.isZero() ? fen.abs() : fen, rounded: true, wan, capital };
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  壹: 1,
  一: 1,
  贰: 2,
  貳: 2,
  二: 2,
  两: 2,
  叁: 3,
  參: 3,
  三: 3,
  肆: 4,
  四: 4,
  伍: 5,
  五: 5,
  陆: 6,
  陸: 6,
  六: 6,
  柒: 7,
  七: 7,
  捌: 8,
  八: 8,
  玖: 9,
  九: 9,
};
const CN_SMALL: Record<string, number> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };

/** Whole yuan written in Chinese numerals ("贰万伍仟", "壹拾万零伍"); undefined when not one. */
function chineseInteger(text: string): number | undefined {
  if (text === '') return 0;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return undefined; // two digits in a row: not a capital amount
      digit = d;
      continue;
    }
    const small = CN_SMALL[ch];
    if (small !== undefined) {
      section += (digit === null || (digit === 0 && small === 10 && section === 0) ? 1 : digit) * small;
      digit = null;
      continue;
    }
    if (ch === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
      continue;
    }
    if (ch === '亿') {
      total = (total + section + (digit ?? 0)) * 100_000_000;
      section = 0;
      digit = null;
      continue;
    }
    return undefined;
  }
  return total + section + (digit ?? 0);
}

/**
 * 人民币大写 to a Decimal: "人民币贰万伍仟元整" -> 25000, "壹仟陆佰捌拾元零叁角贰分" -> 1680.32,
 * "伍分" -> 0.05, "负壹佰元整" -> -100. Undefined when the text is not such an amount.
 */
export function parseChineseCapital(input: string): Decimal | undefined {
  let text = normalizeText(input)
    .replace(/\s+/g, '')
    .replace(/^人民币/, '');
  let negative = false;
  if (text.startsWith('负')) {
    negative = true;
    text = text.slice(1);
  }
  text = text.replace(/[整正]$/, '');
  if (text === '' || !/[零〇壹一贰貳二两叁參三肆四伍五陆陸六柒七捌八玖九拾十佰百仟千]/.test(text)) return undefined;
  const m =
    /^(?:(.*?)[元圆])?(?:零)?(?:([零〇壹一贰貳二两叁參三肆四伍五陆陸六柒七捌八玖九])角)?(?:零)?(?:([零〇壹一贰貳二两叁參三肆四伍五陆陸六柒七捌八玖九])分)?$/.exec(
      text,
    );
  if (!m) {
    // Whole yuan without 元 ("贰万伍仟").
    const whole = chineseInteger(text);
    return whole === undefined || !Number.isSafeInteger(whole * 100)
      ? undefined
      : negative
        ? new Decimal(whole).negated()
        : new Decimal(whole);
  }
  const [, intText, jiao, fen] = m;
  if (intText === undefined && jiao === undefined && fen === undefined) return undefined;
  const yuan = chineseInteger(intText ?? '');
  if (yuan === undefined) return undefined;
  const cents = yuan * 100 + (jiao ? (CN_DIGITS[jiao] ?? 0) * 10 : 0) + (fen ? (CN_DIGITS[fen] ?? 0) : 0);
  if (!Number.isSafeInteger(cents)) return undefined;
  const value = new Decimal(cents).dividedBy(100);
  return negative ? value.negated() : value;
}

// ---------------------------------------------------------------------------
// Dates

export type DateResult = { ok: true; iso: string } | { ok: false; reason: 'empty' | 'notDate' };

const DAY_MS = 86_400_000;
/** Excel's day 0 (serial 1 = 1900-01-01 with Excel's fictitious 1900-02-29 at serial 60). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serial numbers taken as dates: 1950-01-01 .. 2099-12-31. */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_050;

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined; // 2025-02-30
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const fromDate = (t: Date): string => t.toISOString().slice(0, 10);

const TEXT_DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A payment date as an ISO string (YYYY-MM-DD). Accepts host dates (taken as the UTC
 * calendar date, which is how hosts deliver date-only cells), Excel serial numbers,
 * 20250315 as a number or text, and text such as 2025-03-15, 2025/3/15, 2025.03.15,
 * 2025年3月15日 (full-width digits too), with or without a time.
 */
export function parseDate(cell: Cell): DateResult {
  if (cell === null || cell === undefined) return { ok: false, reason: 'empty' };
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { ok: false, reason: 'notDate' } : { ok: true, iso: fromDate(cell) };
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false, reason: 'notDate' };
    if (Number.isInteger(cell) && cell >= 19_000_101 && cell <= 20_991_231) {
      const v = iso(Math.floor(cell / 10_000), Math.floor(cell / 100) % 100, cell % 100);
      return v ? { ok: true, iso: v } : { ok: false, reason: 'notDate' };
    }
    const serial = Math.floor(cell);
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return { ok: false, reason: 'notDate' };
    return { ok: true, iso: fromDate(new Date(EXCEL_EPOCH + serial * DAY_MS)) };
  }
  if (typeof cell !== 'string') return { ok: false, reason: 'notDate' };
  const text = normalizeText(cell);
  if (text === '') return { ok: false, reason: 'empty' };
  let m = TEXT_DATE.exec(text);
  if (m) {
    const v = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return v ? { ok: true, iso: v } : { ok: false, reason: 'notDate' };
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const v = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return v ? { ok: true, iso: v } : { ok: false, reason: 'notDate' };
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) return parseDate(Number(text));
  return { ok: false, reason: 'notDate' };
}

/** A 12-digit division code from text or a number cell; undefined when not one. */
export function divisionCode(cell: Cell): string | undefined {
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0) return undefined;
    text = String(cell);
  } else if (typeof cell === 'string') text = normalizeText(cell).replace(/\s+/g, '').replace(/^'/, '');
  else return undefined;
  return /^\d{12}$/.test(text) ? text : undefined;
}
