// The task pane's host over an open workbook, whatever application holds it
// (Excel through Office.js, WPS 表格 through its ET object model): the sheets
// read as grids, the same calc and audit as every face, the report sheets
// written back. Each application gives an OpenWorkbook; everything else is here.
// Computing runs between the application's calls, yielding to the pane now and
// then so progress shows and the cancel button answers.
import type { Lang } from '../engine/said.js';
import type { Cell } from '../workbook/cells.js';
import { POLICY_SHEET } from '../workbook/sheet-names.js';
import type { SheetSpec } from '../workbook/sheet-spec.js';
import type { SheetSource, SourceRow } from '../workbook/source.js';
import { auditJob } from './audit-job.js';
import { calcFlow } from './calc-flow.js';
import { UserError, toUserError } from './errors.js';
import type { AuditRequest, AuditView, CalcRequest, CalcView, Host, PolicyChoice, ProgressFn, WorkbookInfo } from './host.js';
import { toSheetSource, type SheetGrid } from './sheet-grid.js';
import { UnitStore } from './unit-store.js';
import { SAMPLE_ROWS, auditView, choosePolicy, sheetInfo } from './views.js';

/** How far a read or a write has come (rows). */
export interface RowProgress {
  done: number;
  total: number;
}

export interface GridReadOptions {
  /** Read the values of report sheets too (default false). */
  includeReports?: boolean;
  /** Turn date-formatted numbers into Dates (a ledger). */
  dates?: boolean;
  /** At most this many rows of each sheet, from the top. */
  maxRows?: number;
  signal?: AbortSignal;
  onProgress?: (p: RowProgress) => void;
}

/** What the pane needs of an application's open workbook. */
export interface OpenWorkbook {
  /** Every sheet (or the named ones) as grids; a named sheet that is missing is an error. */
  read(names: readonly string[] | undefined, options: GridReadOptions): Promise<SheetGrid[]>;
  /** The named sheet with its values (report or not), or null when the workbook has none. */
  readIfPresent(name: string): Promise<SheetGrid | null>;
  /** Writes report sheets into sheets marked as this tool's, never over a user's; the names written. */
  write(specs: readonly SheetSpec[], options: { signal?: AbortSignal; onProgress?: (p: RowProgress) => void }): Promise<string[]>;
  /** Shows a cell. */
  select(sheet: string, address: string): Promise<void>;
}

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

function inputs(grids: SheetGrid[], signal: AbortSignal): SheetSource[] {
  return grids.filter((g) => !g.report).map((g) => breathing(toSheetSource(g), signal));
}

/** "'城关镇'!E12" -> sheet and address. */
function splitRef(ref: string): { sheet: string; address: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!([A-Z]{1,3}\d+)$/.exec(ref);
  if (!m) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!, address: m[3]! };
}

export class WorkbookHost implements Host {
  /** 'excel': the pane over an open workbook (Excel or WPS 表格), as opposed to the web page's files. */
  readonly face = 'excel' as const;
  readonly policySources = ['builtin', 'file', 'sheet'] as const;
  readonly canAudit = true;
  private readonly store = new UnitStore();

  constructor(
    private readonly book: OpenWorkbook,
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
    return this.guarded(async () => {
      // Detection looks at the top rows only: no need to read a big roster's values here.
      const grids = await this.book.read(undefined, { signal, maxRows: SAMPLE_ROWS });
      return {
        name: '当前工作簿',
        sheets: grids.map((g) => sheetInfo(g.name, toSheetSource(g).rows as SourceRow[], g.rowCount, g.report)),
      };
    });
  }

  /** The 政策参数 sheet's cells, or null when the workbook has none. */
  private readPolicySheet = async () => {
    const grid = await this.book.readIfPresent(POLICY_SHEET);
    if (!grid) return null;
    return { name: grid.name, rows: (toSheetSource(grid).rows as SourceRow[]).map((r) => r.cells as Cell[]) };
  };

  describePolicy(choice: PolicyChoice, year: number) {
    return this.guarded(async () => (await choosePolicy(choice, year, this.readPolicySheet)).view);
  }

  calc(req: CalcRequest, onProgress: ProgressFn, signal: AbortSignal): Promise<CalcView> {
    return this.guarded(() =>
      calcFlow(
        req,
        {
          readPolicySheet: this.readPolicySheet,
          read: async () => {
            onProgress({ phase: 'read' });
            const grids = await this.book.read(req.selection.sheets, {
              signal,
              onProgress: (p) => onProgress({ phase: 'read', ...p }),
            });
            return { sources: inputs(grids, signal), rows: rowsOf(grids) };
          },
          write: async (sheets) => {
            onProgress({ phase: 'write', done: 0, total: sheets.reduce((n, s) => n + s.rows.length, 0) });
            const written = await this.book.write(sheets, { signal, onProgress: (p) => onProgress({ phase: 'write', ...p }) });
            return { kind: 'sheets', sheets: written };
          },
        },
        this.store,
        onProgress,
        signal,
      ),
    );
  }

  audit(req: AuditRequest, onProgress: ProgressFn, signal: AbortSignal): Promise<AuditView> {
    return this.guarded(async () => {
      const t0 = performance.now();
      if (!req.ledgerSheet) throw new UserError({ zh: '请选择拨付明细工作表。', en: 'Choose the ledger sheet.' });
      const { calc } = await choosePolicy(req.policy, req.year, this.readPolicySheet);
      onProgress({ phase: 'read' });
      const roster = await this.book.read(req.selection.sheets, { signal });
      // Dates matter in a ledger: date cells arrive as dates.
      const ledger = await this.book.read([req.ledgerSheet], { signal, dates: true });
      const total = rowsOf(roster) + rowsOf(ledger);
      const { sheets, figures, problems, yearHint } = await auditJob(inputs(roster, signal), inputs(ledger, signal), calc, {
        lang: req.lang,
        mappings: req.selection.mappings as Record<string, Record<string, number | null>>,
        signal,
        onProgress: (done) => onProgress({ phase: 'compute', done, total }),
      });
      const written = await this.book.write(sheets, { signal, onProgress: (p) => onProgress({ phase: 'write', ...p }) });
      return auditView(sheets, { kind: 'sheets', sheets: written }, performance.now() - t0, figures, problems, yearHint);
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
      if (at) await this.book.select(at.sheet, at.address);
    });
  }
}
