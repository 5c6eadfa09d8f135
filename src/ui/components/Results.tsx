// What a run produced: county total, counts, chart, issues, units (calc);
// the written sheets and the variance summary (audit).
import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AuditView, CalcView, Host, OutputView, TableView } from '../../pane/host.js';
import { useLang, useStrings } from '../i18n.js';
import { IssuesList } from './IssuesList.js';
import { TownshipChart } from './TownshipChart.js';
import { UnitsTable } from './UnitsTable.js';

const useStyles = makeStyles({
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: `${tokens.spacingVerticalM} 0`,
  },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
  },
  big: {
    fontSize: tokens.fontSizeHero700,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
    lineHeight: tokens.lineHeightHero700,
    wordBreak: 'break-all',
  },
  label: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  dl: { display: 'grid', gridTemplateColumns: 'auto auto', justifyContent: 'start', columnGap: tokens.spacingHorizontalL, margin: 0 },
  dd: { margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  output: {
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  section: { marginTop: tokens.spacingVerticalL },
  wrap: { overflowX: 'auto' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', borderBottom: `2px solid ${tokens.colorNeutralStroke1}`, padding: '3px 6px', whiteSpace: 'nowrap' },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: '2px 6px' },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  figures: { display: 'inline-grid', marginTop: tokens.spacingVerticalS },
});

function Output(props: { output: OutputView; ms: number }) {
  const t = useStrings();
  const s = useStyles();
  const o = props.output;
  return (
    <p className={s.output} role="status">
      {o.kind === 'download' ? (
        <>
          {t.downloaded(o.fileName)}{' '}
          <Link href={o.url} download={o.fileName}>
            {t.download}
          </Link>
        </>
      ) : (
        t.written(o.sheets.join('、'))
      )}{' '}
      <span className={s.muted}>{t.paren(t.elapsed(props.ms))}</span>
    </p>
  );
}

export function CalcResults(props: { host: Host; view: CalcView }) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const [township, setTownship] = useState('');
  const { view } = props;
  return (
    <section aria-labelledby="vf-result-title" className={s.section}>
      <h2 id="vf-result-title">
        {t.calcResult}
        <span className={s.muted}>
          {' '}
          · {view.policy.title[lang]} · {view.policy.year}
        </span>
      </h2>
      <Output output={view.output} ms={view.ms} />
      <div className={s.cards}>
        <div className={s.card}>
          <div className={s.label}>
            {t.countyTotal}
            {t.paren(t.yuan)}
          </div>
          <div className={s.big} data-testid="county-total">
            {view.county.total.text}
          </div>
          <div className={s.label}>
            {view.county.wan} {t.wan}
            <br />
            {view.county.capital}
          </div>
        </div>
        <dl className={`${s.card} ${s.dl}`} aria-label={t.rowsRead}>
          <dt>{t.units}</dt>
          <dd className={s.dd} data-testid="units">
            {view.county.units.toLocaleString('en-US')}
          </dd>
          <dt>{t.rowsRead}</dt>
          <dd className={s.dd}>{view.rows.read.toLocaleString('en-US')}</dd>
          <dt>{t.computed}</dt>
          <dd className={s.dd} data-testid="computed">
            {view.rows.computed.toLocaleString('en-US')}
          </dd>
          <dt>{t.rejected}</dt>
          <dd className={s.dd} data-testid="rejected">
            {view.rows.rejected.toLocaleString('en-US')}
          </dd>
          <dt>{t.skipped}</dt>
          <dd className={s.dd}>{view.rows.skipped.toLocaleString('en-US')}</dd>
        </dl>
        {view.organisation && (
          <dl className={`${s.card} ${s.dl}`} aria-label={t.organisation} data-testid="organisation">
            {view.organisation.map((o) => (
              <div key={o.label.zh} style={{ display: 'contents' }}>
                <dt>{o.label[lang]}</dt>
                <dd className={s.dd}>{o.units.toLocaleString('en-US')}</dd>
              </div>
            ))}
          </dl>
        )}
        <dl className={`${s.card} ${s.dl}`} aria-label={t.totalsByLine}>
          {view.lines.map((l, i) => (
            <div key={l.id} style={{ display: 'contents' }}>
              <dt>{l.label[lang]}</dt>
              <dd className={s.dd}>{view.county.lines[i]!.text}</dd>
            </div>
          ))}
        </dl>
      </div>
      {view.warnings.text[lang] && (
        <p className={s.section} role="status" data-testid="warnings">
          {view.warnings.text[lang]}
        </p>
      )}
      <div className={s.section}>
        <TownshipChart view={view} selected={township} onSelect={setTownship} />
      </div>
      <div className={s.section}>
        <IssuesList view={view} onShowCell={props.host.showCell ? (ref) => void props.host.showCell!(ref) : undefined} />
      </div>
      <div className={s.section}>
        <UnitsTable host={props.host} view={view} township={township} onTownship={setTownship} />
      </div>
    </section>
  );
}

function Table(props: { table: TableView; id: string }) {
  const s = useStyles();
  const t = useStrings();
  const { table } = props;
  return (
    <div className={s.section}>
      <h3 id={props.id}>{table.name}</h3>
      {table.title && <p className={s.muted}>{table.title}</p>}
      {/* Focusable so a keyboard can scroll it when it is wider than the pane. */}
      <div className={s.wrap} tabIndex={0} role="region" aria-labelledby={props.id}>
        <table className={s.table} aria-labelledby={props.id}>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} className={s.th} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, k) => (
                  <td key={k} className={s.td}>
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

export function AuditResults(props: { view: AuditView }) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const { view } = props;
  return (
    <section aria-labelledby="vf-audit-title" className={s.section}>
      <h2 id="vf-audit-title">{t.auditResult}</h2>
      <Output output={view.output} ms={view.ms} />
      {view.yearHint && (
        <p className={s.section} role="alert" data-testid="audit-year-hint">
          {view.yearHint[lang]}
        </p>
      )}
      {view.figures.length > 0 && (
        <dl className={`${s.card} ${s.dl} ${s.figures}`}>
          {view.figures.map((f, i) => (
            <div key={i} style={{ display: 'contents' }}>
              <dt>{f.label[lang]}</dt>
              <dd className={s.dd}>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className={s.muted}>
        {t.auditSheets}
        {t.colon}
        {view.sheets.map((x) => `${x.name}${t.paren(`${x.rows} ${t.rows}`)}`).join(lang === 'zh' ? '、' : ', ')}
      </p>
      {view.summary && <Table table={view.summary} id="vf-audit-summary" />}
      {view.exceptions && <Table table={view.exceptions} id="vf-audit-exceptions" />}
    </section>
  );
}
