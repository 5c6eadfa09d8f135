// The issues found while reading the roster: errors first, each naming its cell.
import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import type { CalcView, IssueView } from '../../pane/host.js';
import { useLang, useStrings } from '../i18n.js';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, maxHeight: '360px', overflowY: 'auto' },
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    padding: '3px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  badge: { flexShrink: 0 },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

const COLOUR = { error: 'danger', warning: 'warning', info: 'informative' } as const;

function issueRef(i: IssueView): string | null {
  return i.row === null ? null : `'${i.sheet.replace(/'/g, "''")}'!${i.column ?? 'A'}${i.row}`;
}

export function IssuesList(props: { view: CalcView; onShowCell?: (ref: string) => void }) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const { issues } = props.view;
  return (
    <section aria-labelledby="vf-issues-title">
      <h3 id="vf-issues-title">{t.issues}</h3>
      <p className={s.note}>{t.issueCounts(issues.counts.error, issues.counts.warning, issues.counts.info)}</p>
      {issues.total === 0 ? (
        <p>{t.noIssues}</p>
      ) : (
        <>
          <ul className={s.list} tabIndex={0} aria-labelledby="vf-issues-title">
            {issues.top.map((i, k) => {
              const ref = issueRef(i);
              return (
                <li key={k} className={s.item}>
                  <Badge className={s.badge} appearance="tint" color={COLOUR[i.severity]}>
                    {t.severity[i.severity]}
                  </Badge>
                  <span>{i.message[lang]}</span>
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
                </li>
              );
            })}
          </ul>
          {issues.total > issues.top.length && <p className={s.note}>{t.moreIssues(issues.top.length, issues.total)}</p>}
        </>
      )}
    </section>
  );
}
