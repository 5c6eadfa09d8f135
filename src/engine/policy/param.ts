// A parameter: a number of the policy as dated values, each with the date it
// takes effect and the text it implements (OpenFisca-style), and the value in
// force on a date. Every calc kind's numbers are parameters. No zod here:
// the schemas are in param-schema.ts, loaded only to parse a policy file.
import type { z } from 'zod';
import { Decimal } from '../money.js';
import type { datedValueSchema, paramSchema } from './param-schema.js';

export type DatedValue = z.output<typeof datedValueSchema>;
export type Param = z.output<typeof paramSchema>;

export interface ParamValue {
  value: Decimal;
  since: string;
  ref: string;
}

/** A parameter value in force, with the name it has in its calculation. */
export interface NamedValue extends ParamValue {
  name: string;
}

/** The value in force on an ISO date: the latest one whose `since` is not after it. */
export function resolveParam(param: Param, date: string): ParamValue | undefined {
  let best: Param[number] | undefined;
  for (const v of param) if (v.since <= date && (!best || v.since > best.since)) best = v;
  return best && { value: new Decimal(best.value), since: best.since, ref: best.ref };
}

/**
 * A budget year uses the values in force on 1 January of that year, as
 * OpenFisca does for a yearly period: a standard that takes effect mid-year
 * applies from the next budget year.
 */
export function yearDate(year: number): string {
  return `${String(year).padStart(4, '0')}-01-01`;
}
