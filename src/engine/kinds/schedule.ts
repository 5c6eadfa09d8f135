// schedule: an amount by bracket of a unit attribute (办公经费: below 1,500
// people 20,000, from 1,500 up 25,000). Each step's edge is inclusive (>=) or
// not (>).
import { amountWords } from '../format.js';
import { toFen } from '../money.js';
import { resolveParam, type NamedValue, type Param } from '../policy/param.js';
import type { PolicyProblem } from '../policy/errors.js';
import { ATTRIBUTE_LABELS, UNIT_ATTRIBUTES, type UnitAttribute } from '../unit.js';
import { count, en1, PER_UNIT, yuan } from '../words.js';
import { defineKind } from './kind.js';

export interface ScheduleCalc {
  kind: 'schedule';
  attribute: UnitAttribute;
  base: NamedValue;
  steps: { threshold: NamedValue; inclusive: boolean; amount: NamedValue }[];
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

export const schedule = defineKind({
  name: 'schedule',
  schema: (z, param) =>
    z
      .object({
        kind: z.literal('schedule'),
        attribute: z.enum(UNIT_ATTRIBUTES),
        /** Amount below the first threshold. */
        base: param,
        /** Ascending thresholds; each replaces the amount from its edge upward. */
        steps: z
          .array(
            z
              .object({
                threshold: param,
                /** true: the edge value itself is in the higher bracket (>=); false: strictly above (>). */
                inclusive: z.boolean(),
                amount: param,
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
  params: (c) => [
    ['base', c.base],
    ...c.steps.flatMap((s, i): [string, Param][] => [
      [`steps[${i}].threshold`, s.threshold],
      [`steps[${i}].amount`, s.amount],
    ]),
  ],
  check: (c, at) => checkAscendingThresholds(c.steps, at),
  resolve: (c, pick): ScheduleCalc => ({
    kind: 'schedule',
    attribute: c.attribute,
    base: pick(c.base, 'base'),
    steps: c.steps.map((s, i) => ({
      threshold: pick(s.threshold, `steps[${i}].threshold`),
      inclusive: s.inclusive,
      amount: pick(s.amount, `steps[${i}].amount`),
    })),
  }),
  values: (c) => [
    c.base,
    ...c.steps.flatMap((s) => [{ ...s.threshold, note: s.inclusive ? '含门槛值（≥）' : '不含门槛值（>）' }, s.amount]),
  ],
  reads: (c) => ({ attributes: [c.attribute], lines: [] }),
  evaluate(c, unit, at) {
    const v = unit[c.attribute];
    // -1: below every step; otherwise the index of the step that applied.
    let step = -1;
    c.steps.forEach((s, k) => {
      if (s.inclusive ? s.threshold.value.lessThanOrEqualTo(v) : s.threshold.value.lessThan(v)) step = k;
    });
    const amount = step < 0 ? c.base : c.steps[step]!.amount;
    const attr = ATTRIBUTE_LABELS[c.attribute];
    const per = PER_UNIT[at.type];
    const decisive = c.steps[Math.max(step, 0)]!;
    const edge = amountWords(decisive.threshold.value);
    let condZh: string;
    let condEn: string;
    if (step < 0) {
      [condZh, condEn] = decisive.inclusive
        ? [`低于${edge}${attr.unitZh}`, `below ${edge}`]
        : [`不超过${edge}${attr.unitZh}`, `at most ${edge}`];
    } else {
      [condZh, condEn] = decisive.inclusive
        ? [`不低于${edge}${attr.unitZh}`, `at least ${edge}`]
        : [`超过${edge}${attr.unitZh}`, `above ${edge}`];
    }
    const a = amountWords(amount.value);
    return {
      full: toFen(amount.value, at.rounding),
      inputs: { [c.attribute]: v },
      zh: `${attr.zh}${count(v)}${attr.unitZh}，${condZh}，${at.label.zh}按${per.zh}${a}元核定`,
      en: `${en1(attr.en)} ${count(v)}, ${condEn}: ${at.label.en} ${a} yuan ${per.en}`,
    };
  },
  json: (c) => ({ attribute: c.attribute, inclusive: c.steps.map((s) => s.inclusive) }),
  sheetName: '按门槛分档',
  label: { zh: '分档', en: 'by bracket' },
  describe(c) {
    const a = ATTRIBUTE_LABELS[c.attribute];
    const n = (s: NamedValue) => count(s.value.toNumber());
    const first = c.steps[0]!;
    const zh = [`${a.zh}${first.inclusive ? '低于' : '不超过'} ${n(first.threshold)} ${a.unitZh}：${yuan(c.base.value)} 元`];
    const en = [`${a.en} ${first.inclusive ? 'below' : 'at most'} ${n(first.threshold)}: ${yuan(c.base.value)} yuan`];
    for (const s of c.steps) {
      zh.push(`${s.inclusive ? '不低于' : '超过'} ${n(s.threshold)} ${a.unitZh}：${yuan(s.amount.value)} 元`);
      en.push(`${s.inclusive ? 'at least' : 'above'} ${n(s.threshold)}: ${yuan(s.amount.value)} yuan`);
    }
    return { zh: zh.join('；'), en: en.join('; ') };
  },
});
