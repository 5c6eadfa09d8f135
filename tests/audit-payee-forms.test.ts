// Payees as treasury payment ledgers and bank account names write them: the committee's
// full name, the township in brackets, township + name, county + township + full name,
// the short committee words (村委, 居委 …), the collective economic organisation. Each
// must match its unit and no other: on the bundled example (through the whole audit) and
// on real counties (tests/fixtures/real-names, from the national division list).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { auditReport } from '../src/audit/index.js';
import { PayeeIndex } from '../src/audit/payees.js';
import { calculator } from '../src/engine/index.js';
import type { Unit } from '../src/engine/unit.js';
import { openXlsxFile } from '../src/node/read-xlsx.js';
import type { Cell } from '../src/workbook/cells.js';
import { gridSource } from '../src/workbook/source.js';

// ---------------------------------------------------------------------------
// The forms

interface Place {
  province: string;
  city: string;
  county: string;
  township: string;
}

/** A payee form: the name written, and whether the ledger's township column is filled. */
interface Form {
  id: string;
  payee: string;
  column: boolean;
}

const isCommunity = (name: string) => name.endsWith('社区');

/** Every form of a roster unit's short name (X村 / X社区) that a ledger may carry. */
function forms(name: string, at: Place): Form[] {
  const t = at.township;
  // A name of another kind (那仁宝力格嘎查) is written as it is, with its places before it.
  if (!isCommunity(name) && !name.endsWith('村'))
    return [
      { id: 'bracketed', payee: `${name}（${t}）`, column: false },
      { id: 'township', payee: `${t}${name}`, column: false },
      { id: 'townshipFilled', payee: `${t}${name}`, column: true },
      { id: 'countyTownship', payee: `${at.county}${t}${name}`, column: false },
      { id: 'fullPath', payee: `${at.province}${at.city}${at.county}${t}${name}`, column: false },
    ];
  const committee = isCommunity(name)
    ? [`${name}居民委员会`, `${name}居委会`, `${name.slice(0, -2)}居委会`, `${name.slice(0, -2)}居民委员会`]
    : [`${name}村民委员会`, `${name.slice(0, -1)}村民委员会`, `${name}村委会`, `${name.slice(0, -1)}村委会`];
  const short = isCommunity(name)
    ? [`${name}居委`, `${name.slice(0, -2)}居委`]
    : [`${name}村委`, `${name.slice(0, -1)}村委`, `${name}两委`, `${name}村两委`];
  const official = committee[0]!;
  return [
    ...committee.map((payee, i) => ({ id: `committee${i}`, payee, column: true })),
    { id: 'bracketed', payee: `${name}（${t}）`, column: false },
    { id: 'township', payee: `${t}${name}`, column: false },
    { id: 'townshipFilled', payee: `${t}${name}`, column: true },
    { id: 'countyTownshipOfficial', payee: `${at.county}${t}${official}`, column: false },
    { id: 'fullPath', payee: `${at.province}${at.city}${at.county}${t}${official}`, column: false },
    { id: 'countyName', payee: `${at.county}${name}`, column: true },
    { id: 'townshipShort', payee: `${t}${short[0]}`, column: false },
    ...short.map((payee, i) => ({ id: `short${i}`, payee, column: true })),
  ];
}

// ---------------------------------------------------------------------------
// Real names: four counties of the national division list

interface County {
  code: string;
  province: string;
  city: string;
  name: string;
  townships: { code: string; name: string; units: [string, string][] }[];
}

const COUNTIES: County[] = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/real-names/counties.json'), 'utf8'));

/** The short name a roster uses for the official committee name (塘坪村村委会 → 塘坪村, 王府居委会 → 王府社区). */
function shortName(official: string): string {
  const m = /^(.+?)(村民委员会|村委会|社区居民委员会|社区居委会|居民委员会|居委会)$/.exec(official);
  if (!m) return official;
  const [, base, word] = m;
  return word!.startsWith('村') ? (base!.endsWith('村') ? base! : `${base}村`) : `${base}社区`;
}

interface RealUnit extends Place {
  unit: Unit;
}

function realRoster(c: County): RealUnit[] {
  return c.townships.flatMap((t) =>
    t.units.map(([code, official]) => {
      const name = shortName(official);
      return {
        province: c.province,
        city: c.city,
        county: c.name,
        township: t.name,
        unit: {
          township: t.name,
          name,
          type: isCommunity(name) ? 'urbanCommunity' : 'village',
          population: 1000,
          membersPrevYear: 20,
          code,
        },
      } as RealUnit;
    }),
  );
}

const ROSTERS = COUNTIES.map((c) => ({ county: c, units: realRoster(c) }));
const INDEXES = ROSTERS.map((r) => new PayeeIndex(r.units.map((u) => u.unit)));

/** Units whose short name is unique in their township (others are DUPLICATE_NAME in the roster and need a code). */
const unique = (units: RealUnit[]) =>
  units.filter((u) => units.filter((v) => v.township === u.township && v.unit.name === u.unit.name).length === 1);

describe('real names: every form of every unit of four real counties', () => {
  test('the fixture holds a few hundred real names', () => {
    expect(ROSTERS.reduce((n, r) => n + r.units.length, 0)).toBeGreaterThan(300);
  });

  test.each(ROSTERS.map((r, i) => [r.county.name, i] as const))('%s', (_, i) => {
    const { units } = ROSTERS[i]!;
    const index = INDEXES[i]!;
    const wrong: string[] = [];
    for (const u of unique(units))
      for (const f of forms(u.unit.name, u)) {
        const m = index.match({ name: f.payee, township: f.column ? u.township : null });
        const got = m.kind === 'unit' ? `${m.unit.unit.township}/${m.unit.unit.name}` : m.kind;
        if (m.kind !== 'unit' || m.unit.unit !== u.unit) wrong.push(`${f.id}: ${f.payee} → ${got}`);
      }
    expect(wrong).toEqual([]);
  });

  test('property: a payee in any form of any unit matches that unit and no other', () => {
    const cases = ROSTERS.flatMap((r, i) => unique(r.units).map((u) => ({ i, u })));
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.nat(), ({ i, u }, k) => {
        const all = forms(u.unit.name, u);
        const f = all[k % all.length]!;
        const m = INDEXES[i]!.match({ name: f.payee, township: f.column ? u.township : null });
        return m.kind === 'unit' && m.unit.unit === u.unit;
      }),
      { numRuns: 2000 },
    );
  });

  test('a township prefix that is not the county’s is not guessed past', () => {
    const r = ROSTERS[1]!; // 云和县
    const u = unique(r.units).find((x) => !isCommunity(x.unit.name))!;
    const m = INDEXES[1]!.match({ name: `石门乡${u.unit.name}`, township: null });
    expect(m.kind).toBe('unknown');
  });

  test('a written township that disagrees with the township column is a finding, not a match', () => {
    const r = ROSTERS[1]!;
    const [a, b] = [r.county.townships[4]!.name, r.county.townships[5]!.name];
    const u = unique(r.units).find((x) => x.township === a)!;
    const m = INDEXES[1]!.match({ name: `${a}${u.unit.name}`, township: b });
    expect(m.kind).toBe('unknown');
    expect(m.notes).toContainEqual({ kind: 'townshipConflict', written: a, column: b });
    expect(m.kind === 'unknown' && m.suggestions.map((s) => s.unit)).toEqual([u.unit]);
  });

  test('a name in two townships, read without one, stays ambiguous naming both', () => {
    const index = new PayeeIndex([
      { township: '崇头镇', name: '黄源村', type: 'village', population: 1, membersPrevYear: 0 },
      { township: '赤石乡', name: '黄源村', type: 'village', population: 1, membersPrevYear: 0 },
    ]);
    const m = index.match({ name: '云和县黄源村村委', township: null });
    expect(m.kind).toBe('ambiguous');
    expect(m.kind === 'ambiguous' && m.candidates.map((c) => c.unit.township)).toEqual(['崇头镇', '赤石乡']);
  });

  test('the collective economic organisation matches the village, said in the note', () => {
    const u = unique(ROSTERS[0]!.units).find((x) => x.unit.name.endsWith('村'))!;
    for (const payee of [`${u.unit.name}股份经济合作社`, `${u.unit.name}经济联合社`, `${u.township}${u.unit.name}股份经济合作社`]) {
      const m = INDEXES[0]!.match({ name: payee, township: u.township });
      expect(m.kind === 'unit' && m.unit.unit).toBe(u.unit);
      expect(m.kind === 'unit' && m.steps?.some((s) => s.kind === 'collective')).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------
// The bundled example, through the whole audit

const EXAMPLE_ROSTER = path.join(__dirname, '..', 'examples', 'county-roster.xlsx');
const HEADER = ['拨付日期', '凭证号', '乡镇', '收款单位', '经费类别', '金额'];

describe('the bundled example: a ledger paying every unit in every form', () => {
  test('every payment matches its unit; each NAME_FORM note says which form matched', async () => {
    const calc = calculator(2025);
    const first = await auditReport(
      openXlsxFile(EXAMPLE_ROSTER).sheets,
      [gridSource('拨付明细', [HEADER, [new Date(Date.UTC(2025, 2, 1)), '记-1', '', '无名', '办公经费', 1]])],
      calc,
    );
    const units = first.units.map((c) => c.result.unit);
    const once = units.filter((u) => units.filter((v) => v.township === u.township && v.name === u.name).length === 1);
    const rows: Cell[][] = [HEADER];
    const expected: { unit: Unit; form: string }[] = [];
    for (const u of once)
      for (const f of forms(u.name, { province: '河南省', city: '郑州市', county: '中牟县', township: u.township })) {
        rows.push([new Date(Date.UTC(2025, 2, 1)), `记-${rows.length}`, f.column ? u.township : '', f.payee, '办公经费', 100]);
        expected.push({ unit: u, form: f.id });
      }
    const report = await auditReport(openXlsxFile(EXAMPLE_ROSTER).sheets, [gridSource('拨付明细', rows)], calc);
    const wrong = report.outcome.payments
      .map((p, i) => ({ p, e: expected[i]! }))
      .filter(({ p, e }) => p.unit?.township !== e.unit.township || p.unit?.name !== e.unit.name)
      .map(({ p, e }) => `${e.form}: ${p.payee} → ${p.unit ? `${p.unit.township}/${p.unit.name}` : 'none'}`);
    expect(wrong).toEqual([]);
    expect(report.outcome.counts.unknownPayee).toBe(0);
    expect(report.outcome.counts.ambiguous).toBe(0);
    // The notes, in 异常清单 and --json, name the form.
    const notes = report.json.notes.filter((n) => n.code === 'NAME_FORM').map((n) => n.message);
    expect(notes.some((m) => m.includes('前缀乡镇'))).toBe(true);
    expect(notes.some((m) => m.includes('简称“村委”'))).toBe(true);
    expect(notes.some((m) => m.includes('去掉县市名“中牟县”'))).toBe(true);
    const sheet = report.sheets.find((s) => s.name === '异常清单')!;
    expect(JSON.stringify(sheet)).toContain('前缀乡镇');
  });
});
