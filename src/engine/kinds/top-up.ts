// topUp: tops earlier lines up to a minimum total (a village's operating funds
// not less than 100,000): the gap, or 0 when they reach it. Sums the lines'
// full-year amounts, so a part-year unit's top-up is prorated like any line.
import { amountWords } from '../format.js';
import { toFen, ZERO } from '../money.js';
import type { NamedValue } from '../policy/param.js';
import type { PolicyProblem } from '../policy/errors.js';
import { en1, yuan } from '../words.js';
import { defineKind } from './kind.js';

export interface TopUpCalc {
  kind: 'topUp';
  of: string[];
  minimum: NamedValue;
}

export const topUp = defineKind({
  name: 'topUp',
  schema: (z, param) =>
    z
      .object({
        kind: z.literal('topUp'),
        /** Ids of earlier lines whose sum must reach the minimum. */
        of: z.array(z.string().min(1)).min(1),
        minimum: param,
      })
      .strict(),
  params: (c) => [['minimum', c.minimum]],
  check: (c, at, before) => {
    const problems: PolicyProblem[] = [];
    c.of.forEach((ref, k) => {
      if (!before.has(ref))
        problems.push({
          path: `${at}.of[${k}]`,
          zh: `补足项只能引用前面已定义的经费项目：${ref}`,
          en: `a top-up may only refer to lines defined before it: ${ref}`,
        });
    });
    return problems;
  },
  resolve: (c, pick): TopUpCalc => ({ kind: 'topUp', of: c.of, minimum: pick(c.minimum, 'minimum') }),
  values: (c) => [{ ...c.minimum, note: `补足：${c.of.join('、')}` }],
  reads: (c) => ({ attributes: [], lines: c.of }),
  evaluate(c, _unit, at) {
    const sumOf = c.of.reduce((s, id) => s.plus(at.earlier.fullYear(id)), ZERO);
    const gap = c.minimum.value.minus(sumOf);
    const full = gap.isPositive() && !gap.isZero() ? toFen(gap, at.rounding) : ZERO;
    const labels = c.of.map((id) => at.labelOf(id));
    const s = amountWords(sumOf);
    const min = amountWords(c.minimum.value);
    const namesZh = labels.map((l) => l.zh).join('、');
    const namesEn = labels.map((l) => l.en).join(', ');
    const [zh, en] = full.isZero()
      ? [
          `${namesZh}合计${s}元，已达到最低保障${min}元，无需补足`,
          `${en1(namesEn)} total ${s} yuan, at least the minimum of ${min} yuan: no top-up`,
        ]
      : [
          `${namesZh}合计${s}元，低于最低保障${min}元，补足${amountWords(full)}元`,
          `${en1(namesEn)} total ${s} yuan, below the minimum of ${min} yuan: top-up ${amountWords(full)} yuan`,
        ];
    return { full, inputs: { sumOfLines: sumOf.toFixed(2) }, zh, en };
  },
  json: (c) => ({ of: c.of }),
  sheetName: '补足到最低总额',
  label: { zh: '补足', en: 'top-up' },
  describe(c, labelOf) {
    const labels = c.of.map(labelOf);
    return {
      zh: `${labels.map((l) => l.zh).join('、')}合计不足 ${yuan(c.minimum.value)} 元的补足`,
      en: `tops ${labels.map((l) => l.en).join(', ')} up to ${yuan(c.minimum.value)} yuan`,
    };
  },
});
