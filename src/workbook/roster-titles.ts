// The title rows of a workbook's first roster sheet ("2025年度村级组织运转经费测算表"),
// found before the workbook is read for the calc: the year they name decides the
// Calculator (year-evidence.ts), which must exist before the first unit. The rows
// looked at are kept and handed over again, so a streamed file is read once.
import { createRosterReader } from './roster.js';
import type { SheetSource, SourceRow, WorkbookSource } from './source.js';

export interface SheetTitles {
  sheet: string;
  titles: string[];
}

/** Rows of sheets that are not rosters kept at most while looking further (a notes sheet before the rosters). */
const MAX_KEPT_ROWS = 5000;

type Rows = AsyncIterator<SourceRow> | Iterator<SourceRow>;

function iterate<T>(x: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in x ? x[Symbol.asyncIterator]() : x[Symbol.iterator]();
}

/** The kept rows, then the rest of the sheet from where the peek stopped; one call per row after the kept ones. */
function replay(kept: SourceRow[], rest: Rows | null): AsyncIterable<SourceRow> {
  let i = 0;
  return {
    [Symbol.asyncIterator]: () => ({
      next: async () => (i < kept.length ? { done: false, value: kept[i++]! } : rest ? rest.next() : { done: true, value: undefined }),
      return: async () => {
        await rest?.return?.();
        return { done: true, value: undefined };
      },
    }),
  };
}

/**
 * Reads the source's first sheets until one has a roster header, and returns that
 * sheet's title rows (null when no sheet has a header, or a sheet that is not a
 * roster is too long to keep) with the whole source, unread, to read again.
 */
export async function peekRosterTitles(source: WorkbookSource): Promise<{ titles: SheetTitles | null; source: WorkbookSource }> {
  const sheets = iterate(source);
  const seen: SheetSource[] = [];
  let titles: SheetTitles | null = null;
  let sheetsDone = false;
  let budget = MAX_KEPT_ROWS;
  for (;;) {
    const next = await sheets.next();
    if (next.done) {
      sheetsDone = true;
      break;
    }
    const sheet = next.value;
    const rows = iterate(sheet.rows);
    const kept: SourceRow[] = [];
    let rowsDone = false;
    const reader = createRosterReader(sheet.name, { kind: sheet.kind });
    while (reader.header === undefined) {
      const r = await rows.next();
      if (r.done) {
        rowsDone = true;
        reader.finish();
        break;
      }
      kept.push(r.value);
      reader.push(r.value.row, r.value.cells);
    }
    if (reader.header) {
      titles = { sheet: sheet.name, titles: reader.titles };
      seen.push({ ...sheet, rows: replay(kept, rowsDone ? null : rows) });
      break;
    }
    // Not a roster: keep the rest of it, within bounds, to look at the next sheet.
    while (!rowsDone && kept.length < budget) {
      const r = await rows.next();
      if (r.done) rowsDone = true;
      else kept.push(r.value);
    }
    seen.push({ ...sheet, rows: replay(kept, rowsDone ? null : rows) });
    if (!rowsDone) break;
    budget -= kept.length;
  }
  const again: AsyncIterable<SheetSource> = {
    [Symbol.asyncIterator]: () => {
      let i = 0;
      return {
        next: async () => {
          if (i < seen.length) return { done: false, value: seen[i++]! };
          return sheetsDone ? { done: true, value: undefined } : sheets.next();
        },
        return: async () => {
          await sheets.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { titles, source: again };
}
