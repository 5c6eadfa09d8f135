// A worksheet of the open workbook as the task panes read it, whatever the
// application (Excel through Office.js, WPS 表格 through ET): its used range's
// values as the workbook layer's cells, where the range starts, and whether it
// is one of this tool's reports. Both adapters fill the same SheetGrid.
import { dateFromSerial, isDateFormat, type Cell } from '../workbook/cells.js';
import { gridSource, type SheetSource } from '../workbook/source.js';

export interface SheetGrid {
  name: string;
  /** Excel row number (1-based) of values[0]. */
  firstRow: number;
  /** 0-based column index (0 = column A) of values[r][0]. */
  firstColumn: number;
  /** The used range's values (its first maxRows rows when that option is given): null for empty cells, a CellError for error values (#N/A …). */
  values: Cell[][];
  /** Rows of the used range (values.length unless the values were not read). */
  rowCount: number;
  columnCount: number;
  /** The sheet is hidden or very hidden. */
  hidden: boolean;
  /** A report this tool wrote (marked). Its values are not read unless includeReports. */
  report: boolean;
}

const ERROR_VALUE =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|BUSY!|CONNECT!|PYTHON!)$/;

/**
 * A value as the workbook layer takes it: an error (#N/A …) becomes a CellError,
 * told by `type` (Office.js's valueTypes entry) or, from a host without types
 * (WPS), by its text; numbers in a date format become Dates.
 */
export function toCell(v: unknown, format: string | undefined, type?: string): Cell {
  if (v === '' || v === null || v === undefined) return null;
  if (type === 'Error' || (type === undefined && typeof v === 'string' && ERROR_VALUE.test(v))) return { error: String(v) };
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return format !== undefined && isDateFormat(format) ? dateFromSerial(v) : v;
  if (typeof v === 'boolean') return v;
  return String(v);
}

/** A grid as the workbook layer's sheet source: cells padded so index 0 is column A, rows numbered as in Excel. */
export function toSheetSource(grid: Pick<SheetGrid, 'name' | 'firstRow' | 'firstColumn' | 'values'>): SheetSource {
  const pad = grid.firstColumn;
  const rows = pad === 0 ? grid.values : grid.values.map((row) => [...(new Array(pad).fill(null) as Cell[]), ...row]);
  return gridSource(grid.name, rows, grid.firstRow);
}
