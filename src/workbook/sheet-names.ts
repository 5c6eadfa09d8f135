// The names of the sheets our reports write, in one place: the calc, audit and
// compare workbooks, the task pane's reading of 政策参数, and which sheets of a
// workbook are reports of ours rather than rosters or ledgers.

/** The calc workbook, in order: 核算结果, 乡镇汇总, 问题清单, 政策参数. */
export const CALC_SHEET_NAMES = { result: '核算结果', townships: '乡镇汇总', issues: '问题清单', policy: '政策参数' } as const;

/** The audit workbook, in order; 政策参数 as in the calc workbook. */
export const AUDIT_SHEET_NAMES = {
  lines: '审计比对',
  exceptions: '异常清单',
  summary: '审计汇总',
  policy: CALC_SHEET_NAMES.policy,
  payments: '付款明细',
} as const;

/** The compare workbook (the CLI only). */
export const COMPARE_SHEET_NAMES = { budget: '预算比较', units: '单位差异' } as const;

/** The sheet a policy is written to, and read back from by the task pane. */
export const POLICY_SHEET = CALC_SHEET_NAMES.policy;

/** Sheets the calc and audit write: in a workbook, these are results, never a roster or a ledger to read. */
export const REPORT_SHEETS: ReadonlySet<string> = new Set([...Object.values(CALC_SHEET_NAMES), ...Object.values(AUDIT_SHEET_NAMES)]);
