// .xls (BIFF8), WPS .et and .ods through SheetJS (@e965/xlsx, the 0.20.3
// build on npm; why this library: docs/xlsx.md, "Other formats"). Loaded only
// when such a file is read, so the .xlsx path and the web page's first
// download do not carry it. Cells come out as our readers give them: numbers,
// text, booleans, Dates for numbers in date formats, { error } for error cells,
// cached results for formulas, merged cells' value in the top-left cell only.
import { dateFromSerial, isDateFormat, type Cell } from './cells.js';
import { FileRefusedError, fileVerdict } from './file-kind.js';
import type { SourceRow } from './source.js';

const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

interface SheetJsCell {
  t: 'b' | 'n' | 'e' | 's' | 'd' | 'z';
  v?: unknown;
  z?: string | number;
  w?: string;
  f?: string;
}

function cellOf(c: SheetJsCell | undefined, date1904: boolean): Cell {
  if (!c) return undefined;
  switch (c.t) {
    case 'n': {
      const v = c.v as number;
      // LibreOffice keeps a boolean as the formula TRUE() or FALSE() with a
      // number result in .ods; in Excel that formula's result is a boolean.
      if (c.f === 'TRUE()' || c.f === 'FALSE()') return v !== 0;
      return typeof c.z === 'string' && isDateFormat(c.z) ? dateFromSerial(v, date1904) : v;
    }
    case 's':
      return String(c.v ?? '');
    case 'b':
      return Boolean(c.v);
    case 'e':
      return { error: ERRORS[c.v as number] ?? c.w ?? '#VALUE!' };
    case 'd':
      return c.v instanceof Date ? c.v : new Date(String(c.v));
    default:
      return undefined;
  }
}

/** Every sheet of a workbook in a format SheetJS reads, as rows of our cells (each sheet's rows can be taken once). */
export async function readWithSheetJs(name: string, bytes: Uint8Array): Promise<{ name: string; rows: Iterable<SourceRow> }[]> {
  const XLSX = await import(/* webpackChunkName: "sheetjs" */ '@e965/xlsx');
  let wb;
  // SheetJS reports number formats it cannot convert on console.error; they are
  // no problem of the file's data, and the CLI's stderr is for our messages.
  const consoleError = console.error;
  console.error = () => {};
  try {
    // dense: rows as arrays (less memory for large sheets); cellNF: the number
    // formats, to tell dates as our .xlsx reader does; no HTML or formatted text.
    wb = XLSX.read(bytes, { type: 'array', dense: true, cellNF: true, cellHTML: false, cellText: false, cellDates: false });
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    // A password record inside the workbook stream (BIFF8 FILEPASS), which sniffing cannot see.
    // Matched on SheetJS's words for it: "Unsupported ZIP encryption" comes of any damaged OLE2 file.
    const refused = /password-protected|Unsupported ODS Encryption|ECMA-376 Encrypted/.test(message)
      ? fileVerdict(name, 'encrypted')
      : null;
    if (refused && !refused.ok) throw new FileRefusedError(refused.said);
    throw e;
  } finally {
    console.error = consoleError;
  }
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  return wb.SheetNames.map((sheet) => ({ name: sheet, rows: rowsOf((wb.Sheets[sheet]!['!data'] ?? []) as SheetJsRows, date1904) }));
}

type SheetJsRows = (SheetJsCell[] | undefined)[];

/** A sheet's rows, converted as they are taken (once), each SheetJS row let go once converted so a large sheet is not held twice. */
function* rowsOf(data: SheetJsRows, date1904: boolean): Generator<SourceRow> {
  for (let r = 0; r < data.length; r++) {
    const line = data[r];
    if (!line) continue;
    data[r] = undefined;
    const cells: Cell[] = [];
    let any = false;
    for (let c = 0; c < line.length; c++) {
      const cell = cellOf(line[c], date1904);
      if (cell !== undefined) any = true;
      cells[c] = cell;
    }
    if (any) yield { row: r + 1, cells };
  }
}
