// The built-in policy as the engine gives it out: its lines, what an
// explanation records (rule, inputs, parameters with value, date and clause),
// exact money. The amounts and sentences of DOMAIN.md (boundaries, worked
// examples) are rule cases as data: tests/cases/builtin-*.yaml.
import { describe, it, expect } from 'vitest';
import { builtinPolicy, calculator, Decimal, type Unit, type UnitResult, type UnitType } from '../src/engine/index.js';

const calc = calculator(2025);
const unit = (type: UnitType, population: number, membersPrevYear: number, monthsActive?: number): Unit => ({
  township: '城关镇',
  name: '测试村',
  type,
  population,
  membersPrevYear,
  ...(monthsActive === undefined ? {} : { monthsActive }),
});
const line = (r: UnitResult, id: string) => {
  const l = r.lines.find((x) => x.line === id);
  if (!l) throw new Error(`no line ${id}`);
  return l;
};

describe('built-in policy lines', () => {
  it('are office, partyBuilding, memberActivity, communityService in that order', () => {
    expect(calc.lineIds).toEqual(['office', 'partyBuilding', 'memberActivity', 'communityService']);
    expect(calc.unit(unit('village', 1, 1)).lines.map((l) => l.line)).toEqual(calc.lineIds);
  });

  it('use half-up rounding and yuan (CNY)', () => {
    expect(builtinPolicy().rounding).toBe('half-up');
    expect(builtinPolicy().currency).toBe('CNY');
  });
});

describe('explanations', () => {
  it('1,620 people: what the office explanation records', () => {
    const e = line(calc.unit(unit('village', 1620, 24)), 'office').explanation;
    expect(e.text.en).toContain('1,620');
    expect(e.text.en).toContain('25,000');
    expect(e.line).toBe('office');
    expect(e.rule).toBe('schedule');
    expect(e.clause).toBe('二（四）2');
    expect(e.unitType).toBe('village');
    expect(e.inputs).toEqual({ population: 1620 });
    expect(e.fullYear).toBeUndefined();
  });

  it('schedule params carry value, since and ref', () => {
    const params = line(calc.unit(unit('village', 1620, 24)), 'office').explanation.params;
    expect(params.map((p) => [p.name, p.value, p.since])).toEqual([
      ['base', '20000', '2021-01-01'],
      ['steps[0].threshold', '1500', '2021-01-01'],
      ['steps[0].amount', '25000', '2021-01-01'],
    ]);
    for (const p of params) expect(p.ref).toContain('二（四）2');
    expect(params[0]!.ref).toContain('1500人以下的村每村每年2万元');
    expect(params[2]!.ref).toContain('2.5万元');
  });

  it('per-capita params carry the rate and the floor', () => {
    const e = line(calc.unit(unit('village', 1000, 24)), 'memberActivity').explanation;
    expect(e.rule).toBe('perCapita');
    expect(e.params.map((p) => [p.name, p.value, p.since])).toEqual([
      ['rate', '100', '2021-01-01'],
      ['floor', '3000', '2021-01-01'],
    ]);
    expect(e.params[0]!.ref).toContain('每人每年100元');
    expect(e.params[1]!.ref).toContain('3000元');
  });

  it('flat params carry value, since and ref', () => {
    const e = line(calc.unit(unit('urbanCommunity', 8000, 130)), 'communityService').explanation;
    expect(e.rule).toBe('flat');
    expect(e.params).toEqual([
      { name: 'amount', value: '50000', since: '2021-01-01', ref: expect.stringContaining('每个城市社区每年5万元') },
    ]);
  });

  it('a per-capita rule records the attribute it read (上年度 members)', () => {
    expect(line(calc.unit(unit('village', 1000, 45)), 'memberActivity').explanation.inputs).toEqual({ membersPrevYear: 45 });
  });

  it.each(['ruralCommunity', 'village'] as const)('a line that does not apply to a %s is zero, with no parameters', (type) => {
    const l = line(calc.unit(unit(type, 2000, 12)), 'communityService');
    expect(l.amount.isZero()).toBe(true);
    expect(l.explanation.rule).toBe('notApplicable');
    expect(l.explanation.params).toEqual([]);
  });

  it('part-year units record the full-year amount and the months', () => {
    const e = line(calc.unit(unit('ruralCommunity', 2000, 12, 5)), 'partyBuilding').explanation;
    expect(e.fullYear).toBe('50000.00');
    expect(e.inputs).toEqual({ monthsActive: 5 });
  });
});

describe('money is exact Decimal', () => {
  it('amounts and totals are Decimal instances, not numbers', () => {
    for (const type of ['village', 'urbanCommunity', 'ruralCommunity'] as const) {
      const r = calc.unit(unit(type, 1620, 24, 7));
      expect(r.total).toBeInstanceOf(Decimal);
      expect(typeof r.total).not.toBe('number');
      for (const l of r.lines) {
        expect(l.amount).toBeInstanceOf(Decimal);
        expect(typeof l.amount).not.toBe('number');
        expect(l.amount.decimalPlaces()).toBeLessThanOrEqual(2);
      }
    }
  });

  it('the total is the exact sum of the lines', () => {
    const r = calc.unit(unit('ruralCommunity', 2000, 12, 5));
    const sum = r.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
    expect(r.total.equals(sum)).toBe(true);
  });
});
