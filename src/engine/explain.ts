// The explanation attached to every figure: which rule, which inputs, which
// parameters (value, effective date, clause), and a sentence in zh and en.
// Each calc kind words its own sentence (src/engine/kinds/); this is the rest.
import { amountWords } from './format.js';
import type { KindName } from './kinds/index.js';
import type { Decimal } from './money.js';
import type { NamedValue } from './policy/param.js';
import type { ResolvedLine } from './policy/resolve.js';
import { UNIT_TYPE_LABELS, type UnitType } from './unit.js';
import { en1 } from './words.js';

export type RuleKind = KindName | 'notApplicable';

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

export function explainParam(p: NamedValue): ExplainedParam {
  return { name: p.name, value: p.value.toFixed(), since: p.since, ref: p.ref };
}

export interface Context {
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

/** An explanation from its parts: the rule's sentence (flattened) and the parameters it used. */
export function explained(
  ctx: Context,
  rule: RuleKind,
  inputs: Explanation['inputs'],
  params: NamedValue[],
  zh: string,
  en: string,
): Explanation {
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

export function explainNotApplicable(ctx: Context): Explanation {
  const t = UNIT_TYPE_LABELS[ctx.type];
  return explained(
    ctx,
    'notApplicable',
    {},
    [],
    `${ctx.line.label.zh}不适用于${t.zh}`,
    `${en1(ctx.line.label.en)} do not apply to a ${t.en}`,
  );
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
