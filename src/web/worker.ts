// The web page's worker: reads the chosen workbooks, computes, writes the
// result workbook. The page stays responsive; the cancel button ends this
// worker outright (the page starts a fresh one).
import type { SheetSource } from '../workbook/source.js';
import { auditJob } from '../pane/audit-job.js';
import { ledgerYearCounts } from '../audit/ledger.js';
import { calcFlow } from '../pane/calc-flow.js';
import { UserError, toUserError } from '../pane/errors.js';
import type { Progress, RosterSelection, WorkbookInfo } from '../pane/host.js';
import { UnitStore } from '../pane/unit-store.js';
import { SAMPLE_ROWS, auditView, choosePolicy, sheetInfo } from '../pane/views.js';
import { REPORT_SHEETS } from '../workbook/sheet-names.js';
import type { Calls, FromWorker, Method, ToWorker } from './protocol.js';
import { fileKey, readWorkbook, type LoadedWorkbook } from './read-workbook.js';
import { writeXlsx } from './xlsx-writer.js';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const cache: Partial<Record<'roster' | 'ledger', LoadedWorkbook>> = {};
const units = new UnitStore();

async function workbook(file: File, role: 'roster' | 'ledger'): Promise<LoadedWorkbook> {
  const hit = cache[role];
  if (hit && hit.key === fileKey(file)) return hit;
  delete cache[role];
  const wb = await readWorkbook(file);
  cache[role] = wb;
  return wb;
}

function info(wb: LoadedWorkbook, detect: boolean): WorkbookInfo {
  return {
    name: wb.name,
    sheets: wb.sheets.map((s) =>
      detect
        ? sheetInfo(s.name, s.rows.slice(0, SAMPLE_ROWS), s.rows.length, REPORT_SHEETS.has(s.name), s.kind)
        : sheetInfo(s.name, [], s.rows.length, true),
    ),
  };
}

function selected(wb: LoadedWorkbook, sel: RosterSelection): SheetSource[] {
  const want = new Set(sel.sheets);
  const sheets = wb.sheets.filter((s) => want.has(s.name));
  if (sheets.length === 0) throw new UserError({ zh: '请至少选择一个名册工作表。', en: 'Select at least one roster sheet.' });
  return sheets;
}

/** "名册.xlsx", 2025 -> "名册-2025年核算结果.xlsx": the year in the name, as the officer files it. */
function resultName(input: string, year: number, what: '核算结果' | '审计结果'): string {
  const base = input.replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|]/g, '_') || 'workbook';
  return `${base}-${year}年${what}.xlsx`;
}

/** Progress to the page at most every 50 ms (and always the last one). */
function progressFor(id: number): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < 50 && p.done !== p.total) return;
    last = now;
    scope.postMessage({ id, kind: 'progress', progress: p });
  };
}

type Handlers = { [M in Method]: (args: Calls[M]['args'], progress: (p: Progress) => void) => Promise<Calls[M]['result']> };

const handlers: Handlers = {
  async inspect({ file, role }, progress) {
    progress({ phase: 'load' });
    const wb = await workbook(file, role);
    if (role === 'roster') return info(wb, true);
    // The ledger's payment years: the year field's default when the roster's title names none.
    return { ...info(wb, false), paymentYears: await ledgerYearCounts(wb.sheets) };
  },

  async policy({ choice, year }) {
    return (await choosePolicy(choice, year)).view;
  },

  async calc(req, progress) {
    let blob: Blob | undefined;
    // The page adds the output (the download) itself: the view carries a placeholder.
    const { output, ...view } = await calcFlow(
      req,
      {
        read: async () => {
          progress({ phase: 'load' });
          const sources = selected(await workbook(req.roster, 'roster'), req.selection);
          return { sources, rows: sources.reduce((n, s) => n + (s.rows as unknown[]).length, 0) };
        },
        write: async (sheets) => {
          blob = await writeXlsx(sheets, { onProgress: (done, all) => progress({ phase: 'write', done, total: all }) });
          return { kind: 'sheets', sheets: [] };
        },
      },
      units,
      progress,
    );
    void output;
    return { view, fileName: resultName(req.roster.name, view.policy.year, '核算结果'), blob: blob! };
  },

  async audit(req, progress) {
    const t0 = performance.now();
    const { calc } = await choosePolicy(req.policy, req.year);
    progress({ phase: 'load' });
    const roster = await workbook(req.roster, 'roster');
    const ledgerBook = await workbook(req.ledger, 'ledger');
    const ledger = req.ledgerSheet ? ledgerBook.sheets.filter((s) => s.name === req.ledgerSheet) : ledgerBook.sheets;
    const rosterSheets = selected(roster, req.selection);
    const total = [...rosterSheets, ...ledger].reduce((n, s) => n + (s.rows as unknown[]).length, 0);
    const { sheets, figures, problems, yearHint } = await auditJob(rosterSheets, ledger, calc, {
      lang: req.lang,
      mappings: req.selection.mappings as Record<string, Record<string, number | null>>,
      onProgress: (done) => progress({ phase: 'compute', done, total }),
    });
    const blob = await writeXlsx(sheets, { onProgress: (done, all) => progress({ phase: 'write', done, total: all }) });
    const { output, ...view } = auditView(sheets, { kind: 'sheets', sheets: [] }, performance.now() - t0, figures, problems, yearHint);
    void output;
    return { view, fileName: resultName(req.roster.name, calc.policy.year, '审计结果'), blob };
  },

  async units(q) {
    return units.query(q);
  },

  async explain({ id }) {
    return units.explain(id);
  },
};

scope.onmessage = (e) => {
  const msg = e.data;
  const handler = handlers[msg.method] as (args: unknown, progress: (p: Progress) => void) => Promise<unknown>;
  handler(msg.args, progressFor(msg.id)).then(
    (result) => scope.postMessage({ id: msg.id, kind: 'ok', result }),
    (err) => {
      const u = toUserError(err);
      scope.postMessage({
        id: msg.id,
        kind: 'error',
        error: {
          name: u.name,
          said: u instanceof UserError ? u.said : { zh: u.message, en: u.message },
          code: u instanceof UserError ? u.code : 'internal',
        },
      });
    },
  );
};
