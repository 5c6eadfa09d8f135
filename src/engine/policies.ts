// Policies shipped with the product.
import countyFiveStandards from '../policies/county-five-standards.json' with { type: 'json' };
import type { Policy } from './policy/schema.js';

/**
 * The county standard of the "five standards" opinion, part II(4) item 2: the
 * default policy. The file is checked when the CLI is built
 * (scripts/bundle-cli.js) and by the tests (validatePolicy accepts it and
 * returns it unchanged: tests/engine-policy.test.ts), not on every run:
 * the checks' code (zod) and the YAML parser took 66–82 ms of the command
 * line's start, more than the rest of calc's code together.
 */
export function builtinPolicy(): Policy {
  return countyFiveStandards as Policy;
}
