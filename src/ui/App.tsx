// The one pane both faces run: the web page (files in, workbook downloaded)
// and the Excel task pane (the open workbook in, sheets written back).
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RosterField } from '../workbook/roster-fields.js';
import { ROSTER_REQUIRED } from '../workbook/roster-fields.js';
import type { AuditView, CalcView, FieldMapping, Host, Lang, PolicyChoice, Progress, Said, WorkbookInfo } from './host.js';
import { shownError } from './errors.js';
import { LangContext, STRINGS } from './i18n.js';
import { theme } from './theme.js';
import { PolicyPanel, type PolicySource } from './components/PolicyPanel.js';
import { ProgressPanel } from './components/ProgressPanel.js';
import { AuditResults, CalcResults } from './components/Results.js';
import { RosterSheets, effectiveColumn } from './components/RosterSheets.js';
import { READ_EXTENSIONS } from '../workbook/file-kind.js';

/** The file pickers offer every format the page reads (src/workbook/file-kind.ts). */
const WORKBOOK_ACCEPT = READ_EXTENSIONS.join(',');

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  main: {
    maxWidth: '1040px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    boxSizing: 'border-box',
  },
  header: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  subtitle: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  section: { marginTop: tokens.spacingVerticalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  h2: { fontSize: tokens.fontSizeBase400, margin: 0 },
  files: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: tokens.spacingHorizontalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalL, alignItems: 'center', flexWrap: 'wrap' },
  lang: { minWidth: '8em' },
});

type Job = { kind: 'inspect' | 'calc' | 'audit'; progress: Progress; controller: AbortController };

const LEDGER_NAME = /拨付|台账|明细|支付|凭证|ledger|payment/i;

const thisYear = () => new Date().getFullYear();

export function App({ host }: { host: Host }) {
  const s = useStyles();
  const [lang, setLang] = useState<Lang>(host.lang);
  const t = STRINGS[lang];

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
  const [year, setYear] = useState(thisYear());

  // Runs
  const [job, setJob] = useState<Job | null>(null);
  const [calcView, setCalcView] = useState<CalcView | null>(null);
  const [auditView, setAuditView] = useState<AuditView | null>(null);
  const [error, setError] = useState<Said | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = STRINGS[lang].appTitle;
  }, [lang]);

  const inspect = useCallback(
    async (file: File | undefined) => {
      const controller = new AbortController();
      setJob({ kind: 'inspect', progress: { phase: 'load' }, controller });
      setError(null);
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
          setError({
            zh: `在工作簿中没有找到名册：没有哪个工作表有“名称”“人口”“上年度党员人数”等列的表头。${why.map((w) => w.zh + '。').join('')}可以勾选工作表并手动指定各列。`,
            en: `No roster found in the workbook: no sheet has a header with name, population and last year's party members. ${why.map((w) => w.en + '. ').join('')}You can tick a sheet and choose its columns by hand.`,
          });
        }
        if (host.face === 'excel') {
          const guess = info.sheets.find((x) => !x.generated && x.headerRow === null && LEDGER_NAME.test(x.name));
          setLedgerSheet((cur) => (cur && info.sheets.some((x) => x.name === cur) ? cur : (guess?.name ?? '')));
        }
      } catch (e) {
        setWorkbook(null);
        setError(shownError(e));
      } finally {
        setJob((j) => (j?.controller === controller ? null : j));
      }
    },
    [host],
  );

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
    setError(null);
    if (!file || !host.inspectLedger) return;
    const controller = new AbortController();
    setJob({ kind: 'inspect', progress: { phase: 'load' }, controller });
    try {
      setLedgerInfo(await host.inspectLedger(file, controller.signal));
    } catch (e) {
      setLedgerFile(null);
      setError(shownError(e));
    } finally {
      setJob((j) => (j?.controller === controller ? null : j));
    }
  };

  const onPolicyFile = async (file: File | null) => {
    if (!file) return setPolicyFile(null);
    if (file.size > 2_000_000) {
      setPolicyFile(null);
      return setError({ zh: '政策文件太大（应小于 2 MB）。', en: 'The policy file is too large (it should be under 2 MB).' });
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

  /** Checks the inputs; returns the problem in words, or null. */
  const problem = (kind: 'calc' | 'audit'): Said | null => {
    if (host.face === 'web' && !rosterFile) return { zh: STRINGS.zh.chooseRosterFirst, en: STRINGS.en.chooseRosterFirst };
    if (!workbook) return { zh: STRINGS.zh.chooseRosterFirst, en: STRINGS.en.chooseRosterFirst };
    const sheets = workbook.sheets.filter((x) => included.has(x.name));
    if (sheets.length === 0) return { zh: STRINGS.zh.noRosterSelected, en: STRINGS.en.noRosterSelected };
    for (const sh of sheets) {
      const missing = ROSTER_REQUIRED.filter((f) => effectiveColumn(sh, mappings[sh.name], f) === null);
      if (missing.length)
        return {
          zh: `工作表「${sh.name}」还缺少必填列：${missing.map((f) => ({ name: '名称', population: '人口', membersPrevYear: '上年度党员人数' })[f as string] ?? f).join('、')}。`,
          en: `Sheet "${sh.name}" still needs a column for: ${missing.join(', ')}.`,
        };
    }
    if (!Number.isInteger(year) || year < 1900 || year > 9999) return { zh: '年度应为四位数字。', en: 'The year must have four digits.' };
    if (!choice) return { zh: '请选择政策文件。', en: 'Choose a policy file.' };
    if (kind === 'audit') {
      if (!host.canAudit) return { zh: STRINGS.zh.auditUnavailable, en: STRINGS.en.auditUnavailable };
      if (host.face === 'web' && !ledgerFile) return { zh: STRINGS.zh.chooseLedgerFirst, en: STRINGS.en.chooseLedgerFirst };
      if (host.face === 'excel' && !ledgerSheet) return { zh: '请选择拨付明细工作表。', en: 'Choose the ledger sheet.' };
    }
    return null;
  };

  const run = async (kind: 'calc' | 'audit') => {
    const p = problem(kind);
    if (p) return setError(p);
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
      setError(shownError(e));
    } finally {
      setJob((j) => (j?.controller === controller ? null : j));
    }
  };

  const busy = job !== null;
  const ledgerChoices =
    host.face === 'excel' ? (workbook?.sheets.filter((x) => !x.generated && !included.has(x.name)) ?? []) : (ledgerInfo?.sheets ?? []);

  return (
    <LangContext.Provider value={lang}>
      <FluentProvider theme={theme} className={s.root} dir="ltr">
        <main className={s.main}>
          <header className={s.header}>
            <div>
              <h1 className={s.title}>{t.appTitle}</h1>
              <p className={s.subtitle}>{t.appSubtitle}</p>
            </div>
            <Field label={t.languageLabel} orientation="horizontal" size="small">
              <Select className={s.lang} size="small" value={lang} onChange={(_, d) => setLang(d.value as Lang)}>
                <option value="zh">中文</option>
                <option value="en">English</option>
              </Select>
            </Field>
          </header>

          <section className={s.section} aria-labelledby="vf-inputs">
            <h2 id="vf-inputs" className={s.h2}>
              {lang === 'zh' ? '1. 数据' : '1. Data'}
            </h2>
            {host.face === 'web' && (
              <div className={s.files}>
                <Field label={t.rosterFile} hint={t.rosterFileHint}>
                  {(fieldProps) => (
                    <input
                      {...fieldProps}
                      data-testid="roster-input"
                      type="file"
                      accept={WORKBOOK_ACCEPT}
                      disabled={busy}
                      onChange={(e) => onRosterFile(e.currentTarget.files?.[0] ?? null)}
                    />
                  )}
                </Field>
                <Field label={t.ledgerFile} hint={t.ledgerFileHint}>
                  {(fieldProps) => (
                    <input
                      {...fieldProps}
                      data-testid="ledger-input"
                      type="file"
                      accept={WORKBOOK_ACCEPT}
                      disabled={busy}
                      onChange={(e) => void onLedgerFile(e.currentTarget.files?.[0] ?? null)}
                    />
                  )}
                </Field>
              </div>
            )}
            {host.face === 'excel' && (
              <div>
                <Button size="small" onClick={() => void inspect(undefined)} disabled={busy}>
                  {t.redetect}
                </Button>
              </div>
            )}
            {workbook && (
              <RosterSheets
                sheets={workbook.sheets}
                included={included}
                mappings={mappings}
                disabled={busy}
                onInclude={onInclude}
                onMap={onMap}
              />
            )}
            {ledgerChoices.length > 0 && (
              <Field label={t.ledgerSheet}>
                <Select value={ledgerSheet} disabled={busy} onChange={(_, d) => setLedgerSheet(d.value)}>
                  <option value="">{host.face === 'web' ? t.ledgerAllSheets : t.noLedgerSheet}</option>
                  {ledgerChoices.map((x) => (
                    <option key={x.name} value={x.name}>
                      {x.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
          </section>

          <section className={s.section} aria-labelledby="vf-policy">
            <h2 id="vf-policy" className={s.h2}>
              {lang === 'zh' ? '2. 政策和年度' : '2. Policy and year'}
            </h2>
            <PolicyPanel
              host={host}
              source={policySource}
              file={policyFile}
              year={year}
              choice={choice}
              disabled={busy}
              onSource={setPolicySource}
              onFile={(f) => void onPolicyFile(f)}
              onYear={setYear}
            />
          </section>

          <div className={s.actions}>
            <Button appearance="primary" size="large" disabled={busy} onClick={() => void run('calc')} data-testid="compute">
              {t.compute}
            </Button>
            <Button size="large" disabled={busy} onClick={() => void run('audit')} data-testid="audit">
              {t.audit}
            </Button>
          </div>

          {job && <ProgressPanel progress={job.progress} onCancel={() => job.controller.abort()} />}

          {error && (
            <MessageBar
              intent={error.zh === STRINGS.zh.cancelled ? 'warning' : 'error'}
              layout="multiline"
              role="alert"
              data-testid="error"
            >
              <MessageBarBody>{error[lang]}</MessageBarBody>
            </MessageBar>
          )}

          {calcView && <CalcResults host={host} view={calcView} />}
          {auditView && <AuditResults view={auditView} />}
        </main>
      </FluentProvider>
    </LangContext.Provider>
  );
}
