// Problems found while reading a sheet, in both languages, each naming where it is
// (sheet, Excel row, column letter, header text) so an officer can go straight to the cell.
import type { Said } from '../engine/said.js';
import { type Cell, type CellError, columnLetter, isCellError, normalizeText, numberText } from './cells.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RowIssue {
  sheet: string;
  /** Excel row number (1-based); null for a sheet-level issue. */
  row: number | null;
  /** Excel column letter ('D'); null when the issue is about a whole row or sheet. */
  column: string | null;
  severity: Severity;
  code: string;
  message: Said;
}

export interface IssuePlace {
  sheet: string;
  row: number | null;
  /** 0-based column index, or null. */
  column: number | null;
  /** The column's header text, shown after the column letter. */
  header?: string;
}

export function makeIssue(place: IssuePlace, severity: Severity, code: string, zh: string, en: string): RowIssue {
  const letter = place.column === null ? null : columnLetter(place.column);
  let zhPrefix = `工作表「${place.sheet}」`;
  let enPrefix = `Sheet "${place.sheet}"`;
  if (place.row !== null) {
    zhPrefix += `第${place.row}行`;
    enPrefix += `, row ${place.row}`;
  }
  if (letter !== null) {
    zhPrefix += `${letter}列`;
    enPrefix += `, column ${letter}`;
  }
  if (place.header) {
    zhPrefix += `「${place.header}」`;
    enPrefix += ` (${place.header})`;
  }
  return {
    sheet: place.sheet,
    row: place.row,
    column: letter,
    severity,
    code,
    message: { zh: `${zhPrefix}：${zh}`, en: `${enPrefix}: ${en}` },
  };
}

/** A cell holding an error value (#N/A, #DIV/0! …): never read as blank or as text. Code ERROR_VALUE. */
export function errorValueIssue(place: IssuePlace, cell: CellError, severity: Severity): RowIssue {
  return makeIssue(place, severity, 'ERROR_VALUE', `单元格为错误值 ${cell.error}`, `the cell holds the error value ${cell.error}`);
}

/** A cell's value as the officer typed it (trimmed, shortened), for quoting in a message. */
export function shownValue(cell: Cell): string {
  let s: string;
  if (typeof cell === 'number') s = numberText(cell);
  else if (typeof cell === 'string') s = cell.replace(/\s+/g, ' ').trim();
  else if (cell instanceof Date) s = Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  else if (isCellError(cell)) s = cell.error;
  else s = cell === null || cell === undefined ? '' : String(cell);
  if (normalizeText(s) === '') return '';
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
