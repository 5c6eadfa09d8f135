// The calc kinds a policy may use. A new kind is its own module (see
// docs/rule-kinds.md) and one entry here; nothing else names a kind.
import type { z } from 'zod';
import type { Param } from '../policy/param.js';
import type { Said } from '../said.js';
import { flat } from './flat.js';
import type { CalcKind, KindSchema } from './kind.js';
import { perCapita } from './per-capita.js';
import { schedule } from './schedule.js';
import { topUp } from './top-up.js';

/** In this order in zod's messages ("expected 'flat' | 'schedule' | …"). */
export const KINDS = [flat, schedule, perCapita, topUp] as const;

type Kinds = (typeof KINDS)[number];
type SchemaOf<K> = K extends { schema: (...args: never[]) => infer S } ? S : never;

type Schemas<T extends readonly unknown[]> = { [I in keyof T]: SchemaOf<T[I]> };

/** The kinds' schemas in KINDS's order: what policy/schema.ts builds calcSchema from. */
export type KindSchemas = Schemas<typeof KINDS>;

export type Calc = z.output<SchemaOf<Kinds>>;
/** A calc with every parameter fixed to the value in force for a year. */
export type ResolvedCalc = ReturnType<Kinds['resolve']>;
export type KindName = Calc['kind'];

/** A kind as the generic code sees it: it takes any calc, resolved or not (kindOf picks the right one). */
export type AnyKind = CalcKind<KindSchema, ResolvedCalc> & {
  params(calc: Calc): [string, Param][];
  check(calc: Calc, at: string, before: ReadonlySet<string>): ReturnType<CalcKind['check']>;
  resolve(calc: Calc, pick: Parameters<CalcKind['resolve']>[1]): ResolvedCalc;
};

const BY_NAME = new Map<string, AnyKind>(KINDS.map((k) => [k.name, k as unknown as AnyKind]));

/** The kind of a calc, resolved or not. */
export function kindOf(calc: { kind: KindName }): AnyKind {
  return BY_NAME.get(calc.kind)!;
}

/**
 * The dated values a 政策参数 row's parameter ("rate", "steps[0].amount（含门槛值（≥））")
 * names in a calc, to read the row back onto; undefined when the calc has none.
 */
export function paramNamed(calc: Calc, text: string): Param | undefined {
  const m = /^([A-Za-z]+)(?:\[(\d+)\]\.([A-Za-z]+))?/.exec(text);
  if (!m) return undefined;
  const name = m[2] === undefined ? m[1] : `${m[1]}[${Number(m[2])}].${m[3]}`;
  return kindOf(calc)
    .params(calc)
    .find(([n]) => n === name)?.[1];
}

/** A rule in one line, for the pane: its kind's name, then the rule ("定额：每年 5,000 元"). */
export function describeRule(calc: ResolvedCalc, labelOf: (id: string) => Said): Said {
  const kind = kindOf(calc);
  const text = kind.describe(calc, labelOf);
  return { zh: `${kind.label.zh}：${text.zh}`, en: `${kind.label.en}: ${text.en}` };
}
