// Display formatting for money: grouped yuan, 万元, and 人民币大写.
// Pure string/Decimal work: a JS float never touches an amount, so what is
// printed is exactly the Decimal that was computed.
import { Decimal, moneyString, toFen } from './money.js';

/** What the formatters accept. Numbers must be safe integers (whole yuan); fractions come as Decimal or string. */
export type MoneyInput = Decimal | string | number;

/** Normalise input to a finite Decimal; a float number is refused rather than silently trusted. */
function toMoney(amount: MoneyInput): Decimal {
  if (typeof amount === 'number' && Number.isFinite(amount) && !Number.isSafeInteger(amount)) {
    throw new TypeError(`金额不能是浮点数：${amount} / Money must not be a JS float: ${amount} (pass a Decimal or string)`);
  }
  const d = amount instanceof Decimal ? amount : new Decimal(amount);
  if (!d.isFinite()) {
    throw new RangeError(`金额必须是有限数：${String(amount)} / Amount must be finite: ${String(amount)}`);
  }
  return d;
}

/** Insert thousands separators into a plain "-?digits.digits" string; "-0.00" loses its sign. */
function group(fixed: string): string {
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [int = '0', frac] = fixed.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac === undefined ? '' : `.${frac}`);
}

/** "1,234,567.50": two decimals, half-up (away from zero, so signs are symmetric) to the fen. */
export function formatYuan(amount: MoneyInput): string {
  return group(moneyString(toMoney(amount)));
}

/** For sentences: 25000 -> "25,000", 2400.5 -> "2,400.50" (whole yuan drop ".00"). */
export function amountWords(amount: MoneyInput): string {
  const d = toMoney(amount);
  return group(d.isInteger() ? d.toFixed(0) : moneyString(d));
}

/** Amount in 万元 with 2 or 4 decimals, half-up, grouped: 143000 -> "14.30" (4 -> "14.3000"). */
export function formatWan(amount: MoneyInput, decimals: 2 | 4 = 2): string {
  return group(toMoney(amount).div(10000).toFixed(decimals, Decimal.ROUND_HALF_UP));
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const POSITION_UNITS = ['仟', '佰', '拾', ''] as const; // within a 4-digit group, high to low
const GROUP_UNITS = ['亿', '万', ''] as const; // the three groups of a 12-digit yuan amount
const LIMIT = new Decimal('1e12'); // 1 万亿: the first amount the units above cannot write

/** Capital digit for a decimal digit character. */
function cap(d: string): string {
  return DIGITS[Number(d)] ?? '';
}

/**
 * Integer yuan (1..999999999999, as digits) in capitals, without 元.
 * A 零 stands for any run of zeros between two non-zero digits, except that a
 * group unit (万/亿) absorbs the trailing zeros of its own group: 107000 is
 * 壹拾万柒仟 (万位 0, 仟位 not 0: the bank rules allow omitting 零 here), while
 * 20005 is 贰万零伍 and 100001000 is 壹亿零壹仟 (a whole empty group still needs 零).
 * 拾 always carries its digit (10 -> 壹拾, 100000 -> 壹拾万) so nothing can be inserted before it.
 */
function integerCapital(yuan: string): string {
  const padded = yuan.padStart(12, '0');
  let out = '';
  let pendingZero = false; // zeros seen since the last written digit
  GROUP_UNITS.forEach((groupUnit, g) => {
    const digits = padded.slice(g * 4, g * 4 + 4);
    for (let p = 0; p < 4; p++) {
      const d = digits[p] ?? '0';
      if (d === '0') {
        if (out !== '') pendingZero = true;
        continue;
      }
      out += (pendingZero ? '零' : '') + cap(d) + POSITION_UNITS[p];
      pendingZero = false;
    }
    if (digits !== '0000') {
      out += groupUnit;
      pendingZero = false; // the unit closes the group; its trailing zeros need no 零
    }
  });
  return out;
}

/**
 * 人民币大写 by the PBoC rules for payment documents (without the "人民币" prefix).
 * Rounds half-up to the fen first; negative amounts get "负"; |amount| >= 1万亿 throws RangeError.
 *
 * - "整" after 元 when jiao and fen are 0; after 角 (fen 0) only with `zhengAfterJiao`; never after 分.
 * - Yuan 0 with jiao/fen: 元 is omitted (0.47 -> 肆角柒分, 0.05 -> 伍分); 0 -> 零元整.
 * - 零 after 元 (convention chosen): written when jiao is 0 and fen is not (16409.02 -> 壹万陆仟肆佰零玖元零贰分),
 *   and also whenever the 元位 digit is 0 and jiao is not (107000.53 -> 壹拾万柒仟元零伍角叁分,
 *   1680.32 -> 壹仟陆佰捌拾元零叁角贰分, as in the PBoC examples); otherwise not (1409.50 -> 壹仟肆佰零玖元伍角).
 */
export function toChineseCapital(amount: MoneyInput, options: { zhengAfterJiao?: boolean } = {}): string {
  const value = toFen(toMoney(amount));
  const abs = value.abs();
  if (abs.gte(LIMIT)) {
    throw new RangeError(
      `金额超出范围（必须小于1万亿元）：${value.toFixed(2)} / Amount out of range (must be less than 1 trillion yuan): ${value.toFixed(2)}`,
    );
  }
  const fen = abs.times(100).toFixed(0).padStart(3, '0'); // exact: abs has at most 2 decimals
  const yuan = fen.slice(0, -2).replace(/^0+(?=\d)/, '');
  const jiaoDigit = fen.at(-2) ?? '0';
  const fenDigit = fen.at(-1) ?? '0';

  let out: string;
  if (yuan === '0') {
    if (jiaoDigit === '0' && fenDigit === '0') return '零元整'; // also -0.001, which rounds to zero: no 负
    out = '';
  } else {
    out = integerCapital(yuan) + '元';
    if (jiaoDigit === '0' && fenDigit === '0') out += '整';
    else if (jiaoDigit === '0' || yuan.endsWith('0')) out += '零';
  }
  if (jiaoDigit !== '0') out += cap(jiaoDigit) + '角';
  if (fenDigit !== '0') out += cap(fenDigit) + '分';
  else if (jiaoDigit !== '0' && options.zhengAfterJiao === true) out += '整';

  return (value.isNegative() ? '负' : '') + out;
}
