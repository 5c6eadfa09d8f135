// The pane's state and what it does, apart from how it looks (App.tsx): the
// inputs the user chose, their check before a run, and the runs themselves
// (reading the workbook, calc, audit) with progress, cancel and errors.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang, Said } from '../engine/said.js';
import { ROSTER_REQUIRED, type RosterField } from '../workbook/roster-fields.js';
import { errorSaid } from '../pane/errors.js';
import type { AuditView, CalcView, FieldMapping, Host, PolicyChoice, Progress, SheetInfo, WorkbookInfo } from '../pane/host.js';
import { STRINGS, said } from './i18n.js';
import type { PolicySource } from './components/PolicyPanel.js';
import { chooseYear, titleYear, yearChoiceSaid } from '../workbook/year-evidence.js';

export type Job = { kind: 'inspect' | 'calc' | 'audit'; progress: Progress; controller: AbortController };

const LEDGER_NAME = /拨付|台账|明细|支付|凭证|ledger|payment/i;

const thisYear = () => new Date().getFullYear();

/** The column a field is read from: the user's choice, else the detected one. */
export function effectiveColumn(sheet: SheetInfo, mapping: FieldMapping | undefined, field: RosterField): number | null {
  if (mapping && field in mapping) return mapping[field] ?? null;
  return sheet.detected[field] ?? null;
}

/** What a run needs, as chosen in the pane. */
export interface Inputs {
  face: Host['face'];
  canAudit: boolean;
  rosterFile: File | null;
  workbook: WorkbookInfo | null;
  included: ReadonlySet<string>;
  mappings: Record<string, FieldMapping>;
  year: number;
  choice: PolicyChoice | null;
  ledgerFile: File | null;
  ledgerSheet: string;
}

/** Checks the inputs of a calc or an audit; the problem in words, or null. */
export function inputProblem(kind: 'calc' | 'audit', i: Inputs): Said | null {
  return inputProblemAt(kind, i)?.said ?? null;
}

/** Where a problem is put right: the web page's roster or ledger file input, or elsewhere. */
export type ProblemAt = 'roster' | 'ledger' | 'other';

/** The problem of `inputProblem` and the input that puts it right. */
export function inputProblemAt(kind: 'calc' | 'audit', i: Inputs): { said: Said; at: ProblemAt } | null {
  const said = inputCheck(kind, i);
  if (!said) return null;
  const web = i.face === 'web';
  if (web && said.zh === STRINGS.zh.chooseRosterFirst) return { said, at: 'roster' };
  if (web && said.zh === STRINGS.zh.chooseLedgerFirst) return { said, at: 'ledger' };
  return { said, at: 'other' };
}

function inputCheck(kind: 'calc' | 'audit', i: Inputs): Said | null {
  if (i.face === 'web' && !i.rosterFile) return said((s) => s.chooseRosterFirst);
  if (!i.workbook) return said((s) => s.chooseRosterFirst);
  const sheets = i.workbook.sheets.filter((x) => i.included.has(x.name));
  if (sheets.length === 0) return said((s) => s.noRosterSelected);
  for (const sh of sheets) {
    const missing = ROSTER_REQUIRED.filter((f) => effectiveColumn(sh, i.mappings[sh.name], f) === null);
    if (missing.length) return said((s) => s.missingColumns(sh.name, missing));
  }
  if (!Number.isInteger(i.year) || i.year < 1900 || i.year > 9999) return said((s) => s.yearDigits);
  if (!i.choice) return said((s) => s.choosePolicyFile);
  if (kind === 'audit') {
    if (!i.canAudit) return said((s) => s.auditUnavailable);
    if (i.face === 'web' && !i.ledgerFile) return said((s) => s.chooseLedgerFirst);
    if (i.face === 'excel' && !i.ledgerSheet) return said((s) => s.chooseLedgerSheet);
  }
  return null;
}

export function usePane(host: Host) {
  const [lang, setLang] = useState<Lang>(host.lang);

  // Inputs
  const [rosterFile, setRosterFile] = useState<File | null>(null);
  const [workbook, setWorkbook] = useState<WorkbookInfo | null>(null);
  const [included, setIncluded] = useState<Set<string>>(new Set());
  const [mappings, setMappings] = useState<Record<string, FieldMapping>>({});
  const [ledgerFile, setLedgerFile] = useState<File | null>(null);
  const [ledgerInfo, setLedgerInfo] = useState<WorkbookInfo | null>(null);
  const [ledgerSheet, setLedgerSheet] = useState('');
  const [policySource, setPolicySource] = useState<PolicySource>('builtin');
  const [policyFile, setPolicyFile] = useState<{ name: string; text: string } | null>(null);
  const [year, setYearState] = useState(thisYear());
  // Until the user types a year, it follows the files (workbook/year-evidence.ts) and says where from.
  const [yearTouched, setYearTouched] = useState(false);
  const [yearNote, setYearNote] = useState<Said | null>(null);
  const setYear = (y: number) => {
    setYearTouched(true);
    setYearNote(null);
    setYearState(y);
  };

  // Runs
  const [job, setJob] = useState<Job | null>(null);
  const [calcView, setCalcView] = useState<CalcView | null>(null);
  const [auditView, setAuditView] = useState<AuditView | null>(null);
  const [error, setError] = useState<Said | null>(null);
  // The web page's file inputs: a rejected file's words go right under its input, which is emptied.
  const [rosterError, setRosterError] = useState<Said | null>(null);
  const [ledgerError, setLedgerError] = useState<Said | null>(null);
  const rosterInput = useRef<HTMLInputElement>(null);
  const ledgerInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = STRINGS[lang].appTitle;
  }, [lang]);

  const inspect = useCallback(
    async (file: File | undefined) => {
      const controller = new AbortController();
      setJob({ kind: 'inspect', progress: { phase: 'load' }, controller });
      setError(null);
      setRosterError(null);
      // On the web page the words go under the roster input; in a task pane, in the pane's message bar.
      const fileError = host.face === 'web' ? setRosterError : setError;
      try {
        const info = await host.inspect(file, controller.signal);
        if (controller.signal.aborted) return;
        setWorkbook(info);
        performance.mark('vf:detected');
        const rosters = info.sheets.filter((x) => x.headerRow !== null && !x.generated);
        setIncluded(new Set(rosters.map((x) => x.name)));
        setMappings({});
        if (rosters.length === 0) {
          // Each sheet and why it is not a roster (empty, a chart sheet, the columns its nearest header row lacks).
          const why = info.sheets.flatMap((x) => (x.notRoster ? [x.notRoster] : []));
          fileError(said((s, l) => s.noRosterFound(why.map((w) => w[l]))));
        }
        if (host.face === 'excel') {
          const guess = info.sheets.find((x) => !x.generated && x.headerRow === null && LEDGER_NAME.test(x.name));
          setLedgerSheet((cur) => (cur && info.sheets.some((x) => x.name === cur) ? cur : (guess?.name ?? '')));
        }
      } catch (e) {
        setWorkbook(null);
        if (host.face === 'web') {
          // Not read (refused, damaged or cancelled): the input must not go on showing its name.
          setRosterFile(null);
          if (rosterInput.current) rosterInput.current.value = '';
        }
        fileError(errorSaid(e));
      } finally {
        setJob((j) => (j?.controller === controller ? null : j));
      }
    },
    [host],
  );

  useEffect(() => {
    const ledger = ledgerInfo?.paymentYears ?? null;
    if (yearTouched || (!workbook && !ledger)) return;
    const rosters = (workbook?.sheets ?? []).filter((x) => x.headerRow !== null && !x.generated && included.has(x.name));
    const title = titleYear(rosters.map((x) => ({ sheet: x.name, titles: x.titles ?? [] })));
    const chosen = chooseYear({ title, ledger, calendar: thisYear() });
    setYearState(chosen.year);
    setYearNote(yearChoiceSaid(chosen, !!ledger));
  }, [workbook, included, ledgerInfo, yearTouched]);

  // The task pane reads the open workbook straight away.
  useEffect(() => {
    if (host.face === 'excel') void inspect(undefined);
  }, [host, inspect]);

  const onRosterFile = (file: File | null) => {
    performance.mark('vf:file-chosen');
    setRosterFile(file);
    setWorkbook(null);
    setCalcView(null);
    setAuditView(null);
    if (file) void inspect(file);
  };

  const onLedgerFile = async (file: File | null) => {
    setLedgerFile(file);
    setLedgerInfo(null);
    setLedgerSheet('');
    setLedgerError(null);
    if (!file || !host.inspectLedger) return;
    const controller = new AbortController();
    setJob({ kind: 'inspect', progress: { phase: 'load' }, controller });
    try {
      setLedgerInfo(await host.inspectLedger(file, controller.signal));
    } catch (e) {
      setLedgerFile(null);
      if (ledgerInput.current) ledgerInput.current.value = '';
      setLedgerError(errorSaid(e));
    } finally {
      setJob((j) => (j?.controller === controller ? null : j));
    }
  };

  const onPolicyFile = async (file: File | null) => {
    if (!file) return setPolicyFile(null);
    if (file.size > 2_000_000) {
      setPolicyFile(null);
      return setError(said((s) => s.policyFileTooLarge));
    }
    setPolicyFile({ name: file.name, text: await file.text() });
  };

  const choice: PolicyChoice | null = useMemo(() => {
    if (policySource === 'builtin') return { kind: 'builtin' };
    if (policySource === 'sheet') return { kind: 'sheet' };
    return policyFile ? { kind: 'file', name: policyFile.name, text: policyFile.text } : null;
  }, [policySource, policyFile]);

  const onMap = (sheet: string, field: RosterField, column: number | null) =>
    setMappings((m) => ({ ...m, [sheet]: { ...m[sheet], [field]: column } }));

  const onInclude = (sheet: string, on: boolean) =>
    setIncluded((cur) => {
      const next = new Set(cur);
      if (on) next.add(sheet);
      else next.delete(sheet);
      return next;
    });

  const run = async (kind: 'calc' | 'audit') => {
    const p = inputProblemAt(kind, {
      face: host.face,
      canAudit: host.canAudit,
      rosterFile,
      workbook,
      included,
      mappings,
      year,
      choice,
      ledgerFile,
      ledgerSheet,
    });
    setError(null);
    if (p?.at === 'roster') {
      setRosterError(p.said);
      return rosterInput.current?.focus();
    }
    if (p?.at === 'ledger') {
      setLedgerError(p.said);
      return ledgerInput.current?.focus();
    }
    if (p) return setError(p.said);
    setRosterError(null);
    setLedgerError(null);
    const controller = new AbortController();
    performance.mark(`vf:${kind}-start`);
    setError(null);
    setJob({ kind, progress: { phase: 'load' }, controller });
    let last = 0;
    const onProgress = (progress: Progress) => {
      const now = performance.now();
      if (now - last < 80 && progress.done !== progress.total) return;
      last = now;
      setJob((j) => (j && j.controller === controller ? { ...j, progress } : j));
    };
    const selection = {
      sheets: workbook!.sheets.filter((x) => included.has(x.name)).map((x) => x.name),
      mappings: Object.fromEntries(Object.entries(mappings).filter(([k, m]) => included.has(k) && Object.keys(m).length > 0)),
    };
    const req = { roster: rosterFile ?? undefined, selection, policy: choice!, year, lang };
    try {
      if (kind === 'calc') {
        setCalcView(null);
        const v = await host.calc(req, onProgress, controller.signal);
        setCalcView(v);
        performance.mark('vf:download-ready');
      } else {
        setAuditView(null);
        const v = await host.audit(
          { ...req, ledger: ledgerFile ?? undefined, ledgerSheet: ledgerSheet || undefined },
          onProgress,
          controller.signal,
        );
        setAuditView(v);
        performance.mark('vf:audit-ready');
      }
    } catch (e) {
      setError(errorSaid(e));
    } finally {
      setJob((j) => (j?.controller === controller ? null : j));
    }
  };

  const ledgerChoices =
    host.face === 'excel' ? (workbook?.sheets.filter((x) => !x.generated && !included.has(x.name)) ?? []) : (ledgerInfo?.sheets ?? []);

  return {
    lang,
    setLang,
    workbook,
    included,
    mappings,
    ledgerSheet,
    setLedgerSheet,
    ledgerChoices,
    policySource,
    setPolicySource,
    policyFile,
    year,
    setYear,
    yearNote,
    choice,
    job,
    busy: job !== null,
    calcView,
    auditView,
    error,
    rosterError,
    ledgerError,
    rosterInput,
    ledgerInput,
    inspect,
    onRosterFile,
    onLedgerFile,
    onPolicyFile,
    onMap,
    onInclude,
    run,
  };
}
