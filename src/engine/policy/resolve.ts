// Picking the parameter values in force for a year.
import { Decimal } from '../money.js';
import type { Calc, OrganisationForm, Param, Policy, PolicyLine } from './schema.js';
import { NotInForceError, PolicyError, type PolicyProblem } from './errors.js';
import type { RoundingMode } from '../money.js';
import type { UnitAttribute, UnitType } from '../unit.js';

export interface ParamValue {
  value: Decimal;
  since: string;
  ref: string;
}

/** The value in force on an ISO date: the latest one whose `since` is not after it. */
export function resolveParam(param: Param, date: string): ParamValue | undefined {
  let best: Param[number] | undefined;
  for (const v of param) if (v.since <= date && (!best || v.since > best.since)) best = v;
  return best && { value: new Decimal(best.value), since: best.since, ref: best.ref };
}

/**
 * A budget year uses the values in force on 1 January of that year, as
 * OpenFisca does for a yearly period: a standard that takes effect mid-year
 * applies from the next budget year.
 */
export function yearDate(year: number): string {
  return `${String(year).padStart(4, '0')}-01-01`;
}

/** A parameter value in force, with the name it has in its calculation. */
export interface NamedValue extends ParamValue {
  name: string;
}

export type ResolvedCalc =
  | { kind: 'flat'; amount: NamedValue }
  | {
      kind: 'schedule';
      attribute: UnitAttribute;
      base: NamedValue;
      steps: { threshold: NamedValue; inclusive: boolean; amount: NamedValue }[];
    }
  | { kind: 'perCapita'; attribute: UnitAttribute; rate: NamedValue; floor?: NamedValue; cap?: NamedValue }
  | { kind: 'topUp'; of: string[]; minimum: NamedValue };

export interface ResolvedLine {
  id: string;
  label: PolicyLine['label'];
  clause: string;
  appliesTo: UnitType[];
  byType: Partial<Record<UnitType, ResolvedCalc>>;
}

export interface ResolvedOrganisationLevel {
  id: string;
  label: { zh: string; en: string };
  form: OrganisationForm;
  from: NamedValue;
  inclusive: boolean;
  below?: NamedValue;
  clause: string;
}

export interface ResolvedOrganisation {
  attribute: UnitAttribute;
  belowAll: { zh: string; en: string };
  levels: ResolvedOrganisationLevel[];
}

/** A policy with every parameter fixed to the value in force for one year. */
export interface ResolvedPolicy {
  policy: Policy;
  year: number;
  /** The date whose values are used (1 January of the year). */
  date: string;
  rounding: RoundingMode;
  lines: ResolvedLine[];
  organisation?: ResolvedOrganisation;
}

export function resolvePolicy(policy: Policy, year: number): ResolvedPolicy {
  if (!Number.isInteger(year) || year < 1900 || year > 9999)
    throw new PolicyError([{ path: 'year', zh: `年度无效：${year}`, en: `invalid year: ${year}` }]);
  const date = yearDate(year);
  const problems: PolicyProblem[] = [];
  const pick = (param: Param, name: string, path: string): NamedValue => {
    const v = resolveParam(param, date);
    if (v) return { ...v, name };
    problems.push({ path, zh: `${date}没有生效的取值`, en: `no value in force on ${date}` });
    return { value: new Decimal(0), since: '', ref: '', name };
  };
  const lines = policy.lines.map((line, li): ResolvedLine => {
    const byType: ResolvedLine['byType'] = {};
    line.rules.forEach((rule, ri) => {
      const at = `lines[${li}].rules[${ri}].calc`;
      const calc = resolveCalc(rule.calc, (p, name) => pick(p, name, `${at}.${name}`));
      for (const t of rule.types) byType[t] = calc;
    });
    return { id: line.id, label: line.label, clause: line.clause, appliesTo: line.appliesTo, byType };
  });
  const org = policy.organisation;
  const organisation: ResolvedOrganisation | undefined = org && {
    attribute: org.attribute,
    belowAll: org.belowAll,
    levels: org.levels.map((l, i) => {
      const at = `organisation.levels[${i}]`;
      const below = l.below && pick(l.below, 'below', `${at}.below`);
      return {
        id: l.id,
        label: l.label,
        form: l.form,
        from: pick(l.from, 'from', `${at}.from`),
        inclusive: l.inclusive,
        clause: l.clause,
        ...(below ? { below } : {}),
      };
    }),
  };
  if (problems.length) throw new NotInForceError(year, problems);
  return { policy, year, date, rounding: policy.rounding, lines, ...(organisation ? { organisation } : {}) };
}

function resolveCalc(calc: Calc, pick: (p: Param, name: string) => NamedValue): ResolvedCalc {
  switch (calc.kind) {
    case 'flat':
      return { kind: 'flat', amount: pick(calc.amount, 'amount') };
    case 'schedule':
      return {
        kind: 'schedule',
        attribute: calc.attribute,
        base: pick(calc.base, 'base'),
        steps: calc.steps.map((s, i) => ({
          threshold: pick(s.threshold, `steps[${i}].threshold`),
          inclusive: s.inclusive,
          amount: pick(s.amount, `steps[${i}].amount`),
        })),
      };
    case 'perCapita':
      return {
        kind: 'perCapita',
        attribute: calc.attribute,
        rate: pick(calc.rate, 'rate'),
        floor: calc.floor && pick(calc.floor, 'floor'),
        cap: calc.cap && pick(calc.cap, 'cap'),
      };
    case 'topUp':
      return { kind: 'topUp', of: calc.of, minimum: pick(calc.minimum, 'minimum') };
  }
}
