// `calc --json`: exactly one JSON document on stdout, in a shape kept as a contract for scripts.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  CHENGGUAN,
  CJK,
  HEKOU,
  NOTES,
  type TempDir,
  makeTempDir,
  runCli,
  stubLocale,
  writeRosterWorkbook,
} from './support/roster-files.js';

const MONEY = /^-?\d+\.\d{2}$/;
const LINE_IDS = ['office', 'partyBuilding', 'memberActivity', 'communityService'];

let tmp: TempDir;
let roster: string;
beforeAll(async () => {
  tmp = await makeTempDir();
  roster = tmp.file('roster.xlsx');
  await writeRosterWorkbook(roster, [CHENGGUAN, HEKOU, NOTES]);
});
afterAll(async () => {
  await tmp?.cleanup();
});
beforeEach(() => stubLocale('zh'));

describe('calc --json', () => {
  test('stdout is exactly one JSON document and nothing else; stderr stays silent', async () => {
    const r = await runCli(['calc', roster, '--json', '--year', '2024', '-o', tmp.file('one.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const doc: unknown = JSON.parse(r.stdout);
    expect(typeof doc).toBe('object');
    expect(Array.isArray(doc)).toBe(false);
    // Nothing before or after the document: it round-trips to the same text.
    expect(JSON.stringify(doc) + '\n').toBe(r.stdout);
  });

  test('has the shape {policy, rows, totals, townships, units, issues} with money as two-decimal strings', async () => {
    const r = await runCli(['calc', roster, '--json', '--year', '2024', '-o', tmp.file('shape.xlsx')]);
    const j = JSON.parse(r.stdout);
    expect(j.policy).toMatchObject({ id: 'county-five-standards', year: 2024 });
    expect(Object.keys(j.rows).sort()).toEqual(['computed', 'read', 'rejected', 'skipped']);
    for (const v of Object.values(j.rows)) expect(Number.isInteger(v)).toBe(true);

    expect(Object.keys(j.totals).sort()).toEqual([...LINE_IDS, 'total'].sort());
    for (const v of Object.values(j.totals)) expect(v).toMatch(MONEY);

    expect(j.townships.length).toBeGreaterThan(0);
    for (const t of j.townships) {
      expect(typeof t.name).toBe('string');
      expect(Number.isInteger(t.units)).toBe(true);
      expect(Object.keys(t.totals).sort()).toEqual([...LINE_IDS, 'total'].sort());
      for (const v of Object.values(t.totals)) expect(v).toMatch(MONEY);
    }

    expect(j.units).toHaveLength(j.rows.computed);
    for (const u of j.units) {
      expect(u).toEqual(
        expect.objectContaining({
          sheet: expect.any(String),
          row: expect.any(Number),
          township: expect.any(String),
          name: expect.any(String),
          type: expect.stringMatching(/^(village|urbanCommunity|ruralCommunity)$/),
          population: expect.any(Number),
          membersPrevYear: expect.any(Number),
          total: expect.stringMatching(MONEY),
        }),
      );
      // Line keys are the policy's line ids.
      expect(Object.keys(u.lines)).toEqual(LINE_IDS);
      for (const v of Object.values(u.lines)) expect(v).toMatch(MONEY);
    }

    expect(j.issues.length).toBeGreaterThan(0);
    for (const i of j.issues) {
      expect(i).toEqual(
        expect.objectContaining({
          sheet: expect.any(String),
          severity: expect.stringMatching(/^(error|warning|info)$/),
          code: expect.stringMatching(/^[A-Z_]+$/),
          message: expect.any(String),
        }),
      );
      expect(i.row === null || Number.isInteger(i.row)).toBe(true);
      expect(i.column === null || /^[A-Z]+$/.test(i.column)).toBe(true);
    }
    expect(j.totals.total).toBe('677600.00');
    expect(j.units[0].lines.office).toBe('20000.00');
  });

  test('issue messages follow --lang (zh by default, English with --lang en)', async () => {
    const zh = JSON.parse((await runCli(['calc', roster, '--json', '--year', '2024', '-o', tmp.file('zh.xlsx')])).stdout);
    const en = JSON.parse((await runCli(['calc', roster, '--json', '--year', '2024', '--lang', 'en', '-o', tmp.file('en.xlsx')])).stdout);
    expect(zh.issues.length).toBe(en.issues.length);
    const zhNotInt = zh.issues.find((i: { code: string }) => i.code === 'NOT_INTEGER');
    const enNotInt = en.issues.find((i: { code: string }) => i.code === 'NOT_INTEGER');
    expect(zhNotInt.message).toContain('不是整数');
    expect(enNotInt.message).toMatch(/^Sheet "河口镇", row 3, column C/);
    expect(enNotInt.message).toContain('not an integer');
    // Everything except the messages is the same whatever the language.
    const strip = (j: { issues: { message: string }[] }) => ({
      ...j,
      issues: j.issues.map(({ message: _m, ...rest }) => ({ ...rest, messages: undefined })),
    });
    expect(strip(en)).toEqual(strip(zh));
    expect(en.issues.every((i: { message: string }) => i.message.startsWith('Sheet "'))).toBe(true);
    expect(zh.issues.every((i: { message: string }) => i.message.startsWith('工作表「') && CJK.test(i.message))).toBe(true);
  });

  test('--year picks the year in force; the JSON says which', async () => {
    const j = JSON.parse((await runCli(['calc', roster, '--json', '--year', '2023', '-o', tmp.file('y2023.xlsx')])).stdout);
    expect(j.policy).toMatchObject({ id: 'county-five-standards', year: 2023 });
  });
});
