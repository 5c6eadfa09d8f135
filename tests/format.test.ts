import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal, toFen } from '../src/engine/money.js';
import { formatWan, formatYuan, toChineseCapital } from '../src/engine/format.js';

const d = (s: string) => new Decimal(s);

/** Independent reader of a capital string back to fen, to check the writer round-trips. */
function parseCapital(text: string): bigint {
  const DIGITS = '零壹贰叁肆伍陆柒捌玖';
  const POS: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };
  let s = text;
  const negative = s.startsWith('负');
  if (negative) s = s.slice(1);
  let yi = 0n,
    wan = 0n,
    units = 0n,
    jiao = 0n,
    fen = 0n;
  let section = 0n,
    digit = 0n;
  for (const ch of s) {
    const idx = DIGITS.indexOf(ch);
    if (idx >= 0) digit = BigInt(idx);
    else if (ch in POS) {
      section += digit * (POS[ch] ?? 0n);
      digit = 0n;
    } else if (ch === '亿') {
      yi = section + digit;
      section = 0n;
      digit = 0n;
    } else if (ch === '万') {
      wan = section + digit;
      section = 0n;
      digit = 0n;
    } else if (ch === '元') {
      units = section + digit;
      section = 0n;
      digit = 0n;
    } else if (ch === '角') {
      jiao = digit;
      digit = 0n;
    } else if (ch === '分') {
      fen = digit;
      digit = 0n;
    } else if (ch !== '整') throw new Error(`unexpected ${ch} in ${text}`);
  }
  const total = (yi * 100_000_000n + wan * 10_000n + units) * 100n + jiao * 10n + fen;
  return negative ? -total : total;
}

describe('toChineseCapital', () => {
  it.each([
    ['0', '零元整'],
    ['1409.50', '壹仟肆佰零玖元伍角'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['107000.53', '壹拾万柒仟元零伍角叁分'],
    ['1680.32', '壹仟陆佰捌拾元零叁角贰分'],
    ['100000', '壹拾万元整'],
    ['25000', '贰万伍仟元整'],
    ['143000', '壹拾肆万叁仟元整'],
    ['0.47', '肆角柒分'],
    ['0.05', '伍分'],
    ['0.50', '伍角'],
    ['10', '壹拾元整'],
    ['15', '壹拾伍元整'],
    ['1', '壹元整'],
    ['100.07', '壹佰元零柒分'],
  ])('%s -> %s', (amount, expected) => {
    expect(toChineseCapital(d(amount))).toBe(expected);
  });

  it.each([
    ['100010000', '壹亿零壹万元整'],
    ['1000000', '壹佰万元整'],
    ['10000001', '壹仟万零壹元整'],
    ['20005', '贰万零伍元整'],
    ['100000000', '壹亿元整'],
    ['100000001', '壹亿零壹元整'],
    ['100001000', '壹亿零壹仟元整'],
    ['101000000', '壹亿零壹佰万元整'],
    ['110000000', '壹亿壹仟万元整'],
    ['1000100', '壹佰万零壹佰元整'],
    ['999999999999.99', '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('万/亿 groups: %s -> %s', (amount, expected) => {
    expect(toChineseCapital(d(amount))).toBe(expected);
  });

  it('writes 整 after 角 only when asked', () => {
    expect(toChineseCapital(d('1409.50'), { zhengAfterJiao: true })).toBe('壹仟肆佰零玖元伍角整');
    expect(toChineseCapital(d('0.50'), { zhengAfterJiao: true })).toBe('伍角整');
    expect(toChineseCapital(d('6007.14'), { zhengAfterJiao: true })).toBe('陆仟零柒元壹角肆分');
    expect(toChineseCapital(d('100000'), { zhengAfterJiao: true })).toBe('壹拾万元整');
  });

  it('rounds half-up to the fen first', () => {
    expect(toChineseCapital(d('0.005'))).toBe('壹分');
    expect(toChineseCapital(d('0.0049'))).toBe('零元整');
    expect(toChineseCapital(d('1.994'))).toBe('壹元玖角玖分');
    expect(toChineseCapital(d('1.995'))).toBe('贰元整');
  });

  it('prefixes 负 for negatives, but not for amounts that round to zero', () => {
    expect(toChineseCapital(d('-1409.5'))).toBe('负壹仟肆佰零玖元伍角');
    expect(toChineseCapital(d('-0.005'))).toBe('负壹分');
    expect(toChineseCapital(d('-0.001'))).toBe('零元整');
  });

  it('accepts strings and integer numbers, refuses floats', () => {
    expect(toChineseCapital('25000')).toBe('贰万伍仟元整');
    expect(toChineseCapital(25000)).toBe('贰万伍仟元整');
    expect(() => toChineseCapital(0.1)).toThrow(TypeError);
  });

  it('rejects non-finite and >= 1万亿 with a bilingual RangeError', () => {
    for (const bad of [d('1e12'), d('-1e12'), d('999999999999.995'), d('Infinity'), d('NaN'), Infinity]) {
      expect(() => toChineseCapital(bad)).toThrow(RangeError);
    }
    expect(() => toChineseCapital(d('1e12'))).toThrow(/^金额.*\/ Amount/);
  });

  // Amounts biased towards zero runs, where the 零 rules bite.
  const fenAmounts = fc.oneof(
    fc.bigInt({ min: 0n, max: 99_999_999_999n }),
    fc
      .array(fc.constantFrom('0', '0', '0', '0', '1', '5', '9'), { minLength: 1, maxLength: 13 })
      .map((ds) => BigInt(ds.join('')) % 100_000_000_000n),
  );

  it('property: structure, 整 rule and round trip for any fen amount', () => {
    fc.assert(
      fc.property(fenAmounts, fc.boolean(), (fen, negative) => {
        const amount = new Decimal(fen.toString()).div(100).times(negative ? -1 : 1);
        const jiao = (fen / 10n) % 10n;
        const fenDigit = fen % 10n;
        const s = toChineseCapital(amount);
        expect(s).not.toMatch(/零零/);
        expect(s).not.toMatch(/零$/);
        expect(s).not.toMatch(/(^|[^零壹贰叁肆伍陆柒捌玖])拾/); // 拾 always carries its digit
        if (fen !== 0n) expect(s).not.toMatch(/^负?零/);
        expect(s.includes('整')).toBe(jiao === 0n && fenDigit === 0n);
        expect(toChineseCapital(amount, { zhengAfterJiao: true }).includes('整')).toBe(fenDigit === 0n);
        expect(parseCapital(s)).toBe(fen !== 0n && negative ? -fen : fen);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatYuan', () => {
  it.each([
    ['1234567.5', '1,234,567.50'],
    ['0', '0.00'],
    ['-1409.5', '-1,409.50'],
    ['999.995', '1,000.00'],
    ['-0.004', '0.00'],
    ['-0.005', '-0.01'],
    ['100', '100.00'],
    ['1000', '1,000.00'],
  ])('%s -> %s', (amount, expected) => {
    expect(formatYuan(d(amount))).toBe(expected);
  });

  it('rejects non-finite amounts', () => {
    expect(() => formatYuan(d('Infinity'))).toThrow(RangeError);
  });

  it('property: removing commas gives the amount rounded to the fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), (tenThousandths) => {
        const amount = new Decimal(tenThousandths.toString()).div(10_000);
        const s = formatYuan(amount);
        expect(s).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2}$/);
        expect(new Decimal(s.replaceAll(',', '')).eq(toFen(amount))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatWan', () => {
  it.each([
    ['143000', 2, '14.30'],
    ['143000', 4, '14.3000'],
    ['25000', 2, '2.50'],
    ['12345678900', 2, '1,234,567.89'],
    ['50', 2, '0.01'],
    ['49', 2, '0.00'],
    ['-25000', 4, '-2.5000'],
  ] as const)('%s (%i decimals) -> %s', (amount, decimals, expected) => {
    expect(formatWan(d(amount), decimals)).toBe(expected);
  });

  it('defaults to two decimals', () => {
    expect(formatWan(d('143000'))).toBe('14.30');
  });
});
