// Picking the parameter values in force for a year.
import { kindOf, type ResolvedCalc } from '../kinds/index.js';
import { Decimal } from '../money.js';
import type { OrganisationForm, Policy, PolicyLine } from './schema.js';
import { NotInForceError, PolicyError, type PolicyProblem } from './errors.js';
import { resolveParam, yearDate, type NamedValue, type Param } from './param.js';
import type { RoundingMode } from '../money.js';
import type { UnitAttribute, UnitType } from '../unit.js';

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
      const calc = kindOf(rule.calc).resolve(rule.calc, (p, name) => pick(p, name, `${at}.${name}`));
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
