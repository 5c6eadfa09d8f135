// The audit the 审计 button runs, in one place: both faces (the web page's
// worker and the task pane) call `auditJob`, which wraps src/audit's
// auditReport and adds the figures the pane shows.
import { auditReport, STATUS_WORDS, STATUS_EN } from '../audit/index.js';
import { UNCLASSIFIED, UNCLASSIFIED_LABEL } from '../audit/outcome.js';
import type { Calculator } from '../engine/compute.js';
import { formatYuan } from '../engine/format.js';
import type { SheetSpec } from '../workbook/sheet-spec.js';
import type { WorkbookSource } from '../workbook/source.js';
import type { Lang, Said } from '../engine/said.js';
import type { AuditView, ProblemsView } from './host.js';
import { issueViews, problemKinds } from './problem-kinds.js';
import { yearHintSaid } from '../workbook/year-evidence.js';

export interface AuditOptions {
  lang: Lang;
  /** Roster column corrections per sheet (as for calc). */
  mappings?: Record<string, Record<string, number | null>>;
  onProgress?: (rowsRead: number) => void;
  signal?: AbortSignal;
}

export interface AuditResult {
  sheets: SheetSpec[];
  figures: AuditView['figures'];
  problems: ProblemsView;
  /** Most payments fall outside the audit year: the sentence saying so; null otherwise. */
  yearHint: Said | null;
}

/** Exceptions the pane lists (paged, by kind); 异常清单 has them all. */
const LISTED = 2000;

export async function auditJob(roster: WorkbookSource, ledger: WorkbookSource, calc: Calculator, o: AuditOptions): Promise<AuditResult> {
  const r = await auditReport(roster, ledger, calc, {
    lang: o.lang,
    // The reader takes null for "no such column"; CalcOptions types only numbers.
    rosterMappings: o.mappings as Record<string, Record<string, number>> | undefined,
    onProgress: o.onProgress,
    signal: o.signal,
  });
  const t = r.outcome.totals;
  const c = r.outcome.counts;
  const yuan = (d: Parameters<typeof formatYuan>[0]) => `${formatYuan(d)} 元`;
  const figures: AuditView['figures'] = [
    { label: { zh: '应拨合计', en: 'Entitled' }, value: yuan(t.entitled), group: 'money' },
    { label: { zh: '已拨合计', en: 'Disbursed' }, value: yuan(t.disbursed), group: 'money' },
    { label: { zh: '差额（已拨 − 应拨）', en: 'Variance (disbursed − due)' }, value: yuan(t.variance), group: 'money' },
    // Each status counts unit x fund line pairs, not units.
    ...(['match', 'under', 'over', 'unpaid', 'noBasis'] as const).map((k) => ({
      label: { zh: STATUS_WORDS[k], en: STATUS_EN[k] },
      value: String(c[k]),
      group: 'pairs' as const,
    })),
    { label: { zh: '异常', en: 'Exceptions' }, value: String(c.exceptions), group: 'rows' },
    // Counted, not exceptions: their rows follow the exceptions in 异常清单.
    ...(r.outcome.rosterWarnings.length
      ? [
          {
            label: { zh: '花名册警告（已核算）', en: 'Roster warnings (computed)' },
            value: String(r.outcome.rosterWarnings.length),
            group: 'rows' as const,
          },
        ]
      : []),
  ];
  const labels = new Map<string, Said>(calc.policy.lines.map((l) => [l.id, l.label]));
  labels.set(UNCLASSIFIED, UNCLASSIFIED_LABEL);
  const exceptions = r.outcome.exceptions;
  const problems: ProblemsView = {
    kinds: problemKinds(exceptions),
    items: issueViews(exceptions, LISTED, (e) => ({
      payee: e.payee,
      line: e.line === null ? null : (labels.get(e.line) ?? { zh: e.line, en: e.line }),
      amount: e.amount === null ? null : formatYuan(e.amount),
    })),
    total: exceptions.length,
  };
  return { sheets: r.sheets, figures, problems, yearHint: yearHintSaid(r.outcome.yearHint) };
}
