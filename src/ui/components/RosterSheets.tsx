// Per sheet of the roster workbook: whether it is read as a roster, the header
// row detection found, and the column for each field, which the user can correct.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Checkbox,
  Field,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ROSTER_FIELDS, ROSTER_FIELD_LABELS, ROSTER_REQUIRED, type RosterField } from '../../workbook/roster-fields.js';
import type { FieldMapping, SheetInfo } from '../../pane/host.js';
import { useLang, useStrings } from '../i18n.js';
import { effectiveColumn } from '../use-pane.js';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: tokens.spacingHorizontalM },
});

export function RosterSheets(props: {
  sheets: SheetInfo[];
  included: ReadonlySet<string>;
  mappings: Record<string, FieldMapping>;
  disabled?: boolean;
  onInclude: (sheet: string, on: boolean) => void;
  onMap: (sheet: string, field: RosterField, column: number | null) => void;
}) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const sheets = props.sheets.filter((x) => !x.generated);
  return (
    <ul className={s.list} aria-label={t.rosterSheets}>
      {sheets.map((sheet) => {
        const on = props.included.has(sheet.name);
        const mapping = props.mappings[sheet.name];
        return (
          <li key={sheet.name} className={s.item}>
            <div className={s.head}>
              <Checkbox
                checked={on}
                disabled={props.disabled}
                onChange={(_, d) => props.onInclude(sheet.name, d.checked === true)}
                label={t.includeSheet(sheet.name)}
              />
              <span className={s.meta}>{t.sheetRows(sheet.rows)}</span>
              {sheet.headerRow !== null ? (
                <Badge appearance="tint" color="success">
                  {t.headerAt(sheet.headerRow)}
                </Badge>
              ) : (
                <Badge appearance="tint" color="informative">
                  {t.noHeader}
                </Badge>
              )}
            </div>
            {on && (
              <Accordion collapsible defaultOpenItems={sheet.headerRow === null ? ['map'] : []}>
                <AccordionItem value="map">
                  <AccordionHeader size="small">{t.mappingFor(sheet.name)}</AccordionHeader>
                  <AccordionPanel>
                    <div className={s.grid}>
                      {ROSTER_FIELDS.map((field) => {
                        const col = effectiveColumn(sheet, mapping, field);
                        const required = ROSTER_REQUIRED.includes(field);
                        const label = ROSTER_FIELD_LABELS[field][lang];
                        return (
                          <Field key={field} label={`${label}${required ? t.paren(t.required) : ''}`} size="small" required={required}>
                            <Select
                              size="small"
                              value={col === null ? '' : String(col)}
                              disabled={props.disabled}
                              aria-label={`${sheet.name} ${t.fieldColumn(label)}`}
                              onChange={(_, d) => props.onMap(sheet.name, field, d.value === '' ? null : Number(d.value))}
                            >
                              <option value="">{required ? t.chooseColumn : t.noColumn}</option>
                              {sheet.columns.map((c) => (
                                <option key={c.index} value={String(c.index)}>
                                  {c.letter}
                                  {c.header ? ` · ${c.header}` : ''}
                                </option>
                              ))}
                            </Select>
                          </Field>
                        );
                      })}
                    </div>
                  </AccordionPanel>
                </AccordionItem>
              </Accordion>
            )}
          </li>
        );
      })}
    </ul>
  );
}
