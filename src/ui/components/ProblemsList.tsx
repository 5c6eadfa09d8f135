// A list of problems (a calc's 问题清单, an audit's 异常清单): counted by kind,
// filterable by kind and paged; errors first, each naming its cell. Printed in
// full (the current kind), without the filter and the pager.
import { Badge, Button, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { IssueView, ProblemsView } from '../../pane/host.js';
import { useLang, useStrings } from '../i18n.js';
import { usePrinting } from '../print.js';
import { useTableStyles } from './table-styles.js';

const PAGE = 20;

const useStyles = makeStyles({
  badge: { flexShrink: 0 },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: `${tokens.spacingVerticalXS} 0` },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  kinds: { flexShrink: 0 },
  filter: { minWidth: '16em' },
  pager: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', marginTop: tokens.spacingVerticalS },
});

const COLOUR = { error: 'danger', warning: 'warning', info: 'informative' } as const;

const keyOf = (i: { severity: string; code: string }) => `${i.severity}:${i.code}`;

function issueRef(i: IssueView): string | null {
  return i.row === null ? null : `'${i.sheet.replace(/'/g, "''")}'!${i.column ?? 'A'}${i.row}`;
}

export function ProblemsList(props: {
  /** Heading id (several lists on a page). */
  id: string;
  title: string;
  /** A line under the heading (the counts by severity). */
  note?: string;
  problems: ProblemsView;
  /** The sheet of the result workbook that has them all. */
  sheet: string;
  /** Audit exceptions: payee, fund line and amount columns. */
  payments?: boolean;
  onShowCell?: (ref: string) => void;
}) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const tb = useTableStyles();
  const printing = usePrinting();
  const { problems, id } = props;
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    setKind('');
    setOffset(0);
  }, [problems]);
  useEffect(() => setOffset(0), [kind]);

  const items = kind ? problems.items.filter((i) => keyOf(i) === kind) : problems.items;
  const shown = printing ? items : items.slice(offset, offset + PAGE);
  const kindWord = (i: IssueView) => problems.kinds.find((k) => keyOf(k) === keyOf(i))?.label[lang] ?? i.code;

  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{props.title}</h3>
      {props.note && <p className={s.note}>{props.note}</p>}
      {problems.total === 0 ? (
        <p>{t.noIssues}</p>
      ) : (
        <>
          <div className={s.row}>
            <table className={`${tb.table} ${s.kinds}`} aria-label={t.kindsSummary}>
              <thead>
                <tr>
                  <th className={tb.th} scope="col">
                    {t.kind}
                  </th>
                  <th className={`${tb.th} ${tb.num}`} scope="col">
                    {t.count}
                  </th>
                </tr>
              </thead>
              <tbody>
                {problems.kinds.map((k) => (
                  <tr key={keyOf(k)}>
                    <th className={tb.td} scope="row" style={{ fontWeight: 'normal', textAlign: 'left' }}>
                      <Badge className={s.badge} appearance="tint" color={COLOUR[k.severity]}>
                        {t.severity[k.severity]}
                      </Badge>{' '}
                      {k.label[lang]}
                    </th>
                    <td className={`${tb.td} ${tb.num}`}>{k.count.toLocaleString('en-US')}</td>
                  </tr>
                ))}
                <tr>
                  <th className={`${tb.td} ${tb.total}`} scope="row" style={{ textAlign: 'left' }}>
                    {t.total}
                  </th>
                  <td className={`${tb.td} ${tb.num} ${tb.total}`}>{problems.total.toLocaleString('en-US')}</td>
                </tr>
              </tbody>
            </table>
            <Field label={t.kind} data-noprint>
              <Select className={s.filter} value={kind} onChange={(_, d) => setKind(d.value)} data-testid={`${id}-kind`}>
                <option value="">{t.allKinds(problems.total)}</option>
                {problems.kinds.map((k) => (
                  <option key={keyOf(k)} value={keyOf(k)}>
                    {t.kindOption(`${t.severity[k.severity]} · ${k.label[lang]}`, k.count)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className={tb.wrap} tabIndex={0} role="region" aria-labelledby={id} data-print-full>
            <table className={tb.table} aria-labelledby={id} data-testid={`${id}-items`}>
              <thead>
                <tr>
                  <th className={tb.th} scope="col">
                    {t.kind}
                  </th>
                  {props.payments && (
                    <>
                      <th className={tb.th} scope="col">
                        {t.payee}
                      </th>
                      <th className={tb.th} scope="col">
                        {t.line}
                      </th>
                      <th className={`${tb.th} ${tb.num}`} scope="col">
                        {t.amount}
                      </th>
                    </>
                  )}
                  <th className={tb.th} scope="col">
                    {t.message}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((i, k) => {
                  const ref = issueRef(i);
                  return (
                    <tr key={offset + k}>
                      <td className={tb.td}>
                        <Badge className={s.badge} appearance="tint" color={COLOUR[i.severity]}>
                          {t.severity[i.severity]}
                        </Badge>{' '}
                        {kindWord(i)}
                      </td>
                      {props.payments && (
                        <>
                          <td className={tb.td}>{i.payee ?? ''}</td>
                          <td className={tb.td}>{i.line?.[lang] ?? ''}</td>
                          <td className={`${tb.td} ${tb.num}`}>{i.amount ?? ''}</td>
                        </>
                      )}
                      <td className={tb.td}>
                        {i.message[lang]}
                        {props.onShowCell && ref && (
                          <Button
                            size="small"
                            appearance="transparent"
                            onClick={() => props.onShowCell!(ref)}
                            aria-label={`${t.goToCell} ${ref}`}
                          >
                            {t.goToCell}
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {!printing && items.length > PAGE && (
            <div className={s.pager} data-noprint>
              <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t.prev}
              </Button>
              <span aria-live="polite">{t.itemsOf(offset + 1, Math.min(offset + PAGE, items.length), items.length)}</span>
              <Button size="small" disabled={offset + PAGE >= items.length} onClick={() => setOffset(offset + PAGE)}>
                {t.next}
              </Button>
            </div>
          )}
          {problems.total > problems.items.length && (
            <p className={s.note}>{t.listedOnly(problems.items.length, problems.total, props.sheet)}</p>
          )}
        </>
      )}
    </section>
  );
}
