// The machine-readable calc summary (`village-funds calc --json`). Its shape
// is a contract: add fields, never rename or drop them.
import { moneyString, type Decimal } from '../engine/money.js';
import type { Calculator, Totals } from '../engine/compute.js';
import type { CalcOutcome, OrganisationCounts } from './calc-outcome.js';
import type { OrganisationCheck, OrganisationResult } from '../engine/organisation.js';
import type { Lang } from '../engine/said.js';
import type { ComputedRow } from './report.js';
import type { RowIssue } from './roster.js';
import type { Utf8Buffer } from './utf8-buffer.js';

const money = (lines: Record<string, Decimal>, total: Decimal) => ({
  ...Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, moneyString(v)])),
  total: moneyString(total),
});

const totalsJson = (t: Totals) => money(t.lines, t.total);

function issueJson(i: RowIssue, lang: Lang) {
  return {
    sheet: i.sheet,
    row: i.row,
    column: i.column,
    severity: i.severity,
    code: i.code,
    message: i.message[lang],
    messages: i.message,
  };
}

/** Engine amounts are interned, so most conversions repeat: remember them (as report.ts does for cells). */
const moneyStrings = new WeakMap<Decimal, string>();
function cachedMoney(d: Decimal): string {
  let s = moneyStrings.get(d);
  if (s === undefined) moneyStrings.set(d, (s = moneyString(d)));
  return s;
}

export function unitJson(c: ComputedRow) {
  const { unit, lines, total } = c.result;
  const lineMoney: Record<string, string> = {};
  for (const l of lines) lineMoney[l.line] = cachedMoney(l.amount);
  return {
    sheet: c.sheet,
    row: c.row,
    code: unit.code ?? null,
    township: unit.township,
    name: unit.name,
    type: unit.type,
    population: unit.population,
    membersPrevYear: unit.membersPrevYear,
    monthsActive: unit.monthsActive ?? 12,
    lines: lineMoney,
    total: cachedMoney(total),
    ...(c.organisation ? { organisation: organisationJson(c.organisation) } : {}),
  };
}

// Like the lines, the level without its words: their labels and clauses are in policy.organisation, once.
const organisationJson = (o: OrganisationResult) => ({ level: o.level, form: o.form, silent: o.silent });
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Bytes made once per key (a sheet, a township, a unit type), for at most 10,000 keys. */
function byteCache<K>(make: (key: K) => string): (key: K) => Uint8Array {
  const map = new Map<K, Uint8Array>();
  return (key) => {
    let b = map.get(key);
    if (b === undefined) {
      b = utf8(make(key));
      if (map.size < 10_000) map.set(key, b);
    }
    return b;
  };
}

// A unit's text is these pieces with the unit's own numbers and strings between them.
const firstSheet = byteCache((sheet: string) => `{"sheet":${JSON.stringify(sheet)},"row":`);
const nextSheet = byteCache((sheet: string) => `,{"sheet":${JSON.stringify(sheet)},"row":`);
const township = byteCache((name: string) => `,"township":${JSON.stringify(name)},"name":`);
const typeAndPopulation = byteCache((type: string) => `,"type":${JSON.stringify(type)},"population":`);
const KEYS = {
  code: utf8(',"code":'),
  codeNull: utf8(',"code":null'),
  members: utf8(',"membersPrevYear":'),
  months: utf8(',"monthsActive":'),
};

/**
 * JSON.stringify(unitJson(c)) as UTF-8 (after a comma if `afterAnother`),
 * written straight into `out` without a string per unit: what repeats from
 * unit to unit (keys, sheet and township names, line amounts, a 组织设置
 * level) is encoded once. In calc --json of 100,000 units, building and
 * encoding a string per unit cost 0.25 s and 0.36 s of the run (builds
 * patched by hand to skip each step, timed in turns by
 * bench/experiments/ab.js; the patches were not kept). A test holds the bytes
 * equal to JSON.stringify(unitJson(c)).
 */
export function writeUnitJson(c: ComputedRow, out: Utf8Buffer, afterAnother: boolean): void {
  const { unit } = c.result;
  const sheet = afterAnother ? nextSheet(c.sheet) : firstSheet(c.sheet);
  const town = township(unit.township);
  const type = typeAndPopulation(unit.type);
  const tail = moneyTail(c);
  // Keys and four numbers take under 160 bytes; a string at most 6 a code unit and its quotes.
  out.room(160 + sheet.length + town.length + type.length + tail.length + 6 * (unit.name.length + (unit.code?.length ?? 0)) + 4);
  out.putBytes(sheet);
  putNumber(out, c.row);
  if (unit.code === undefined) out.putBytes(KEYS.codeNull);
  else {
    out.putBytes(KEYS.code);
    out.putJsonString(unit.code);
  }
  out.putBytes(town);
  out.putJsonString(unit.name);
  out.putBytes(type);
  putNumber(out, unit.population);
  out.putBytes(KEYS.members);
  putNumber(out, unit.membersPrevYear);
  out.putBytes(KEYS.months);
  putNumber(out, unit.monthsActive ?? 12);
  out.putBytes(tail);
}

/** As JSON.stringify writes a number: digits for the whole numbers a roster holds. */
function putNumber(out: Utf8Buffer, n: number): void {
  if (Number.isSafeInteger(n) && n >= 0) out.putDigits(n);
  else out.putBytes(utf8(JSON.stringify(n)));
}

/**
 * `,"lines":{…},"total":"…"` and the 组织设置 level to the closing brace,
 * made once per combination of line amounts and level: the engine keeps one
 * total object per combination of amounts (compute.ts, its totals trie), and
 * the amounts are checked too, should that ever change.
 */
const tails = new WeakMap<Decimal, { amounts: Decimal[]; byLevel: Map<OrganisationResult | undefined, Uint8Array> }>();
function moneyTail(c: ComputedRow): Uint8Array {
  const { lines, total } = c.result;
  let hit = tails.get(total);
  if (!hit || !sameAmounts(hit.amounts, lines)) tails.set(total, (hit = { amounts: lines.map((l) => l.amount), byLevel: new Map() }));
  let bytes = hit.byLevel.get(c.organisation);
  if (bytes === undefined) {
    let text = ',"lines":{';
    for (let i = 0; i < lines.length; i++) text += `${i ? ',' : ''}${JSON.stringify(lines[i]!.line)}:"${cachedMoney(lines[i]!.amount)}"`;
    text += `},"total":"${cachedMoney(total)}"`;
    if (c.organisation) text += `,"organisation":${JSON.stringify(organisationJson(c.organisation))}`;
    hit.byLevel.set(c.organisation, (bytes = utf8(text + '}')));
  }
  return bytes;
}

function sameAmounts(amounts: Decimal[], lines: ComputedRow['result']['lines']): boolean {
  if (amounts.length !== lines.length) return false;
  for (let i = 0; i < amounts.length; i++) if (amounts[i] !== lines[i]!.amount) return false;
  return true;
}

/**
 * The calc summary as text around its units: `head` + the units (unitJson,
 * serialised and joined by commas) + `tail`. Units come last but one so that
 * a host can stream them (the CLI spools them to a file) instead of holding a
 * county's worth of objects.
 */
export function calcJsonFrame(calc: Calculator, outcome: CalcOutcome, lang: Lang): { head: string; tail: string } {
  const head = JSON.stringify(calcJsonHead(calc, outcome));
  const issues = JSON.stringify(outcome.issues.map((i) => issueJson(i, lang)));
  return { head: `${head.slice(0, -1)},"units":[`, tail: `],"issues":${issues}}` };
}

/** The 组织设置 levels a unit's `organisation.level` names: label and clause. */
const organisationLevels = (org: OrganisationCheck) => ({
  levels: [
    { id: 'none', label: org.policy.belowAll, clause: org.policy.levels[0]!.clause },
    ...org.policy.levels.map((l) => ({ id: l.id, label: l.label, form: l.form, clause: l.clause })),
  ],
});

/** Units by 组织设置 level, every level named (0 where none). */
const levelCounts = (org: OrganisationCounts, c: Record<string, number> | undefined) =>
  Object.fromEntries(org.levels.map((l) => [l.id, c?.[l.id] ?? 0]));

function calcJsonHead(calc: Calculator, outcome: CalcOutcome) {
  const org = outcome.organisation;
  return {
    policy: {
      id: calc.policy.policy.id,
      year: calc.policy.year,
      date: calc.policy.date,
      lines: calc.lineIds,
      ...(calc.organisation ? { organisation: organisationLevels(calc.organisation) } : {}),
    },
    rows: outcome.rows,
    totals: totalsJson(outcome.county),
    townships: outcome.townships.map((t) => ({
      name: t.name,
      units: t.units,
      totals: totalsJson(t),
      ...(org ? { organisation: levelCounts(org, org.townships[t.name]) } : {}),
    })),
    ...(org ? { counts: { organisation: levelCounts(org, org.county) } } : {}),
  };
}
