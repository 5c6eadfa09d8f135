// The report sheets as both task panes write them (Excel's excel-write.ts, WPS's
// et-io.ts), so a workbook moving between the two keeps its reports:
// - Report sheets carry this tool's mark (REPORT_MARK). Ours are replaced in
//   place; a user's sheet with a report's name is never touched: the report goes
//   to "name(2)" (or the next free or ours number).
// - Every string is written with a leading apostrophe, so the application keeps
//   it as text: names starting with = + - @ never become formulas, codes like
//   410102001001 and dates like 2021-01-01 are not converted. The apostrophe is
//   the text prefix, not part of the value. (The alternative, number format "@"
//   on text columns, shows text over 255 characters as ### and was not chosen.)
// - Header row filled HEADER_FILL; printed for filing, as the CLI's and the web
//   page's files print (printPlan): A4 in the spec's orientation, one page wide,
//   the title and header rows on every page, page numbers in the footer
//   (PAGE_FOOTER); long texts wrapped (the application grows the rows); a column
//   no row fills (hideWhenEmpty) is hidden, as width 0.
import { SaidError } from '../engine/said.js';
import { cutToCell } from '../workbook/cells.js';
import { headerRowNumber, hiddenColumns, type OutCell, type SheetSpec } from '../workbook/sheet-spec.js';

/** How report sheets are marked. */
export const REPORT_MARK = { property: 'VillageFunds', value: 'report', name: 'VillageFundsReport' } as const;

export const HEADER_FILL = '#DDEBF7';

/** The footer: page n of m. */
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页';

const MAX_SHEET_NAME = 31;

/** The k-th name for a report sheet: 核算结果, 核算结果(2), 核算结果(3)... within Excel's 31 characters. */
export function variantName(name: string, k: number): string {
  if (k <= 1) return name.slice(0, MAX_SHEET_NAME);
  const suffix = `(${k})`;
  return name.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
}

/** Whether a sheet name is `name` or one of its numbered variants (case-insensitive, as Excel compares names). */
export function isVariantOf(existing: string, name: string): boolean {
  const e = existing.toLowerCase();
  const n = name.toLowerCase();
  if (e === variantName(n, 1)) return true;
  const m = /\((\d+)\)$/.exec(e);
  return !!m && e === variantName(n, Number(m[1]));
}

/**
 * The sheet each report goes to: its own name, or the first numbered variant
 * that is free or already ours (`ours`: lower-case names of sheets this tool
 * marked). A user's sheet is never chosen. `renamed`: a user's sheet has the name.
 */
export function reportNames(
  specs: readonly Pick<SheetSpec, 'name'>[],
  existing: readonly string[],
  ours: ReadonlySet<string>,
): { name: string; replace: boolean; renamed: boolean }[] {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const chosen = new Set<string>();
  return specs.map((spec) => {
    for (let k = 1; ; k++) {
      const name = variantName(spec.name, k);
      const key = name.toLowerCase();
      if (chosen.has(key)) continue;
      const mine = ours.has(key);
      if (taken.has(key) && !mine) continue; // a user's sheet: never touched
      chosen.add(key);
      const own = spec.name.toLowerCase();
      return { name, replace: mine, renamed: k > 1 && !ours.has(own) && taken.has(own) };
    }
  });
}

/** A value as written: every string with the text prefix (see the top of this file). */
export function excelValue(cell: OutCell | undefined): string | number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  return `'${cutToCell(cell)}`;
}

/** Rows [from, from + count) of a report as written (see excelValue); a row longer than the columns is an error. */
export function valueBlock(spec: SheetSpec, from: number, count: number): (string | number | null)[][] {
  const ncols = spec.columns.length;
  const block: (string | number | null)[][] = new Array(count);
  for (let r = 0; r < count; r++) {
    const src = spec.rows[from + r]!;
    if (src.length > ncols)
      throw new SaidError({
        zh: `「${spec.name}」第${from + r + 1}行的单元格多于列数`,
        en: `${spec.name}: row ${from + r + 1} has more cells than columns`,
      });
    const row: (string | number | null)[] = new Array(ncols);
    for (let c = 0; c < ncols; c++) row[c] = excelValue(src[c]);
    block[r] = row;
  }
  return block;
}

/** A report's fills as runs of consecutive rows with the same column and colour ("#RRGGBB"), each one range to colour. */
export function fillRuns(spec: SheetSpec): { row: number; count: number; column: number; color: string }[] {
  const runs: { row: number; count: number; column: number; color: string }[] = [];
  spec.fills?.forEach((f, r) => {
    if (!f || r >= spec.rows.length) return;
    const color = `#${f.argb.slice(-6).toUpperCase()}`;
    const last = runs[runs.length - 1];
    if (last && last.column === f.column && last.color === color && last.row + last.count === r) last.count++;
    else runs.push({ row: r, count: 1, column: f.column, color });
  });
  return runs;
}

/** A report's links to source cells: data row, target ("'城关镇'!E12") and the text shown. */
export function sourceLinks(spec: SheetSpec): { row: number; target: string; text: string }[] {
  const links: { row: number; target: string; text: string }[] = [];
  spec.links?.targets.forEach((target, r) => {
    if (!target || r >= spec.rows.length) return;
    const cell = spec.rows[r]![spec.links!.column];
    links.push({ row: r, target, text: cell === null || cell === undefined ? target : String(cell) });
  });
  return links;
}

/** How a report sheet prints, for the hosts to apply. */
export interface PrintPlan {
  landscape: boolean;
  /** Pages high to fit into: 1 for a summary to sign, null for as many as it takes (always one page wide). */
  pagesTall: 1 | null;
  /** Rows 1 to this repeat on every page: the title, the line under it and the header. */
  titleRows: number;
  /** Columns hidden because no row fills them. */
  hidden: number[];
  /** Columns whose text wraps (and the header row always). */
  wrapped: number[];
}

export function printPlan(spec: SheetSpec): PrintPlan {
  return {
    landscape: (spec.print?.orientation ?? 'landscape') === 'landscape',
    pagesTall: spec.print?.onePage ? 1 : null,
    titleRows: headerRowNumber(spec),
    hidden: hiddenColumns(spec),
    wrapped: spec.columns.flatMap((c, i) => (c.wrap ? [i] : [])),
  };
}
