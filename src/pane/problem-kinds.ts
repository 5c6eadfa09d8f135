// The kinds of problem the pane groups its lists by (问题清单 of a calc, 异常清单
// of an audit), counted; their names in words are workbook/problem-words.ts,
// which the sheets read too.
import { kindWords } from '../workbook/problem-words.js';
import type { RowIssue, Severity } from '../workbook/issues.js';
import type { IssueView, ProblemKindView } from './host.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The kinds among `items`, counted: errors first, then warnings, then notes; most frequent first within each. */
export function problemKinds(items: readonly Pick<RowIssue, 'code' | 'severity'>[]): ProblemKindView[] {
  const byKey = new Map<string, ProblemKindView>();
  for (const i of items) {
    const key = `${i.severity}:${i.code}`;
    const k = byKey.get(key);
    if (k) k.count++;
    else byKey.set(key, { code: i.code, severity: i.severity, label: kindWords(i.code), count: 1 });
  }
  return [...byKey.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count);
}

/** The issues the pane lists: errors first, then warnings, then notes; reading order within each; at most `limit`. */
export function issueViews<T extends RowIssue>(issues: readonly T[], limit: number, extra?: (i: T) => Partial<IssueView>): IssueView[] {
  return issues
    .map((issue, k) => ({ issue, k }))
    .sort((a, b) => SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] || a.k - b.k)
    .slice(0, limit)
    .map(({ issue: i }) => ({
      sheet: i.sheet,
      row: i.row,
      column: i.column,
      severity: i.severity,
      code: i.code,
      message: i.message,
      ...extra?.(i),
    }));
}
