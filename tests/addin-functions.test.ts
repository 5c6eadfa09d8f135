// The CUNJI cell functions as plain functions, and their generated metadata.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import * as functions from '../src/addin/functions.js';
import { activity, daxie, explain, office, partyBuilding, service, total } from '../src/addin/functions.js';
import { CellValueError } from '../src/pane/cell-functions.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const Y = 2025;

describe('amounts (built-in policy)', () => {
  test('the domain examples', () => {
    expect(total('村', 1620, 45)).toBe(34500);
    expect(total('村', 1200, 24, Y)).toBe(28000);
    expect(total('村', 1500, 45, Y)).toBe(34500);
    expect(total('社区', 8000, 130, Y)).toBe(143000);
    expect(total('城市社区', 8000, 130, Y)).toBe(143000);
    expect(total('居委会', 8000, 130, Y)).toBe(143000);
    expect(total('农村社区', 2000, 12, Y)).toBe(83000);
    expect(total('行政村', 1200, 24, Y)).toBe(28000);
  });

  test('boundaries: 1,499 / 1,500 people; 29 / 30 / 31 members', () => {
    expect(office('村', 1499, 10, Y)).toBe(20000);
    expect(office('村', 1500, 10, Y)).toBe(25000);
    expect(office('社区', 100, 10, Y)).toBe(30000);
    expect(office('农村社区', 100, 10, Y)).toBe(30000);
    for (const m of [0, 29, 30]) expect(activity('村', 800, m, Y)).toBe(3000);
    expect(activity('村', 800, 31, Y)).toBe(3100);
    expect(activity('社区', 800, 130, Y)).toBe(13000);
    expect(partyBuilding('村', 800, 31, Y)).toBe(5000);
    expect(partyBuilding('社区', 800, 31, Y)).toBe(50000);
    expect(service('城市社区', 800, 31, Y)).toBe(50000);
    expect(service('村', 800, 31, Y)).toBe(0);
    expect(service('农村社区', 800, 31, Y)).toBe(0);
  });

  test('the lines add up to the total', () => {
    for (const [type, p, m] of [
      ['村', 1499, 29],
      ['社区', 8000, 130],
      ['农村社区', 2000, 31],
    ] as const) {
      expect(office(type, p, m, Y) + partyBuilding(type, p, m, Y) + activity(type, p, m, Y) + service(type, p, m, Y)).toBe(
        total(type, p, m, Y),
      );
    }
  });

  test('counts typed as text are read as the roster reads them', () => {
    expect(total('村', '1,620人' as unknown as number, '４５' as unknown as number, Y)).toBe(34500);
  });
});

describe('EXPLAIN and DAXIE', () => {
  test('the explanation sentence', () => {
    expect(explain('村', 1620, 45, undefined, Y)).toBe(
      '人口1,620人，不低于1,500人，办公经费按每村每年25,000元核定。党建经费按每村每年5,000元核定。上年度党员人数45人，按每人每年100元计4,500元，党员活动经费按4,500元核定',
    );
    expect(explain('村', 1620, 45, '办公经费', Y)).toBe('人口1,620人，不低于1,500人，办公经费按每村每年25,000元核定');
    expect(explain('村', 1499, 45, 'OFFICE', Y)).toBe('人口1,499人，低于1,500人，办公经费按每村每年20,000元核定');
    expect(explain('村', 100, 12, '党员活动经费', Y)).toContain('低于保底3,000元');
    expect(explain('村', 100, 12, 'service', Y)).toBe('社区服务群众专项经费不适用于村');
    expect(explain('社区', 100, 12, '', Y)).toContain('社区服务群众专项经费按每个城市社区每年50,000元核定');
  });

  test('Chinese capitals', () => {
    expect(daxie(143000)).toBe('壹拾肆万叁仟元整');
    expect(daxie(34500)).toBe('叁万肆仟伍佰元整');
    expect(daxie(16409.02)).toBe('壹万陆仟肆佰零玖元零贰分');
    expect(daxie(0.1 + 0.2)).toBe('叁角'); // Excel's 15 digits, not 0.30000000000000004
    expect(daxie(1234.565)).toBe('壹仟贰佰叁拾肆元伍角柒分'); // half-up to the fen
    expect(daxie(0)).toBe('零元整');
    expect(daxie(-5)).toBe('负伍元整');
  });
});

describe('bad arguments give #VALUE!, never a number', () => {
  const amountFns = { office, partyBuilding, activity, service, total } as const;
  const bad: [unknown, unknown, unknown, unknown, RegExp][] = [
    ['镇', 1000, 10, Y, /类型无效：镇/],
    ['', 1000, 10, Y, /类型无效/],
    [42, 1000, 10, Y, /类型无效/],
    ['村', -1, 10, Y, /人口应为不小于0的整数/],
    ['村', 1499.5, 10, Y, /人口应为不小于0的整数/],
    ['村', 'abc', 10, Y, /人口/],
    ['村', null, 10, Y, /人口.*（空）/],
    ['村', 1000, -3, Y, /上年度党员人数/],
    ['村', 1000, Number.NaN, Y, /上年度党员人数/],
    ['村', 1000, 10, 2020, /2020年没有生效的经费标准/],
    ['村', 1000, 10, 1800, /年度应为1900至9999的整数/],
    ['村', 1000, 10, 2025.5, /年度应为/],
  ];

  test.each(Object.entries(amountFns))('%s', (_name, fn) => {
    for (const [type, p, m, y, message] of bad) {
      const call = () => (fn as (...a: unknown[]) => number)(type, p, m, y);
      expect(call).toThrow(CellValueError);
      expect(call).toThrow(message);
    }
  });

  test('EXPLAIN and DAXIE', () => {
    expect(() => explain('镇', 1, 1)).toThrow(CellValueError);
    expect(() => explain('村', 1, 1, '差旅费', Y)).toThrow(/经费项目无效：差旅费/);
    expect(() => daxie(Number.NaN)).toThrow(/金额应为数字/);
    expect(() => daxie('100' as unknown as number)).toThrow(CellValueError);
    expect(() => daxie(1e12)).toThrow(/金额超出范围/);
    expect(new CellValueError({ zh: 'x', en: 'x' }).excelError).toBe('#VALUE!');
  });

  afterEach(() => vi.unstubAllGlobals());

  test('inside Excel the error is CustomFunctions.Error(invalidValue, message)', () => {
    class FakeCfError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    vi.stubGlobal('CustomFunctions', { Error: FakeCfError, ErrorCode: { invalidValue: '#VALUE!' } });
    let thrown: unknown;
    try {
      total('镇', 1, 1, Y);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FakeCfError);
    expect(thrown).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('类型无效：镇') });
  });
});

describe('functions.json', () => {
  const committed = JSON.parse(readFileSync(path.join(root, 'src/addin/functions.json'), 'utf8'));

  test('equals the metadata custom-functions-metadata generates from functions.ts', async () => {
    const { generateCustomFunctionsMetadata } = require('custom-functions-metadata') as {
      generateCustomFunctionsMetadata(
        input: string,
        log?: boolean,
      ): Promise<{ metadataJson: string; errors: string[]; associate: { id: string; functionName: string }[] }>;
    };
    const result = await generateCustomFunctionsMetadata(path.join(root, 'src/addin/functions.ts'), false);
    expect(result.errors).toEqual([]);
    expect(JSON.parse(result.metadataJson)).toEqual(committed);
    // The plugin's loader appends CustomFunctions.associate(id, functionName): each name must be a function of the module.
    for (const a of result.associate) expect(typeof (functions as Record<string, unknown>)[a.functionName]).toBe('function');
    expect(result.associate.map((a) => a.id)).toEqual(committed.functions.map((f: { id: string }) => f.id));
  });

  test('ids, names and parameters', () => {
    const byId = Object.fromEntries(committed.functions.map((f: { id: string }) => [f.id, f]));
    expect(Object.keys(byId)).toEqual(['OFFICE', 'PARTYBUILDING', 'ACTIVITY', 'SERVICE', 'TOTAL', 'EXPLAIN', 'DAXIE']);
    for (const f of committed.functions) expect(f.name).toBe(f.id);
    const params = (id: string) =>
      byId[id].parameters.map((p: { name: string; type: string; optional?: boolean }) => [p.name, p.type, !!p.optional]);
    const amount = [
      ['type', 'string', false],
      ['population', 'number', false],
      ['members', 'number', false],
      ['year', 'number', true],
    ];
    for (const id of ['OFFICE', 'PARTYBUILDING', 'ACTIVITY', 'SERVICE', 'TOTAL']) {
      expect(params(id)).toEqual(amount);
      expect(byId[id].result.type).toBe('number');
    }
    expect(params('EXPLAIN')).toEqual([...amount.slice(0, 3), ['line', 'string', true], ['year', 'number', true]]);
    expect(byId.EXPLAIN.result.type).toBe('string');
    expect(params('DAXIE')).toEqual([['amount', 'number', false]]);
    expect(byId.DAXIE.result.type).toBe('string');
  });
});
