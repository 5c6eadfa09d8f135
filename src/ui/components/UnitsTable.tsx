// The computed units, paged and searchable, each with its explanation one click away.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { CalcView, Host, UnitDetail, UnitPage } from '../../pane/host.js';
import { errorSaid } from '../../pane/errors.js';
import { useLang, useStrings } from '../i18n.js';

const PAGE = 20;

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-end',
    marginBottom: tokens.spacingVerticalS,
  },
  wrap: { overflowX: 'auto' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase300 },
  th: { textAlign: 'left', borderBottom: `2px solid ${tokens.colorNeutralStroke1}`, padding: '4px 6px', whiteSpace: 'nowrap' },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: '3px 6px' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  pager: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', marginTop: tokens.spacingVerticalS },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export function UnitsTable(props: { host: Host; view: CalcView; township: string; onTownship: (t: string) => void }) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<UnitPage | null>(null);
  const hasOrganisation = !!page?.rows.some((u) => u.organisation);
  const [error, setError] = useState<string | null>(null);
  const [detail, setDetail] = useState<UnitDetail | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const { host, view, township } = props;
  /** The button that opened the explanation: focus goes back to it when the dialog closes. */
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => setOffset(0), [text, township, view]);
  useEffect(() => {
    let live = true;
    host
      .units({ text, township, offset, limit: PAGE })
      .then((p) => live && (setPage(p), setError(null)))
      .catch((e) => live && setError(errorSaid(e)[lang]));
    return () => {
      live = false;
    };
  }, [host, view, text, township, offset, lang]);

  const open = (id: number, button: HTMLElement) => {
    opener.current = button;
    setOpening(id);
    host
      .explain(id)
      .then(setDetail)
      .catch((e) => setError(errorSaid(e)[lang]))
      .finally(() => setOpening(null));
  };

  const close = () => {
    setDetail(null);
    const back = opener.current;
    if (back) setTimeout(() => back.focus(), 0);
  };

  return (
    <section aria-labelledby="vf-units-title">
      <h3 id="vf-units-title">{t.unitList}</h3>
      <div className={s.filters}>
        <Field label={t.search}>
          <Input value={text} onChange={(_, d) => setText(d.value)} type="search" />
        </Field>
        <Field label={t.township}>
          <Select value={township} onChange={(_, d) => props.onTownship(d.value)}>
            <option value="">{t.allTownships}</option>
            {view.townships.map((tw) => (
              <option key={tw.name} value={tw.name}>
                {tw.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {error && <p role="alert">{error}</p>}
      {page && page.total === 0 && <p>{t.noUnits}</p>}
      {page && page.total > 0 && (
        <>
          <div className={s.wrap} tabIndex={0} role="region" aria-labelledby="vf-units-title">
            <table className={s.table}>
              <thead>
                <tr>
                  <th className={s.th} scope="col">
                    {t.township}
                  </th>
                  <th className={s.th} scope="col">
                    {t.name}
                  </th>
                  <th className={s.th} scope="col">
                    {t.type}
                  </th>
                  <th className={`${s.th} ${s.num}`} scope="col">
                    {t.population}
                  </th>
                  <th className={`${s.th} ${s.num}`} scope="col">
                    {t.members}
                  </th>
                  <th className={`${s.th} ${s.num}`} scope="col">
                    {t.total}
                    {t.paren(t.yuan)}
                  </th>
                  {hasOrganisation && (
                    <th className={s.th} scope="col">
                      {t.organisation}
                    </th>
                  )}
                  <th className={s.th} scope="col">
                    {t.explain}
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((u) => (
                  <tr key={u.id}>
                    <td className={s.td}>{u.township}</td>
                    <th className={s.td} scope="row" style={{ fontWeight: 'normal', textAlign: 'left' }}>
                      {u.name}
                    </th>
                    <td className={s.td}>{u.type[lang]}</td>
                    <td className={`${s.td} ${s.num}`}>{u.population.toLocaleString('en-US')}</td>
                    <td className={`${s.td} ${s.num}`}>{u.members.toLocaleString('en-US')}</td>
                    <td className={`${s.td} ${s.num}`}>{u.total}</td>
                    {hasOrganisation && <td className={s.td}>{u.organisation?.[lang]}</td>}
                    <td className={s.td}>
                      <Button
                        size="small"
                        onClick={(e) => open(u.id, e.currentTarget)}
                        aria-label={t.explainButton(u.name)}
                        disabled={opening !== null}
                      >
                        {opening === u.id ? <Spinner size="extra-tiny" /> : t.explain}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className={s.pager}>
            <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t.prev}
            </Button>
            <span aria-live="polite">{t.pageOf(offset + 1, Math.min(offset + PAGE, page.total), page.total)}</span>
            <Button size="small" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              {t.next}
            </Button>
          </div>
        </>
      )}
      <Dialog open={detail !== null} onOpenChange={(_, d) => !d.open && close()}>
        <DialogSurface aria-describedby={undefined}>
          {detail && (
            <DialogBody>
              <DialogTitle>{t.explainOf(detail.name)}</DialogTitle>
              <DialogContent>
                <p className={s.muted}>
                  {detail.township} · {detail.type[lang]} · {t.population} {detail.population.toLocaleString('en-US')} · {t.members}{' '}
                  {detail.members.toLocaleString('en-US')}
                  {detail.months !== 12 ? ` · ${t.monthsActive(detail.months)}` : ''}
                  {detail.code ? ` · ${detail.code}` : ''}
                </p>
                <ul className={s.lines}>
                  {detail.lines.map((l, i) => (
                    <li key={i}>
                      <strong>
                        {l.label[lang]}
                        {t.colon}
                        {l.amount} {t.yuan}
                      </strong>
                      <br />
                      {l.text[lang]}
                      {l.applies && <span className={s.muted}> {t.paren(`${t.clause} ${l.clause}`)}</span>}
                    </li>
                  ))}
                </ul>
                <p>
                  <strong>
                    {t.total}
                    {t.colon}
                    {detail.total} {t.yuan}
                  </strong>{' '}
                  {t.paren(`${t.capital}${t.colon}${detail.capital}`)}
                </p>
                {detail.organisationText && (
                  <p>
                    <strong>
                      {t.organisation}
                      {t.colon}
                    </strong>
                    {detail.organisationText[lang]}
                  </p>
                )}
                <p className={s.muted}>{t.source(detail.sheet, detail.row)}</p>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={close}>
                  {t.close}
                </Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </section>
  );
}
