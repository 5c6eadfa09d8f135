// A resolved policy as plain JSON: lines, rules and the parameters in force.
import { explainParam } from '../engine/explain.js';
import { kindOf } from '../engine/kinds/index.js';
import type { ResolvedPolicy } from '../engine/policy/resolve.js';

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
        const kind = kindOf(c);
        return { type, kind: c.kind, ...kind.json(c), params: kind.values(c).map(explainParam) };
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
