// SheetSpec -> exceljs worksheet. Works for the in-memory Workbook (browser)
// and the streaming WorkbookWriter (CLI): both have addWorksheet/addRow.
import type ExcelJS from 'exceljs';
import { NUMBER_FORMATS, headerRowNumber, type ColumnSpec, type OutCell, type SheetSpec } from '../workbook/sheet-spec.js';

type AnyWorkbook = Pick<ExcelJS.Workbook, 'addWorksheet'>;
type Row = ExcelJS.Row & { commit?: () => void };

export interface SheetWriter {
  addRow(cells: OutCell[], opts?: { bold?: boolean; fill?: { column: number; argb: string } }): void;
  /** Streaming writers flush rows here; in-memory ones need nothing. */
  commit(): Promise<void>;
}

export function startSheet(wb: AnyWorkbook, name: string, columns: ColumnSpec[], title?: string): SheetWriter {
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
  return {
    addRow(cells, opts) {
      // Strings go in as strings: exceljs never turns "=..." text into a formula.
      const row = ws.addRow(cells) as Row;
      for (let i = 0; i < cells.length; i++) {
        const fmt = formats[i];
        if (fmt && typeof cells[i] === 'number') row.getCell(i + 1).numFmt = fmt;
      }
      if (opts?.bold) row.font = { bold: true };
      if (opts?.fill) row.getCell(opts.fill.column + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: opts.fill.argb } };
      done(row);
    },
    async commit() {
      if (streaming) await (ws as unknown as { commit(): Promise<void> }).commit();
    },
  };
}

export async function writeSheet(wb: AnyWorkbook, spec: SheetSpec): Promise<void> {
  const w = startSheet(wb, spec.name, spec.columns, spec.title);
  const totals = new Set(spec.totalRows ?? []);
  spec.rows.forEach((cells, i) => w.addRow(cells, { bold: totals.has(i), fill: spec.fills?.[i] }));
  await w.commit();
}
