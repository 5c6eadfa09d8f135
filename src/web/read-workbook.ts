// Reading a chosen .xlsx inside the worker: checks, then our own reader over
// the file's bytes (src/xlsx/zip-bytes.ts; the CLI reads files the same way,
// from disk), then plain rows of cells for the workbook layer. Merged cells
// read as in Excel and the CLI: the value in the top-left cell, the rest empty.
import type { SourceRow } from '../workbook/source.js';
import { sheetRows, workbookParts } from '../xlsx/read-workbook.js';
import { ZipBytes } from '../xlsx/zip-bytes.js';
import { UserError } from '../ui/host.js';
import { checkSize, checkUnpackedSize, checkWorkbookBytes, unreadable } from './file-check.js';
import { inflateRaw } from './inflate.js';

export interface LoadedSheet {
  name: string;
  rows: SourceRow[];
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
  checkWorkbookBytes(file.name, bytes);
  const unreadableFile = (e: unknown) => unreadable(file.name, e instanceof Error ? e.message : String(e));
  const zip = await ZipBytes.open(bytes, inflateRaw).catch((e: unknown) => {
    throw unreadableFile(e);
  });
  checkUnpackedSize(file.name, zip.unpackedSize());
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
  if (sheets.length === 0)
    throw new UserError(
      { zh: `「${file.name}」中没有工作表，不是 Excel 工作簿。`, en: `"${file.name}" has no worksheets: it is not an Excel workbook.` },
      'notXlsx',
    );
  return { key: fileKey(file), name: file.name, sheets };
}
