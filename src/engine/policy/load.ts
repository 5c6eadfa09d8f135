// Turning policy text (JSON or YAML) into a checked Policy. No file access:
// callers read the file and pass its text.
import { parse as parseYaml } from 'yaml';
import { PolicyError, problemFromZod, type PolicyProblem } from './errors.js';
import { policySchema, type Param, type Policy } from './schema.js';
import { resolveParam } from './resolve.js';

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

/** Rules zod's shapes cannot say: references, coverage, ordering of dated values and thresholds. */
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
      const params: [string, Param][] = [];
      if (calc.kind === 'flat') params.push(['amount', calc.amount]);
      if (calc.kind === 'schedule') {
        params.push(['base', calc.base]);
        calc.steps.forEach((s, si) => params.push([`steps[${si}].threshold`, s.threshold], [`steps[${si}].amount`, s.amount]));
        problems.push(...checkAscendingThresholds(calc.steps, calcAt));
      }
      if (calc.kind === 'perCapita') {
        params.push(['rate', calc.rate]);
        if (calc.floor) params.push(['floor', calc.floor]);
        if (calc.cap) params.push(['cap', calc.cap]);
      }
      if (calc.kind === 'topUp') {
        params.push(['minimum', calc.minimum]);
        calc.of.forEach((ref, k) => {
          if (!seen.has(ref))
            problems.push({
              path: `${calcAt}.of[${k}]`,
              zh: `补足项只能引用前面已定义的经费项目：${ref}`,
              en: `a top-up may only refer to lines defined before it: ${ref}`,
            });
        });
      }
      for (const [name, param] of params) problems.push(...checkParam(param, `${calcAt}.${name}`));
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

/** At every date where any threshold changes, the thresholds must rise. */
function checkAscendingThresholds(steps: { threshold: Param }[], path: string): PolicyProblem[] {
  const dates = [...new Set(steps.flatMap((s) => s.threshold.map((v) => v.since)))].sort();
  for (const date of dates) {
    const values = steps.map((s) => resolveParam(s.threshold, date)?.value);
    for (let i = 1; i < values.length; i++) {
      const a = values[i - 1];
      const b = values[i];
      if (a && b && !b.greaterThan(a))
        return [{ path: `${path}.steps[${i}].threshold`, zh: `自${date}起门槛未递增`, en: `thresholds do not rise from ${date}` }];
    }
  }
  return [];
}
