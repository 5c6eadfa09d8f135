// Computing units under a resolved policy.
//
// Speed: a line's result depends only on the unit type, the months active and
// what its calc kind reads (one attribute value, or the lines a top-up sums:
// the kind's `key`), so results (amount and explanation) are computed once
// per distinct key and shared. Totals count how often each shared result
// occurs and multiply at the end: exact, and the same as adding rounded parts.
// Amounts are interned (one Decimal per value), so unit totals are looked up
// by the amounts that make them rather than added anew: decimal.js allocates
// on every operation and the garbage collector was most of the cost.
import { explained, explainNotApplicable, withProRata, type Explanation } from './explain.js';
import type { Earlier, Reads } from './kinds/kind.js';
import { kindOf, type AnyKind, type ResolvedCalc } from './kinds/index.js';
import { Decimal, ZERO, toFen } from './money.js';
import type { ResolvedPolicy } from './policy/resolve.js';
import { OrganisationCheck } from './organisation.js';
import type { Unit, UnitAttribute, UnitType } from './unit.js';

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

/** A line's rule for one unit type, and its results by what its amount depends on (the kind's `reads`). */
interface Slot {
  /** Undefined where the line does not apply to the type. */
  calc: ResolvedCalc | undefined;
  kind: AnyKind | undefined;
  /** The one attribute the amount depends on, when that is all (a number key, the fast case). */
  attribute: UnitAttribute | undefined;
  /** Otherwise, what it depends on (a string key); when nothing, the months alone are the key. */
  reads: Reads | undefined;
  results: Map<string | number, LineResult>;
}

/** The lines of the unit being computed, as a top-up reads them: one object, reused for every unit. */
class EarlierLines implements Earlier {
  results: LineResult[] = [];

  constructor(private readonly index: Map<string, number>) {}

  fullYear(id: string): string {
    const r = this.results[this.index.get(id)!]!;
    return r.explanation.fullYear ?? r.amount.toFixed(2);
  }
}

export class Calculator {
  /** Per line (by position), per unit type. */
  private readonly slots: Map<UnitType, Slot>[];
  private readonly lineIndex: Map<string, number>;
  private readonly earlier: EarlierLines;
  private readonly interned = new Map<string, Decimal>();
  /** Unit totals as a trie keyed by each line's (interned) amount. */
  private readonly totals = new Map<Decimal, unknown>();

  /** The organisational check (组织设置), where the policy sets thresholds. */
  readonly organisation: OrganisationCheck | null;

  constructor(readonly policy: ResolvedPolicy) {
    this.organisation = policy.organisation ? new OrganisationCheck(policy.organisation) : null;
    this.slots = policy.lines.map(() => new Map());
    this.lineIndex = new Map(policy.lines.map((l, i) => [l.id, i]));
    this.earlier = new EarlierLines(this.lineIndex);
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
    const slots = this.slots[i]!;
    let slot = slots.get(unit.type);
    if (!slot) slots.set(unit.type, (slot = this.slot(i, unit.type)));
    const months = unit.monthsActive ?? 12;
    let key: string | number;
    if (slot.attribute !== undefined) {
      // A number key is faster; past 2^40 it could collide, so use a string.
      const v = unit[slot.attribute];
      key = v < 2 ** 40 ? v * 13 + months : `${v}|${months}`;
    } else if (slot.reads !== undefined) {
      // Set where it is read (here and before evaluate), not once per unit: most policies never read it.
      this.earlier.results = earlier;
      const { attributes, lines } = slot.reads;
      key = `${months}|${attributes.map((a) => unit[a]).join('|')}|${lines.map((id) => this.earlier.fullYear(id)).join('|')}`;
    } else key = months;
    let result = slot.results.get(key);
    if (!result) {
      this.earlier.results = earlier;
      slot.results.set(key, (result = this.evaluate(i, slot, unit, months)));
    }
    return result;
  }

  private slot(i: number, type: UnitType): Slot {
    const calc = this.policy.lines[i]!.byType[type];
    const kind = calc && kindOf(calc);
    const reads = calc && kind!.reads(calc);
    const one = reads && reads.attributes.length === 1 && reads.lines.length === 0;
    const nothing = !reads || (reads.attributes.length === 0 && reads.lines.length === 0);
    return { calc, kind, attribute: one ? reads.attributes[0] : undefined, reads: one || nothing ? undefined : reads, results: new Map() };
  }

  private readonly labelOf = (id: string) => this.policy.lines[this.lineIndex.get(id)!]!.label;

  private evaluate(i: number, { calc, kind }: Slot, unit: Unit, months: number): LineResult {
    const line = this.policy.lines[i]!;
    const ctx = { line, type: unit.type };
    if (!calc || !kind) return { line: line.id, amount: this.intern(ZERO), explanation: explainNotApplicable(ctx) };
    const mode = this.policy.rounding;
    const worked = kind.evaluate(calc, unit, {
      label: line.label,
      type: unit.type,
      rounding: mode,
      earlier: this.earlier,
      labelOf: this.labelOf,
    });
    const { full } = worked;
    const explanation = explained(ctx, calc.kind, worked.inputs, kind.values(calc), worked.zh, worked.en);
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
