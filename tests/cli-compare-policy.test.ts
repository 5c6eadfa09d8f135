// `compare --policy A --against B` (JSON and workbook), `calc --policy`, `policy show`, `policy check`.
import ExcelJS from 'exceljs';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  CHENGGUAN,
  COUNTY_SHEET,
  HEKOU,
  type TempDir,
  type UnitType,
  due,
  findRow,
  headerMap,
  makeTempDir,
  readWorkbook,
  runCli,
  stubLocale,
  writeRosterWorkbook,
  yuan,
} from './support/roster-files.js';

const OTHER = 'src/policies/example-other-county.yaml';
const BUILTIN = 'src/policies/county-five-standards.json';

/** example-other-county.yaml worked out by hand: 2,000+ people (exclusive) 30,000 else 20,000; communities 40,000; 40 yuan/member (50 from 2024); top up to 100,000 / 150,000. */
function dueOther(type: UnitType, population: number, members: number, year: number) {
  const office = type === 'village' ? (population > 2000 ? 30000 : 20000) : 40000;
  const memberEducation = (year >= 2024 ? 50 : 40) * members;
  const operatingTopUp = Math.max(0, (type === 'village' ? 100000 : 150000) - office - memberEducation);
  return { office, memberEducation, operatingTopUp, total: office + memberEducation + operatingTopUp };
}

/** COUNTY_SHEET's units: [township, name, type, population, members]. */
const UNITS: [string, string, UnitType, number, number][] = [
  ['城关镇', '新村', 'village', 1200, 24],
  ['城关镇', '城东社区', 'urbanCommunity', 8000, 130],
  ['城关镇', '新村', 'village', 1500, 45],
  ['河口镇', '新村', 'village', 1499, 30],
  ['河口镇', '河湾社区', 'ruralCommunity', 2000, 12],
];

let tmp: TempDir;
let roster: string;
beforeAll(async () => {
  tmp = await makeTempDir();
  roster = tmp.file('county.xlsx');
  await writeRosterWorkbook(roster, [COUNTY_SHEET]);
});
afterAll(async () => {
  await tmp?.cleanup();
});
beforeEach(() => stubLocale('zh'));

type Money = Record<string, string>;
interface CompareJson {
  a: { policy: { id: string; year: number }; totals: Money };
  b: { policy: { id: string; year: number }; totals: Money };
  diff: Money;
  townships: { name: string; a: Money; b: Money; diff: Money }[];
  units: { sheet: string; row: number; township: string; name: string; a: Money; b: Money; diff: Money }[];
}

describe('compare --policy A --against B', () => {
  let cmp: CompareJson;
  let code: number;
  let stderr: string;
  beforeAll(async () => {
    stubLocale('zh');
    const r = await runCli([
      'compare',
      roster,
      '--policy',
      BUILTIN,
      '--against',
      OTHER,
      '--year',
      '2024',
      '--json',
      '-o',
      tmp.file('cmp.xlsx'),
    ]);
    code = r.code;
    stderr = r.stderr;
    cmp = JSON.parse(r.stdout) as CompareJson;
  });

  test('--json: one document naming both policies, each side and the difference B - A', () => {
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(cmp.a.policy).toEqual({ id: 'county-five-standards', year: 2024 });
    expect(cmp.b.policy).toEqual({ id: 'example-other-county', year: 2024 });
    const aTotal = UNITS.reduce((s, [, , t, p, m]) => s + due(t, p, m).total, 0);
    const bTotal = UNITS.reduce((s, [, , t, p, m]) => s + dueOther(t, p, m, 2024).total, 0);
    expect(cmp.a.totals.total).toBe(yuan(aTotal)); // 316,500
    expect(cmp.b.totals.total).toBe(yuan(bTotal)); // 600,000
    expect(cmp.diff.total).toBe(yuan(bTotal - aTotal));
    expect(cmp.a.totals.total).toBe('316500.00');
    expect(cmp.b.totals.total).toBe('600000.00');
  });

  test('--json: per unit and per line, B is the other county computed by hand', () => {
    expect(cmp.units).toHaveLength(UNITS.length);
    cmp.units.forEach((u, i) => {
      const [township, name, type, population, members] = UNITS[i]!;
      expect([u.township, u.name]).toEqual([township, name]);
      const a = due(type, population, members);
      const b = dueOther(type, population, members, 2024);
      expect(u.a.total).toBe(yuan(a.total));
      expect(u.b).toEqual({
        office: yuan(b.office),
        memberEducation: yuan(b.memberEducation),
        operatingTopUp: yuan(b.operatingTopUp),
        total: yuan(b.total),
      });
      expect(u.diff.total).toBe(yuan(b.total - a.total));
      expect(u.diff.office).toBe(yuan(b.office - a.office));
      expect(u.diff.partyBuilding).toBe(yuan(-a.partyBuilding));
    });
  });

  test('--json: per township, the differences add up to the county difference', () => {
    expect(cmp.townships.map((t) => t.name)).toEqual(['城关镇', '河口镇']);
    for (const key of Object.keys(cmp.diff)) {
      const sum = cmp.townships.reduce((s, t) => s + Number(t.diff[key]), 0);
      expect(yuan(sum), key).toBe(cmp.diff[key]);
    }
    for (const t of cmp.townships) expect(Number(t.b.total) - Number(t.a.total)).toBe(Number(t.diff.total));
  });

  test('workbook: 预算比较 per township and line with A, B and difference as money numbers, and the county total', async () => {
    const wb = await readWorkbook(tmp.file('cmp.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['预算比较', '单位差异']);
    const ws = wb.getWorksheet('预算比较')!;
    const h = findRow(ws, 1, '乡镇');
    const cols = headerMap(ws, h);
    const rows: ExcelJS.Row[] = [];
    // The table ends at the blank row before the lines to sign.
    for (let r = h + 1; r <= ws.rowCount && ws.getRow(r).hasValues; r++) rows.push(ws.getRow(r));
    const v = (row: ExcelJS.Row, name: string) => row.getCell(cols.get(name)!).value;
    const totalRow = (place: string) => rows.find((r) => v(r, '乡镇') === place && v(r, '经费项目') === '合计')!;
    expect(v(totalRow('全县'), '政策A')).toBe(316500);
    expect(v(totalRow('全县'), '政策B')).toBe(600000);
    expect(v(totalRow('全县'), '差额')).toBe(283500);
    for (const name of ['政策A', '政策B', '差额'])
      expect((v(totalRow('城关镇'), name) as number) + (v(totalRow('河口镇'), name) as number)).toBe(v(totalRow('全县'), name));
    for (const row of rows)
      for (const name of ['政策A', '政策B', '差额']) {
        expect(row.getCell(cols.get(name)!).type).toBe(ExcelJS.ValueType.Number);
        expect(row.getCell(cols.get(name)!).numFmt).toBe('#,##0.00');
      }
    const units = wb.getWorksheet('单位差异')!;
    const uh = findRow(units, 1, '乡镇');
    let count = 0;
    for (let r = uh + 1; r <= units.rowCount && units.getRow(r).hasValues; r++) count++;
    expect(count).toBe(UNITS.length + 1); // and the 全县合计 row
    expect(units.getRow(uh + count).getCell(1).value).toBe('全县合计');
  });

  test('without --json: a summary line with both totals and where the workbook is', async () => {
    const r = await runCli(['compare', roster, '--against', OTHER, '--year', '2024', '-o', tmp.file('cmp-text.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('316,500.00');
    expect(r.stdout).toContain('600,000.00');
    expect(r.stdout).toContain('283,500.00');
    expect(r.stdout).toContain(tmp.file('cmp-text.xlsx'));
  });

  test('the same policy in two years: line differences with a zero total where the top-up absorbs the rate change', async () => {
    const r = await runCli([
      'compare',
      roster,
      '--policy',
      OTHER,
      '--year',
      '2023',
      '--against-year',
      '2024',
      '--json',
      '-o',
      tmp.file('years.xlsx'),
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.a.policy).toEqual({ id: 'example-other-county', year: 2023 });
    expect(j.b.policy).toEqual({ id: 'example-other-county', year: 2024 });
    const members = UNITS.reduce((s, u) => s + u[4], 0); // 241
    expect(j.diff.memberEducation).toBe(yuan(10 * members));
    expect(j.diff.operatingTopUp).toBe(yuan(-10 * members));
    expect(j.diff.total).toBe('0.00');
  });

  // Regression (src/cli/compare.ts once always exited 0): compare must not stay silent about rows it could not read,
  // so a budget comparison silently leaves out rejected units. Exit code 1 means "done but some rows
  // rejected" (as main.ts's own header says).
  test('compare on a roster with rejected rows exits 1', async () => {
    await writeRosterWorkbook(tmp.file('messy.xlsx'), [CHENGGUAN, HEKOU]);
    const r = await runCli([
      'compare',
      tmp.file('messy.xlsx'),
      '--against',
      OTHER,
      '--year',
      '2024',
      '--json',
      '-o',
      tmp.file('messy-cmp.xlsx'),
    ]);
    expect(JSON.parse(r.stdout).units).toHaveLength(12);
    expect(r.code).toBe(1);
  });
});

describe('calc --policy', () => {
  test("computes under another county's policy; JSON line keys are that policy's line ids", async () => {
    const r = await runCli(['calc', roster, '--policy', OTHER, '--year', '2024', '--json', '-o', tmp.file('other.xlsx')]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.policy).toMatchObject({ id: 'example-other-county', year: 2024 });
    expect(Object.keys(j.totals)).toEqual(['office', 'memberEducation', 'operatingTopUp', 'total']);
    expect(j.totals.total).toBe('600000.00');
    for (const u of j.units) expect(Object.keys(u.lines)).toEqual(['office', 'memberEducation', 'operatingTopUp']);
    const wb = await readWorkbook(tmp.file('other.xlsx'));
    const ws = wb.getWorksheet('核算结果')!;
    const cols = headerMap(ws, findRow(ws, 1, '乡镇'));
    expect(cols.has('党员教育经费')).toBe(true);
    expect(cols.has('运转经费补足')).toBe(true);
  });
});

describe('policy show', () => {
  test('prints the built-in policy: each line, its id, and the values in force', async () => {
    const r = await runCli(['policy', 'show', '--year', '2024']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const s of [
      'county-five-standards',
      '2024',
      '办公经费',
      '[office]',
      '[partyBuilding]',
      '[memberActivity]',
      '[communityService]',
      '20000',
      '25000',
      '1500',
    ])
      expect(r.stdout).toContain(s);
  });

  test('--json: one document with id, year and each line with its parameters', async () => {
    const r = await runCli(['policy', 'show', '--year', '2024', '--json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ id: 'county-five-standards', year: 2024 });
    expect(p.lines.map((l: { id: string }) => l.id)).toEqual(['office', 'partyBuilding', 'memberActivity', 'communityService']);
    const office = p.lines[0].rules.find((x: { type: string }) => x.type === 'village');
    expect(office.params.map((x: { value: string }) => x.value)).toEqual(['20000', '1500', '25000']);
  });

  test('--year picks the values in force that year; without it, this year', async () => {
    const rate = async (year: string) => {
      const p = JSON.parse((await runCli(['policy', 'show', '--policy', OTHER, '--year', year, '--json'])).stdout);
      const line = p.lines.find((l: { id: string }) => l.id === 'memberEducation');
      return line.rules[0].params[0].value;
    };
    expect(await rate('2023')).toBe('40');
    expect(await rate('2024')).toBe('50');
    const now = JSON.parse((await runCli(['policy', 'show', '--json'])).stdout);
    expect(now.year).toBe(new Date().getFullYear());
  });

  test('--lang en shows English labels', async () => {
    const r = await runCli(['policy', 'show', '--year', '2024', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('office funds');
  });
});

describe('policy check', () => {
  test.each([BUILTIN, OTHER])('a valid policy file: exit 0 and says so (%s)', async (file) => {
    const r = await runCli(['policy', 'check', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/county/);
  });

  test('an invalid policy file: exit 2, the path in the message, and what is wrong', async () => {
    const bad = tmp.file('bad.yaml');
    await writeFile(bad, 'id: broken\ntitle: { zh: 坏, en: bad }\nlines: 3\n');
    for (const lang of ['zh', 'en']) {
      const r = await runCli(['policy', 'check', bad, '--lang', lang]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toContain(bad);
      expect(r.stderr).toContain('lines');
      expect(r.stderr).not.toMatch(/^\s+at\s/m);
    }
  });

  test('a policy whose values are out of range is invalid too (negative amount)', async () => {
    const text = (await readFile(OTHER, 'utf8')).replace('value: 40000,', 'value: -40000,');
    expect(text).toContain('-40000');
    const bad = tmp.file('negative.yaml');
    await writeFile(bad, text);
    const r = await runCli(['policy', 'check', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    const calc = await runCli(['calc', roster, '--policy', bad, '-o', tmp.file('never.xlsx')]);
    expect(calc.code).toBe(2);
    expect((await tmp.list()).includes('never.xlsx')).toBe(false);
  });
});
