// The machine-readable calc summary (`village-funds calc --json`). Its shape
// is a contract: add fields, never rename or drop them.
import { moneyString, type Decimal } from '../engine/money.js';
import type { Calculator, Totals } from '../engine/compute.js';
import type { CalcOutcome, OrganisationCounts } from './calc-job.js';
import type { OrganisationCheck, OrganisationResult } from '../engine/organisation.js';
import type { ComputedRow, Lang } from './report.js';
import type { RowIssue } from './roster.js';

const money = (lines: Record<string, Decimal>, total: Decimal) => ({
  ...Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, moneyString(v)])),
  total: moneyString(total),
});

const totalsJson = (t: Totals) => money(t.lines, t.total);

export function issueJson(i: RowIssue, lang: Lang) {
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
/** Results are shared by member count, so their text is made once. */
const organisationTexts = new WeakMap<OrganisationResult, string>();
function organisationText(o: OrganisationResult): string {
  let t = organisationTexts.get(o);
  if (t === undefined) organisationTexts.set(o, (t = JSON.stringify(organisationJson(o))));
  return t;
}

/**
 * JSON.stringify(unitJson(c)), written directly, so that what repeats from
 * unit to unit (quoted sheet and township names, a combination of line
 * amounts, a 组织设置 level) is made once. A test holds the two equal, field
 * for field and in order.
 */
export function unitJsonText(c: ComputedRow): string {
  const { unit, total } = c.result;
  const q = JSON.stringify;
  const s = `{"sheet":${quoted(c.sheet)},"row":${c.row},"code":${unit.code === undefined ? 'null' : q(unit.code)},"township":${quoted(unit.township)},"name":${q(unit.name)},"type":"${unit.type}","population":${unit.population},"membersPrevYear":${unit.membersPrevYear},"monthsActive":${unit.monthsActive ?? 12},${moneyTail(c.result, total)}`;
  return c.organisation ? `${s},"organisation":${organisationText(c.organisation)}}` : `${s}}`;
}

/** Sheet and township names repeat from unit to unit: each is quoted once. */
const quotedNames = new Map<string, string>();
function quoted(name: string): string {
  let t = quotedNames.get(name);
  if (t === undefined) {
    t = JSON.stringify(name);
    if (quotedNames.size < 10_000) quotedNames.set(name, t);
  }
  return t;
}

/**
 * `"lines":{…},"total":"…"`, made once per combination of line amounts: the
 * engine keeps one total object per combination (compute.ts, its totals
 * trie), and the amounts are checked too, should that ever change.
 */
const tails = new WeakMap<Decimal, { amounts: Decimal[]; text: string }>();
function moneyTail(r: ComputedRow['result'], total: Decimal): string {
  const hit = tails.get(total);
  if (hit && hit.amounts.length === r.lines.length && hit.amounts.every((a, i) => a === r.lines[i]!.amount)) return hit.text;
  let text = '"lines":{';
  for (let i = 0; i < r.lines.length; i++)
    text += `${i ? ',' : ''}${JSON.stringify(r.lines[i]!.line)}:"${cachedMoney(r.lines[i]!.amount)}"`;
  text += `},"total":"${cachedMoney(total)}"`;
  tails.set(total, { amounts: r.lines.map((l) => l.amount), text });
  return text;
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
