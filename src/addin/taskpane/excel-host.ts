/// <reference types="office-js" />
// The task pane's host: the open workbook in (through excel-io's readSheets),
// the same calc and audit as every face, the report sheets written back with
// writeReport. Computing runs here, between Excel round trips, yielding to the
// pane now and then so progress shows and the cancel button answers.
import { calcReport } from '../../workbook/calc-job.js';
import type { Cell } from '../../workbook/cells.js';
import type { SheetSource, SourceRow } from '../../workbook/source.js';
import { auditJob } from '../../ui/audit-job.js';
import {
  UserError,
  type AuditRequest,
  type AuditView,
  type CalcRequest,
  type CalcView,
  type Host,
  type Lang,
  type PolicyChoice,
  type Progress,
  type ProgressFn,
  type WorkbookInfo,
} from '../../ui/host.js';
import { SAMPLE_ROWS, UnitStore, auditView, calcView, choosePolicy, sheetInfo, toUserError } from '../../ui/views.js';
import { readSheets, toSheetSource, writeReport, type SheetGrid } from '../excel-io.js';

/** Excel.run, or the in-memory host's run in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const POLICY_SHEET = '政策参数';

/** Rows of a grid with a pause every `every` rows, so the pane can repaint and take the cancel click. */
function breathing(source: SheetSource, signal: AbortSignal, every = 2000): SheetSource {
  const rows = source.rows as SourceRow[];
  return {
    name: source.name,
    rows: (async function* () {
      for (let i = 0; i < rows.length; i++) {
        if (i > 0 && i % every === 0) {
          await new Promise((r) => setTimeout(r, 0));
          signal.throwIfAborted();
        }
        yield rows[i]!;
      }
    })(),
  };
}

function rowsOf(grids: SheetGrid[]): number {
  return grids.reduce((n, g) => n + g.values.length, 0);
}

/** "'城关镇'!E12" -> sheet and address. */
export function splitRef(ref: string): { sheet: string; address: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!([A-Z]{1,3}\d+)$/.exec(ref);
  if (!m) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!, address: m[3]! };
}

export class ExcelHost implements Host {
  readonly face = 'excel' as const;
  readonly policySources = ['builtin', 'file', 'sheet'] as const;
  readonly canAudit = true;
  private readonly store = new UnitStore();

  constructor(
    private readonly run: ExcelRun,
    readonly lang: Lang = 'zh',
  ) {}

  private async guarded<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw toUserError(e);
    }
  }

  inspect(_file: File | undefined, signal: AbortSignal): Promise<WorkbookInfo> {
    return this.guarded(() =>
      this.run(async (context) => {
        // Detection looks at the top rows only: no need to load a big roster's values here.
        const grids = await readSheets(context, undefined, { signal, maxRows: SAMPLE_ROWS });
        return {
          name: '当前工作簿',
          sheets: grids.map((g) => {
            const rows = toSheetSource(g).rows as SourceRow[];
            return sheetInfo(g.name, rows, g.rowCount, g.report);
          }),
        };
      }),
    );
  }

  /** The 政策参数 sheet's cells, or null when the workbook has none. */
  private readPolicySheet = () =>
    this.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(POLICY_SHEET);
      ws.load('name');
      await context.sync();
      if (ws.isNullObject) return null;
      const [grid] = await readSheets(context, [ws.name], { includeReports: true });
      if (!grid) return null;
      const rows = (toSheetSource(grid).rows as SourceRow[]).map((r) => r.cells as Cell[]);
      return { name: grid.name, rows };
    });

  describePolicy(choice: PolicyChoice, year: number) {
    return this.guarded(async () => (await choosePolicy(choice, year, this.readPolicySheet)).view);
  }

  calc(req: CalcRequest, onProgress: ProgressFn, signal: AbortSignal): Promise<CalcView> {
    return this.guarded(async () => {
      const t0 = performance.now();
      const { calc } = await choosePolicy(req.policy, req.year, this.readPolicySheet);
      return this.run(async (context) => {
        onProgress({ phase: 'read' });
        const grids = await readSheets(context, req.selection.sheets, {
          signal,
          onProgress: (p) => onProgress({ phase: 'read', done: p.rowsRead, total: p.rowsTotal }),
        });
        const total = rowsOf(grids);
        const sources = grids.filter((g) => !g.report).map((g) => breathing(toSheetSource(g), signal));
        this.store.clear();
        const { outcome, units, sheets } = await calcReport(sources, calc, req.lang, {
          mappings: req.selection.mappings as Record<string, Record<string, number>>,
          signal,
          onProgress: (done) => onProgress({ phase: 'compute', done, total }),
        });
        onProgress({ phase: 'write', done: 0, total: sheets.reduce((n, s) => n + s.rows.length, 0) });
        const written = await writeReport(context, sheets, {
          signal,
          onProgress: (p: { done: number; total: number }) => onProgress({ phase: 'write', done: p.done, total: p.total }),
        });
        this.store.set(units, calc);
        return calcView(calc, outcome, { kind: 'sheets', sheets: written.sheets.map((s) => s.name) }, performance.now() - t0);
      });
    });
  }

  audit(req: AuditRequest, onProgress: ProgressFn, signal: AbortSignal): Promise<AuditView> {
    return this.guarded(async () => {
      const t0 = performance.now();
      if (!req.ledgerSheet) throw new UserError({ zh: '请选择拨付明细工作表。', en: 'Choose the ledger sheet.' });
      const { calc } = await choosePolicy(req.policy, req.year, this.readPolicySheet);
      return this.run(async (context) => {
        const progress = (p: Progress) => onProgress(p);
        progress({ phase: 'read' });
        const roster = await readSheets(context, req.selection.sheets, { signal });
        // Dates matter in a ledger: read number formats too so date cells arrive as dates.
        const ledger = await readSheets(context, [req.ledgerSheet!], { signal, dates: true, includeReports: false });
        const total = rowsOf(roster) + rowsOf(ledger);
        const { sheets, figures } = await auditJob(
          roster.filter((g) => !g.report).map((g) => breathing(toSheetSource(g), signal)),
          ledger.filter((g) => !g.report).map((g) => breathing(toSheetSource(g), signal)),
          calc,
          {
            lang: req.lang,
            mappings: req.selection.mappings as Record<string, Record<string, number | null>>,
            signal,
            onProgress: (done) => progress({ phase: 'compute', done, total }),
          },
        );
        const written = await writeReport(context, sheets, {
          signal,
          onProgress: (p: { done: number; total: number }) => progress({ phase: 'write', done: p.done, total: p.total }),
        });
        return auditView(sheets, { kind: 'sheets', sheets: written.sheets.map((s) => s.name) }, performance.now() - t0, figures);
      });
    });
  }

  async units(q: Parameters<Host['units']>[0]) {
    return this.store.query(q);
  }

  async explain(id: number) {
    return this.guarded(async () => this.store.explain(id));
  }

  showCell(ref: string): Promise<void> {
    return this.guarded(async () => {
      const at = splitRef(ref);
      if (!at) return;
      await this.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(at.sheet);
        ws.activate();
        ws.getRange(at.address).select();
        await context.sync();
      });
    });
  }
}
