// Why a policy was refused, path by path, in Chinese and English.
import type { z } from 'zod';
import { SaidError, type Said } from '../said.js';

/** One thing wrong with a policy, in both languages. */
export interface PolicyProblem extends Said {
  /** Where in the file, e.g. "lines[2].rules[0].calc.rate[0].since". */
  path: string;
}

/**
 * A policy refused: `problems` one by one (the task pane and `policy check`
 * list them their own way), `said` all of them on one line. `message` keeps
 * every problem in both languages, one a line, for logs.
 */
export class PolicyError extends SaidError {
  constructor(
    readonly problems: PolicyProblem[],
    said: Said = {
      zh: '政策文件无效：' + problems.map((p) => `${p.path || '(root)'}: ${p.zh}`).join('; '),
      en: 'invalid policy: ' + problems.map((p) => `${p.path || '(root)'}: ${p.en}`).join('; '),
    },
  ) {
    super(said);
    this.message = problems.map((p) => `${p.path || '(root)'}: ${p.zh} / ${p.en}`).join('\n');
    this.name = 'PolicyError'; // as written: a minified bundle renames classes
  }
}

/** The policy is valid but sets no value for the year asked (e.g. a year before it took effect). */
export class NotInForceError extends PolicyError {
  constructor(
    readonly year: number,
    problems: PolicyProblem[],
  ) {
    super(problems, {
      zh: `政策在${year}年度没有生效的标准（${problems[0]?.path}），请换一个年度或政策`,
      en: `the policy has no standard in force for ${year} (${problems[0]?.path}): choose another year or policy`,
    });
    this.name = 'NotInForceError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
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
