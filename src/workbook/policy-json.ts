// A resolved policy as plain JSON: lines, rules and the parameters in force.
import type { NamedValue, ResolvedCalc, ResolvedPolicy } from '../engine/policy/resolve.js';
import { explainParam } from '../engine/explain.js';

function calcParams(c: ResolvedCalc): NamedValue[] {
  switch (c.kind) {
    case 'flat':
      return [c.amount];
    case 'schedule':
      return [c.base, ...c.steps.flatMap((s) => [s.threshold, s.amount])];
    case 'perCapita':
      return [c.rate, ...(c.floor ? [c.floor] : []), ...(c.cap ? [c.cap] : [])];
    case 'topUp':
      return [c.minimum];
  }
}

export function policyJson(p: ResolvedPolicy) {
  return {
    id: p.policy.id,
    title: p.policy.title,
    document: p.policy.document,
    year: p.year,
    date: p.date,
    rounding: p.rounding,
    lines: p.lines.map((l) => ({
      id: l.id,
      label: l.label,
      clause: l.clause,
      appliesTo: l.appliesTo,
      rules: l.appliesTo.map((type) => {
        const c = l.byType[type]!;
        return {
          type,
          kind: c.kind,
          ...(c.kind === 'schedule' ? { attribute: c.attribute, inclusive: c.steps.map((s) => s.inclusive) } : {}),
          ...(c.kind === 'perCapita' ? { attribute: c.attribute } : {}),
          ...(c.kind === 'topUp' ? { of: c.of } : {}),
          params: calcParams(c).map(explainParam),
        };
      }),
    })),
    // 组织设置 thresholds (not money), where the policy sets them.
    ...(p.organisation
      ? {
          organisation: {
            attribute: p.organisation.attribute,
            belowAll: p.organisation.belowAll,
            levels: p.organisation.levels.map((l) => ({
              id: l.id,
              label: l.label,
              form: l.form,
              clause: l.clause,
              inclusive: l.inclusive,
              params: [l.from, ...(l.below ? [l.below] : [])].map(explainParam),
            })),
          },
        }
      : {}),
  };
}
