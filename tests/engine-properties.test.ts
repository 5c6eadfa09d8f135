// Properties of the engine over random units, years and policies.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  builtinPolicy,
  Calculator,
  calculator,
  compareUnits,
  computeAll,
  Decimal,
  lineAmount,
  parsePolicy,
  TotalsBuilder,
  UNIT_TYPES,
  type Policy,
  type Unit,
  type UnitResult,
} from '../src/engine/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const POLICIES: Record<'builtin' | 'example', { policy: Policy; years: [number, number] }> = {
  builtin: { policy: builtinPolicy(), years: [2021, 2030] },
  example: { policy: parsePolicy(readFileSync(join(root, 'src/policies/example-other-county.yaml'), 'utf8')), years: [2020, 2030] },
};
type Which = keyof typeof POLICIES;

// Calculators are shared across runs on purpose: their caches are part of what is tested.
const shared = new Map<string, Calculator>();
const calcFor = (which: Which, year: number): Calculator => {
  const key = `${which}:${year}`;
  let c = shared.get(key);
  if (!c) shared.set(key, (c = calculator(year, POLICIES[which].policy)));
  return c;
};

const RUNS = 500;
const ZERO = new Decimal(0);
const sumOf = (xs: Decimal[]) => xs.reduce((s, x) => s.plus(x), ZERO);

const townshipArb = fc.constantFrom('城关镇', '河口镇', '新华乡', '东风乡', 'Township A');
const populationArb = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.constantFrom(0, 1499, 1500, 1501, 1999, 2000, 2001),
  fc.integer({ min: 0, max: 2_000_000 }),
);
const membersArb = fc.oneof(
  fc.integer({ min: 0, max: 60 }),
  fc.constantFrom(29, 30, 31, 1399, 1400, 1401, 2199, 2200, 2201),
  fc.integer({ min: 0, max: 5000 }),
);
const monthsArb = fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined });
const unitArb: fc.Arbitrary<Unit> = fc
  .record({
    township: townshipArb,
    name: fc.constantFrom('一村', '二村', '三社区', '同名村'),
    type: fc.constantFrom(...UNIT_TYPES),
    population: populationArb,
    membersPrevYear: membersArb,
    monthsActive: monthsArb,
  })
  .map(({ monthsActive, ...u }) => (monthsActive === undefined ? u : { ...u, monthsActive }));
const fullYearUnitArb = unitArb.map(({ monthsActive: _m, ...u }) => u as Unit);
const policyYearArb = fc
  .constantFrom<Which>('builtin', 'example')
  .chain((which) =>
    fc.record({ which: fc.constant(which), year: fc.integer({ min: POLICIES[which].years[0], max: POLICIES[which].years[1] }) }),
  );
const builtinYearArb = fc.integer({ min: 2021, max: 2030 });

/** Half-up rounding of full x months / 12 to the fen, in integer fen: an independent oracle. */
function prorateHalfUp(full: Decimal, months: number): Decimal {
  const fen = BigInt(full.times(100).toFixed(0));
  expect(fen >= 0n).toBe(true);
  const rounded = (2n * fen * BigInt(months) + 12n) / 24n;
  return new Decimal(rounded.toString()).dividedBy(100);
}

const isTopUp = (r: UnitResult, i: number) => r.lines[i]!.explanation.rule === 'topUp';

describe('monotonicity', () => {
  it('built-in: more people never lowers any line or the total', () => {
    fc.assert(
      fc.property(unitArb, fc.integer({ min: 0, max: 3000 }), builtinYearArb, (u, extra, year) => {
        const c = calcFor('builtin', year);
        const a = c.unit(u);
        const b = c.unit({ ...u, population: u.population + extra });
        a.lines.forEach((l, i) => expect(b.lines[i]!.amount.greaterThanOrEqualTo(l.amount)).toBe(true));
        expect(b.total.greaterThanOrEqualTo(a.total)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('built-in: more members never lowers any line or the total', () => {
    fc.assert(
      fc.property(unitArb, fc.integer({ min: 0, max: 500 }), builtinYearArb, (u, extra, year) => {
        const c = calcFor('builtin', year);
        const a = c.unit(u);
        const b = c.unit({ ...u, membersPrevYear: u.membersPrevYear + extra });
        a.lines.forEach((l, i) => expect(b.lines[i]!.amount.greaterThanOrEqualTo(l.amount)).toBe(true));
        expect(b.total.greaterThanOrEqualTo(a.total)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  // A top-up falls as the lines it tops up rise, so for the example policy
  // only the other lines are monotone per line; the total is monotone for a
  // full year (for part-year units each line is rounded on its own, and the
  // total can move by a fen either way).
  it('example policy: more people or members never lowers a non-top-up line, nor a full-year total', () => {
    fc.assert(
      fc.property(
        fullYearUnitArb,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 2020, max: 2030 }),
        (u, morePeople, moreMembers, year) => {
          const c = calcFor('example', year);
          const a = c.unit(u);
          for (const v of [
            { ...u, population: u.population + morePeople },
            { ...u, membersPrevYear: u.membersPrevYear + moreMembers },
          ]) {
            const b = c.unit(v);
            a.lines.forEach((l, i) => {
              if (!isTopUp(a, i)) expect(b.lines[i]!.amount.greaterThanOrEqualTo(l.amount)).toBe(true);
            });
            expect(b.total.greaterThanOrEqualTo(a.total)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('example policy: a full-year total is max(minimum, office + education)', () => {
    fc.assert(
      fc.property(fullYearUnitArb, fc.integer({ min: 2020, max: 2030 }), (u, year) => {
        const r = calcFor('example', year).unit(u);
        const min = new Decimal(u.type === 'village' ? 100000 : 150000);
        const own = lineAmount(r, 'office').plus(lineAmount(r, 'memberEducation'));
        expect(r.total.equals(Decimal.max(min, own))).toBe(true);
        expect(lineAmount(r, 'operatingTopUp').equals(Decimal.max(ZERO, min.minus(own)))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('built-in floors', () => {
  it('activity funds are never below 3,000 for a full year, and 100 per member from 30 up', () => {
    fc.assert(
      fc.property(fullYearUnitArb, builtinYearArb, (u, year) => {
        const a = lineAmount(calcFor('builtin', year).unit(u), 'memberActivity');
        expect(a.greaterThanOrEqualTo(3000)).toBe(true);
        expect(a.equals(Decimal.max(3000, u.membersPrevYear * 100))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('exact money', () => {
  it('every total equals the sum of its lines exactly; amounts are Decimal with at most 2 decimals', () => {
    fc.assert(
      fc.property(unitArb, policyYearArb, (u, { which, year }) => {
        const r = calcFor(which, year).unit(u);
        expect(r.lines.map((l) => l.line)).toEqual(calcFor(which, year).lineIds);
        for (const l of r.lines) {
          expect(l.amount).toBeInstanceOf(Decimal);
          expect(l.amount.isFinite()).toBe(true);
          expect(l.amount.isNegative() && !l.amount.isZero()).toBe(false);
          expect(l.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        }
        expect(r.total).toBeInstanceOf(Decimal);
        expect(r.total.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(r.total.equals(sumOf(r.lines.map((l) => l.amount)))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('part-year: each line is round_half_up(full x months / 12), the total the sum of the rounded lines', () => {
    fc.assert(
      fc.property(fullYearUnitArb, fc.integer({ min: 1, max: 12 }), policyYearArb, (u, months, { which, year }) => {
        const c = calcFor(which, year);
        const full = c.unit(u);
        const part = c.unit({ ...u, monthsActive: months });
        full.lines.forEach((f, i) => {
          const p = part.lines[i]!;
          expect(p.amount.toFixed(2)).toBe(prorateHalfUp(f.amount, months).toFixed(2));
          if (f.explanation.rule === 'notApplicable') expect(p.explanation).toEqual(f.explanation);
          else if (months < 12) {
            expect(p.explanation.fullYear).toBe(f.amount.toFixed(2));
            expect(p.explanation.inputs.monthsActive).toBe(months);
          } else expect(p.explanation).toEqual(f.explanation);
        });
        expect(part.total.equals(sumOf(part.lines.map((l) => l.amount)))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('a shared (cached) calculator gives the same results as a fresh one', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: 1, maxLength: 10 }), policyYearArb, (units, { which, year }) => {
        const c = calcFor(which, year);
        for (const u of units) {
          const fresh = calculator(year, POLICIES[which].policy).unit(u);
          const cached = c.unit(u);
          expect(cached.lines.map((l) => [l.amount.toFixed(2), l.explanation])).toEqual(
            fresh.lines.map((l) => [l.amount.toFixed(2), l.explanation]),
          );
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('totals', () => {
  it('county total = sum of township totals = sum of unit totals, per line too', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 40 }), policyYearArb, (units, { which, year }) => {
        const c = calcFor(which, year);
        const { results, county, townships } = computeAll(c, units);
        expect(results.map((r) => r.unit)).toEqual(units);
        expect(county.units).toBe(units.length);
        expect(townships.map((t) => t.name).sort()).toEqual([...new Set(units.map((u) => u.township))].sort());
        expect(townships.reduce((n, t) => n + t.units, 0)).toBe(units.length);

        const unitTotal = sumOf(results.map((r) => r.total));
        expect(county.total.equals(unitTotal)).toBe(true);
        expect(county.total.equals(sumOf(townships.map((t) => t.total)))).toBe(true);
        for (const id of c.lineIds) {
          const byUnits = sumOf(results.map((r) => lineAmount(r, id)));
          expect(county.lines[id]!.equals(byUnits)).toBe(true);
          expect(county.lines[id]!.equals(sumOf(townships.map((t) => t.lines[id]!)))).toBe(true);
        }
        expect(county.total.equals(sumOf(c.lineIds.map((id) => county.lines[id]!)))).toBe(true);
        for (const t of townships) {
          const mine = results.filter((r) => r.unit.township === t.name);
          expect(t.units).toBe(mine.length);
          expect(t.total.equals(sumOf(mine.map((r) => r.total)))).toBe(true);
          for (const id of c.lineIds) expect(t.lines[id]!.equals(sumOf(mine.map((r) => lineAmount(r, id))))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('adding units in another order, or through another calculator, gives the same totals', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 30 }), policyYearArb, (units, { which, year }) => {
        const c = calcFor(which, year);
        const a = computeAll(c, units);
        const fresh = calculator(year, POLICIES[which].policy);
        const tb = new TotalsBuilder(fresh.lineIds);
        for (const u of [...units].reverse()) tb.add(fresh.unit(u));
        const b = tb.result();
        const plain = (t: { total: Decimal; lines: Record<string, Decimal> }) => [
          t.total.toFixed(2),
          Object.entries(t.lines).map(([k, v]) => [k, v.toFixed(2)]),
        ];
        expect(plain(b.county)).toEqual(plain(a.county));
        const byName = <T extends { name: string }>(ts: T[]) => [...ts].sort((x, y) => (x.name < y.name ? -1 : 1));
        expect(byName(b.townships).map(plain)).toEqual(byName(a.townships).map(plain));
      }),
      { numRuns: 100 },
    );
  });
});

describe('compareUnits', () => {
  it('a policy compared with itself has all-zero differences', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 30 }), policyYearArb, (units, { which, year }) => {
        const c = calcFor(which, year);
        const cmp = compareUnits(units, c, calculator(year, POLICIES[which].policy));
        expect(cmp.lineIds).toEqual(c.lineIds);
        expect(cmp.units).toHaveLength(units.length);
        for (const d of cmp.units) {
          expect(d.total.isZero()).toBe(true);
          for (const id of cmp.lineIds) expect(d.lines[id]!.isZero()).toBe(true);
        }
        expect(cmp.county.total.isZero()).toBe(true);
        for (const id of cmp.lineIds) expect(cmp.county.lines[id]!.isZero()).toBe(true);
        for (const t of cmp.townships) {
          expect(t.total.isZero()).toBe(true);
          for (const id of cmp.lineIds) expect(t.lines[id]!.isZero()).toBe(true);
        }
        expect(cmp.a.county.total.equals(cmp.b.county.total)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('built-in 2025 vs the example policy: each unit diff is b - a, and the totals diff the sum of unit diffs', () => {
    const a = calcFor('builtin', 2025);
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 30 }), fc.integer({ min: 2020, max: 2030 }), (units, yearB) => {
        const b = calcFor('example', yearB);
        const cmp = compareUnits(units, a, b);
        const ids = [...new Set([...a.lineIds, ...b.lineIds])];
        expect(cmp.lineIds).toEqual(ids);
        expect(cmp.units.map((d) => d.unit)).toEqual(units);
        cmp.units.forEach((d, i) => {
          const ra = a.unit(units[i]!);
          const rb = b.unit(units[i]!);
          expect(d.total.equals(rb.total.minus(ra.total))).toBe(true);
          for (const id of ids) expect(d.lines[id]!.equals(lineAmount(rb, id).minus(lineAmount(ra, id)))).toBe(true);
          expect(d.total.equals(sumOf(ids.map((id) => d.lines[id]!)))).toBe(true);
        });
        expect(cmp.county.total.equals(sumOf(cmp.units.map((d) => d.total)))).toBe(true);
        expect(cmp.county.total.equals(cmp.b.county.total.minus(cmp.a.county.total))).toBe(true);
        for (const id of ids) expect(cmp.county.lines[id]!.equals(sumOf(cmp.units.map((d) => d.lines[id]!)))).toBe(true);
        expect(cmp.townships.map((t) => t.name).sort()).toEqual([...new Set(units.map((u) => u.township))].sort());
        for (const t of cmp.townships) {
          const mine = cmp.units.filter((d) => d.unit.township === t.name);
          expect(t.total.equals(sumOf(mine.map((d) => d.total)))).toBe(true);
          for (const id of ids) expect(t.lines[id]!.equals(sumOf(mine.map((d) => d.lines[id]!)))).toBe(true);
        }
        expect(cmp.a.county.total.equals(computeAll(a, units).county.total)).toBe(true);
        expect(cmp.b.county.total.equals(computeAll(b, units).county.total)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
