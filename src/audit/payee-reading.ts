// A payee read as an administrative name, the way treasury payment ledgers and bank
// account names write it: 某省某市某县 + 城关镇 + 城西社区 + 居民委员会. Tried only when the
// name as written (and in committee form) fits no unit, so every earlier match stands.
//
// Leading province / city / county / district names (…省 …市 …县 …区 …旗 …盟 …州) are set
// aside; a leading roster township is the payee's township, and must agree with the
// ledger's township column (a disagreement is a finding, never a silent match); a leading
// township that is not the roster's is not guessed past; the rest is the unit's name, in
// committee form or as the village's collective economic organisation. Every reading
// that fits is kept: one unit is a match, several are ambiguous.
import { committeeWord, nameKey } from './payee-names.js';

/** What was set aside or read to reach the unit's name; shown in the NAME_FORM note. */
export type ReadingStep =
  | { kind: 'area'; text: string }
  | { kind: 'township'; text: string }
  | { kind: 'committee'; word: string; short: boolean }
  | { kind: 'collective'; word: string };

/** The name lookups a reading needs (PayeeIndex provides them). */
export interface NameLookup<U> {
  resolveTownship(text: string): number | undefined;
  /** Units with the name in the township (or county-wide): as written first, else in committee form. */
  fitName(town: number | undefined, exact: string | null, key: string): { hits: U[]; rule: 'exact' | 'form' };
}

export interface Reading<U> {
  hits: U[];
  town: number | undefined;
  /** The unit name compared (committee form). */
  form: string;
  steps: ReadingStep[];
}

export type ReadResult<U> =
  | { kind: 'none'; foreignTownship: string | null; rest: string | null }
  | { kind: 'readings'; readings: Reading<U>[] }
  /** The name carries a roster township other than the ledger's township column. */
  | { kind: 'conflict'; written: string; writtenTown: number; hits: U[] };

/** Ends of county-level and higher names. */
const AREA_END = /(省|市|县|区|旗|盟|州)$/;
/** …区 that are not an area above the township: part of a unit's name, or township-level zones. */
const NOT_AREA = /(社区|小区|园区|开发区|景区|林区|矿区|街区|管理区|示范区|工业区|经济区|度假区|保护区)$/;
/** Township-level names: not the roster's, they are not guessed past. */
const TOWNSHIP_LIKE = /(镇|乡|街道|苏木|开发区|办事处|管委会|园区|农场|林场)$/;
/** The village's collective economic organisation, longest first. */
const COLLECTIVE = /(股份经济合作联合社|股份经济联合社|股份经济合作社|经济合作联合社|经济联合社|经济合作社|股份合作社)$/;
/** A prefix set aside as an area must be at least this long, unless a roster township follows it. */
const AREA_MIN = 3;

/**
 * Readings of a payee name (its exact key) that fit roster units. `columnTown` is the
 * township the ledger gives (its column, the sheet, or a bracketed township).
 */
export function readPayee<U>(exact: string, columnTown: number | undefined, lookup: NameLookup<U>): ReadResult<U> {
  const readings: Reading<U>[] = [];
  let conflict: { written: string; writtenTown: number; hits: U[] } | null = null;
  let foreign: { text: string; rest: string } | null = null;
  const n = exact.length;

  /** The rest read as the unit's name: as written or in committee form, else as its collective. */
  const tryRest = (i: number, town: number | undefined, steps: ReadingStep[]): Reading<U> | null => {
    const rest = exact.slice(i);
    if (i > 0) {
      const key = nameKey(rest);
      const fit = lookup.fitName(town, rest, key);
      if (fit.hits.length > 0) {
        const w = fit.rule === 'form' ? committeeWord(rest) : null;
        return { hits: fit.hits, town, form: key, steps: w ? [...steps, { kind: 'committee', ...w }] : steps };
      }
    }
    const m = COLLECTIVE.exec(rest);
    if (!m) return null;
    const base = rest.slice(0, m.index);
    if (base.length < 2) return null;
    const bases = /(村|社区|嘎查)$/.test(base) ? [base] : [base, `${base}村`];
    for (const b of bases) {
      const fit = lookup.fitName(town, b, nameKey(b));
      if (fit.hits.length > 0) return { hits: fit.hits, town, form: nameKey(b), steps: [...steps, { kind: 'collective', word: m[1]! }] };
    }
    return null;
  };

  const explore = (i: number, town: number | undefined, townTaken: boolean, steps: ReadingStep[], depth: number): void => {
    const r = tryRest(i, town, steps);
    if (r) readings.push(r);
    if (depth >= 5 || townTaken) return;
    for (let j = i + 2; j <= n - 2; j++) {
      const p = exact.slice(i, j);
      const t = lookup.resolveTownship(p);
      if (t !== undefined) {
        if (columnTown !== undefined && t !== columnTown) {
          // Does the rest name a unit of the written township? Then the two townships disagree.
          const hits = lookup.fitName(t, exact.slice(j), nameKey(exact.slice(j))).hits;
          if (hits.length > 0 && !conflict) conflict = { written: p, writtenTown: t, hits };
        } else explore(j, t, true, [...steps, { kind: 'township', text: p }], depth + 1);
        continue;
      }
      if (AREA_END.test(p) && !NOT_AREA.test(p)) {
        if (p.length >= AREA_MIN || startsWithTownship(exact.slice(j), lookup))
          explore(j, town, false, [...steps, { kind: 'area', text: p }], depth + 1);
      } else if (TOWNSHIP_LIKE.test(p) && !foreign) foreign = { text: p, rest: exact.slice(j) };
    }
  };
  explore(0, columnTown, false, [], 0);

  if (conflict) return { kind: 'conflict', ...(conflict as { written: string; writtenTown: number; hits: U[] }) };
  if (readings.length > 0) return { kind: 'readings', readings };
  const f = foreign as { text: string; rest: string } | null;
  return { kind: 'none', foreignTownship: f?.text ?? null, rest: f?.rest ?? null };
}

function startsWithTownship<U>(s: string, lookup: NameLookup<U>): boolean {
  for (let j = 2; j <= s.length - 2; j++) if (lookup.resolveTownship(s.slice(0, j)) !== undefined) return true;
  return false;
}

/** The steps as the NAME_FORM note lists them. */
export function stepWords(steps: readonly ReadingStep[]): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const s of steps) {
    if (s.kind === 'area') {
      zh.push(`去掉县市名“${s.text}”`);
      en.push(`area name "${s.text}" set aside`);
    } else if (s.kind === 'township') {
      zh.push(`前缀乡镇“${s.text}”`);
      en.push(`township prefix "${s.text}"`);
    } else if (s.kind === 'committee') {
      zh.push(s.short ? `简称“${s.word}”` : `去掉“${s.word}”`);
      en.push(s.short ? `short form "${s.word}"` : `"${s.word}" set aside`);
    } else {
      zh.push(`集体经济组织“${s.word}”：该账户是村集体经济组织的，不是村（居）委会的，请核实`);
      en.push(`collective economic organisation "${s.word}": the account is the collective's, not the committee's; please check`);
    }
  }
  return { zh: zh.join('，'), en: en.join(', ') };
}
