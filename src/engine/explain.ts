// The explanation attached to every figure: which rule, which inputs, which
// parameters (value, effective date, clause), and a sentence in zh and en.
import { amountWords } from './format.js';
import type { Decimal } from './money.js';
import type { NamedValue, ResolvedCalc, ResolvedLine } from './policy/resolve.js';
import { ATTRIBUTE_LABELS, UNIT_TYPE_LABELS, type UnitAttribute, type UnitType } from './unit.js';

export type RuleKind = ResolvedCalc['kind'] | 'notApplicable';

export interface ExplainedParam {
  name: string;
  value: string;
  since: string;
  ref: string;
}

export interface Explanation {
  line: string;
  rule: RuleKind;
  clause: string;
  unitType: UnitType;
  /** The unit's values the rule read (attribute values, months active, the lines a top-up sums). */
  inputs: Record<string, number | string>;
  params: ExplainedParam[];
  /** The full-year amount before pro-rating, when the unit was active part of the year. */
  fullYear?: string;
  text: { zh: string; en: string };
}

const count = (n: number) => n.toLocaleString('en-US');

const PER_UNIT: Record<UnitType, { zh: string; en: string }> = {
  village: { zh: '每村每年', en: 'per village a year' },
  urbanCommunity: { zh: '每个城市社区每年', en: 'per urban community a year' },
  ruralCommunity: { zh: '每个农村社区每年', en: 'per rural community a year' },
};

export function explainParam(p: NamedValue): ExplainedParam {
  return { name: p.name, value: p.value.toFixed(), since: p.since, ref: p.ref };
}

interface Context {
  line: ResolvedLine;
  type: UnitType;
}

/**
 * A sentence as one flat string. Template literals make ropes (strings of
 * strings), and an explanation is computed once but joined into many result
 * rows: for 100,000 units, joining took 53–132 ms with ropes and 26–74 ms
 * with flat strings (node bench/experiments/flat-text.js, two runs).
 * Array.join always makes a flat string.
 */
const flat = (s: string): string => s.split('').join('');

function base(ctx: Context, rule: RuleKind, inputs: Explanation['inputs'], params: NamedValue[], zh: string, en: string): Explanation {
  return {
    line: ctx.line.id,
    rule,
    clause: ctx.line.clause,
    unitType: ctx.type,
    inputs,
    params: params.map(explainParam),
    text: { zh: flat(zh), en: flat(en) },
  };
}

const en1 = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function explainNotApplicable(ctx: Context): Explanation {
  const t = UNIT_TYPE_LABELS[ctx.type];
  return base(ctx, 'notApplicable', {}, [], `${ctx.line.label.zh}不适用于${t.zh}`, `${en1(ctx.line.label.en)} do not apply to a ${t.en}`);
}

export function explainFlat(ctx: Context, amount: NamedValue): Explanation {
  const per = PER_UNIT[ctx.type];
  const a = amountWords(amount.value);
  return base(ctx, 'flat', {}, [amount], `${ctx.line.label.zh}按${per.zh}${a}元核定`, `${en1(ctx.line.label.en)}: ${a} yuan ${per.en}`);
}

export function explainSchedule(
  ctx: Context,
  calc: Extract<ResolvedCalc, { kind: 'schedule' }>,
  value: number,
  /** -1: below every step; otherwise the index of the step that applied. */
  stepIndex: number,
  amount: NamedValue,
): Explanation {
  const attr = ATTRIBUTE_LABELS[calc.attribute];
  const per = PER_UNIT[ctx.type];
  const decisive = calc.steps[Math.max(stepIndex, 0)]!;
  const edge = amountWords(decisive.threshold.value);
  let condZh: string;
  let condEn: string;
  if (stepIndex < 0) {
    [condZh, condEn] = decisive.inclusive
      ? [`低于${edge}${attr.unitZh}`, `below ${edge}`]
      : [`不超过${edge}${attr.unitZh}`, `at most ${edge}`];
  } else {
    [condZh, condEn] = decisive.inclusive
      ? [`不低于${edge}${attr.unitZh}`, `at least ${edge}`]
      : [`超过${edge}${attr.unitZh}`, `above ${edge}`];
  }
  const a = amountWords(amount.value);
  const params = [calc.base, ...calc.steps.flatMap((s) => [s.threshold, s.amount])];
  return base(
    ctx,
    'schedule',
    { [calc.attribute]: value },
    params,
    `${attr.zh}${count(value)}${attr.unitZh}，${condZh}，${ctx.line.label.zh}按${per.zh}${a}元核定`,
    `${en1(attr.en)} ${count(value)}, ${condEn}: ${ctx.line.label.en} ${a} yuan ${per.en}`,
  );
}

export function explainPerCapita(
  ctx: Context,
  calc: Extract<ResolvedCalc, { kind: 'perCapita' }>,
  value: number,
  raw: Decimal,
  applied: 'rate' | 'floor' | 'cap',
  amount: Decimal,
): Explanation {
  const attr = ATTRIBUTE_LABELS[calc.attribute as UnitAttribute];
  const rate = amountWords(calc.rate.value);
  const r = amountWords(raw);
  const a = amountWords(amount);
  let zh = `${attr.zh}${count(value)}${attr.unitZh}，按每人每年${rate}元计${r}元`;
  let en = `${en1(attr.en)} ${count(value)} × ${rate} yuan = ${r} yuan`;
  if (applied === 'floor') {
    zh += `，低于保底${a}元，按${a}元核定`;
    en += `, below the floor of ${a} yuan: ${a} yuan`;
  } else if (applied === 'cap') {
    zh += `，高于上限${a}元，按${a}元核定`;
    en += `, above the cap of ${a} yuan: ${a} yuan`;
  } else {
    zh += `，${ctx.line.label.zh}按${a}元核定`;
    en += `: ${ctx.line.label.en} ${a} yuan`;
  }
  const params = [calc.rate, ...(calc.floor ? [calc.floor] : []), ...(calc.cap ? [calc.cap] : [])];
  return base(ctx, 'perCapita', { [calc.attribute]: value }, params, zh, en);
}

export function explainTopUp(
  ctx: Context,
  calc: Extract<ResolvedCalc, { kind: 'topUp' }>,
  labels: { zh: string; en: string }[],
  sumOf: Decimal,
  amount: Decimal,
): Explanation {
  const s = amountWords(sumOf);
  const min = amountWords(calc.minimum.value);
  const namesZh = labels.map((l) => l.zh).join('、');
  const namesEn = labels.map((l) => l.en).join(', ');
  const [zh, en] = amount.isZero()
    ? [
        `${namesZh}合计${s}元，已达到最低保障${min}元，无需补足`,
        `${en1(namesEn)} total ${s} yuan, at least the minimum of ${min} yuan: no top-up`,
      ]
    : [
        `${namesZh}合计${s}元，低于最低保障${min}元，补足${amountWords(amount)}元`,
        `${en1(namesEn)} total ${s} yuan, below the minimum of ${min} yuan: top-up ${amountWords(amount)} yuan`,
      ];
  return base(ctx, 'topUp', { sumOfLines: sumOf.toFixed(2) }, [calc.minimum], zh, en);
}

/** Adds the pro-rating step for a unit active part of the year. */
export function withProRata(e: Explanation, months: number, fullYear: Decimal, amount: Decimal): Explanation {
  return {
    ...e,
    inputs: { ...e.inputs, monthsActive: months },
    fullYear: fullYear.toFixed(2),
    text: {
      zh: flat(`${e.text.zh}；本年在册${months}个月，按${months}/12折算为${amountWords(amount)}元`),
      en: flat(`${e.text.en}; active ${months} months this year, prorated ${months}/12 to ${amountWords(amount)} yuan`),
    },
  };
}
