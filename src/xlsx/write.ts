// SheetSpec -> exceljs worksheet. Works for the in-memory Workbook (browser)
// and the streaming WorkbookWriter (CLI): both have addWorksheet/addRow.
import type ExcelJS from 'exceljs';
import { NUMBER_FORMATS, headerRowNumber, type ColumnSpec, type OutCell, type SheetSpec } from '../workbook/sheet-spec.js';

type AnyWorkbook = Pick<ExcelJS.Workbook, 'addWorksheet'>;
type Row = ExcelJS.Row & { commit?: () => void };

export interface SheetWriter {
  addRow(cells: OutCell[], opts?: { bold?: boolean; fill?: { column: number; argb: string } }): void;
  /** Waits while the streaming writer has much unwritten output (it ignores backpressure itself). */
  drain(): Promise<void>;
  /** Streaming writers flush rows here; in-memory ones need nothing. */
  commit(): Promise<void>;
}

export function startSheet(wb: AnyWorkbook, name: string, columns: ColumnSpec[], title?: string, signal?: AbortSignal): SheetWriter {
  const ySplit = headerRowNumber({ title });
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit, xSplit: 0 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const streaming = 'commit' in ws;
  const done = (row: Row) => {
    if (streaming) row.commit?.();
  };
  if (title) {
    const r = ws.addRow([title]) as Row;
    r.font = { bold: true };
    done(r);
  }
  const header = ws.addRow(columns.map((c) => c.header)) as Row;
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  done(header);
  const formats = columns.map((c) => (c.kind === 'text' ? undefined : NUMBER_FORMATS[c.kind]));
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  // exceljs dedupes styles by object identity (a WeakMap) and otherwise renders
  // each cell's style to XML to compare it: one shared object per look keeps
  // large sheets fast.
  const shared = (numFmt: string | undefined, bold: boolean, fill: string | undefined) => {
    const key = `${numFmt}|${bold}|${fill}`;
    let st = styles.get(key);
    if (!st) {
      st = {};
      if (numFmt) st.numFmt = numFmt;
      if (bold) st.font = { bold: true };
      if (fill) st.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      styles.set(key, st);
    }
    return st;
  };
  const plain = formats.map((f) => shared(f, false, undefined));
  const none = shared(undefined, false, undefined);
  return {
    addRow(cells, opts) {
      // Strings go in as strings: exceljs never turns "=..." text into a formula.
      const row = ws.addRow(cells) as Row;
      const bold = !!opts?.bold;
      for (let i = 0; i < cells.length; i++) {
        const number = typeof cells[i] === 'number';
        const fill = opts?.fill?.column === i ? opts.fill.argb : undefined;
        row.getCell(i + 1).style = bold || fill ? shared(number ? formats[i] : undefined, bold, fill) : number ? plain[i]! : none;
      }
      done(row);
    },
    async drain() {
      // exceljs's sheet stream pushes into the zip entry without waiting; the
      // entry's write buffer is where a fast producer's rows pile up.
      // (exceljs 4.4.0 internals: StreamBuf.pipes[0] is a readable-stream PassThrough.)
      type State = { length?: number };
      const pipe = (ws as unknown as { stream?: { pipes?: { _writableState?: State; _readableState?: State }[] } }).stream?.pipes?.[0];
      const backlog = () => (pipe?._writableState?.length ?? 0) + (pipe?._readableState?.length ?? 0);
      while (backlog() > 4 * 2 ** 20) {
        signal?.throwIfAborted();
        await new Promise((r) => setTimeout(r, 1));
      }
    },
    async commit() {
      if (streaming) await (ws as unknown as { commit(): Promise<void> }).commit();
    },
  };
}

export async function writeSheet(wb: AnyWorkbook, spec: SheetSpec, signal?: AbortSignal): Promise<void> {
  const w = startSheet(wb, spec.name, spec.columns, spec.title, signal);
  const totals = new Set(spec.totalRows ?? []);
  spec.rows.forEach((cells, i) => w.addRow(cells, { bold: totals.has(i), fill: spec.fills?.[i] }));
  await w.commit();
}
