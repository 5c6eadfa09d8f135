// Turning policy text (JSON or YAML) into a checked Policy. No file access:
// callers read the file and pass its text.
import { parse as parseYaml } from 'yaml';
import { PolicyError, problemFromZod, type PolicyProblem } from './errors.js';
import { kindOf } from '../kinds/index.js';
import type { Param } from './param.js';
import { policySchema, type Policy } from './schema.js';

export function parsePolicy(text: string): Policy {
  let data: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    data = parseYaml(text);
  } catch (e) {
    // The parser's message has a code frame on later lines; the first line says it.
    const why = (e as Error).message.split('\n')[0];
    throw new PolicyError([{ path: '', zh: `无法解析政策文件：${why}`, en: `cannot parse the policy file: ${why}` }]);
  }
  return validatePolicy(data);
}

export function validatePolicy(data: unknown): Policy {
  const parsed = policySchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new PolicyError(parsed.error.issues.map(problemFromZod));
  const problems = checkConsistency(parsed.data);
  if (problems.length) throw new PolicyError(problems);
  return parsed.data;
}

/** Rules zod's shapes cannot say: coverage, ordering of dated values, and each calc kind's own (references, thresholds). */
function checkConsistency(policy: Policy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const seen = new Set<string>();
  policy.lines.forEach((line, li) => {
    const at = `lines[${li}]`;
    if (seen.has(line.id)) problems.push({ path: `${at}.id`, zh: `经费项目编号重复：${line.id}`, en: `duplicate line id: ${line.id}` });
    const covered = new Map<string, number>();
    line.rules.forEach((rule, ri) => {
      for (const t of rule.types) {
        if (!line.appliesTo.includes(t))
          problems.push({ path: `${at}.rules[${ri}].types`, zh: `单位类型${t}不在appliesTo中`, en: `unit type ${t} is not in appliesTo` });
        if (covered.has(t))
          problems.push({ path: `${at}.rules[${ri}].types`, zh: `单位类型${t}有两条规则`, en: `unit type ${t} has two rules` });
        covered.set(t, ri);
      }
      const calc = rule.calc;
      const calcAt = `${at}.rules[${ri}].calc`;
      const kind = kindOf(calc);
      problems.push(...kind.check(calc, calcAt, seen));
      for (const [name, param] of kind.params(calc)) problems.push(...checkParam(param, `${calcAt}.${name}`));
    });
    for (const t of line.appliesTo)
      if (!covered.has(t)) problems.push({ path: `${at}.rules`, zh: `单位类型${t}没有计算规则`, en: `unit type ${t} has no rule` });
    seen.add(line.id);
  });
  return problems;
}

function checkParam(param: Param, path: string): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const dates = new Set<string>();
  param.forEach((v, i) => {
    if (dates.has(v.since))
      problems.push({ path: `${path}[${i}].since`, zh: `生效日期重复：${v.since}`, en: `duplicate effective date: ${v.since}` });
    dates.add(v.since);
    if (!isCalendarDate(v.since))
      problems.push({ path: `${path}[${i}].since`, zh: `日期无效：${v.since}`, en: `invalid date: ${v.since}` });
    if (v.value.startsWith('-'))
      problems.push({ path: `${path}[${i}].value`, zh: `不能为负数：${v.value}`, en: `must not be negative: ${v.value}` });
  });
  return problems;
}

/** Date.parse rolls 2021-02-30 over to March; a real date reads back the same. */
function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}
