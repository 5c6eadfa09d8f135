// Computing units under a resolved policy.
//
// Speed: a line's result depends only on the unit type, one attribute value
// and the months active, so results (amount and explanation) are computed once
// per distinct key and shared. Totals count how often each shared result
// occurs and multiply at the end: exact, and the same as adding rounded parts.
// Amounts are interned (one Decimal per value), so unit totals are looked up
// by the amounts that make them rather than added anew: decimal.js allocates
// on every operation and the garbage collector was most of the cost.
import { Decimal, ZERO, toFen } from './money.js';
import type { ResolvedCalc, ResolvedLine, ResolvedPolicy } from './policy/resolve.js';
import {
  explainFlat,
  explainNotApplicable,
  explainPerCapita,
  explainSchedule,
  explainTopUp,
  withProRata,
  type Explanation,
} from './explain.js';
import { OrganisationCheck } from './organisation.js';
import type { Unit, UnitType } from './unit.js';

export interface LineResult {
  line: string;
  /** Rounded to the fen; the amount for the months active. */
  amount: Decimal;
  explanation: Explanation;
}

export interface UnitResult {
  unit: Unit;
  /** One result per policy line, in the policy's line order. */
  lines: LineResult[];
  /** Sum of the rounded line amounts. */
  total: Decimal;
}

const TWELVE = new Decimal(12);
/** Key of a unit total at the end of a path in the totals trie (a Decimal no line amount is). */
const ZERO_KEY = new Decimal(0);

export class Calculator {
  private readonly caches: Map<UnitType, Map<string | number, LineResult>>[];
  private readonly lineIndex: Map<string, number>;
  private readonly interned = new Map<string, Decimal>();
  /** Unit totals as a trie keyed by each line's (interned) amount. */
  private readonly totals = new Map<Decimal, unknown>();

  /** The organisational check (组织设置), where the policy sets thresholds. */
  readonly organisation: OrganisationCheck | null;

  constructor(readonly policy: ResolvedPolicy) {
    this.organisation = policy.organisation ? new OrganisationCheck(policy.organisation) : null;
    this.caches = policy.lines.map(() => new Map());
    this.lineIndex = new Map(policy.lines.map((l, i) => [l.id, i]));
  }

  get lineIds(): string[] {
    return this.policy.lines.map((l) => l.id);
  }

  /** Computes one unit. The unit must be valid (see validateUnit). */
  unit(unit: Unit): UnitResult {
    const n = this.policy.lines.length;
    const lines: LineResult[] = new Array(n);
    let node = this.totals;
    for (let i = 0; i < n; i++) {
      const r = this.line(i, unit, lines);
      lines[i] = r;
      let next = node.get(r.amount) as Map<Decimal, unknown> | undefined;
      if (!next) node.set(r.amount, (next = new Map()));
      node = next;
    }
    let total = node.get(ZERO_KEY) as Decimal | undefined;
    if (!total) node.set(ZERO_KEY, (total = lines.reduce((t, l) => t.plus(l.amount), ZERO)));
    return { unit, lines, total };
  }

  private intern(d: Decimal): Decimal {
    const key = d.toFixed(2);
    let v = this.interned.get(key);
    if (!v) this.interned.set(key, (v = d));
    return v;
  }

  private line(i: number, unit: Unit, earlier: LineResult[]): LineResult {
    const line = this.policy.lines[i]!;
    const calc = line.byType[unit.type];
    const months = unit.monthsActive ?? 12;
    let byType = this.caches[i]!.get(unit.type);
    if (!byType) this.caches[i]!.set(unit.type, (byType = new Map()));
    let key: string | number;
    if (!calc || calc.kind === 'flat') key = months;
    else if (calc.kind === 'topUp') key = `${months}|${calc.of.map((id) => this.fullYear(earlier[this.lineIndex.get(id)!]!)).join('|')}`;
    else {
      // A number key is faster; past 2^40 it could collide, so use a string.
      const v = unit[calc.attribute];
      key = v < 2 ** 40 ? v * 13 + months : `${v}|${months}`;
    }
    let result = byType.get(key);
    if (!result) byType.set(key, (result = this.evaluate(line, calc, unit, months, earlier)));
    return result;
  }

  private fullYear(r: LineResult): string {
    return r.explanation.fullYear ?? r.amount.toFixed(2);
  }

  private evaluate(line: ResolvedLine, calc: ResolvedCalc | undefined, unit: Unit, months: number, earlier: LineResult[]): LineResult {
    const ctx = { line, type: unit.type };
    const mode = this.policy.rounding;
    if (!calc) return { line: line.id, amount: this.intern(ZERO), explanation: explainNotApplicable(ctx) };
    let full: Decimal;
    let explanation: Explanation;
    switch (calc.kind) {
      case 'flat':
        full = toFen(calc.amount.value, mode);
        explanation = explainFlat(ctx, calc.amount);
        break;
      case 'schedule': {
        const v = unit[calc.attribute];
        let step = -1;
        calc.steps.forEach((s, k) => {
          if (s.inclusive ? s.threshold.value.lessThanOrEqualTo(v) : s.threshold.value.lessThan(v)) step = k;
        });
        const amount = step < 0 ? calc.base : calc.steps[step]!.amount;
        full = toFen(amount.value, mode);
        explanation = explainSchedule(ctx, calc, v, step, amount);
        break;
      }
      case 'perCapita': {
        const v = unit[calc.attribute];
        const raw = toFen(calc.rate.value.times(v), mode);
        let applied: 'rate' | 'floor' | 'cap' = 'rate';
        full = raw;
        if (calc.floor && full.lessThan(calc.floor.value)) [full, applied] = [toFen(calc.floor.value, mode), 'floor'];
        if (calc.cap && full.greaterThan(calc.cap.value)) [full, applied] = [toFen(calc.cap.value, mode), 'cap'];
        explanation = explainPerCapita(ctx, calc, v, raw, applied, full);
        break;
      }
      case 'topUp': {
        const refs = calc.of.map((id) => this.lineIndex.get(id)!);
        const sumOf = refs.reduce((s, k) => s.plus(this.fullYear(earlier[k]!)), ZERO);
        const gap = calc.minimum.value.minus(sumOf);
        full = gap.isPositive() && !gap.isZero() ? toFen(gap, mode) : ZERO;
        const labels = refs.map((k) => this.policy.lines[k]!.label);
        explanation = explainTopUp(ctx, calc, labels, sumOf, full);
        break;
      }
    }
    if (months === 12) return { line: line.id, amount: this.intern(full), explanation };
    // Part-year unit: each line is prorated and rounded on its own, so the
    // unit total is the sum of its rounded lines.
    const amount = toFen(full.times(months).dividedBy(TWELVE), mode);
    return { line: line.id, amount: this.intern(amount), explanation: withProRata(explanation, months, full, amount) };
  }
}

export interface Totals {
  units: number;
  lines: Record<string, Decimal>;
  total: Decimal;
}

export interface TownshipTotals extends Totals {
  name: string;
}

/** Totals per township and for the county, each the exact sum of rounded parts. */
export class TotalsBuilder {
  /** Per township, per line (by position): how many units got each amount. */
  private readonly townships = new Map<string, { units: number; counts: Map<Decimal, number>[] }>();

  constructor(private readonly lineIds: string[]) {}

  add(r: UnitResult): void {
    let t = this.townships.get(r.unit.township);
    if (!t) this.townships.set(r.unit.township, (t = { units: 0, counts: this.lineIds.map(() => new Map()) }));
    t.units++;
    // Results come from a calculator for the same policy, so lines are in lineIds order.
    for (let i = 0; i < r.lines.length; i++) {
      const m = t.counts[i]!;
      const a = r.lines[i]!.amount;
      m.set(a, (m.get(a) ?? 0) + 1);
    }
  }

  result(): { county: Totals; townships: TownshipTotals[] } {
    const townships = [...this.townships].map(([name, t]): TownshipTotals => {
      const lines = Object.fromEntries(
        this.lineIds.map((id, i) => [id, [...t.counts[i]!].reduce((s, [amount, n]) => s.plus(amount.times(n)), ZERO)]),
      );
      return { name, units: t.units, lines, total: sumValues(lines) };
    });
    const lines = Object.fromEntries(this.lineIds.map((id) => [id, townships.reduce((s, t) => s.plus(t.lines[id]!), ZERO)]));
    return { county: { units: townships.reduce((n, t) => n + t.units, 0), lines, total: sumValues(lines) }, townships };
  }
}

function sumValues(lines: Record<string, Decimal>): Decimal {
  return Object.values(lines).reduce((s, v) => s.plus(v), ZERO);
}

/** Convenience: compute every unit and the totals. */
export function computeAll(
  calc: Calculator,
  units: Iterable<Unit>,
): { results: UnitResult[]; county: Totals; townships: TownshipTotals[] } {
  const totals = new TotalsBuilder(calc.lineIds);
  const results: UnitResult[] = [];
  for (const u of units) {
    const r = calc.unit(u);
    results.push(r);
    totals.add(r);
  }
  return { results, ...totals.result() };
}

/** The amount of one line in a unit result (zero when the policy has no such line). */
export function lineAmount(r: UnitResult, id: string): Decimal {
  return r.lines.find((l) => l.line === id)?.amount ?? ZERO;
}
