// Funds by township as stacked horizontal bars (plain CSS, no chart library).
// Each bar is labelled with its figures in text; the bars themselves are decoration.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { CalcView } from '../../pane/host.js';
import { useLang, useStrings } from '../i18n.js';
import { LINE_COLOURS } from '../theme.js';

const useStyles = makeStyles({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    listStyleType: 'none',
    padding: 0,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  swatch: { display: 'inline-block', width: '12px', height: '12px', marginRight: '4px', verticalAlign: 'middle', borderRadius: '2px' },
  list: { listStyleType: 'none', padding: 0, margin: 0, maxHeight: '420px', overflowY: 'auto' },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(7em, 11em) 1fr',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: '2px 0',
  },
  name: { justifyContent: 'flex-start', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  barBox: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  bar: { display: 'flex', height: '14px', borderRadius: '2px', overflow: 'hidden', backgroundColor: tokens.colorNeutralBackground3 },
  figure: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

export function TownshipChart(props: { view: CalcView; selected?: string; onSelect: (township: string) => void }) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const { view } = props;
  const max = Math.max(...view.townships.map((x) => x.total.value), 1);
  return (
    <figure style={{ margin: 0 }} aria-labelledby="vf-chart-title">
      <figcaption>
        <h3 id="vf-chart-title">{t.byTownship}</h3>
        <span className={s.note}>{t.chartNote}</span>
      </figcaption>
      <ul className={s.legend}>
        {view.lines.map((l, i) => (
          <li key={l.id}>
            <span className={s.swatch} style={{ backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length] }} aria-hidden="true" />
            {l.label[lang]}
          </li>
        ))}
      </ul>
      <ul className={s.list}>
        {view.townships.map((tw) => (
          <li key={tw.name} className={s.item}>
            <Button
              className={s.name}
              appearance={props.selected === tw.name ? 'primary' : 'subtle'}
              size="small"
              aria-pressed={props.selected === tw.name}
              title={tw.name}
              onClick={() => props.onSelect(props.selected === tw.name ? '' : tw.name)}
            >
              {tw.name}
            </Button>
            <div className={s.barBox}>
              <div className={s.bar} aria-hidden="true" style={{ width: `${Math.max((tw.total.value / max) * 100, 0.5)}%` }}>
                {tw.lines.map((l, i) =>
                  l.value > 0 ? (
                    <span
                      key={i}
                      style={{
                        width: `${(l.value / Math.max(tw.total.value, 1)) * 100}%`,
                        backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length],
                      }}
                    />
                  ) : null,
                )}
              </div>
              <span className={s.figure}>
                {tw.total.text} {t.yuan} · {tw.units} {t.unitsWord}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </figure>
  );
}
