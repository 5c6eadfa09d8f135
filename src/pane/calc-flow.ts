// The 核算 button's work, once for every face: choose the policy, read the
// chosen roster sheets, calcReport, write the sheets, keep the units for paging
// and explaining, build the view. Only the reading and the writing differ (the
// web page's worker reads a file and writes a workbook to download; the task
// panes read and write the open workbook): they come in as `CalcIo`.
import type { Calculator } from '../engine/compute.js';
import { calcReport } from '../workbook/calc-job.js';
import type { SheetSpec } from '../workbook/sheet-spec.js';
import type { SheetSource } from '../workbook/source.js';
import type { CalcRequest, CalcView, OutputView, ProgressFn } from './host.js';
import type { UnitStore } from './unit-store.js';
import { calcView, choosePolicy, type PolicySheetReader } from './views.js';

export interface CalcIo {
  /** The 政策参数 sheet, where the face has one (the task panes). */
  readPolicySheet?: PolicySheetReader;
  /** The chosen roster sheets and how many rows they hold, for the progress bar. */
  read(): Promise<{ sources: SheetSource[]; rows: number }>;
  /** Writes the report sheets; where they went. */
  write(sheets: SheetSpec[], calc: Calculator): Promise<OutputView>;
}

export async function calcFlow(
  req: Pick<CalcRequest, 'policy' | 'year' | 'lang' | 'selection'>,
  io: CalcIo,
  store: UnitStore,
  onProgress: ProgressFn,
  signal?: AbortSignal,
): Promise<CalcView> {
  const t0 = performance.now();
  const { calc } = await choosePolicy(req.policy, req.year, io.readPolicySheet);
  const { sources, rows: total } = await io.read();
  store.clear();
  const { outcome, units, sheets } = await calcReport(sources, calc, req.lang, {
    mappings: req.selection.mappings as Record<string, Record<string, number>>,
    signal,
    onProgress: (done) => onProgress({ phase: 'compute', done, total }),
  });
  const output = await io.write(sheets, calc);
  store.set(units, calc);
  return calcView(calc, outcome, output, performance.now() - t0);
}
