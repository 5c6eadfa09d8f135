// One roster row classified on its own: computed (a unit, with its warnings), rejected
// (with the reasons), or skipped (blank, a subtotal, the header repeated). Pure: it
// takes the row's cells and the columns the header gave, and the township carried down
// from the row above (merged township cells arrive empty below their first row); the
// reader (roster.ts) keeps the counts and the names seen across rows.
import { type Unit, type UnitType, validateUnit } from '../engine/unit.js';
import { type Cell, EXCEL_CELL_CHARS, cellText, cutToCell, isBlankCell, isCellError, normalizeText, numberText } from './cells.js';
import { aliasMatcher, headerLikeCells, saysTotal } from './headers.js';
import { type IssuePlace, type RowIssue, errorValueIssue } from './issues.js';
import { parseCount } from './numbers.js';
import { ROSTER_ALIASES, ROSTER_FIELDS, type RosterField } from './roster-fields.js';
import { VILLAGE_POPULATION_LIMIT, rosterIssue } from './roster-issues.js';
import { inferUnitType, organisationFromWord, unitTypeFromWord } from './unit-types.js';

export type SkipReason = 'blank' | 'repeatedHeader' | 'subtotal';

export type RosterRowOutcome =
  | { kind: 'unit'; sheet: string; row: number; unit: Unit; issues: RowIssue[]; organisationAt?: IssuePlace }
  | { kind: 'rejected'; sheet: string; row: number; issues: RowIssue[] }
  | { kind: 'skipped'; sheet: string; row: number; reason: SkipReason; issue?: RowIssue };

/** The columns a sheet's header gave. */
export interface RosterRowColumns {
  /** Field -> 0-based column index. */
  col: Partial<Record<RosterField, number>>;
  /** Field -> header text, for messages. */
  text: Partial<Record<RosterField, string>>;
  /** Header keys per column of the header rows, to recognise the header repeated further down (none: never). */
  headerKeys: string[][];
}

export interface ClassifiedRow {
  outcome: RosterRowOutcome;
  /** The township carried down to the next row (null after a subtotal, which closes a township's block). */
  township: string | null;
}

/** Text Excel would take for a formula if typed: = + - @ first. */
const FORMULA_START = /^[=+\-@]/;
const SUBTOTAL = /小计|合计|总计|^(sub|grand)?total/;
const exactAlias = Object.fromEntries(ROSTER_FIELDS.map((f) => [f, aliasMatcher(ROSTER_ALIASES[f])])) as Record<
  RosterField,
  (t: string) => 0 | 1 | 2
>;

/** Where a field's cell of a row is (the row alone for a field without a column). */
export function fieldPlace(h: RosterRowColumns, sheet: string, row: number, f: RosterField | null): IssuePlace {
  const c = f === null ? undefined : h.col[f];
  return c === undefined || f === null ? { sheet, row, column: null } : { sheet, row, column: c, header: h.text[f] };
}

/**
 * Classifies one data row. `townshipAbove` is the township carried down from the rows
 * above; on a sheet without a township column the sheet's name is the township.
 */
export function classifyRosterRow(
  cells: readonly Cell[],
  h: RosterRowColumns,
  sheet: string,
  row: number,
  townshipAbove: string | null,
): ClassifiedRow {
  let lastTownship = townshipAbove;
  const get = (f: RosterField): Cell => {
    const c = h.col[f];
    return c === undefined ? undefined : cells[c];
  };
  const at = (f: RosterField | null): IssuePlace => fieldPlace(h, sheet, row, f);
  const skip = (reason: SkipReason, issue: RowIssue): ClassifiedRow => ({
    outcome: { kind: 'skipped', sheet, row, reason, issue },
    township: lastTownship,
  });

  if (cells.every((c) => isBlankCell(c))) return skip('blank', rosterIssue.blank(at(null), false));
  if (isRepeatedHeader(cells, h)) return skip('repeatedHeader', rosterIssue.repeatedHeader(at(null)));
  const total = subtotalCell(cells, h);
  if (total) {
    lastTownship = null; // a subtotal closes a township's block of rows
    return skip('subtotal', rosterIssue.subtotal({ sheet, row, column: total.col, header: total.header }, total.cell));
  }
  if (ROSTER_FIELDS.every((f) => isBlankCell(get(f)))) return skip('blank', rosterIssue.blank(at(null), true));

  const errors: RowIssue[] = [];
  // An error value (#N/A …) in a column read is named as such, never read as blank or as its text.
  let erred: Set<RosterField> | undefined;
  for (const f of ROSTER_FIELDS) {
    const cell = get(f);
    if (!isCellError(cell) || f === 'organisation') continue; // the organisation is checked, never needed
    (erred ??= new Set()).add(f);
    errors.push(errorValueIssue(at(f), cell, 'error'));
  }
  const ok = (f: RosterField): boolean => erred === undefined || !erred.has(f);

  const warnings: RowIssue[] = [];
  // Texts past Excel's cell limit are cut, and said so: they could not be written whole.
  // One that looks like a formula is said too: it stays text everywhere it is written.
  const fit = (f: 'name' | 'township', text: string): string => {
    if (FORMULA_START.test(text)) warnings.push(rosterIssue.formulaLike(at(f), text));
    if (text.length <= EXCEL_CELL_CHARS) return text;
    warnings.push(rosterIssue.textTooLong(at(f), text.length));
    return cutToCell(text);
  };
  const name = ok('name') ? fit('name', cellText(get('name'))) : '';
  if (!name && ok('name')) errors.push(rosterIssue.missingName(at('name')));

  let township: string | null = null;
  if (h.col.township !== undefined && ok('township')) {
    const t = fit('township', cellText(get('township')));
    if (t) lastTownship = t;
    township = lastTownship;
  }
  // The sheet's name, only when needed: most rows have their township.
  township ??= normalizeText(sheet);

  let type: UnitType | undefined;
  const typeCell = get('type');
  if (!ok('type')) {
    // named above
  } else if (!isBlankCell(typeCell)) {
    type = unitTypeFromWord(cellText(typeCell));
    if (!type) errors.push(rosterIssue.unknownType(at('type'), typeCell));
  } else if (name) {
    type = inferUnitType(name);
    if (!type) errors.push(rosterIssue.uninferableType(at(h.col.type !== undefined ? 'type' : 'name'), name));
  }

  const count = (f: 'population' | 'membersPrevYear'): number | undefined => {
    if (!ok(f)) return undefined;
    const r = parseCount(get(f));
    if (r.ok) return r.value;
    errors.push(rosterIssue.count(at(f), get(f), r.reason));
    return undefined;
  };
  const population = count('population');
  const membersPrevYear = count('membersPrevYear');

  let code: string | undefined;
  const codeCell = get('code');
  if (!isBlankCell(codeCell) && ok('code')) {
    code = divisionCode(codeCell);
    if (code === undefined) errors.push(rosterIssue.badCode(at('code'), codeCell));
  }

  let monthsActive: number | undefined;
  const monthsCell = get('monthsActive');
  if (!isBlankCell(monthsCell) && ok('monthsActive')) {
    monthsActive = months(monthsCell);
    if (monthsActive === undefined) errors.push(rosterIssue.badMonths(at('monthsActive'), monthsCell));
  }

  if (errors.length > 0 || !type || population === undefined || membersPrevYear === undefined)
    return { outcome: { kind: 'rejected', sheet, row, issues: errors }, township: lastTownship };

  const unit: Unit = { township, name, type, population, membersPrevYear };
  if (code !== undefined) unit.code = code;
  if (monthsActive !== undefined) unit.monthsActive = monthsActive;
  const orgCell = get('organisation');
  if (!isBlankCell(orgCell)) {
    const actual = isCellError(orgCell) ? undefined : organisationFromWord(cellText(orgCell));
    if (actual) unit.organisation = actual;
    else warnings.push(rosterIssue.unknownOrganisation(at('organisation'), orgCell));
  }
  // Belt and braces: the engine's own check must agree with what was read.
  const problems = validateUnit(unit);
  if (problems.length > 0)
    return {
      outcome: {
        kind: 'rejected',
        sheet,
        row,
        issues: problems.map((p) => rosterIssue.invalidUnit(at(p.field as RosterField), p.zh, p.en)),
      },
      township: lastTownship,
    };

  if (population === 0) warnings.push(rosterIssue.zeroPopulation(at('population')));
  if (membersPrevYear > population) warnings.push(rosterIssue.membersAbovePopulation(at('membersPrevYear'), membersPrevYear, population));
  if (type === 'village' && population > VILLAGE_POPULATION_LIMIT) warnings.push(rosterIssue.villageTooLarge(at('population'), population));

  const outcome: RosterRowOutcome = { kind: 'unit', sheet, row, unit, issues: warnings };
  if (unit.organisation) outcome.organisationAt = at('organisation');
  return { outcome, township: lastTownship };
}

/** The header again (e.g. repeated at a page break): no counts, and cells that read as the header's own texts. */
function isRepeatedHeader(cells: readonly Cell[], h: RosterRowColumns): boolean {
  for (const f of ['population', 'membersPrevYear'] as const) {
    const c = h.col[f];
    if (c !== undefined && parseCount(cells[c]).ok) return false;
  }
  return headerLikeCells(cells, h.col, h.headerKeys, exactAlias) >= 2;
}

/** Where a row says it is a subtotal or total: in the name or township cell, or the row's first text. */
function subtotalCell(cells: readonly Cell[], h: RosterRowColumns): { col: number; cell: Cell; header?: string } | null {
  // Checked on every row, so without building a list of candidates first.
  const says = (col: number | undefined, header?: string) => {
    const cell = col === undefined ? undefined : cells[col];
    return typeof cell === 'string' && saysTotal(cell, SUBTOTAL) ? { col: col!, cell, header: header ?? headerTextAt(h, col!) } : null;
  };
  return says(h.col.name, h.text.name) ?? says(h.col.township, h.text.township) ?? says(firstTextColumn(cells));
}

function headerTextAt(h: RosterRowColumns, col: number): string | undefined {
  for (const f of ROSTER_FIELDS) if (h.col[f] === col) return h.text[f];
  return undefined;
}

function firstTextColumn(cells: readonly Cell[]): number | undefined {
  for (let i = 0; i < cells.length; i++) if (!isBlankCell(cells[i])) return i;
  return undefined;
}

/** A 12-digit division code from text or a number cell (410102001001 as a number is fine). */
function divisionCode(cell: Cell): string | undefined {
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 0) return undefined;
    text = numberText(cell);
  } else if (typeof cell === 'string') {
    text = normalizeText(cell).replace(/\s+/g, '').replace(/^'/, '');
  } else return undefined;
  return /^\d{12}$/.test(text) ? text : undefined;
}

/** Months active, 1 to 12; "6个月" and "6月" are accepted. */
function months(cell: Cell): number | undefined {
  const value = typeof cell === 'string' ? normalizeText(cell).replace(/\s*个?月$/, '') : cell;
  const r = parseCount(value);
  return r.ok && r.value >= 1 && r.value <= 12 ? r.value : undefined;
}
