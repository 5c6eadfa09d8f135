// Messages between a reading worker (read-xlsx-worker.ts) and its opener.
import type { Said } from '../engine/said.js';
import type { SourceRow } from '../workbook/source.js';
import type { WorkbookParts } from '../xlsx/read-workbook.js';

export type FromReader =
  | { kind: 'sheet'; name: string; sheetKind?: 'chart' }
  | { kind: 'rows'; rows: SourceRow[]; bytesRead: number }
  | { kind: 'done'; bytesRead: number }
  | { kind: 'error'; reason: string; why?: Said };

export type ToReader =
  /** What every sheet needs, read by the opener while the worker started: the worker reads the sheets. */
  | { kind: 'parts'; parts: WorkbookParts }
  /** The opener took a batch of rows: the worker may post another. */
  | { kind: 'more' };
