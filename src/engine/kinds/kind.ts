// What a calc kind is: everything the product does with one way of computing a
// line (flat, schedule, …), in one object. The generic code (policy checks,
// resolution, compute, explanations, 政策参数, JSON, the pane) only dispatches
// through the registry (index.ts). Pure: no I/O, no workbook.
import type { z } from 'zod';
import type { Decimal, RoundingMode } from '../money.js';
import type { NamedValue, Param } from '../policy/param.js';
import type { ParamSchema } from '../policy/param-schema.js';
import type { PolicyProblem } from '../policy/errors.js';
import type { Said } from '../said.js';
import type { Unit, UnitAttribute, UnitType } from '../unit.js';

/** zod itself, as policy/schema.ts hands it to a kind's schema. */
export type Zod = typeof z;

/** A kind's shape in a policy file: a strict zod object whose `kind` is a literal. */
export type KindSchema = z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;

/**
 * Makes a kind's shape from the zod and the parameter schema it is given.
 * Only policy/schema.ts calls it, so zod loads only when a policy file is parsed.
 */
export type KindSchemaOf<S extends KindSchema> = (zod: Zod, param: ParamSchema) => S;

/** A parameter in force as a row of 政策参数 (plain data: report.ts makes the cells). */
export interface ParamRow extends NamedValue {
  /** Shown in brackets after the name, e.g. 含门槛值（≥）. */
  note?: string;
}

/** The lines computed before this one for the same unit (a top-up sums some of them). */
export interface Earlier {
  /** A line's full-year amount (before pro-rating), with two decimals: "25000.00". */
  fullYear(id: string): string;
}

/** What a rule may read besides its unit. */
export interface RuleContext {
  /** The line's label and the unit's type, for the sentence. */
  label: Said;
  type: UnitType;
  rounding: RoundingMode;
  earlier: Earlier;
  /** The label of another line of the policy. */
  labelOf(id: string): Said;
}

/** The unit attributes and the earlier lines (by id) a rule's amount depends on. */
export interface Reads {
  attributes: readonly UnitAttribute[];
  lines: readonly string[];
}

/** A full-year amount and why, before the generic parts (line, clause, parameters, pro-rating). */
export interface Worked {
  /** Rounded to the fen. */
  full: Decimal;
  /** The values the rule read (attribute values, the sum of lines it tops up). */
  inputs: Record<string, number | string>;
  zh: string;
  en: string;
}

export interface CalcKind<S extends KindSchema = KindSchema, R extends { kind: string } = { kind: string }> {
  /** The `kind` a policy file writes. */
  name: z.output<S>['kind'];
  /** Its shape in a policy file, built by policy/schema.ts with zod. */
  schema: KindSchemaOf<S>;
  /**
   * Its dated parameters by name ("amount", "steps[0].threshold"), in order:
   * each is checked, resolved and written to 政策参数 under this name, and a
   * 政策参数 row is read back onto the parameter it names.
   */
  params(calc: z.output<S>): [string, Param][];
  /** What the schema cannot say (references, ordering); `before`: ids of the lines defined before this one. */
  check(calc: z.output<S>, at: string, before: ReadonlySet<string>): PolicyProblem[];
  /** The values in force; `pick` resolves a parameter under its name (and records any with no value). */
  resolve(calc: z.output<S>, pick: (param: Param, name: string) => NamedValue): R;
  /** The parameters in force, in order: an explanation's params, the JSON's and the 政策参数 rows. */
  values(calc: R): ParamRow[];
  /**
   * What the amount depends on besides the unit type and the months active:
   * compute.ts caches results by these values, so a value `evaluate` reads
   * must be named here.
   */
  reads(calc: R): Reads;
  /** The full-year amount and the sentence saying how it was found. */
  evaluate(calc: R, unit: Unit, at: RuleContext): Worked;
  /** Fields of its JSON form besides type, kind and params (`policy show --json`). */
  json(calc: R): Record<string, unknown>;
  /** How 政策参数 names it (计算方式). */
  sheetName: string;
  /** How the pane names it. */
  label: Said;
  /** The rule in one line, for the pane. */
  describe(calc: R, labelOf: (id: string) => Said): Said;
}

/**
 * A kind, its members always in this order: every kind then has one hidden
 * class, and a property read on a kind is a monomorphic load.
 */
export function defineKind<S extends KindSchema, R extends { kind: string }>(k: CalcKind<S, R>): CalcKind<S, R> {
  return {
    name: k.name,
    schema: k.schema,
    params: k.params,
    check: k.check,
    resolve: k.resolve,
    values: k.values,
    reads: k.reads,
    evaluate: k.evaluate,
    json: k.json,
    sheetName: k.sheetName,
    label: k.label,
    describe: k.describe,
  };
}

/** No problems beyond the schema's. */
export const noProblems = (): PolicyProblem[] => [];
