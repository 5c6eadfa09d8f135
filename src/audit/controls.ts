// Control totals: they tie by construction and are checked, not assumed.
//   ledger total = matched + unmatched + unclassified = sum of every line's disbursed
//   sum of every line's entitled = the calc total for the same roster, policy and year
//   rows read = payments + rejected + skipped
import { Decimal } from '../engine/money.js';
import type { LedgerSheetSummary } from './ledger.js';
import type { Bucket, Control, LedgerRowCounts } from './outcome.js';

export interface ControlInputs {
  ledgerTotal: Decimal;
  buckets: Record<Bucket, Decimal>;
  /** Sum of disbursed over every audit line. */
  linesDisbursed: Decimal;
  /** Sum of entitled over every audit line. */
  entitled: Decimal;
  calcTotal: Decimal;
  ledgerRows: LedgerRowCounts;
}

/** The ledger's rows over all its sheets. */
export function ledgerRowCounts(sheets: readonly LedgerSheetSummary[]): LedgerRowCounts {
  return sheets.reduce(
    (r, s) => ({
      read: r.read + s.read,
      payments: r.payments + s.payments,
      rejected: r.rejected + s.rejected,
      skipped: r.skipped + s.skipped,
    }),
    { read: 0, payments: 0, rejected: 0, skipped: 0 },
  );
}

export function controlTotals(c: ControlInputs): Control[] {
  const control = (id: Control['id'], zh: string, en: string, left: Decimal, right: Decimal): Control => ({
    id,
    label: { zh, en },
    left,
    right,
    ties: left.equals(right),
  });
  const { matched, unmatched, unclassified } = c.buckets;
  return [
    control(
      'ledgerPartition',
      '台账合计 = 已匹配 + 未匹配 + 未分类',
      'ledger total = matched + unmatched + unclassified',
      c.ledgerTotal,
      matched.plus(unmatched).plus(unclassified),
    ),
    control(
      'ledgerLines',
      '台账合计 = 审计比对已拨合计',
      'ledger total = sum of disbursed over all lines',
      c.ledgerTotal,
      c.linesDisbursed,
    ),
    control(
      'entitlement',
      '应拨合计 = 核算结果合计（同一名册、政策、年度）',
      'sum of entitlements = calc total (same roster, policy and year)',
      c.entitled,
      c.calcTotal,
    ),
    control(
      'ledgerRows',
      '读取行数 = 付款行 + 剔除行 + 跳过行',
      'rows read = payments + rejected + skipped',
      new Decimal(c.ledgerRows.read),
      new Decimal(c.ledgerRows.payments + c.ledgerRows.rejected + c.ledgerRows.skipped),
    ),
  ];
}
