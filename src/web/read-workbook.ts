// Reading a chosen workbook inside the worker: checks, then our own reader over
// an .xlsx file's bytes (src/xlsx/zip-bytes.ts; the CLI reads files the same way,
// from disk), SheetJS for .xls/.et/.ods (loaded only then) and our csv reader,
// then plain rows of cells for the workbook layer. Merged cells read as in
// Excel and the CLI: the value in the top-left cell, the rest empty.
import { csvSheet } from '../workbook/csv.js';
import { FileRefusedError } from '../workbook/file-kind.js';
import { readWithSheetJs } from '../workbook/sheetjs.js';
import type { RowIssue } from '../workbook/issues.js';
import type { SourceRow } from '../workbook/source.js';
import { sheetRows, workbookParts } from '../xlsx/read-workbook.js';
import { ZipBytes } from '../xlsx/zip-bytes.js';
import { ZipLimitError } from '../xlsx/zip-directory.js';
import { UserError } from '../pane/errors.js';
import { checkSize, checkUnpackedSize, checkWorkbookBytes, unreadable } from './file-check.js';
import { inflateRaw } from './inflate.js';

interface LoadedSheet {
  name: string;
  rows: SourceRow[];
  /** What the reader says about the sheet (a csv file's encoding). */
  notes?: readonly RowIssue[];
  kind?: 'chart';
}

export interface LoadedWorkbook {
  key: string;
  name: string;
  sheets: LoadedSheet[];
}

export const fileKey = (f: File) => `${f.name}|${f.size}|${f.lastModified}`;

export async function readWorkbook(file: File): Promise<LoadedWorkbook> {
  checkSize(file.name, file.size);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw new UserError({
      zh: `无法读取文件「${file.name}」（${(e as Error).message}）。文件可能已被移动或正被其他程序占用。`,
      en: `Cannot read the file "${file.name}" (${(e as Error).message}). It may have moved or be locked by another program.`,
    });
  }
  const readAs = checkWorkbookBytes(file.name, bytes);
  const unreadableFile = (e: unknown) =>
    e instanceof ZipLimitError
      ? new UserError(
          { zh: `无法读取工作簿「${file.name}」：${e.said.zh}`, en: `Cannot read the workbook "${file.name}": ${e.said.en}` },
          'refused',
        )
      : unreadable(file.name, e instanceof Error ? e.message : String(e));
  const sheets =
    readAs === 'xlsx' ? await readXlsx(file.name, bytes, unreadableFile) : await readOther(file.name, bytes, readAs, unreadableFile);
  if (sheets.length === 0)
    throw new UserError(
      { zh: `「${file.name}」中没有工作表，不是 Excel 工作簿。`, en: `"${file.name}" has no worksheets: it is not an Excel workbook.` },
      'notXlsx',
    );
  return { key: fileKey(file), name: file.name, sheets };
}

/** .xls, .et, .ods (SheetJS) and .csv, all rows at once. */
async function readOther(
  fileName: string,
  bytes: Uint8Array,
  readAs: 'sheetjs' | 'csv',
  unreadableFile: (e: unknown) => UserError,
): Promise<LoadedSheet[]> {
  try {
    if (readAs === 'csv') return [csvSheet(fileName, bytes)];
    return (await readWithSheetJs(fileName, bytes)).map((s) => ({ name: s.name, rows: [...s.rows] }));
  } catch (e) {
    if (e instanceof FileRefusedError) throw new UserError(e.said, 'refused');
    throw unreadableFile(e);
  }
}

async function readXlsx(fileName: string, bytes: Uint8Array, unreadableFile: (e: unknown) => UserError): Promise<LoadedSheet[]> {
  const zip = await ZipBytes.open(bytes, inflateRaw).catch((e: unknown) => {
    throw unreadableFile(e);
  });
  checkUnpackedSize(fileName, zip.unpackedSize());
  const sheets: LoadedSheet[] = [];
  try {
    const { sheets: parts, ctx } = await workbookParts(zip);
    for (const { name, part, kind } of parts) {
      const rows: SourceRow[] = [];
      for await (const batch of sheetRows(zip, part, ctx, kind)) for (const r of batch) rows.push(r);
      sheets.push({ name, rows, ...(kind ? { kind } : {}) });
    }
  } catch (e) {
    throw unreadableFile(e);
  }
  return sheets;
}
