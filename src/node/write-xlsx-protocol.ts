// Messages between a writing worker (write-xlsx-worker.ts) and its opener.
import type { OutCell, SheetSpec } from '../workbook/sheet-spec.js';
import type { RowLook, SheetHead } from '../xlsx/writer.js';

export type ToWriter =
  | { kind: 'start'; head: SheetHead }
  | { kind: 'rows'; rows: [cells: readonly OutCell[], look: RowLook | undefined][] }
  | { kind: 'close' }
  | { kind: 'sheet'; spec: SheetSpec }
  | { kind: 'finish' };

export type FromWriter =
  /** A batch of rows is written: the opener may send another. */
  | { kind: 'taken' }
  /** The file is complete and closed. */
  | { kind: 'done' }
  | { kind: 'error'; message: string; code?: string; path?: string };
