// What-if: the same units under two policies (or two years of one policy).
import { Decimal, ZERO } from './money.js';
import { Calculator, TotalsBuilder, lineAmount, type Totals, type TownshipTotals, type UnitResult } from './compute.js';
import type { Unit } from './unit.js';

export interface UnitDifference {
  unit: Unit;
  a: UnitResult;
  b: UnitResult;
  /** b minus a, per line id of either policy, and for the total. */
  lines: Record<string, Decimal>;
  total: Decimal;
}

export interface Side {
  county: Totals;
  townships: TownshipTotals[];
}

export interface Comparison {
  /** Line ids of both policies, A's first. */
  lineIds: string[];
  units: UnitDifference[];
  a: Side;
  b: Side;
  /** b minus a, for the county and per township. */
  county: { lines: Record<string, Decimal>; total: Decimal };
  townships: { name: string; lines: Record<string, Decimal>; total: Decimal }[];
}

export function compareUnits(units: Iterable<Unit>, a: Calculator, b: Calculator): Comparison {
  const lineIds = [...new Set([...a.lineIds, ...b.lineIds])];
  const ta = new TotalsBuilder(a.lineIds);
  const tb = new TotalsBuilder(b.lineIds);
  const diffs: UnitDifference[] = [];
  for (const unit of units) {
    const ra = a.unit(unit);
    const rb = b.unit(unit);
    ta.add(ra);
    tb.add(rb);
    const lines = Object.fromEntries(lineIds.map((id) => [id, lineAmount(rb, id).minus(lineAmount(ra, id))]));
    diffs.push({ unit, a: ra, b: rb, lines, total: rb.total.minus(ra.total) });
  }
  const sa = ta.result();
  const sb = tb.result();
  const diff = (x: Totals | undefined, y: Totals | undefined) => {
    const lines = Object.fromEntries(lineIds.map((id) => [id, (y?.lines[id] ?? ZERO).minus(x?.lines[id] ?? ZERO)]));
    return { lines, total: (y?.total ?? ZERO).minus(x?.total ?? ZERO) };
  };
  const townships = sa.townships.map((t) => ({
    name: t.name,
    ...diff(
      t,
      sb.townships.find((s) => s.name === t.name),
    ),
  }));
  return { lineIds, units: diffs, a: sa, b: sb, county: diff(sa.county, sb.county), townships };
}
