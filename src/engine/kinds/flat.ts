// flat: the same amount for every unit of a type (党建经费 5,000 a village).
import { amountWords } from '../format.js';
import { toFen } from '../money.js';
import type { NamedValue } from '../policy/param.js';
import { en1, PER_UNIT, yuan } from '../words.js';
import { defineKind, noProblems } from './kind.js';

export interface FlatCalc {
  kind: 'flat';
  amount: NamedValue;
}

export const flat = defineKind({
  name: 'flat',
  schema: (z, param) => z.object({ kind: z.literal('flat'), amount: param }).strict(),
  params: (c) => [['amount', c.amount]],
  check: noProblems,
  resolve: (c, pick): FlatCalc => ({ kind: 'flat', amount: pick(c.amount, 'amount') }),
  values: (c) => [c.amount],
  // The amount depends on nothing of the unit's.
  reads: () => ({ attributes: [], lines: [] }),
  evaluate(c, _unit, at) {
    const per = PER_UNIT[at.type];
    const a = amountWords(c.amount.value);
    return {
      full: toFen(c.amount.value, at.rounding),
      inputs: {},
      zh: `${at.label.zh}按${per.zh}${a}元核定`,
      en: `${en1(at.label.en)}: ${a} yuan ${per.en}`,
    };
  },
  json: () => ({}),
  sheetName: '定额',
  label: { zh: '定额', en: 'flat' },
  describe: (c) => ({ zh: `每年 ${yuan(c.amount.value)} 元`, en: `${yuan(c.amount.value)} yuan a year` }),
});
