// The compatibility corpus (tests/corpus): its manifest, each file read by our
// two reading paths (the CLI's file reader, src/node; the web page's reader of
// a file in memory, src/web/read-workbook.ts) and by exceljs as the reference,
// and the cell-by-cell differences between them.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readInThread } from '../../src/node/read-xlsx.js';
import { readWorkbook } from '../../src/web/read-workbook.js';
import { type Cell, columnLetter, isCellError } from '../../src/workbook/cells.js';

export const CORPUS = path.resolve(import.meta.dirname, '../corpus');

export interface KnownDifference {
  /** Cells as Sheet!A1, or Sheet!* for every cell of a sheet. */
  cells: string[];
  /** When set, only differences where the two readings are these (as `typed` shows them: "number 0", "empty"). */
  ours?: string;
  exceljs?: string;
  reason: string;
}

export interface CorpusEntry {
  file: string;
  source: { repository: string; path: string; commit: string } | { made: string };
  licence: string;
  producer: string;
  exercises: string;
  /** Set when exceljs cannot read the file: what it says, and why. */
  reference?: { unreadable: string };
  /** Set when our readers refuse the file (encrypted, not a workbook, damaged): why. */
  refused?: string;
  differences?: KnownDifference[];
}

export function manifest(): CorpusEntry[] {
  return (JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { files: CorpusEntry[] }).files;
}

/** Every cell of every sheet, by Sheet!A1; empty cells left out. */
export type CellMap = Map<string, Cell>;

function put(out: CellMap, sheet: string, row: number, col: number, value: Cell) {
  if (value !== null && value !== undefined && value !== '') out.set(`${sheet}!${columnLetter(col)}${row}`, value);
}

/** Our reader on a file on disk, as the CLI reads it. */
export async function readNode(file: string): Promise<CellMap> {
  const out: CellMap = new Map();
  for await (const s of readInThread(file).sheets) for await (const r of s.rows) r.cells.forEach((c, i) => put(out, s.name, r.row, i, c));
  return out;
}

/** Our reader on the file's bytes, as the web page reads a chosen file. */
export async function readWeb(file: string): Promise<CellMap> {
  const out: CellMap = new Map();
  const book = await readWorkbook(new File([readFileSync(file)], path.basename(file)));
  for (const s of book.sheets) for (const r of s.rows) r.cells.forEach((c, i) => put(out, s.name, r.row, i, c));
  return out;
}

/** An exceljs cell value in the shape our readers give: formulas by their cached result, rich text as its text. */
function fromExceljs(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('error' in v) return { error: v.error };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return fromExceljs((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in v) return fromExceljs(v.text as ExcelJS.CellValue);
  return null;
}

/** exceljs's reading of the file; merged cells other than the top-left one are empty, as in Excel and our readers. */
export async function readReference(file: string): Promise<CellMap> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: CellMap = new Map();
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) return;
        put(out, ws.name, r, c - 1, fromExceljs(cell.value));
      }),
    ),
  );
  return out;
}

/** A cell as compared and shown: its type and value. */
export function typed(c: Cell): string {
  if (c === null || c === undefined) return 'empty';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? 'date invalid' : `date ${c.toISOString()}`;
  if (isCellError(c)) return `error ${c.error}`;
  return `${typeof c} ${JSON.stringify(c)}`;
}

/** Every cell where the two readings differ, by Sheet!A1, with both values. */
export function differences(ours: CellMap, theirs: CellMap): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    const a = typed(ours.get(key));
    const b = typed(theirs.get(key));
    if (a !== b) out.set(key, `ours ${a}, exceljs ${b}`);
  }
  return out;
}

/** Differences the manifest does not explain, and manifest entries that no longer match any difference. */
export function unexplained(found: Map<string, string>, known: KnownDifference[] = []) {
  const covers = (k: KnownDifference, pattern: string, [key, values]: [string, string]) =>
    (pattern.endsWith('!*') ? key.startsWith(pattern.slice(0, -1)) : pattern === key) &&
    (k.ours === undefined || values === `ours ${k.ours}, exceljs ${k.exceljs}`);
  const extra = [...found].filter((d) => !known.some((k) => k.cells.some((p) => covers(k, p, d))));
  const stale = known.flatMap((k) => k.cells.filter((p) => ![...found].some((d) => covers(k, p, d))));
  return { extra: extra.map(([k, v]) => `${k}: ${v}`), stale };
}
