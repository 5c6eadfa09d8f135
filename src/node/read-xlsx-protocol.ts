// Messages between a reading worker (read-xlsx-worker.ts) and its opener.
import type { SourceRow } from '../workbook/source.js';

export type FromReader =
  | { kind: 'sheet'; name: string }
  | { kind: 'rows'; rows: SourceRow[]; bytesRead: number }
  | { kind: 'done'; bytesRead: number }
  | { kind: 'error'; reason: string };

/** The opener took a batch of rows: the worker may post another. */
export type ToReader = { kind: 'more' };
