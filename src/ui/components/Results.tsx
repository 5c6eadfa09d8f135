// What a run produced: county total, counts, 乡镇汇总, chart, issues, units
// (calc); the audit's figures, summary and exceptions. The result leads the
// eye: it is scrolled into view and its heading takes the focus; the workbook
// downloads on 下载结果, and 打印 prints the results alone (print.ts).
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AuditView, CalcView, Host, OutputView, TableView } from '../../pane/host.js';
import { AUDIT_SHEET_NAMES, CALC_SHEET_NAMES } from '../../workbook/sheet-names.js';
import { useLang, useStrings } from '../i18n.js';
import { ProblemsList } from './ProblemsList.js';
import { TownshipChart } from './TownshipChart.js';
import { TownshipTable } from './TownshipTable.js';
import { UnitsTable } from './UnitsTable.js';
import { useTableStyles } from './table-styles.js';

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  h2: { margin: 0, outlineStyle: 'none', scrollMarginTop: tokens.spacingVerticalM },
  tools: { display: 'flex', gap: tokens.spacingHorizontalS },
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(190px, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: `${tokens.spacingVerticalM} 0`,
  },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
  },
  h3: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground2 },
  big: {
    fontSize: tokens.fontSizeHero700,
    fontWeight: tokens.fontWeightBold,
    fontVariantNumeric: 'tabular-nums',
    lineHeight: tokens.lineHeightHero700,
    wordBreak: 'break-all',
  },
  label: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  notCounted: {
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
    margin: `${tokens.spacingVerticalXS} 0 0`,
  },
  dl: {
    display: 'grid',
    gridTemplateColumns: 'auto auto',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalL,
    margin: 0,
  },
  dd: { margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  ddTotal: { margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums', fontWeight: tokens.fontWeightBold },
  output: {
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  section: { marginTop: tokens.spacingVerticalL },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** Scrolls a new result into view and gives its heading the focus (a screen reader reads it out). */
function useLeadTo(view: unknown) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const h = heading.current;
    if (!h) return;
    h.focus({ preventScroll: true });
    h.scrollIntoView({ block: 'start' });
  }, [view]);
  return heading;
}

function download(url: string, fileName: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

/** The result's heading with 下载结果 and 打印, and the line saying where the result went. */
function ResultHead(props: { id: string; title: ReactNode; view: unknown; output: OutputView; ms: number }) {
  const t = useStrings();
  const s = useStyles();
  const heading = useLeadTo(props.view);
  const o = props.output;
  return (
    <>
      <div className={s.head}>
        <h2 id={props.id} className={s.h2} ref={heading} tabIndex={-1}>
          {props.title}
        </h2>
        <div className={s.tools} data-noprint>
          {o.kind === 'download' && (
            <Button appearance="primary" onClick={() => download(o.url, o.fileName)} data-testid="download">
              {t.download}
            </Button>
          )}
          <Button onClick={() => window.print()} data-testid="print">
            {t.print}
          </Button>
        </div>
      </div>
      <p className={s.output} role="status">
        {o.kind === 'download' ? t.resultReady(o.fileName) : t.written(o.sheets.join('、'))}{' '}
        <span className={s.muted}>{t.paren(t.elapsed(props.ms))}</span>
      </p>
    </>
  );
}

/** A card: a heading (with its unit) over its figures. */
function Card(props: { id: string; title: string; children: ReactNode; testId?: string }) {
  const s = useStyles();
  return (
    <section className={s.card} aria-labelledby={props.id} data-testid={props.testId}>
      <h3 id={props.id} className={s.h3}>
        {props.title}
      </h3>
      {props.children}
    </section>
  );
}

export function CalcResults(props: { host: Host; view: CalcView }) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const [township, setTownship] = useState('');
  const { view } = props;
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    <section aria-labelledby="vf-result-title" className={s.section}>
      <ResultHead
        id="vf-result-title"
        view={view}
        output={view.output}
        ms={view.ms}
        title={
          <>
            {t.calcResult}
            <span className={s.muted}>
              {' '}
              · {view.policy.title[lang]} · {view.policy.year}
            </span>
          </>
        }
      />
      <div className={s.cards}>
        <Card id="vf-card-total" title={t.cardTotal}>
          <div className={s.big} data-testid="county-total">
            {view.county.total.text}
          </div>
          <div className={s.label}>
            {view.county.wan} {t.wan} · {t.unitsComputed(view.county.units)}
            <br />
            {view.county.capital}
          </div>
          <p className={view.rows.rejected ? s.notCounted : s.label} data-testid="not-counted">
            {view.rows.rejected ? t.notCounted(view.rows.rejected) : t.allCounted}
          </p>
        </Card>
        <Card id="vf-card-rows" title={t.cardRows}>
          <dl className={s.dl}>
            <dt>{t.units}</dt>
            <dd className={s.dd} data-testid="units">
              {n(view.county.units)}
            </dd>
            <dt>{t.rowsRead}</dt>
            <dd className={s.dd}>{n(view.rows.read)}</dd>
            <dt>{t.computed}</dt>
            <dd className={s.dd} data-testid="computed">
              {n(view.rows.computed)}
            </dd>
            <dt>{t.rejected}</dt>
            <dd className={s.dd} data-testid="rejected">
              {n(view.rows.rejected)}
            </dd>
            <dt>{t.skipped}</dt>
            <dd className={s.dd}>{n(view.rows.skipped)}</dd>
          </dl>
        </Card>
        {view.organisation && (
          <Card id="vf-card-organisation" title={t.cardOrganisation} testId="organisation">
            <dl className={s.dl}>
              {view.organisation.map((o) => (
                <div key={o.label.zh} style={{ display: 'contents' }}>
                  <dt>{o.label[lang]}</dt>
                  <dd className={s.dd}>{n(o.units)}</dd>
                </div>
              ))}
            </dl>
          </Card>
        )}
        <Card id="vf-card-lines" title={t.cardLines}>
          <dl className={s.dl}>
            {view.lines.map((l, i) => (
              <div key={l.id} style={{ display: 'contents' }}>
                <dt>{l.label[lang]}</dt>
                <dd className={s.dd}>{view.county.lines[i]!.text}</dd>
              </div>
            ))}
            <dt>
              <strong>{t.total}</strong>
            </dt>
            <dd className={s.ddTotal}>{view.county.total.text}</dd>
          </dl>
        </Card>
      </div>
      {view.warnings.text[lang] && (
        <p className={s.section} role="status" data-testid="warnings">
          {view.warnings.text[lang]}
        </p>
      )}
      <div className={s.section}>
        <TownshipTable view={view} />
      </div>
      <div className={s.section} data-noprint>
        <TownshipChart view={view} selected={township} onSelect={setTownship} />
      </div>
      <div className={s.section}>
        <ProblemsList
          id="vf-issues-title"
          title={t.issues}
          note={t.issueCounts(view.issues.counts.error, view.issues.counts.warning, view.issues.counts.info)}
          problems={{ kinds: view.issues.kinds, items: view.issues.top, total: view.issues.total }}
          sheet={CALC_SHEET_NAMES.issues}
          onShowCell={props.host.showCell ? (ref) => void props.host.showCell!(ref) : undefined}
        />
      </div>
      <div className={s.section} data-noprint>
        <UnitsTable host={props.host} view={view} township={township} onTownship={setTownship} />
      </div>
    </section>
  );
}

function Table(props: { table: TableView; id: string }) {
  const s = useStyles();
  const tb = useTableStyles();
  const t = useStrings();
  const { table } = props;
  const totals = new Set(table.totals ?? []);
  const cell = (r: number, c: number) => [tb.td, table.numeric?.[c] ? tb.num : '', totals.has(r) ? tb.total : ''].filter(Boolean).join(' ');
  return (
    <div className={s.section}>
      <h3 id={props.id}>{table.name}</h3>
      {table.title && <p className={s.muted}>{table.title}</p>}
      {/* Focusable so a keyboard can scroll it when it is wider than the pane. */}
      <div className={tb.wrap} tabIndex={0} role="region" aria-labelledby={props.id} data-print-full>
        <table className={tb.table} aria-labelledby={props.id}>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} className={`${tb.th} ${table.numeric?.[i] ? tb.num : ''}`} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, k) => (
                  <td key={k} className={cell(i, k)}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.totalRows > table.rows.length && (
        <p className={s.muted}>
          {table.rows.length} / {table.totalRows} {t.rows}
        </p>
      )}
    </div>
  );
}

const FIGURE_GROUPS = ['money', 'pairs', 'rows'] as const;

export function AuditResults(props: { view: AuditView }) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const { view } = props;
  const titles = { money: t.auditMoney, pairs: t.auditPairs, rows: t.auditRows };
  const groups = FIGURE_GROUPS.map((g) => ({ g, figures: view.figures.filter((f) => (f.group ?? 'money') === g) })).filter(
    (x) => x.figures.length > 0,
  );
  return (
    <section aria-labelledby="vf-audit-title" className={s.section}>
      <ResultHead id="vf-audit-title" title={t.auditResult} view={view} output={view.output} ms={view.ms} />
      {view.yearHint && (
        <p className={s.section} role="alert" data-testid="audit-year-hint">
          {view.yearHint[lang]}
        </p>
      )}
      {groups.length > 0 && (
        <div className={s.cards}>
          {groups.map(({ g, figures }) => (
            <Card key={g} id={`vf-audit-${g}`} title={titles[g]} testId={`audit-${g}`}>
              <dl className={s.dl}>
                {figures.map((f, i) => (
                  <div key={i} style={{ display: 'contents' }}>
                    <dt>{f.label[lang]}</dt>
                    <dd className={s.dd}>{f.value}</dd>
                  </div>
                ))}
              </dl>
              {g === 'pairs' && <p className={s.muted}>{t.auditPairsNote}</p>}
            </Card>
          ))}
        </div>
      )}
      <p className={s.muted}>
        {t.auditSheets}
        {t.colon}
        {view.sheets.map((x) => `${x.name}${t.paren(`${x.rows} ${t.rows}`)}`).join(lang === 'zh' ? '、' : ', ')}
      </p>
      {view.summary && <Table table={view.summary} id="vf-audit-summary" />}
      {view.problems ? (
        <div className={s.section}>
          <ProblemsList
            id="vf-audit-exceptions"
            title={t.exceptions}
            problems={view.problems}
            sheet={AUDIT_SHEET_NAMES.exceptions}
            payments
          />
        </div>
      ) : (
        view.exceptions && <Table table={view.exceptions} id="vf-audit-exceptions" />
      )}
    </section>
  );
}
