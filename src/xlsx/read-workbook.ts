// A workbook package as sheets of rows, host-independent: the package's parts
// come from a file (src/node/zip-read.ts) or from memory (zip-bytes.ts).
import type { SourceRow } from '../workbook/source.js';
import { dateStyles, relationships, relsPathOf, sharedStringsReader, workbookInfo } from './read-parts.js';
import { SheetRowReader, type SheetContext } from './read-sheet.js';

/** A package's parts, each read as text in pieces. */
export interface PackageParts {
  has(name: string): boolean;
  text(name: string): AsyncIterable<string>;
}

export interface WorkbookParts {
  /** Worksheets and chart sheets in tab order, with the part that holds each; a chart sheet has no rows to read. */
  sheets: { name: string; part: string; kind?: 'chart' }[];
  ctx: SheetContext;
}

async function wholeText(pkg: PackageParts, name: string): Promise<string> {
  let s = '';
  for await (const t of pkg.text(name)) s += t;
  return s;
}

/** Where the sheets are, in tab order, and what reading their cells needs. */
export async function workbookParts(pkg: PackageParts): Promise<WorkbookParts> {
  const relsOf = async (part: string) => {
    const p = relsPathOf(part);
    return [...(pkg.has(p) ? relationships(await wholeText(pkg, p), part) : new Map()).entries()];
  };
  const book = (await relsOf('')).find(([, r]) => r.type.endsWith('/officeDocument'))?.[1].part ?? 'xl/workbook.xml';
  if (!pkg.has(book)) throw new Error('not a workbook: the package has no workbook part');
  const info = workbookInfo(await wholeText(pkg, book));
  const rels = await relsOf(book);
  const part = (type: string) => rels.find(([, r]) => r.type.endsWith(`/${type}`) && pkg.has(r.part))?.[1].part;
  const ctx: SheetContext = { sharedStrings: [], dateStyles: [], date1904: info.date1904 };
  const sst = part('sharedStrings');
  if (sst) {
    const reader = sharedStringsReader();
    for await (const text of pkg.text(sst)) reader.push(text);
    ctx.sharedStrings = reader.finish();
  }
  const styles = part('styles');
  if (styles) ctx.dateStyles = dateStyles(await wholeText(pkg, styles));
  const byId = new Map(rels);
  const sheets = info.sheets.flatMap(({ name, rid }): WorkbookParts['sheets'] => {
    const r = byId.get(rid);
    // Chart sheets have no cells, but are listed, so a workbook of charts is not taken for an empty one.
    if (r?.type.endsWith('/chartsheet')) return [{ name, part: r.part, kind: 'chart' }];
    // Dialog and macro sheets are left out.
    return r && r.type.endsWith('/worksheet') && pkg.has(r.part) ? [{ name, part: r.part }] : [];
  });
  return { sheets, ctx };
}

/** One sheet's rows in batches, each batch the rows of a piece of the part as it arrives. */
export async function* sheetRows(pkg: PackageParts, part: string, ctx: SheetContext, kind?: 'chart'): AsyncGenerator<SourceRow[]> {
  if (kind === 'chart') return;
  const reader = new SheetRowReader(ctx);
  for await (const text of pkg.text(part)) yield reader.push(text);
  yield reader.finish();
}
