// Why a policy was refused, path by path, in Chinese and English.
import type { z } from 'zod';

export interface PolicyProblem {
  /** Where in the file, e.g. "lines[2].rules[0].calc.rate[0].since". */
  path: string;
  zh: string;
  en: string;
}

export class PolicyError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map((p) => `${p.path || '(root)'}: ${p.zh} / ${p.en}`).join('\n'));
    this.name = 'PolicyError';
  }
}

/** The policy is valid but sets no value for the year asked (e.g. a year before it took effect). */
export class NotInForceError extends PolicyError {
  constructor(
    readonly year: number,
    problems: PolicyProblem[],
  ) {
    super(problems);
    this.name = 'NotInForceError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

const TYPE_WORDS: Record<string, string> = { string: '文本', number: '数字', array: '列表', object: '对象', boolean: '是/否' };

/** zod's messages are English; give each issue kind a Chinese sentence too. */
export function problemFromZod(issue: z.core.$ZodIssue): PolicyProblem {
  const path = formatPath(issue.path);
  const en = issue.message;
  let zh: string;
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
    return { path, zh: '缺少必填项', en: `required: ${en}` };
  switch (issue.code) {
    case 'invalid_type':
      zh = `类型不对，应为${TYPE_WORDS[issue.expected] ?? issue.expected}`;
      break;
    case 'too_small':
      zh = issue.origin === 'array' ? `至少需要${String(issue.minimum)}项` : `不能小于${String(issue.minimum)}`;
      break;
    case 'too_big':
      zh = `不能大于${String(issue.maximum)}`;
      break;
    case 'invalid_format':
      zh = `格式不对（${issue.format === 'regex' ? en : issue.format}）`;
      break;
    case 'invalid_value':
      zh = `取值无效，应为：${issue.values.map(String).join('、')}`;
      break;
    case 'unrecognized_keys':
      zh = `无法识别的字段：${issue.keys.join('、')}`;
      break;
    case 'invalid_union':
      zh = '不符合任何一种允许的写法';
      break;
    default:
      zh = '取值无效';
  }
  return { path, zh, en };
}
