// A report sheet as plain data: what every face (CLI, add-in, web page) writes.
// Hosts turn it into SpreadsheetML (src/xlsx/writer.ts) or Office.js ranges.

/** A written cell: text, a number (money is a number with a money format), or empty. */
export type OutCell = string | number | null;

export type ColumnKind = 'text' | 'integer' | 'money' | 'wan';

/** Excel number formats for each column kind. Money shows yuan with 2 decimals, 万元 too. */
export const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: '@',
  integer: '#,##0',
  money: '#,##0.00',
  wan: '#,##0.00',
};

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Width in characters. */
  width: number;
  /** Long text: wrapped in the column's width (the row grows), not cut at the page edge. */
  wrap?: boolean;
  /** Hidden (not printed) when no row has a value in it, e.g. 在册月数 when no unit is part-year. */
  hideWhenEmpty?: boolean;
}

/** Fill colours by status word, for audit sheets. */
export type CellFill = { column: number; argb: string };

/** How a sheet prints: always one page wide; `onePage` also one page high (a summary to sign). */
export interface PrintLayout {
  orientation: 'portrait' | 'landscape';
  onePage?: boolean;
}

export interface SheetSpec {
  name: string;
  /** The sheet's title, row 1 (county, year, what the table is), optional. */
  title?: string;
  /** A line under the title (编制单位, policy, 单位：元), optional; needs a title. */
  subtitle?: string;
  columns: ColumnSpec[];
  rows: OutCell[][];
  /** Per row (same index as rows), optional fills, e.g. a status colour. */
  fills?: (CellFill | undefined)[];
  /** Index of rows that are totals (bold). */
  totalRows?: number[];
  /**
   * Per row, a cell in the source workbook this row is about, e.g. "'城关镇'!E12".
   * Hosts that hold the source (the add-in) link `column` to it; file outputs ignore it.
   */
  links?: { column: number; targets: (string | undefined)[] };
  /** A column chart hosts may draw: categories in one column, one series per column, over rows [from, to). */
  chart?: { title: string; categoryColumn: number; seriesColumns: number[]; from: number; to: number };
  /** Print settings; A4 landscape, one page wide, when not given. */
  print?: PrintLayout;
}

/** Row number (1-based) of the header in the written sheet. */
export function headerRowNumber(spec: Pick<SheetSpec, 'title' | 'subtitle'>): number {
  return (spec.title ? 1 : 0) + (spec.title && spec.subtitle ? 1 : 0) + 1;
}

/** The columns of a whole sheet to hide: hideWhenEmpty ones no row fills. */
export function hiddenColumns(spec: Pick<SheetSpec, 'columns' | 'rows'>): number[] {
  const hidden: number[] = [];
  spec.columns.forEach((c, i) => {
    if (c.hideWhenEmpty && !spec.rows.some((r) => r[i] !== null && r[i] !== undefined && r[i] !== '')) hidden.push(i);
  });
  return hidden;
}

/** Points a line of 11-point text takes in a row (Excel's default row height). */
export const LINE_POINTS = 15;

/**
 * Lines `text` takes wrapped in a column `width` characters wide: a CJK character
 * is two widths, anything else one. LibreOffice does not grow a row to its
 * wrapped text when it opens a file, so the writer gives such rows this many
 * lines of height (hosts that can, autofit instead).
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  let lines = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines++;
      used = 0;
      continue;
    }
    const w = c >= 0x2e80 ? 2 : 1;
    if (used + w > room) {
      lines++;
      used = 0;
    }
    used += w;
  }
  return lines;
}
