// exceljs cell values -> the workbook layer's plain cells (the web page reads with exceljs).
import type ExcelJS from 'exceljs';
import type { Cell } from '../workbook/cells.js';

/** Flattens rich text, hyperlinks, formulas (their cached result) and errors to a plain value. */
export function fromExcelValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return fromExcelValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return fromExcelValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  if ('error' in v) return null;
  return String(v);
}
