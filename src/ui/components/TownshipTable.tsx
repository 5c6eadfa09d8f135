// 乡镇汇总 on the page: each township's units and money by fund line, and the
// county total row, as the result workbook's sheet has them (and as printed).
import type { CalcView } from '../../pane/host.js';
import { useLang, useStrings } from '../i18n.js';
import { useTableStyles } from './table-styles.js';

export function TownshipTable(props: { view: CalcView }) {
  const t = useStrings();
  const lang = useLang();
  const tb = useTableStyles();
  const { view } = props;
  const num = `${tb.td} ${tb.num}`;
  const total = `${num} ${tb.total}`;
  return (
    <section aria-labelledby="vf-townships-title">
      <h3 id="vf-townships-title">{t.townshipTable}</h3>
      <div className={tb.wrap} tabIndex={0} role="region" aria-labelledby="vf-townships-title" data-print-full>
        <table className={tb.table} data-testid="township-table">
          <thead>
            <tr>
              <th className={tb.th} scope="col">
                {t.township}
              </th>
              <th className={`${tb.th} ${tb.num}`} scope="col">
                {t.unitCount}
              </th>
              {view.lines.map((l) => (
                <th key={l.id} className={`${tb.th} ${tb.num}`} scope="col">
                  {l.label[lang]}
                </th>
              ))}
              <th className={`${tb.th} ${tb.num}`} scope="col">
                {t.total}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.townships.map((tw) => (
              <tr key={tw.name}>
                <th className={tb.td} scope="row" style={{ fontWeight: 'normal', textAlign: 'left' }}>
                  {tw.name}
                </th>
                <td className={num}>{tw.units.toLocaleString('en-US')}</td>
                {tw.lines.map((m, i) => (
                  <td key={i} className={num}>
                    {m.text}
                  </td>
                ))}
                <td className={`${num} ${tb.total}`} style={{ borderTop: 'none' }}>
                  {tw.total.text}
                </td>
              </tr>
            ))}
            <tr>
              <th className={`${tb.td} ${tb.total}`} scope="row" style={{ textAlign: 'left' }}>
                {t.countyRow}
              </th>
              <td className={total}>{view.county.units.toLocaleString('en-US')}</td>
              {view.county.lines.map((m, i) => (
                <td key={i} className={total}>
                  {m.text}
                </td>
              ))}
              <td className={total}>{view.county.total.text}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
