/// <reference types="office-js" />
// Writing report sheets into the open workbook through Office.js (with
// excel-read.ts, the only place besides the task pane's Excel host that talks
// to Excel), with few round trips: 1 sync for the sheet names, 1 for the marks
// and charts of sheets that carry a report name (skipped when there are none),
// then every command packed into syncs of at most `maxRequestBytes` (3 MB
// estimated, below Office's 5 MB request limit): sheets added or cleared,
// widths, number formats, frozen header, values as 2D blocks of 5,000 rows
// (halved on a payload error), hyperlinks, fills and the chart. Calculation and
// screen updating are suspended in every write sync. No sync ever runs inside a
// per-row loop.
//
// Decisions (see docs/addin.md; the layout both panes share is
// src/pane/report-layout.ts):
// - Report sheets are marked twice: a worksheet custom property VillageFunds=report
//   (ExcelApi 1.12) and a hidden worksheet-scoped name VillageFundsReport (ExcelApi
//   1.4, so Excel 2019 is covered too). A sheet with either mark is ours.
// - Ours are replaced in place (cleared and rewritten, charts deleted), so the
//   sheet keeps its place and formulas elsewhere that point into it keep working.
//   A user's sheet with a report name is never touched: the report goes to
//   "name(2)" (or the next free/ours number) and the result says so.
import { SaidError } from '../engine/said.js';
import type { SheetSpec } from '../workbook/sheet-spec.js';
import { isVariantOf, reportNames } from '../pane/report-layout.js';
import { defaultRequirements, isPayloadTooLarge, marks, probeMarks, type Requirements } from './excel-support.js';
import { OP, decorationJobs, setupJob, sheetOf, valuesJob, type Job, type Target } from './excel-write-jobs.js';

export interface WriteProgress {
  /** The sheet being written. */
  sheet: string;
  rowsWritten: number;
  rowsTotal: number;
  /** Data rows written over all sheets, and their total. */
  done: number;
  total: number;
  syncs: number;
}

export interface WriteOptions {
  signal?: AbortSignal;
  onProgress?: (p: WriteProgress) => void;
  /** Rows per values block to start with (default 5,000); halved on a payload error. */
  blockRows?: number;
  /** Estimated bytes one sync may carry (default 3,000,000; Office refuses requests over 5 MB). */
  maxRequestBytes?: number;
  requirements?: Requirements;
  /** Activate the first written sheet at the end (default true). */
  activate?: boolean;
}

export interface WrittenSheet {
  /** The name the spec asked for. */
  spec: string;
  /** The sheet written. */
  name: string;
  /** An earlier report sheet was cleared and rewritten. */
  replaced: boolean;
  /** A user's sheet has the spec's name, so the report went to another name. */
  renamed: boolean;
}

export interface WriteResult {
  sheets: WrittenSheet[];
  /** context.sync() calls made. */
  syncs: number;
  /** Block size at the end (smaller than at the start after payload errors). */
  blockRows: number;
}

/**
 * Writes report sheets (SheetSpec, as the CLI writes them) into the open workbook.
 * Only sheets this add-in made are replaced; a user's sheet with a report name is
 * left alone and the report goes to "name(2)". See the top of this file.
 */
export async function writeReport(
  context: Excel.RequestContext,
  specs: readonly SheetSpec[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const req = options.requirements ?? defaultRequirements();
  const useProperties = req.isSetSupported('ExcelApi', '1.12');
  // ExcelApi 1.9: screen updating paused while writing; print settings (page layout).
  const screen = req.isSetSupported('ExcelApi', '1.9');
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };

  // 1. Which sheets exist.
  const collection = context.workbook.worksheets;
  collection.load('items/name');
  await sync();
  options.signal?.throwIfAborted();
  const existing = collection.items;

  // 2. Of those with a report name (or a numbered variant), which are ours.
  const candidates = existing.filter((ws) => specs.some((s) => isVariantOf(ws.name, s.name)));
  const ours = new Map<string, { charts: string[]; hasProperty: boolean; hasName: boolean }>();
  if (candidates.length) {
    const probes = candidates.map((ws) => {
      const charts = ws.charts;
      charts.load('items/name');
      return { ws, charts, marks: probeMarks(ws, useProperties) };
    });
    await sync();
    options.signal?.throwIfAborted();
    for (const p of probes) {
      const m = marks(p.marks);
      if (m.property || m.name)
        ours.set(p.ws.name.toLowerCase(), { charts: p.charts.items.map((c) => c.name), hasProperty: m.property, hasName: m.name });
    }
  }

  // 3. A name for each report.
  const names = reportNames(
    specs,
    existing.map((ws) => ws.name),
    new Set(ours.keys()),
  );
  const targets: Target[] = specs.map((spec, index) => {
    const mine = ours.get(names[index]!.name.toLowerCase());
    return {
      spec,
      index,
      ...names[index]!,
      charts: mine?.charts ?? [],
      hasProperty: mine?.hasProperty ?? false,
      hasName: mine?.hasName ?? false,
    };
  });

  // 4. Everything else, packed into syncs under the request budget.
  let blockRows = Math.max(1, Math.floor(options.blockRows ?? 5000));
  let budget = Math.max(1, options.maxRequestBytes ?? 3_000_000);
  const jobs: Job[] = [];
  for (const t of targets) {
    jobs.push(setupJob(t, useProperties, screen));
    for (let i = 0; i < t.spec.rows.length; i += blockRows) jobs.push(valuesJob(t, i, Math.min(blockRows, t.spec.rows.length - i)));
  }
  for (const t of targets) jobs.push(...decorationJobs(t, 1000));
  if (options.activate !== false && targets.length) {
    const first = targets[0]!;
    jobs.push({ bytes: OP, queue: (context) => sheetOf(context, first).activate() });
  }

  const written = targets.map(() => 0);
  const total = specs.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  while (jobs.length) {
    options.signal?.throwIfAborted();
    const batch: Job[] = [];
    let bytes = 0;
    while (jobs.length) {
      const job = jobs[0]!;
      if (job.bytes > budget && job.split) {
        const parts = job.split(blockRows);
        if (parts && parts.length > 1) {
          jobs.splice(0, 1, ...parts);
          continue;
        }
      }
      if (batch.length && bytes + job.bytes > budget) break;
      batch.push(jobs.shift()!);
      bytes += job.bytes;
    }
    context.workbook.application.suspendApiCalculationUntilNextSync();
    if (screen) context.workbook.application.suspendScreenUpdatingUntilNextSync();
    for (const job of batch) job.queue(context);
    try {
      await sync();
    } catch (e) {
      if (!isPayloadTooLarge(e)) throw e;
      // Nothing of a refused request was applied: send the same work in halves.
      const half = Math.max(1, Math.floor(blockRows / 2));
      const parts = batch.flatMap((job) => job.split?.(half) ?? [job]);
      if (parts.length === batch.length && batch.length === 1) {
        throw new SaidError(
          {
            zh: '写入的数据超过 Excel 单次请求的大小限制，且已无法再拆分',
            en: "A write exceeds Excel's request size limit and cannot be split further",
          },
          { cause: e },
        );
      }
      blockRows = half;
      budget = Math.max(1, Math.floor(Math.min(budget, bytes) / 2));
      jobs.unshift(...parts);
      continue;
    }
    for (const job of batch) {
      if (!job.progress) continue;
      written[job.progress.sheet]! += job.progress.rows;
      done += job.progress.rows;
      const t = targets[job.progress.sheet]!;
      options.onProgress?.({ sheet: t.name, rowsWritten: written[job.progress.sheet]!, rowsTotal: t.spec.rows.length, done, total, syncs });
    }
  }

  return {
    sheets: targets.map((t) => ({ spec: t.spec.name, name: t.name, replaced: t.replace, renamed: t.renamed })),
    syncs,
    blockRows,
  };
}
