// The one pane every face runs: the web page (files in, workbook downloaded)
// and the Excel and WPS task panes (the open workbook in, sheets written back).
// How it looks; its state and runs are usePane's (use-pane.ts).
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../engine/said.js';
import { READ_EXTENSIONS } from '../workbook/file-kind.js';
import { CANCELLED } from '../pane/errors.js';
import type { Host } from '../pane/host.js';
import { LangContext, STRINGS } from './i18n.js';
import { theme } from './theme.js';
import { usePane } from './use-pane.js';
import { usePrintStyles } from './print.js';
import { PolicyPanel } from './components/PolicyPanel.js';
import { ProgressPanel } from './components/ProgressPanel.js';
import { AuditResults, CalcResults } from './components/Results.js';
import { RosterSheets } from './components/RosterSheets.js';

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
  needs: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  // The run buttons stay in sight at the bottom of the window however long the sheet list is,
  // with the progress and the run's message above them.
  bar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    marginTop: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalS} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  lang: { minWidth: '8em' },
});

export function App({ host }: { host: Host }) {
  const s = useStyles();
  usePrintStyles();
  const p = usePane(host);
  const { lang, busy, job, error } = p;
  const t = STRINGS[lang];

  return (
    <LangContext.Provider value={lang}>
      <FluentProvider theme={theme} className={s.root} dir="ltr">
        <main className={s.main}>
          <header className={s.header}>
            <div>
              <h1 className={s.title}>{t.appTitle}</h1>
              <p className={s.subtitle}>{t.appSubtitle}</p>
            </div>
            <Field label={t.languageLabel} orientation="horizontal" size="small" data-noprint>
              <Select className={s.lang} size="small" value={lang} onChange={(_, d) => p.setLang(d.value as Lang)}>
                <option value="zh">中文</option>
                <option value="en">English</option>
              </Select>
            </Field>
          </header>

          <section className={s.section} aria-labelledby="vf-inputs" data-noprint>
            <h2 id="vf-inputs" className={s.h2}>
              {t.sectionData}
            </h2>
            {host.face === 'web' && <p className={s.needs}>{t.rosterNeeds}</p>}
            {host.face === 'web' && (
              <div className={s.files}>
                <Field
                  label={t.rosterFile}
                  hint={t.rosterFileHint}
                  validationMessage={p.rosterError ? <span data-testid="roster-error">{p.rosterError[lang]}</span> : undefined}
                >
                  {(fieldProps) => (
                    <input
                      {...fieldProps}
                      ref={p.rosterInput}
                      data-testid="roster-input"
                      type="file"
                      accept={WORKBOOK_ACCEPT}
                      disabled={busy}
                      onChange={(e) => p.onRosterFile(e.currentTarget.files?.[0] ?? null)}
                    />
                  )}
                </Field>
                <Field
                  label={t.ledgerFile}
                  hint={t.ledgerFileHint}
                  validationMessage={p.ledgerError ? <span data-testid="ledger-error">{p.ledgerError[lang]}</span> : undefined}
                >
                  {(fieldProps) => (
                    <input
                      {...fieldProps}
                      ref={p.ledgerInput}
                      data-testid="ledger-input"
                      type="file"
                      accept={WORKBOOK_ACCEPT}
                      disabled={busy}
                      onChange={(e) => void p.onLedgerFile(e.currentTarget.files?.[0] ?? null)}
                    />
                  )}
                </Field>
              </div>
            )}
            {host.face === 'excel' && (
              <div>
                <Button size="small" onClick={() => void p.inspect(undefined)} disabled={busy}>
                  {t.redetect}
                </Button>
              </div>
            )}
            {p.workbook && (
              <RosterSheets
                sheets={p.workbook.sheets}
                included={p.included}
                mappings={p.mappings}
                disabled={busy}
                onInclude={p.onInclude}
                onMap={p.onMap}
              />
            )}
            {p.ledgerChoices.length > 0 && (
              <Field label={t.ledgerSheet}>
                <Select value={p.ledgerSheet} disabled={busy} onChange={(_, d) => p.setLedgerSheet(d.value)}>
                  <option value="">{host.face === 'web' ? t.ledgerAllSheets : t.noLedgerSheet}</option>
                  {p.ledgerChoices.map((x) => (
                    <option key={x.name} value={x.name}>
                      {x.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
          </section>

          <section className={s.section} aria-labelledby="vf-policy" data-noprint>
            <h2 id="vf-policy" className={s.h2}>
              {t.sectionPolicy}
            </h2>
            <PolicyPanel
              host={host}
              source={p.policySource}
              file={p.policyFile}
              year={p.year}
              choice={p.choice}
              disabled={busy}
              onSource={p.setPolicySource}
              onFile={(f) => void p.onPolicyFile(f)}
              onYear={p.setYear}
              yearNote={p.yearNote?.[lang]}
            />
          </section>

          <div className={s.bar} data-noprint>
            {job && <ProgressPanel progress={job.progress} onCancel={() => job.controller.abort()} />}
            {error && (
              <MessageBar intent={error.zh === CANCELLED.zh ? 'warning' : 'error'} layout="multiline" role="alert" data-testid="error">
                <MessageBarBody>{error[lang]}</MessageBarBody>
              </MessageBar>
            )}
            <div className={s.actions}>
              <Button appearance="primary" size="large" disabled={busy} onClick={() => void p.run('calc')} data-testid="compute">
                {t.compute}
              </Button>
              <Button size="large" disabled={busy} onClick={() => void p.run('audit')} data-testid="audit">
                {t.audit}
              </Button>
            </div>
          </div>

          {p.calcView && <CalcResults host={host} view={p.calcView} />}
          {p.auditView && <AuditResults view={p.auditView} />}
        </main>
      </FluentProvider>
    </LangContext.Provider>
  );
}
