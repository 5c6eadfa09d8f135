// A parameter as a policy file writes it (param.ts has the type and the value
// in force): zod, so only policy-file parsing loads this module, not `calc`
// with the built-in policy (scripts/bundle-cli.js).
import { z } from 'zod';

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

/** What a calc kind's schema is given for its numbers. */
export type ParamSchema = typeof paramSchema;
