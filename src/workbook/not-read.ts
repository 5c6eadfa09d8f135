// Why a sheet was not read as a roster (or a ledger), and the error when no sheet
// of a workbook was: a wrong file must never look like a successful zero.
import { SaidError, type Said } from '../engine/said.js';
import { type Cell, isBlankCell } from './cells.js';
import type { HeaderBlock } from './headers.js';
import type { RowIssue } from './issues.js';

/** What a host knows of a sheet beyond its rows: a chart sheet has no cells. */
export type SheetKind = 'worksheet' | 'chart';

export type NotReadWhy =
  | { kind: 'empty' }
  | { kind: 'chart' }
  /** nearest: the row that named the most columns, and the required ones it lacks. */
  | { kind: 'noHeader'; maxRows: number; nearest: { row: number; found: Said[]; missing: Said[] } | null };

/** Tracks, for a sheet without a header, whether it held anything at all. */
export class ContentSeen {
  any = false;
  see(cells: readonly Cell[]): void {
    if (!this.any && cells.some((c) => !isBlankCell(c))) this.any = true;
  }
}

/** The reason from what a header scan saw; `labels` names each field, `missingOf` lists what the nearest row lacks. */
export function notReadWhy<F extends string>(
  kind: SheetKind | undefined,
  seen: ContentSeen,
  maxRows: number,
  nearest: HeaderBlock<F> | null,
  rowNumber: (index: number) => number,
  labels: Record<F, Said>,
  missingOf: (b: HeaderBlock<F>) => Said[],
): NotReadWhy {
  if (kind === 'chart') return { kind: 'chart' };
  if (!seen.any) return { kind: 'empty' };
  if (!nearest) return { kind: 'noHeader', maxRows, nearest: null };
  const found = (Object.keys(nearest.matches) as F[])
    .sort((a, b) => nearest.matches[a]!.col - nearest.matches[b]!.col)
    .map((f) => labels[f]);
  return { kind: 'noHeader', maxRows, nearest: { row: rowNumber(nearest.top), found, missing: missingOf(nearest) } };
}

/** The words for a reason; `what` names the header sought ({zh:'花名册', en:'roster'}), `needs` its columns. */
export function notReadText(why: NotReadWhy, what: Said, needs: Said): Said {
  switch (why.kind) {
    case 'empty':
      return { zh: '空表，没有任何内容，本表未读取', en: 'the sheet is empty; not read' };
    case 'chart':
      return { zh: '图表工作表，没有单元格，本表未读取', en: 'a chart sheet, which has no cells; not read' };
    case 'noHeader': {
      const head = {
        zh: `前${why.maxRows}行中未找到${what.zh}表头（${needs.zh}）`,
        en: `no ${what.en} header in the first ${why.maxRows} rows (${needs.en})`,
      };
      const n = why.nearest;
      if (!n) return { zh: `${head.zh}，本表未读取`, en: `${head.en}; sheet not read` };
      const near = {
        zh: `${head.zh}，最接近的是第${n.row}行（有${n.found.map((f) => f.zh).join('、')}）`,
        en: `${head.en}; the nearest is row ${n.row} (with ${n.found.map((f) => f.en).join(', ')})`,
      };
      if (n.missing.length === 0)
        return { zh: `${near.zh}，可识别的列太少，本表未读取`, en: `${near.en}, too few columns recognised; sheet not read` };
      const zhMissing = n.missing.map((m) => `「${m.zh}」`).join('');
      const enMissing = n.missing.map((m) => `"${m.en}"`).join(', ');
      return {
        zh: `${near.zh}，缺少${zhMissing}列，本表未读取`,
        en: `${near.en}, which lacks the ${enMissing} column${n.missing.length > 1 ? 's' : ''}; sheet not read`,
      };
    }
  }
}

/**
 * No sheet of a workbook could be read (as a roster, or as a ledger): thrown instead
 * of a result, so nothing is written; `said` names each sheet and why, on one line.
 */
export class NoSheetReadError extends SaidError {
  constructor(what: Said, notes: readonly RowIssue[]) {
    const zh = notes.map((i) => i.message.zh).join('；');
    const en = notes.map((i) => i.message.en).join('; ');
    super({
      zh: `工作簿中没有${what.zh}` + (notes.length ? `：${zh}` : '：没有工作表'),
      en: `no ${what.en} in the workbook` + (notes.length ? `: ${en}` : ': it has no sheets'),
    });
  }
}
