// The payment resolver alone: one ledger row against a few roster units and the built-in
// policy, with no audit built around it (no sums, no other payments).
import { describe, expect, test } from 'vitest';
import { paymentContext, resolvePayment, type PaymentContext, type RosterUnit } from '../src/audit/resolve-payment.js';
import { readLedgerGrid, type LedgerPayment } from '../src/audit/ledger.js';
import { calculator } from '../src/engine/index.js';
import type { Unit } from '../src/engine/unit.js';
import type { Cell } from '../src/workbook/cells.js';

const unit = (township: string, name: string, type: Unit['type'], code?: string): Unit => ({
  township,
  name,
  type,
  population: 1000,
  membersPrevYear: 20,
  ...(code ? { code } : {}),
});

const UNITS: RosterUnit[] = [
  { unit: unit('城关镇', '东风村', 'village', '410102001001'), sheet: '名册', row: 3 },
  { unit: unit('城关镇', '幸福社区', 'urbanCommunity'), sheet: '名册', row: 4 },
  { unit: unit('河口镇', '东风村', 'village'), sheet: '名册', row: 5 },
  { unit: unit('河口镇', '石桥村', 'village'), sheet: '名册', row: 6 },
  { unit: unit('河口镇', '石桥村', 'village'), sheet: '名册', row: 7 },
];

const HEADER = ['拨付日期', '凭证号', '乡镇', '收款单位', '区划代码', '经费类别', '摘要', '金额'];

function ctx(asOf: string | null = null): PaymentContext {
  return paymentContext(calculator(2025).policy, UNITS, asOf);
}

/** One payment read from a header and one row (sheet 拨付明细, row 2). */
function payment(
  row: Partial<Record<'date' | 'voucher' | 'township' | 'payee' | 'code' | 'category' | 'summary', string>>,
  amount: Cell = 100,
  sheet = '拨付明细',
): LedgerPayment {
  const cells: Cell[] = [
    row.date ?? '2025-03-15',
    row.voucher ?? '记-1',
    row.township ?? '',
    row.payee ?? '',
    row.code ?? '',
    row.category ?? '',
    row.summary ?? '',
    amount,
  ];
  const { outcomes } = readLedgerGrid(sheet, [HEADER, cells]);
  const o = outcomes[0]!;
  if (o.kind !== 'payment') throw new Error(`not a payment: ${JSON.stringify(o)}`);
  return o.payment;
}

const codes = (r: ReturnType<typeof resolvePayment>) => [...r.findings, ...r.dateFindings].map((f) => f.issue.code);

describe('resolvePayment', () => {
  test('township + name + category: the unit and the line, nothing to say', () => {
    const r = resolvePayment(payment({ township: '城关镇', payee: '东风村', category: '办公经费' }), ctx());
    expect(r.match.kind).toBe('unit');
    expect(r.match.kind === 'unit' && r.match.unit.unit.township).toBe('城关镇');
    expect(r.line).toBe('office');
    expect(r.lineIndex).toBe(0);
    expect(codes(r)).toEqual([]);
    expect(r.note).toBeNull();
    expect(r.notEntitled).toBe(false);
  });

  test('a name in two townships without one is ambiguous, naming both', () => {
    const r = resolvePayment(payment({ payee: '东风村', category: '办公经费' }), ctx());
    expect(r.match.kind).toBe('ambiguous');
    expect(codes(r)).toEqual(['AMBIGUOUS_PAYEE']);
    expect(r.findings[0]!.suggestion).toBe('东风村（城关镇）；东风村（河口镇）');
  });

  test('two units of one name in one township: the roster rows are named, the code asked for', () => {
    const r = resolvePayment(payment({ township: '河口镇', payee: '石桥村', category: '办公经费' }), ctx());
    expect(codes(r)).toEqual(['AMBIGUOUS_PAYEE']);
    expect(r.findings[0]!.suggestion).toContain('名册!6');
    expect(r.findings[0]!.suggestion).toContain('名册!7');
  });

  test('an unknown payee gets near-miss suggestions', () => {
    const r = resolvePayment(payment({ township: '城关镇', payee: '幸福小区', category: '办公经费' }), ctx());
    expect(r.match.kind).toBe('unknown');
    expect(codes(r)).toEqual(['UNKNOWN_PAYEE']);
  });

  test('a committee form matches with a NAME_FORM note, not an exception', () => {
    const r = resolvePayment(payment({ township: '城关镇', payee: '幸福社区居民委员会', category: '党建经费' }), ctx());
    expect(r.match.kind === 'unit' && r.match.rule).toBe('form');
    expect(r.note?.code).toBe('NAME_FORM');
    expect(codes(r)).toEqual([]);
  });

  test('the payee from 摘要 when the payee cell is empty; the line from 摘要 too', () => {
    const r = resolvePayment(payment({ township: '城关镇', summary: '拨付幸福社区2025年服务群众专项经费' }), ctx());
    expect(r.payee).toBe('幸福社区');
    expect(r.line).toBe('communityService');
    expect(codes(r)).toEqual([]);
  });

  test('a village paid a community-only line is not entitled', () => {
    const r = resolvePayment(payment({ township: '城关镇', payee: '东风村', category: '社区服务群众专项经费' }), ctx());
    expect(r.notEntitled).toBe(true);
    expect(codes(r)).toEqual(['NOT_ENTITLED']);
  });

  test('no line told: unclassified, index past the last line', () => {
    const r = resolvePayment(payment({ township: '城关镇', payee: '东风村', category: '其他' }), ctx());
    expect(r.line).toBeNull();
    expect(r.lineIndex).toBe(calculator(2025).policy.lines.length);
    expect(codes(r)).toEqual(['UNCLASSIFIED']);
  });

  test('category and 摘要 naming different lines: the category wins, said so', () => {
    const r = resolvePayment(payment({ township: '城关镇', payee: '东风村', category: '办公经费', summary: '党建经费' }), ctx());
    expect(r.line).toBe('office');
    expect(codes(r)).toEqual(['LINE_CONFLICT']);
  });

  test('dates: out of the year, after the as-of date, another year in 摘要 (listed after the rest)', () => {
    const out = resolvePayment(payment({ date: '2024-12-30', township: '城关镇', payee: '东风村', category: '办公经费' }), ctx());
    expect(out.outOfYear).toBe(true);
    expect(out.dateFindings.map((f) => f.issue.code)).toEqual(['OUT_OF_YEAR']);
    const late = resolvePayment(
      payment({ date: '2025-08-01', township: '城关镇', payee: '东风村', category: '办公经费' }),
      ctx('2025-06-30'),
    );
    expect(late.dateFindings.map((f) => f.issue.code)).toEqual(['AFTER_AS_OF']);
    const other = resolvePayment(payment({ township: '城关镇', payee: '东风村', category: '办公经费', summary: '2024年办公经费' }), ctx());
    expect(other.dateFindings.map((f) => f.issue.code)).toEqual(['OTHER_YEAR_IN_SUMMARY']);
  });

  test('a division code decides; a code naming another unit than the payee is said', () => {
    const r = resolvePayment(payment({ payee: '幸福社区', code: '410102001001', category: '办公经费' }), ctx());
    expect(r.match.kind === 'unit' && r.match.by).toBe('code');
    expect(r.match.kind === 'unit' && r.match.unit.unit.name).toBe('东风村');
    expect(codes(r)).toEqual(['CODE_NAME_MISMATCH']);
  });

  test('a sheet named after a roster township stands for it', () => {
    const r = resolvePayment(payment({ payee: '东风村', category: '办公经费' }, 100, '河口镇'), ctx());
    expect(r.township).toBe('河口镇');
    expect(r.match.kind === 'unit' && r.match.unit.unit.township).toBe('河口镇');
  });

  test('the same payment resolves the same twice: nothing is kept between calls', () => {
    const c = ctx();
    const p = payment({ township: '城关镇', payee: '东风村', category: '办公经费' });
    const a = resolvePayment(p, c);
    const b = resolvePayment(p, c);
    expect(codes(b)).toEqual(codes(a));
    expect(b.line).toBe(a.line);
  });
});
