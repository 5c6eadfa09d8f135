// Errors the CLI reports as one clear line and exit code 2.
import { NotInForceError, PolicyError } from '../engine/policy/errors.js';
import { FileRefusedError } from '../workbook/file-kind.js';
import { NoSheetReadError } from '../workbook/not-read.js';
import type { Lang } from '../workbook/report.js';
import type { Said } from './lang.js';

export class UsageError extends Error {
  constructor(readonly said: Said) {
    super(said.en);
  }
}

export function describeError(e: unknown, lang: Lang): string {
  if (e instanceof UsageError || e instanceof FileRefusedError || e instanceof NoSheetReadError) return e.said[lang];
  if (e instanceof NotInForceError)
    return lang === 'zh'
      ? `政策在${e.year}年度没有生效的标准（${e.problems[0]?.path}），请换一个年度或政策`
      : `the policy has no standard in force for ${e.year} (${e.problems[0]?.path}): choose another year or policy`;
  if (e instanceof PolicyError) {
    const head = lang === 'zh' ? '政策文件无效：' : 'invalid policy: ';
    return head + e.problems.map((p) => `${p.path || '(root)'}: ${p[lang]}`).join('; ');
  }
  const msg = e instanceof Error ? e.message : String(e);
  return lang === 'zh' ? `出错：${msg}` : `error: ${msg}`;
}
