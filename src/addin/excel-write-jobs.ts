/// <reference types="office-js" />
// The pieces of a report write through Office.js (excel-write.ts packs them
// into syncs): a sheet's set-up, its values in 2-D blocks, its decorations
// (bold totals, fills, hyperlinks, the chart). Each estimates its request size
// and, where it can, splits in halves after a payload error.
import { columnLetter } from '../workbook/cells.js';
import { utf8Length } from '../workbook/utf8-buffer.js';
import { NUMBER_FORMATS, headerRowNumber, type SheetSpec } from '../workbook/sheet-spec.js';
import { HEADER_FILL, PAGE_FOOTER, REPORT_MARK, excelValue, fillRuns, printPlan, sourceLinks, valueBlock } from '../pane/report-layout.js';

/** Excel column width in points for a width in characters (Calibri 11: 7 px a character + 5 px padding). */
export function columnPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** One piece of the write, queued into some sync. */
export interface Job {
  /** Estimated request bytes. */
  bytes: number;
  queue(context: Excel.RequestContext): void;
  /** Pieces of at most `rows` items, when the job can be split. */
  split?(rows: number): Job[] | null;
  /** Data rows this job writes, for progress. */
  progress?: { sheet: number; rows: number };
}

export interface Target {
  spec: SheetSpec;
  index: number;
  name: string;
  replace: boolean;
  renamed: boolean;
  /** Charts on the sheet being replaced, to delete. */
  charts: string[];
  hasProperty: boolean;
  hasName: boolean;
}

export const OP = 160; // bytes a command costs besides its data (object path, names)

export function sheetOf(context: Excel.RequestContext, t: Target): Excel.Worksheet {
  return context.workbook.worksheets.getItem(t.name);
}

export function setupJob(t: Target, useProperties: boolean, pageLayout: boolean): Job {
  const { spec } = t;
  const ncols = spec.columns.length;
  const header0 = headerRowNumber(spec) - 1;
  const data0 = header0 + 1;
  const n = spec.rows.length;
  const headers = spec.columns.map((c) => excelValue(c.header));
  const plan = printPlan(spec);
  const bytes =
    OP * (14 + 4 * ncols) + utf8Length(JSON.stringify(headers)) + utf8Length(spec.title ?? '') + utf8Length(spec.subtitle ?? '');
  return {
    bytes,
    queue(context) {
      const ws = t.replace ? sheetOf(context, t) : context.workbook.worksheets.add(t.name);
      if (t.replace) {
        ws.getRange().clear('All');
        for (const chart of t.charts) ws.charts.getItem(chart).delete();
      }
      if (useProperties && !t.hasProperty) ws.customProperties.add(REPORT_MARK.property, REPORT_MARK.value);
      if (!t.hasName) ws.names.add(REPORT_MARK.name, `="${REPORT_MARK.value}"`, 'village-funds report sheet').visible = false;
      // A hidden column is one 0 wide (Range.columnHidden needs the whole column; this is one call).
      spec.columns.forEach(
        (c, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = plan.hidden.includes(i) ? 0 : columnPoints(c.width)),
      );
      // Wrapped text: Excel grows the rows to it (no row here has a set height).
      if (n > 0) for (const i of plan.wrapped) ws.getRangeByIndexes(data0, i, n, 1).format.wrapText = true;
      if (n > 0) {
        spec.columns.forEach((c, i) => {
          if (c.kind !== 'text') ws.getRangeByIndexes(data0, i, n, 1).numberFormat = [[NUMBER_FORMATS[c.kind]]];
        });
      }
      if (spec.title) {
        const title = ws.getRangeByIndexes(0, 0, 1, 1);
        title.values = [[excelValue(spec.title)]];
        title.format.font.bold = true;
        if (spec.subtitle) ws.getRangeByIndexes(1, 0, 1, 1).values = [[excelValue(spec.subtitle)]];
      }
      const header = ws.getRangeByIndexes(header0, 0, 1, ncols);
      header.values = [headers];
      header.format.font.bold = true;
      header.format.fill.color = HEADER_FILL;
      header.format.wrapText = true;
      ws.freezePanes.freezeRows(header0 + 1);
      if (pageLayout) {
        ws.pageLayout.orientation = plan.landscape ? 'Landscape' : 'Portrait';
        ws.pageLayout.paperSize = 'A4';
        ws.pageLayout.zoom = plan.pagesTall ? { horizontalFitToPages: 1, verticalFitToPages: 1 } : { horizontalFitToPages: 1 };
        ws.pageLayout.setPrintTitleRows(`$1:$${plan.titleRows}`);
        ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = PAGE_FOOTER;
      }
    },
  };
}

export function valuesJob(t: Target, from: number, count: number): Job {
  const { spec } = t;
  const ncols = spec.columns.length;
  const data0 = headerRowNumber(spec);
  const block = valueBlock(spec, from, count);
  return {
    bytes: OP + utf8Length(JSON.stringify(block)),
    progress: { sheet: t.index, rows: count },
    queue(context) {
      sheetOf(context, t).getRangeByIndexes(data0 + from, 0, count, ncols).values = block;
    },
    split(rows) {
      if (count <= 1) return null;
      const size = Math.max(1, Math.min(rows, Math.ceil(count / 2)));
      const parts: Job[] = [];
      for (let i = 0; i < count; i += size) parts.push(valuesJob(t, from + i, Math.min(size, count - i)));
      return parts;
    },
  };
}

/** Jobs over a list of per-row commands (links, fills), split like value blocks. */
function listJob<T>(
  items: T[],
  cost: (item: T) => number,
  queue: (context: Excel.RequestContext, ws: Excel.Worksheet, item: T) => void,
  t: Target,
): Job {
  return {
    bytes: OP + items.reduce((s, i) => s + cost(i), 0),
    queue(context) {
      const ws = sheetOf(context, t);
      for (const item of items) queue(context, ws, item);
    },
    split(rows) {
      if (items.length <= 1) return null;
      const size = Math.max(1, Math.min(rows, Math.ceil(items.length / 2)));
      const parts: Job[] = [];
      for (let i = 0; i < items.length; i += size) parts.push(listJob(items.slice(i, i + size), cost, queue, t));
      return parts;
    },
  };
}

export function decorationJobs(t: Target, chunk: number): Job[] {
  const { spec } = t;
  const ncols = spec.columns.length;
  const data0 = headerRowNumber(spec);
  const jobs: Job[] = [];
  const chunked = <T>(items: T[], make: (part: T[]) => Job) => {
    for (let i = 0; i < items.length; i += chunk) jobs.push(make(items.slice(i, i + chunk)));
  };

  const totals = (spec.totalRows ?? []).filter((r) => r >= 0 && r < spec.rows.length);
  chunked(totals, (part) =>
    listJob(
      part,
      () => OP,
      (_c, ws, r) => (ws.getRangeByIndexes(data0 + r, 0, 1, ncols).format.font.bold = true),
      t,
    ),
  );

  // Fills: runs of consecutive rows with the same column and colour become one range.
  const runs = fillRuns(spec);
  chunked(runs, (part) =>
    listJob(
      part,
      () => OP,
      (_c, ws, run) => (ws.getRangeByIndexes(data0 + run.row, run.column, run.count, 1).format.fill.color = run.color),
      t,
    ),
  );

  // Hyperlinks to the source cells, all queued, none synced per row.
  if (spec.links) {
    const { column } = spec.links;
    const links = sourceLinks(spec);
    chunked(links, (part) =>
      listJob(
        part,
        (l) => OP + utf8Length(l.target) + utf8Length(l.text),
        (_c, ws, l) =>
          (ws.getRangeByIndexes(data0 + l.row, column, 1, 1).hyperlink = { documentReference: l.target, textToDisplay: l.text }),
        t,
      ),
    );
  }

  const chart = spec.chart;
  if (chart && chart.to > chart.from && chart.seriesColumns.length > 0) {
    const first = Math.min(...chart.seriesColumns);
    const last = Math.max(...chart.seriesColumns);
    jobs.push({
      bytes: OP * 6 + utf8Length(chart.title),
      queue(context) {
        const ws = sheetOf(context, t);
        // Series in adjacent columns; with the header row when the chart starts at the first data row, so series get their names.
        const withHeader = chart.from === 0;
        const top = data0 + chart.from - (withHeader ? 1 : 0);
        const source = ws.getRangeByIndexes(top, first, chart.to - chart.from + (withHeader ? 1 : 0), last - first + 1);
        const c = ws.charts.add('ColumnClustered', source, 'Columns');
        c.title.text = chart.title;
        c.axes.categoryAxis.setCategoryNames(ws.getRangeByIndexes(data0 + chart.from, chart.categoryColumn, chart.to - chart.from, 1));
        const left = columnLetter(ncols + 1);
        const right = columnLetter(ncols + 10);
        c.setPosition(`${left}${data0}`, `${right}${data0 + 20}`);
      },
    });
  }
  return jobs;
}
