// Warnings counted by kind, for the one-line summaries (CLI, web page, task
// pane): three units named 东河村 in one township are all computed, and the
// officer must see that at once, not only in 问题清单.
import type { RowIssue } from './issues.js';
import { CALC_SHEET_NAMES } from './sheet-names.js';
import type { Lang, Said } from '../engine/said.js';
import { kindWords } from './problem-words.js';

export interface WarningKind {
  code: string;
  count: number;
  label: Said;
}

/** The warnings among `issues`, by code, most frequent first. */
export function warningKinds(issues: readonly RowIssue[]): WarningKind[] {
  const counts = new Map<string, number>();
  for (const i of issues) if (i.severity === 'warning') counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, count, label: kindWords(code) })).sort((a, b) => b.count - a.count);
}

/** "警告3条：同名单位2条、人口为0 1条，见「问题清单」。" (or the sheet named), or '' when there are none. */
export function warningsSentence(kinds: readonly WarningKind[], lang: Lang, sheet: string = CALC_SHEET_NAMES.issues): string {
  if (!kinds.length) return '';
  const n = kinds.reduce((s, k) => s + k.count, 0);
  return lang === 'zh'
    ? `警告${n}条：${kinds.map((k) => `${k.label.zh} ${k.count}条`).join('、')}，见「${sheet}」。`
    : `${n} warning${n === 1 ? '' : 's'}: ${kinds.map((k) => `${k.label.en} ${k.count}`).join(', ')}; see ${sheet}.`;
}
