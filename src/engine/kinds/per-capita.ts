// perCapita: a rate times a unit attribute, with an optional floor and cap
// (党员活动经费: 100 per member of last year, at least 3,000).
import { amountWords } from '../format.js';
import { toFen, type Decimal } from '../money.js';
import type { NamedValue, Param } from '../policy/param.js';
import { ATTRIBUTE_LABELS, UNIT_ATTRIBUTES, type UnitAttribute } from '../unit.js';
import { count, en1, yuan } from '../words.js';
import { defineKind, noProblems } from './kind.js';

export interface PerCapitaCalc {
  kind: 'perCapita';
  attribute: UnitAttribute;
  rate: NamedValue;
  floor?: NamedValue;
  cap?: NamedValue;
}

export const perCapita = defineKind({
  name: 'perCapita',
  schema: (z, param) =>
    z
      .object({
        kind: z.literal('perCapita'),
        attribute: z.enum(UNIT_ATTRIBUTES),
        rate: param,
        floor: param.optional(),
        cap: param.optional(),
      })
      .strict(),
  params(c) {
    const params: [string, Param][] = [['rate', c.rate]];
    if (c.floor) params.push(['floor', c.floor]);
    if (c.cap) params.push(['cap', c.cap]);
    return params;
  },
  check: noProblems,
  resolve: (c, pick): PerCapitaCalc => ({
    kind: 'perCapita',
    attribute: c.attribute,
    rate: pick(c.rate, 'rate'),
    floor: c.floor && pick(c.floor, 'floor'),
    cap: c.cap && pick(c.cap, 'cap'),
  }),
  values: (c) => [c.rate, ...(c.floor ? [c.floor] : []), ...(c.cap ? [c.cap] : [])],
  reads: (c) => ({ attributes: [c.attribute], lines: [] }),
  evaluate(c, unit, at) {
    const v = unit[c.attribute];
    const raw = toFen(c.rate.value.times(v), at.rounding);
    let full: Decimal = raw;
    let applied: 'rate' | 'floor' | 'cap' = 'rate';
    if (c.floor && full.lessThan(c.floor.value)) [full, applied] = [toFen(c.floor.value, at.rounding), 'floor'];
    if (c.cap && full.greaterThan(c.cap.value)) [full, applied] = [toFen(c.cap.value, at.rounding), 'cap'];
    const attr = ATTRIBUTE_LABELS[c.attribute];
    const rate = amountWords(c.rate.value);
    const r = amountWords(raw);
    const a = amountWords(full);
    let zh = `${attr.zh}${count(v)}${attr.unitZh}，按每人每年${rate}元计${r}元`;
    let en = `${en1(attr.en)} ${count(v)} × ${rate} yuan = ${r} yuan`;
    if (applied === 'floor') {
      zh += `，低于保底${a}元，按${a}元核定`;
      en += `, below the floor of ${a} yuan: ${a} yuan`;
    } else if (applied === 'cap') {
      zh += `，高于上限${a}元，按${a}元核定`;
      en += `, above the cap of ${a} yuan: ${a} yuan`;
    } else {
      zh += `，${at.label.zh}按${a}元核定`;
      en += `: ${at.label.en} ${a} yuan`;
    }
    return { full, inputs: { [c.attribute]: v }, zh, en };
  },
  json: (c) => ({ attribute: c.attribute }),
  sheetName: '按人数计算',
  label: { zh: '按人数', en: 'per head' },
  describe(c) {
    const a = ATTRIBUTE_LABELS[c.attribute];
    let zh = `${a.zh}每人每年 ${yuan(c.rate.value)} 元`;
    let en = `${yuan(c.rate.value)} yuan per head of ${a.en}`;
    if (c.floor) {
      zh += `，不足 ${yuan(c.floor.value)} 元的按 ${yuan(c.floor.value)} 元`;
      en += `, at least ${yuan(c.floor.value)} yuan`;
    }
    if (c.cap) {
      zh += `，最高 ${yuan(c.cap.value)} 元`;
      en += `, at most ${yuan(c.cap.value)} yuan`;
    }
    return { zh, en };
  },
});
