// The calc kinds' registry (src/engine/kinds/): each kind's parts stay in
// step, so a rule of any kind is checked, resolved, written to 政策参数 and
// read back under the same names. What each kind computes is pinned by the
// rule cases (tests/cases/*.yaml), not here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinPolicy, Calculator, parsePolicy, resolvePolicy, UNIT_TYPES, type Policy, type Unit } from '../src/engine/index.js';
import { KINDS, kindOf, paramNamed } from '../src/engine/kinds/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (path: string) => parsePolicy(readFileSync(join(root, path), 'utf8'));

// The bundled policies and the test policy of tests/cases/kinds.yaml, with a year each is in force.
const POLICIES: [Policy, number][] = [
  [builtinPolicy(), 2025],
  [load('src/policies/example-other-county.yaml'), 2025],
  [load('tests/cases/policies/kinds.yaml'), 2024],
];

const rules = POLICIES.flatMap(([policy, year]) => {
  const resolved = resolvePolicy(policy, year);
  return policy.lines.flatMap((line, li) =>
    line.rules.map((rule) => ({
      where: `${policy.id} ${line.id}`,
      calc: rule.calc,
      resolved: resolved.lines[li]!.byType[rule.types[0]!]!,
    })),
  );
});

describe('the registry', () => {
  it('names each kind once, and the test policies use every kind', () => {
    const names = KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(rules.map((r) => r.calc.kind))).toEqual(new Set(names));
  });

  it('dispatches a calc, resolved or not, to its kind', () => {
    for (const { calc, resolved } of rules) {
      expect(kindOf(calc).name).toBe(calc.kind);
      expect(kindOf(resolved)).toBe(kindOf(calc));
    }
  });
});

describe.each(rules)('$where ($calc.kind)', ({ calc, resolved }) => {
  const kind = kindOf(calc);

  it('resolves and writes to 政策参数 the parameters it checks, under the same names, in the same order', () => {
    expect(kind.values(resolved).map((v) => v.name)).toEqual(kind.params(calc).map(([name]) => name));
  });

  it('reads each 政策参数 row back onto the parameter it was written from', () => {
    const params = new Map(kind.params(calc));
    for (const v of kind.values(resolved)) {
      const written = v.name + (v.note ? `（${v.note}）` : '');
      expect(paramNamed(calc, written)).toBe(params.get(v.name));
    }
  });

  it('adds JSON fields that do not hide the generic ones', () => {
    for (const key of Object.keys(kind.json(resolved))) expect(['type', 'kind', 'params']).not.toContain(key);
  });

  it('describes itself in both languages', () => {
    const text = kind.describe(resolved, (id) => ({ zh: id, en: id }));
    expect(text.zh).not.toBe('');
    expect(text.en).not.toBe('');
    expect(kind.sheetName).not.toBe('');
  });
});

describe('what a kind reads', () => {
  // Results are cached by what each kind says it reads: a kind that reads more
  // than it says would give one unit another's amount.
  const units: Unit[] = UNIT_TYPES.flatMap((type) =>
    [0, 999, 1000, 1499, 1500, 2000, 2001, 3000, 3001].flatMap((population) =>
      [0, 19, 20, 29, 30, 80, 81, 1400].flatMap((membersPrevYear) =>
        [undefined, 6].map((monthsActive) => ({
          township: 't',
          name: 'n',
          type,
          population,
          membersPrevYear,
          ...(monthsActive ? { monthsActive } : {}),
        })),
      ),
    ),
  );

  it.each(POLICIES.map(([p, year]) => [p.id, p, year] as const))(
    '%s: one calculator for all units gives what a fresh one gives each',
    (_id, policy, year) => {
      const resolved = resolvePolicy(policy, year);
      const shared = new Calculator(resolved);
      for (const u of units) {
        const fresh = new Calculator(resolved).unit(u);
        const cached = shared.unit(u);
        expect(cached.lines.map((l) => [l.amount.toFixed(2), l.explanation.text.zh])).toEqual(
          fresh.lines.map((l) => [l.amount.toFixed(2), l.explanation.text.zh]),
        );
      }
    },
  );
});

describe('paramNamed', () => {
  const schedule = rules.find((r) => r.calc.kind === 'schedule')!.calc;

  it('reads an index written with leading zeros as the index', () => {
    expect(paramNamed(schedule, 'steps[00].amount')).toBe(paramNamed(schedule, 'steps[0].amount'));
    expect(paramNamed(schedule, 'steps[0].amount')).toBeDefined();
  });

  it('finds nothing for a name the calc does not have', () => {
    for (const name of ['steps[9].amount', 'steps', 'steps[0]', 'attribute', 'kind', 'rate', '', '（base）'])
      expect(paramNamed(schedule, name)).toBeUndefined();
  });
});
