// Policies shipped with the product.
import countyFiveStandards from '../policies/county-five-standards.json' with { type: 'json' };
import { validatePolicy } from './policy/load.js';
import type { Policy } from './policy/schema.js';

let builtin: Policy | undefined;

/** The county standard of the "five standards" opinion, part II(4) item 2: the default policy. */
export function builtinPolicy(): Policy {
  return (builtin ??= validatePolicy(countyFiveStandards));
}
