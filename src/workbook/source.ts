// A workbook as the workbook layer reads it: sheets of numbered rows, in
// order, possibly streamed. Hosts (our reader on a file, Office.js ranges, an
// uploaded buffer) adapt to this.
import type { Cell } from './cells.js';
import type { RowIssue } from './issues.js';
import type { SheetKind } from './not-read.js';

export interface SourceRow {
  /** Row number as Excel shows it (1-based). */
  row: number;
  /** Index 0 = column A. */
  cells: Cell[];
}

export interface SheetSource {
  name: string;
  rows: AsyncIterable<SourceRow> | Iterable<SourceRow>;
  /** What the reader says about the sheet (a csv file's encoding), listed with the sheet's issues. */
  notes?: readonly RowIssue[];
  /** 'chart' for a chart sheet (no rows), so it can be named as such; a worksheet when absent. */
  kind?: SheetKind;
}

export type WorkbookSource = AsyncIterable<SheetSource> | Iterable<SheetSource>;

/** A whole grid (e.g. an Office.js used range starting at `firstRow`) as a sheet source. */
export function gridSource(name: string, grid: Cell[][], firstRow = 1): SheetSource {
  return { name, rows: grid.map((cells, i) => ({ row: firstRow + i, cells })) };
}

/**
 * The rows of a stream of row batches, one by one, without the promise chain
 * an async generator spends on every row: a row already in hand is handed
 * over at once. Readers get rows in batches (a piece of sheet XML, a message
 * from a worker); 100,000 rows took 49–87 ms through an async generator's
 * `yield*` and 10–28 ms this way (node bench/experiments/row-iteration.js).
 */
export function rowsFromBatches(batches: AsyncIterable<readonly SourceRow[]>): AsyncIterable<SourceRow> {
  return {
    [Symbol.asyncIterator]() {
      const source = batches[Symbol.asyncIterator]();
      let batch: readonly SourceRow[] = [];
      let i = 0;
      const refill = async (): Promise<IteratorResult<SourceRow>> => {
        for (;;) {
          const next = await source.next();
          if (next.done) return { done: true, value: undefined };
          if (next.value.length) {
            batch = next.value;
            i = 1;
            return { done: false, value: batch[0]! };
          }
        }
      };
      return {
        next: () => (i < batch.length ? Promise.resolve({ done: false, value: batch[i++]! }) : refill()),
        // Leaving a loop early closes the source too (a reader frees its file, a worker stops).
        return: async () => {
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
