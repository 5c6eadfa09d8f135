// The audit sheets' titles and the line under them: what each sheet is, and
// the policy, tolerance and as-of date its figures follow.
import type { Calculator } from '../engine/compute.js';
import { formatYuan } from '../engine/format.js';
import type { Lang } from '../engine/said.js';
import { policyWords, sheetSubtitle, sheetTitle, type ReportOptions } from '../workbook/report-heading.js';
import type { AuditOutcome } from './outcome.js';

/** What each audit sheet is, in its title. */
export const SHEET_WHAT = {
  lines: { zh: '拨付审计比对表', en: 'audit by unit and line' },
  exceptions: { zh: '拨付审计异常清单', en: 'audit exceptions' },
  summary: { zh: '拨付审计汇总表', en: 'audit summary' },
  payments: { zh: '拨付明细核对表', en: 'payments as matched' },
} as const;

/** The policy, tolerance and as-of date the audit's figures follow, in one language. */
export function auditAbout(calc: Calculator, o: AuditOutcome, lang: Lang): string {
  const zh = lang === 'zh';
  let t = `${policyWords(calc.policy, lang)}${zh ? '；容差：' : '; tolerance: '}${formatYuan(o.tolerance)}${zh ? '元' : ' yuan'}`;
  if (o.asOf && o.due)
    t += zh
      ? `；审计截止日：${o.asOf}（按${o.schedule === 'monthly' ? '月' : '季'}拨付，应拨${o.due.due}/${o.due.of}）`
      : `; as of ${o.asOf} (paid ${o.schedule === 'monthly' ? 'monthly' : 'quarterly'}, ${o.due.due}/${o.due.of} due)`;
  return t;
}

export function heading(
  calc: Calculator,
  o: AuditOutcome,
  what: (typeof SHEET_WHAT)[keyof typeof SHEET_WHAT],
  lang: Lang,
  options: ReportOptions,
  about?: string,
) {
  return {
    title: sheetTitle(what, calc.policy.year, lang, options),
    subtitle: sheetSubtitle(about ?? auditAbout(calc, o, lang), lang, true),
  };
}
