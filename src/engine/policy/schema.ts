// The policy file format: a county's funding standard as dated data.
// Every number is a parameter (param.ts, param-schema.ts): dated values, so a year's
// computation picks the values then in force. A line's rules are calcs of the
// kinds in ../kinds/.
import { z } from 'zod';
import { ROUNDING_MODES } from '../money.js';
import { KINDS, type KindSchemas } from '../kinds/index.js';
import { UNIT_ATTRIBUTES, UNIT_TYPES } from '../unit.js';
import { paramSchema } from './param-schema.js';

const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

const unitType = z.enum(UNIT_TYPES);
const attribute = z.enum(UNIT_ATTRIBUTES);

/**
 * How a line is computed for some unit types, as the policy file writes it:
 * each kind's schema, made here so that zod loads only with this module.
 */
export const calcSchema = z.discriminatedUnion('kind', KINDS.map((k) => k.schema(z, paramSchema)) as unknown as KindSchemas);

/** How a line is computed for some unit types. */
export const ruleSchema = z.object({ types: z.array(unitType).min(1), calc: calcSchema }).strict();

export const lineSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an id of letters, digits and _'),
    label: bilingual,
    /** The unit types this line applies to; every one needs exactly one rule. */
    appliesTo: z.array(unitType).min(1),
    clause: z.string().min(1),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();

/** The party organisations a unit can have (党支部, 党总支, 党委). */
export const ORGANISATION_FORMS = ['branch', 'generalBranch', 'committee'] as const;

/**
 * One organisational threshold of the opinion: units whose member count is at
 * least (or, not `inclusive`, above) `from`, and below `below` where given,
 * should have `form`. Not money: a check shown beside the funds.
 */
export const organisationLevelSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an id of letters, digits and _'),
    /** What the result says, e.g. 应设党支部. */
    label: bilingual,
    form: z.enum(ORGANISATION_FORMS),
    from: paramSchema,
    inclusive: z.boolean(),
    /** Exclusive upper bound ("fewer than 100"); above it the level no longer applies. */
    below: paramSchema.optional(),
    clause: z.string().min(1),
  })
  .strict();

export const organisationSchema = z
  .object({
    /** The member count the thresholds read (the roster has last year's). */
    attribute,
    /** What a unit below every level gets, e.g. 未达设支部条件. */
    belowAll: bilingual,
    /** In ascending order of `from`: a unit gets the last level it meets. */
    levels: z.array(organisationLevelSchema).min(1),
  })
  .strict();

export const policySchema = z
  .object({
    id: z.string().min(1),
    title: bilingual,
    document: z.object({ name: z.string().min(1), number: z.string().optional(), clause: z.string().optional() }).strict(),
    currency: z.literal('CNY'),
    rounding: z.enum(ROUNDING_MODES),
    lines: z.array(lineSchema).min(1),
    /** Organisational thresholds (党支部, 党总支 …); a policy without them shows no 组织设置. */
    organisation: organisationSchema.optional(),
  })
  .strict();

export type PolicyLine = z.output<typeof lineSchema>;
export type Policy = z.output<typeof policySchema>;
export type OrganisationForm = (typeof ORGANISATION_FORMS)[number];
export type OrganisationPolicy = z.output<typeof organisationSchema>;
