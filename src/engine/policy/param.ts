// A parameter: a number of the policy as dated values, each with the date it
// takes effect and the text it implements (OpenFisca-style), and the value in
// force on a date. Every calc kind's numbers are parameters.
import { z } from 'zod';
import { Decimal } from '../money.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
const decimalText = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(String);

/** One value of a parameter and when it took effect. */
export const datedValueSchema = z
  .object({
    since: isoDate,
    value: decimalText,
    /** The document and clause this value comes from. */
    ref: z.string().min(1),
  })
  .strict();

/** A parameter's history: values by effective date, any order in the file. */
export const paramSchema = z.array(datedValueSchema).min(1);

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
