// Rule cases as data (OpenFisca-style): every tests/cases/*.yaml file is a
// list of cases, each run as its own test. See the case shape below.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  builtinPolicy,
  calculator,
  Decimal,
  lineAmount,
  parsePolicy,
  PolicyError,
  UNIT_TYPES,
  validateUnit,
  type Policy,
  type Unit,
  type UnitType,
} from '../src/engine/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const casesDir = join(root, 'tests', 'cases');

interface Case {
  name: string;
  /** Path relative to the repository root; the built-in policy when absent. */
  policy?: string;
  year: number;
  unit: { type: UnitType; population: number; membersPrevYear: number; monthsActive?: number };
  /** Amounts by line id, and the unit total, as decimal strings ("25000.00"). */
  expected?: Record<string, string>;
  /** Substrings of each line's Chinese explanation. */
  explanation?: Record<string, string>;
  /** The computation must be refused (e.g. no value in force for the year). */
  error?: boolean;
  /** Optional substring of the error message. */
  errorContains?: string;
}

const CASE_KEYS = new Set(['name', 'policy', 'year', 'unit', 'expected', 'explanation', 'error', 'errorContains']);
const UNIT_KEYS = new Set(['type', 'population', 'membersPrevYear', 'monthsActive']);
const AMOUNT = /^-?\d+(\.\d{1,2})?$/;

/** Checks a case's shape so a typo in a case file fails loudly instead of testing nothing. */
function readCase(raw: unknown, where: string): Case {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('a case must be a mapping');
  const c = raw as Record<string, unknown>;
  for (const k of Object.keys(c)) if (!CASE_KEYS.has(k)) fail(`unknown key "${k}"`);
  if (typeof c.name !== 'string' || !c.name.trim()) fail('name must be a non-empty string');
  if (c.policy !== undefined && typeof c.policy !== 'string') fail('policy must be a path string');
  if (!Number.isInteger(c.year)) fail('year must be an integer');
  const u = c.unit as Record<string, unknown> | undefined;
  if (!u || typeof u !== 'object') fail('unit is required');
  for (const k of Object.keys(u!)) if (!UNIT_KEYS.has(k)) fail(`unknown unit key "${k}"`);
  if (!(UNIT_TYPES as readonly unknown[]).includes(u!.type)) fail(`unit.type must be one of ${UNIT_TYPES.join(', ')}`);
  if (c.error !== undefined && c.error !== true) fail('error, when present, must be true');
  if (c.error) {
    if (c.expected !== undefined) fail('an error case has no expected amounts');
  } else {
    if (c.errorContains !== undefined) fail('errorContains needs error: true');
    const e = c.expected as Record<string, unknown> | undefined;
    if (!e || typeof e !== 'object') fail('expected is required');
    if (!('total' in e!)) fail('expected.total is required');
    for (const [k, v] of Object.entries(e!))
      if (typeof v !== 'string' || !AMOUNT.test(v)) fail(`expected.${k} must be a quoted amount like "25000.00", got ${JSON.stringify(v)}`);
  }
  if (c.explanation !== undefined) {
    if (c.error) fail('an error case has no explanation');
    for (const [k, v] of Object.entries(c.explanation as object))
      if (typeof v !== 'string' || !v) fail(`explanation.${k} must be a non-empty string`);
  }
  return c as unknown as Case;
}

const policies = new Map<string, Policy>();
function policyAt(path: string | undefined): Policy {
  if (path === undefined) return builtinPolicy();
  let p = policies.get(path);
  if (!p) policies.set(path, (p = parsePolicy(readFileSync(join(root, path), 'utf8'))));
  return p;
}

const files = readdirSync(casesDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

const loaded = files.map((file) => {
  const data: unknown = parseYaml(readFileSync(join(casesDir, file), 'utf8'));
  if (!Array.isArray(data) || data.length === 0) throw new Error(`tests/cases/${file}: must be a non-empty list of cases`);
  const cases = data.map((raw, i) => readCase(raw, `tests/cases/${file} case ${i + 1}`));
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`tests/cases/${file}: duplicate case name "${c.name}"`);
    names.add(c.name);
  }
  return { file, cases };
});

describe('case files', () => {
  it('are found and hold cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(loaded.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThanOrEqual(40);
  });
});

function run(c: Case) {
  const unit: Unit = { township: '测试镇', name: c.name, ...c.unit };
  expect(validateUnit(unit)).toEqual([]);
  if (c.error) {
    let err: unknown;
    try {
      calculator(c.year, policyAt(c.policy)).unit(unit);
    } catch (e) {
      err = e;
    }
    expect(err, 'expected the computation to be refused').toBeInstanceOf(PolicyError);
    if (c.errorContains) expect((err as Error).message).toContain(c.errorContains);
    return;
  }
  const calc = calculator(c.year, policyAt(c.policy));
  const result = calc.unit(unit);
  const expected = c.expected!;
  for (const id of Object.keys(expected)) if (id !== 'total') expect(calc.lineIds, `unknown line id "${id}" in the case`).toContain(id);
  const actual: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const [id, amount] of Object.entries(expected)) {
    const got = id === 'total' ? result.total : lineAmount(result, id);
    expect(got).toBeInstanceOf(Decimal);
    actual[id] = got.toFixed(2);
    want[id] = new Decimal(amount).toFixed(2);
  }
  expect(actual).toEqual(want);
  for (const [id, text] of Object.entries(c.explanation ?? {})) {
    const line = result.lines.find((l) => l.line === id);
    expect(line, `no line "${id}"`).toBeDefined();
    expect(line!.explanation.text.zh).toContain(text);
  }
}

for (const { file, cases } of loaded) {
  describe(file, () => {
    for (const c of cases) it(c.name, () => run(c));
  });
}
