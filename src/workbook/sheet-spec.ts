// A report sheet as plain data: what every face (CLI, add-in, web page) writes.
// Hosts turn it into SpreadsheetML (src/xlsx/writer.ts) or Office.js ranges.

/** A written cell: text, a number (money is a number with a money format), or empty. */
export type OutCell = string | number | null;

export type ColumnKind = 'text' | 'integer' | 'money' | 'wan';

/** Excel number formats for each column kind. Money shows yuan with 2 decimals. */
export const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: '@',
  integer: '#,##0',
  money: '#,##0.00',
  wan: '#,##0.0000',
};

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Width in characters. */
  width: number;
}

/** Fill colours by status word, for audit sheets. */
export type CellFill = { column: number; argb: string };

export interface SheetSpec {
  name: string;
  /** One line above the header (policy, year...), optional. */
  title?: string;
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
}

/** Row number (1-based) of the header in the written sheet. */
export function headerRowNumber(spec: Pick<SheetSpec, 'title'>): number {
  return spec.title ? 2 : 1;
}
