// The audit's lines: one per unit x fund line the unit is entitled to or was paid for,
// and one per unknown (or ambiguous) payee x line; each with its status, worst first.
import { type Decimal, ZERO } from '../engine/money.js';
import type { ResolvedPolicy } from '../engine/policy/resolve.js';
import type { ComputedRow } from '../workbook/report.js';
import type { Acc } from './duplicates.js';
import { lineLabel } from './lines.js';
import { UNCLASSIFIED, UNCLASSIFIED_LABEL, type AuditLine, type NoBasisReason, type StatusCode } from './outcome.js';
import { dueAmount } from './schedule.js';

/** Payments to a payee not (uniquely) in the roster, per township x name x line x reason. */
export interface ForeignGroup extends Acc {
  township: string;
  name: string;
  line: string;
  reason: NoBasisReason;
  /** First seen order, for a stable listing. */
  order: number;
}

export interface LineInputs {
  policy: ResolvedPolicy;
  units: readonly ComputedRow[];
  /** Per unit x line (unclassified last), by unitIndex * (lines + 1) + lineIndex. */
  slots: readonly (Acc | undefined)[];
  foreign: Iterable<ForeignGroup>;
  tolerance: Decimal;
  /** Instalments due by the as-of date, of how many; null for the whole year. */
  due: { due: number; of: number } | null;
}

const STATUS_ORDER: Record<StatusCode, number> = { noBasis: 0, over: 1, under: 2, unpaid: 3, match: 4 };

/** Every audit line, 无依据 first, then 多拨, 少拨, 未拨, 足额; the larger variance first within each. */
export function auditLines(i: LineInputs): AuditLine[] {
  const { policy, due, tolerance } = i;
  const width = policy.lines.length + 1;
  const expectedOf = (e: Decimal) => (due === null ? e : dueAmount(e, due.due, due.of, policy.rounding));
  const lines: (AuditLine & { order: number })[] = [];
  const status = (applies: boolean, expected: Decimal, disbursed: Decimal): StatusCode => {
    if (!applies) return 'noBasis';
    const diff = disbursed.minus(expected);
    if (diff.abs().lte(tolerance)) return 'match';
    if (disbursed.isZero()) return 'unpaid';
    return diff.isNegative() ? 'under' : 'over';
  };
  const fromAcc = (a: Acc | undefined) => ({
    disbursed: a?.sum ?? ZERO,
    payments: a?.refs.length ?? 0,
    vouchers: [...new Set((a?.refs ?? []).map((r) => r.voucher).filter((v) => v !== ''))],
    ledgerRows: a?.refs ?? [],
    duplicates: a?.duplicates ?? 0,
    outOfYear: a?.outOfYear ?? 0,
  });
  i.units.forEach((c, ui) => {
    const unit = c.result.unit;
    for (let li = 0; li < width; li++) {
      const a = i.slots[ui * width + li];
      const unclassified = li === width - 1;
      const resolved = unclassified ? undefined : policy.lines[li]!;
      const applies = !!resolved && resolved.byType[unit.type] !== undefined;
      if (!applies && !a) continue;
      const entitled = resolved ? c.result.lines[li]!.amount : ZERO;
      const expected = applies ? expectedOf(entitled) : ZERO;
      const f = fromAcc(a);
      const s = status(applies, expected, f.disbursed);
      lines.push({
        status: s,
        township: unit.township,
        name: unit.name,
        code: unit.code ?? null,
        type: unit.type,
        line: resolved?.id ?? UNCLASSIFIED,
        lineLabel: resolved?.label ?? UNCLASSIFIED_LABEL,
        entitled,
        expected,
        variance: f.disbursed.minus(expected),
        reason: s === 'noBasis' ? (unclassified ? 'unclassified' : 'notEntitled') : null,
        roster: { sheet: c.sheet, row: c.row },
        ...f,
        order: lines.length,
      });
    }
  });
  for (const g of [...i.foreign].sort((a, b) => a.order - b.order)) {
    const f = fromAcc(g);
    lines.push({
      status: 'noBasis',
      township: g.township,
      name: g.name,
      code: null,
      type: null,
      line: g.line,
      lineLabel: lineLabel(policy, g.line),
      entitled: ZERO,
      expected: ZERO,
      variance: f.disbursed,
      reason: g.line === UNCLASSIFIED ? 'unclassified' : g.reason,
      roster: null,
      ...f,
      order: lines.length,
    });
  }
  const size = new Map(lines.map((l) => [l, l.variance.abs()]));
  lines.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || size.get(b)!.comparedTo(size.get(a)!) || a.order - b.order);
  return lines.map(({ order: _order, ...l }) => l);
}
