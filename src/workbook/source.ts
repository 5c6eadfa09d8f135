// A workbook as the workbook layer reads it: sheets of numbered rows, in
// order, possibly streamed. Hosts (our reader on a file, Office.js ranges, an
// uploaded buffer) adapt to this.
import type { Cell } from './cells.js';

export interface SourceRow {
  /** Row number as Excel shows it (1-based). */
  row: number;
  /** Index 0 = column A. */
  cells: Cell[];
}

export interface SheetSource {
  name: string;
  rows: AsyncIterable<SourceRow> | Iterable<SourceRow>;
}

export type WorkbookSource = AsyncIterable<SheetSource> | Iterable<SheetSource>;

/** A whole grid (e.g. an Office.js used range starting at `firstRow`) as a sheet source. */
export function gridSource(name: string, grid: Cell[][], firstRow = 1): SheetSource {
  return { name, rows: grid.map((cells, i) => ({ row: firstRow + i, cells })) };
}
