// The domain brief's facts, pinned exactly: boundaries, worked examples,
// explanation sentences and their parameters, exact money.
import { describe, it, expect } from 'vitest';
import { builtinPolicy, calculator, Decimal, lineAmount, type Unit, type UnitResult, type UnitType } from '../src/engine/index.js';

const calc = calculator(2025);
const unit = (type: UnitType, population: number, membersPrevYear: number, monthsActive?: number): Unit => ({
  township: '城关镇',
  name: '测试村',
  type,
  population,
  membersPrevYear,
  ...(monthsActive === undefined ? {} : { monthsActive }),
});
const amounts = (r: UnitResult) =>
  Object.fromEntries([...r.lines.map((l) => [l.line, l.amount.toFixed(2)]), ['total', r.total.toFixed(2)]]);
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

describe('office funds boundary (village population)', () => {
  it.each([
    [0, '20000.00'],
    [1, '20000.00'],
    [1499, '20000.00'],
    [1500, '25000.00'],
    [1501, '25000.00'],
    [100000, '25000.00'],
  ])('%i people -> %s', (population, expected) => {
    expect(lineAmount(calc.unit(unit('village', population, 10)), 'office').toFixed(2)).toBe(expected);
  });

  it.each(['urbanCommunity', 'ruralCommunity'] as const)('a %s gets 30,000 at any population', (type) => {
    for (const p of [0, 1499, 1500, 8000]) expect(lineAmount(calc.unit(unit(type, p, 10)), 'office').toFixed(2)).toBe('30000.00');
  });
});

describe('party-member activity funds (last year members)', () => {
  it.each(Array.from({ length: 30 }, (_, m) => m))('%i members -> 3,000 (floor)', (m) => {
    expect(lineAmount(calc.unit(unit('village', 1000, m)), 'memberActivity').toFixed(2)).toBe('3000.00');
  });

  it('30 members -> 3,000', () => {
    expect(lineAmount(calc.unit(unit('village', 1000, 30)), 'memberActivity').toFixed(2)).toBe('3000.00');
  });

  it('31 members -> 3,100', () => {
    expect(lineAmount(calc.unit(unit('village', 1000, 31)), 'memberActivity').toFixed(2)).toBe('3100.00');
  });

  it('the same rule for every unit type', () => {
    for (const type of ['village', 'urbanCommunity', 'ruralCommunity'] as const) {
      expect(lineAmount(calc.unit(unit(type, 1000, 29)), 'memberActivity').toFixed(2)).toBe('3000.00');
      expect(lineAmount(calc.unit(unit(type, 1000, 31)), 'memberActivity').toFixed(2)).toBe('3100.00');
      expect(lineAmount(calc.unit(unit(type, 1000, 130)), 'memberActivity').toFixed(2)).toBe('13000.00');
    }
  });

  it('reads membersPrevYear (上年度), and says so', () => {
    const l = line(calc.unit(unit('village', 1000, 45)), 'memberActivity');
    expect(l.explanation.inputs).toEqual({ membersPrevYear: 45 });
    expect(l.explanation.text.zh).toContain('上年度党员人数45人');
  });
});

describe('worked examples', () => {
  it('village, 1,200 people, 24 members: 20,000 + 5,000 + 3,000 = 28,000', () => {
    expect(amounts(calc.unit(unit('village', 1200, 24)))).toEqual({
      office: '20000.00',
      partyBuilding: '5000.00',
      memberActivity: '3000.00',
      communityService: '0.00',
      total: '28000.00',
    });
  });

  it('village, 1,500 people, 45 members: 25,000 + 5,000 + 4,500 = 34,500', () => {
    expect(amounts(calc.unit(unit('village', 1500, 45)))).toEqual({
      office: '25000.00',
      partyBuilding: '5000.00',
      memberActivity: '4500.00',
      communityService: '0.00',
      total: '34500.00',
    });
  });

  it('urban community, 8,000 people, 130 members: 30,000 + 50,000 + 13,000 + 50,000 = 143,000', () => {
    expect(amounts(calc.unit(unit('urbanCommunity', 8000, 130)))).toEqual({
      office: '30000.00',
      partyBuilding: '50000.00',
      memberActivity: '13000.00',
      communityService: '50000.00',
      total: '143000.00',
    });
  });

  it('rural community, 2,000 people, 12 members: 30,000 + 50,000 + 3,000 = 83,000', () => {
    expect(amounts(calc.unit(unit('ruralCommunity', 2000, 12)))).toEqual({
      office: '30000.00',
      partyBuilding: '50000.00',
      memberActivity: '3000.00',
      communityService: '0.00',
      total: '83000.00',
    });
  });
});

describe('community service funds', () => {
  it('50,000 for an urban community', () => {
    const l = line(calc.unit(unit('urbanCommunity', 8000, 130)), 'communityService');
    expect(l.amount.toFixed(2)).toBe('50000.00');
    expect(l.explanation.rule).toBe('flat');
  });

  it.each(['ruralCommunity', 'village'] as const)('0 for a %s, explained as not applicable', (type) => {
    const l = line(calc.unit(unit(type, 2000, 12)), 'communityService');
    expect(l.amount.toFixed(2)).toBe('0.00');
    expect(l.amount.isZero()).toBe(true);
    expect(l.explanation.rule).toBe('notApplicable');
    expect(l.explanation.params).toEqual([]);
    expect(l.explanation.text.zh).toBe(type === 'village' ? '社区服务群众专项经费不适用于村' : '社区服务群众专项经费不适用于农村社区');
  });

  it('party-building funds: 5,000 a village, 50,000 a community', () => {
    expect(lineAmount(calc.unit(unit('village', 2000, 12)), 'partyBuilding').toFixed(2)).toBe('5000.00');
    expect(lineAmount(calc.unit(unit('urbanCommunity', 2000, 12)), 'partyBuilding').toFixed(2)).toBe('50000.00');
    expect(lineAmount(calc.unit(unit('ruralCommunity', 2000, 12)), 'partyBuilding').toFixed(2)).toBe('50000.00');
  });
});

describe('explanations', () => {
  it('1,620 people: the exact office sentence', () => {
    const e = line(calc.unit(unit('village', 1620, 24)), 'office').explanation;
    expect(e.text.zh).toBe('人口1,620人，不低于1,500人，办公经费按每村每年25,000元核定');
    expect(e.text.en).toContain('1,620');
    expect(e.text.en).toContain('25,000');
    expect(e.line).toBe('office');
    expect(e.rule).toBe('schedule');
    expect(e.clause).toBe('二（四）2');
    expect(e.unitType).toBe('village');
    expect(e.inputs).toEqual({ population: 1620 });
    expect(e.fullYear).toBeUndefined();
  });

  it('1,499 people: below the threshold', () => {
    expect(line(calc.unit(unit('village', 1499, 24)), 'office').explanation.text.zh).toBe(
      '人口1,499人，低于1,500人，办公经费按每村每年20,000元核定',
    );
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
    expect(e.text.zh).toBe('上年度党员人数24人，按每人每年100元计2,400元，低于保底3,000元，按3,000元核定');
  });

  it('flat params carry value, since and ref', () => {
    const e = line(calc.unit(unit('urbanCommunity', 8000, 130)), 'communityService').explanation;
    expect(e.params).toEqual([
      { name: 'amount', value: '50000', since: '2021-01-01', ref: expect.stringContaining('每个城市社区每年5万元') },
    ]);
  });

  it('part-year units record the full-year amount and the months', () => {
    const e = line(calc.unit(unit('ruralCommunity', 2000, 12, 5)), 'partyBuilding').explanation;
    expect(e.fullYear).toBe('50000.00');
    expect(e.inputs).toEqual({ monthsActive: 5 });
    expect(e.text.zh).toBe('党建经费按每个农村社区每年50,000元核定；本年在册5个月，按5/12折算为20,833.33元');
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
    expect(r.total.toFixed(2)).toBe('34583.33');
  });
});
