// The engine's public API: load a policy, compute units, read explanations.
export { Decimal, ZERO, toFen, moneyString, sum, ROUNDING_MODES, type RoundingMode } from './money.js';
export { formatYuan, formatWan, toChineseCapital, amountWords } from './format.js';
export {
  UNIT_TYPES,
  UNIT_TYPE_LABELS,
  UNIT_ATTRIBUTES,
  ATTRIBUTE_LABELS,
  validateUnit,
  type Unit,
  type UnitType,
  type UnitAttribute,
  type UnitProblem,
} from './unit.js';
export { policySchema, type Policy, type PolicyLine } from './policy/schema.js';
export { resolveParam, yearDate, type Param, type DatedValue, type NamedValue } from './policy/param.js';
export { type Calc, type ResolvedCalc } from './kinds/index.js';
export { parsePolicy, validatePolicy } from './policy/load.js';
export { PolicyError, NotInForceError, type PolicyProblem } from './policy/errors.js';
export { resolvePolicy, type ResolvedPolicy, type ResolvedLine } from './policy/resolve.js';
export { builtinPolicy } from './policies.js';
export {
  Calculator,
  TotalsBuilder,
  computeAll,
  lineAmount,
  type LineResult,
  type UnitResult,
  type Totals,
  type TownshipTotals,
} from './compute.js';
export { compareUnits, type Comparison, type UnitDifference } from './compare.js';
export { type Explanation, type ExplainedParam, type RuleKind } from './explain.js';

import { builtinPolicy } from './policies.js';
import { Calculator } from './compute.js';
import { resolvePolicy } from './policy/resolve.js';
import type { Policy } from './policy/schema.js';

/** A calculator for a policy (the built-in one by default) and a budget year. */
export function calculator(year: number, policy: Policy = builtinPolicy()): Calculator {
  return new Calculator(resolvePolicy(policy, year));
}
