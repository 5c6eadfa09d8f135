// Matching a ledger's payee to a roster unit.
//
// Order: division code when both sides have one; else township + name; a name without
// a township matches only when it is unique in the county. Within each step the name as
// written (after full-width, space and bracket clean-up) is tried first, and only when
// no unit has it are the committee forms reduced (李家沟居委会 is 李家沟社区): a unit
// literally named 李家沟居委会 gets the payments written so. Near misses (one character
// off, one name inside the other, 村 for 社区) are offered as suggestions and never
// matched; a name that fits two units by the same rule is ambiguous.
import type { Unit } from '../engine/unit.js';
import { BRACKETED, committeeWord, exactKey, nameBase, nameKey, townshipKey, withinOneEdit } from './payee-names.js';
import { type ReadingStep, readPayee } from './payee-reading.js';
import { BoundedCache, compact, norm } from './text.js';

export interface PayeeUnit {
  /** Index in the unit list the index was built from. */
  index: number;
  unit: Unit;
  /** exactKey of the roster name. */
  exact: string;
  /** nameKey (committee form) of the roster name. */
  key: string;
  /** Resolved township id (index into townships). */
  town: number;
}

/** How the name compared: as written ('exact'), or only after reducing committee forms ('form'). */
export type NameRule = 'exact' | 'form';

export type PayeeMatch =
  | {
      kind: 'unit';
      unit: PayeeUnit;
      by: 'code' | 'township' | 'name';
      /** How the name compared; null when the division code alone decided. */
      rule: NameRule | null;
      /** The form compared when rule is 'form' (李家沟社区 for 李家沟社区居委会). */
      form: string | null;
      /** How an administrative name was read (县名, 前缀乡镇, 简称 …); null for the name or its full committee form. */
      steps: ReadingStep[] | null;
      notes: MatchNote[];
    }
  | { kind: 'unknown'; suggestions: PayeeUnit[]; notes: MatchNote[]; empty: boolean }
  | { kind: 'ambiguous'; candidates: PayeeUnit[]; rule: NameRule; form: string; notes: MatchNote[] };

/** Units that fit a name, and by which rule. */
interface Fit {
  hits: PayeeUnit[];
  rule: NameRule;
}

export type MatchNote =
  | { kind: 'codeNameMismatch'; code: string; unitName: string }
  | { kind: 'codeMismatch'; code: string; unitCode: string }
  | { kind: 'unknownCode'; code: string }
  | { kind: 'unknownTownship'; township: string }
  /** The payee's name carries a roster township other than the ledger's township. */
  | { kind: 'townshipConflict'; written: string; column: string };

export interface PayeeQuery {
  name: string;
  township?: string | null;
  code?: string | null;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
};

const MAX_SUGGESTIONS = 5;

/** Among units sharing a division code: the exact name first, then the committee form. */
function narrow(hits: PayeeUnit[], exact: string | null, key: string): Fit {
  const written = hits.filter((h) => h.exact === exact);
  if (written.length > 0) return { hits: written, rule: 'exact' };
  const plain = hits.filter((h) => h.exact === key);
  return { hits: plain.length > 0 ? plain : hits.filter((h) => h.key === key), rule: 'form' };
}

export class PayeeIndex {
  readonly units: PayeeUnit[];
  /** Township display names by id. */
  readonly townships: string[] = [];
  private readonly townExact = new Map<string, number>();
  private readonly townKey = new Map<string, number[]>();
  private readonly byCode = new Map<string, PayeeUnit[]>();
  /** By committee form (nameKey), county-wide and per township. */
  private readonly byName = new Map<string, PayeeUnit[]>();
  private readonly byTownName = new Map<string, PayeeUnit[]>();
  /** By the name as written (exactKey), county-wide and per township. */
  private readonly byExact = new Map<string, PayeeUnit[]>();
  private readonly byTownExact = new Map<string, PayeeUnit[]>();
  private readonly maxNameLength: number;
  private near?: { deletions: Map<string, string[]>; substrings: Map<string, string[]>; bases: Map<string, string[]> };
  private readonly suggestionCache = new Map<string, PayeeUnit[]>();

  constructor(units: readonly Unit[]) {
    let maxLen = 0;
    this.units = units.map((unit, index) => {
      const town = this.township(unit.township);
      const exact = exactKey(unit.name);
      const key = nameKey(unit.name);
      maxLen = Math.max(maxLen, exact.length, key.length);
      const p: PayeeUnit = { index, unit, exact, key, town };
      if (unit.code) push(this.byCode, unit.code, p);
      push(this.byName, key, p);
      push(this.byTownName, `${town}\u0000${key}`, p);
      push(this.byExact, exact, p);
      push(this.byTownExact, `${town}\u0000${exact}`, p);
      return p;
    });
    this.maxNameLength = maxLen;
  }

  private township(name: string): number {
    const exact = compact(name);
    let id = this.townExact.get(exact);
    if (id === undefined) {
      id = this.townships.length;
      this.townships.push(norm(name));
      this.townExact.set(exact, id);
      push(this.townKey, townshipKey(name), id);
    }
    return id;
  }

  /** The roster township a ledger's township text names, or undefined. */
  resolveTownship(text: string): number | undefined {
    const exact = this.townExact.get(compact(text));
    if (exact !== undefined) return exact;
    const ids = this.townKey.get(townshipKey(text));
    return ids && ids.length === 1 ? ids[0] : undefined;
  }

  private readonly matchCache = new BoundedCache<string, PayeeMatch>(200_000);

  /** Matches a payee; the result is shared between equal queries and must not be changed. */
  match(q: PayeeQuery): PayeeMatch {
    const k = `${q.code ?? ''}\u0000${q.township ?? ''}\u0000${q.name}`;
    const cached = this.matchCache.get(k);
    if (cached) return cached;
    return this.matchCache.remember(k, this.matchUncached(q));
  }

  private matchUncached(q: PayeeQuery): PayeeMatch {
    const notes: MatchNote[] = [];
    const raw = norm(q.name);
    // exact is null when only the committee form is left to compare (a township cut off a reduced name).
    let exact: string | null = exactKey(raw);
    let key = nameKey(raw);
    const unit = (
      u: PayeeUnit,
      by: 'code' | 'township' | 'name',
      rule: NameRule | null,
      steps: ReadingStep[] | null = null,
    ): PayeeMatch => ({
      kind: 'unit',
      unit: u,
      by,
      rule,
      form: rule === 'form' ? key : null,
      steps,
      notes,
    });
    const ambiguous = (fit: Fit): PayeeMatch => ({
      kind: 'ambiguous',
      candidates: fit.hits,
      rule: fit.rule,
      form: fit.rule === 'form' ? key : (exact ?? key),
      notes,
    });

    // 1. Division code, when both sides have one.
    let ledgerCodeUnknown = false;
    if (q.code) {
      const hits = this.byCode.get(q.code);
      if (hits && hits.length > 0) {
        // One roster code on several units: the name tells them apart, exact name first.
        const fit: Fit = hits.length === 1 ? { hits, rule: 'exact' } : narrow(hits, exact, key);
        if (fit.hits.length === 1) {
          const u = fit.hits[0]!;
          if (key !== '' && key !== u.key && !this.relatedKeys(key, u.key))
            notes.push({ kind: 'codeNameMismatch', code: q.code, unitName: u.unit.name });
          return unit(u, 'code', hits.length === 1 ? null : fit.rule);
        }
        if (fit.hits.length > 1) return ambiguous(fit);
      } else ledgerCodeUnknown = true;
    }
    const checkCode = (u: PayeeUnit): void => {
      if (ledgerCodeUnknown && q.code) {
        if (u.unit.code && u.unit.code !== q.code) notes.push({ kind: 'codeMismatch', code: q.code, unitCode: u.unit.code });
        else if (!u.unit.code) notes.push({ kind: 'unknownCode', code: q.code });
      }
    };
    if (key === '') return { kind: 'unknown', suggestions: [], notes, empty: true };

    // 2. Township: the ledger's column (or sheet), a bracketed township, or a township prefix.
    let town: number | undefined;
    const written = exact;
    if (q.township) {
      town = this.resolveTownship(q.township);
      if (town === undefined) notes.push({ kind: 'unknownTownship', township: norm(q.township) });
    }
    if (town === undefined) {
      for (const m of compact(raw).matchAll(BRACKETED)) {
        const t = this.resolveTownship(m[0].slice(1, -1));
        if (t !== undefined) town = t;
      }
    }
    const given = town;
    if (town === undefined && this.fit(undefined, exact, key).hits.length === 0) {
      const split = this.townshipPrefix(exact!, key);
      if (split) [town, exact, key] = split;
    }

    // 3. With a township, the name in it; else the name alone, only when unique in the county.
    const fit = this.fit(town, exact, key);
    if (fit.hits.length === 1) {
      checkCode(fit.hits[0]!);
      // A short committee word (村委, 居委 …) is named in the note; the full forms keep their note.
      const w = fit.rule === 'form' && exact !== null ? committeeWord(exact) : null;
      return unit(fit.hits[0]!, town === undefined ? 'name' : 'township', fit.rule, w?.short ? [{ kind: 'committee', ...w }] : null);
    }
    if (fit.hits.length > 1) return ambiguous(fit);

    // 4. The name read as an administrative name: area and township prefixes, committee words, the collective.
    const read = readPayee(written ?? '', given, this);
    if (read.kind === 'conflict') {
      notes.push({ kind: 'townshipConflict', written: read.written, column: this.townships[given!]! });
      return { kind: 'unknown', suggestions: read.hits, notes, empty: false };
    }
    if (read.kind === 'readings') {
      const hits = [...new Set(read.readings.flatMap((r) => r.hits))];
      const first = read.readings[0]!;
      key = first.form;
      if (hits.length === 1) {
        checkCode(hits[0]!);
        return unit(hits[0]!, first.town === undefined ? 'name' : 'township', 'form', first.steps);
      }
      return ambiguous({ hits: hits.sort((a, b) => a.index - b.index), rule: 'form' });
    }
    const near = read.rest === null ? key : nameKey(read.rest);
    return { kind: 'unknown', suggestions: this.suggest(near, town), notes, empty: false };
  }

  /** For readPayee: units with the name in the township (or county-wide), as written first. */
  fitName(town: number | undefined, exact: string | null, key: string): Fit {
    return this.fit(town, exact, key);
  }

  /** Units (in the township, or county-wide) with the exact name; else whose name is the payee's committee form; else sharing it. */
  private fit(town: number | undefined, exact: string | null, key: string): Fit {
    const [byExact, byForm, scope] =
      town === undefined ? [this.byExact, this.byName, ''] : [this.byTownExact, this.byTownName, `${town}\u0000`];
    const written = exact === null ? undefined : byExact.get(scope + exact);
    if (written) return { hits: written, rule: 'exact' };
    // "李家沟社区居委会" when the roster has a unit named 李家沟社区 as well as one named 李家沟居委会.
    return { hits: byExact.get(scope + key) ?? byForm.get(scope + key) ?? [], rule: 'form' };
  }

  /** "城关镇东河头村": a roster township written before a roster name (as written, else in committee form). */
  private townshipPrefix(exact: string, key: string): [number, string | null, string] | undefined {
    for (let cut = 2; cut < exact.length - 1; cut++) {
      const rest = exact.slice(cut);
      if (!this.byExact.has(rest) && !this.byName.has(nameKey(rest))) continue;
      const t = this.resolveTownship(exact.slice(0, cut));
      if (t !== undefined) return [t, rest, nameKey(rest)];
    }
    // "中共城关镇东风村支部委员会": the township is found in the reduced form only.
    for (let cut = 2; cut < key.length - 1; cut++) {
      const rest = key.slice(cut);
      if (!this.byName.has(rest)) continue;
      const t = this.resolveTownship(key.slice(0, cut));
      if (t !== undefined) return [t, null, rest];
    }
    return undefined;
  }

  /** A roster unit name inside free text (a 摘要 such as "拨付东河头村2025年办公经费"): the longest one, if only one. */
  findNameIn(text: string): string | undefined {
    const k = compact(text);
    const found: { at: number; name: string }[] = [];
    for (let i = 0; i < k.length; i++)
      for (let len = Math.min(this.maxNameLength, k.length - i); len >= 2; len--) {
        const sub = k.slice(i, i + len);
        if (this.byExact.has(sub) || this.byName.has(sub)) {
          found.push({ at: i, name: sub });
          break;
        }
      }
    const inside = (f: { at: number; name: string }, g: { at: number; name: string }) =>
      g.name.length > f.name.length && g.at <= f.at && g.at + g.name.length >= f.at + f.name.length;
    const names = new Set(found.filter((f) => !found.some((g) => inside(f, g))).map((f) => f.name));
    return names.size === 1 ? [...names][0] : undefined;
  }

  private relatedKeys(a: string, b: string): boolean {
    return withinOneEdit(a, b) || nameBase(a) === nameBase(b);
  }

  private nearIndex() {
    if (this.near) return this.near;
    const deletions = new Map<string, string[]>();
    const substrings = new Map<string, string[]>();
    const bases = new Map<string, string[]>();
    for (const key of this.byName.keys()) {
      for (let i = 0; i < key.length; i++) push(deletions, key.slice(0, i) + key.slice(i + 1), key);
      const base = nameBase(key);
      push(bases, base, key);
      const seen = new Set<string>();
      for (let i = 0; i < base.length; i++)
        for (let j = i + 2; j <= base.length; j++) {
          const s = base.slice(i, j);
          if (s === base || seen.has(s)) continue;
          seen.add(s);
          push(substrings, s, key);
        }
    }
    return (this.near = { deletions, substrings, bases });
  }

  /** Roster names one edit away, sharing the base name (村 for 社区), or inside one another; same township first. */
  suggest(key: string, town: number | undefined): PayeeUnit[] {
    const cacheKey = `${town ?? ''}\u0000${key}`;
    const cached = this.suggestionCache.get(cacheKey);
    if (cached) return cached;
    const near = this.nearIndex();
    const scored = new Map<string, number>(); // name key -> rank (lower is closer)
    const rank = (k: string, r: number) => {
      if (k === key && town === undefined) return;
      const old = scored.get(k);
      if (old === undefined || r < old) scored.set(k, r);
    };
    // Same name in another township (the ledger named the township).
    if (this.byName.has(key)) rank(key, 0);
    // One edit away.
    const probes = [key];
    for (let i = 0; i < key.length; i++) probes.push(key.slice(0, i) + key.slice(i + 1));
    for (const p of probes) {
      if (this.byName.has(p) && withinOneEdit(p, key)) rank(p, 1);
      for (const k of near.deletions.get(p) ?? []) if (withinOneEdit(k, key)) rank(k, 1);
    }
    // Same base, other suffix; one base inside the other.
    const base = nameBase(key);
    for (const k of near.bases.get(base) ?? []) rank(k, 2);
    if (base.length >= 2) {
      for (const k of near.substrings.get(base) ?? []) rank(k, 3);
      for (let i = 0; i < base.length; i++)
        for (let j = i + 2; j <= base.length; j++) {
          const s = base.slice(i, j);
          if (s === base) continue;
          for (const k of near.bases.get(s) ?? []) rank(k, 3);
        }
    }
    const out: { u: PayeeUnit; r: number }[] = [];
    for (const [k, r] of scored)
      for (const u of this.byName.get(k) ?? []) {
        if (k === key && u.town === town) continue;
        out.push({ u, r: r * 2 + (town === undefined || u.town === town ? 0 : 1) });
      }
    out.sort((a, b) => a.r - b.r || a.u.index - b.u.index);
    // With a township known, near misses inside it are enough; else look county-wide.
    const inTown = town === undefined ? out : out.filter((x) => x.u.town === town);
    const result = (inTown.length > 0 ? inTown : out).slice(0, MAX_SUGGESTIONS).map((x) => x.u);
    if (this.suggestionCache.size < 50_000) this.suggestionCache.set(cacheKey, result);
    return result;
  }
}

/** "东河头村（城关镇）": how a unit is named in suggestions. */
export function unitLabel(u: Unit): string {
  return `${u.name}（${u.township}）`;
}
