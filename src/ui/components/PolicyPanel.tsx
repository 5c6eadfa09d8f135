// Policy choice (built-in, a file, or the 政策参数 sheet), the year, and the
// lines in force that year with their clauses.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Field,
  Input,
  Radio,
  RadioGroup,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Host, PolicyChoice, PolicyView } from '../../pane/host.js';
import { errorSaid } from '../../pane/errors.js';
import { useLang, useStrings } from '../i18n.js';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-end' },
  year: { width: '8em' },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  rules: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  clause: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export type PolicySource = PolicyChoice['kind'];

export function PolicyPanel(props: {
  host: Host;
  source: PolicySource;
  file: { name: string; text: string } | null;
  year: number;
  disabled?: boolean;
  onSource: (s: PolicySource) => void;
  onFile: (file: File | null) => void;
  onYear: (y: number) => void;
  /** Where the year came from when the user gave none (the roster's title, the ledger's dates). */
  yearNote?: string;
  /** The choice as it stands (null while a file is missing). */
  choice: PolicyChoice | null;
}) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const [open, setOpen] = useState<boolean>(props.host.face === 'excel');
  const [view, setView] = useState<PolicyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const { choice, year, host } = props;
  const validYear = Number.isInteger(year) && year >= 1900 && year <= 9999;

  // A policy file is checked as soon as it is chosen; the summary loads when shown.
  useEffect(() => {
    if (!choice || !validYear || (!open && choice.kind !== 'file')) return;
    let live = true;
    setLoading(true);
    setError(null);
    host
      .describePolicy(choice, year)
      .then((v) => live && setView(v))
      .catch((e) => {
        if (!live) return;
        setView(null);
        setError(errorSaid(e)[lang]);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [host, choice, year, open, validYear, lang]);

  return (
    <>
      <div className={s.row}>
        <Field label={t.policy}>
          <RadioGroup
            layout={host.face === 'excel' ? 'vertical' : 'horizontal'}
            value={props.source}
            disabled={props.disabled}
            onChange={(_, d) => props.onSource(d.value as PolicySource)}
          >
            {host.policySources.includes('builtin') && <Radio value="builtin" label={t.policyBuiltin} />}
            {host.policySources.includes('file') && <Radio value="file" label={t.policyFile} />}
            {host.policySources.includes('sheet') && <Radio value="sheet" label={t.policySheet} />}
          </RadioGroup>
        </Field>
        <Field
          label={t.year}
          validationMessage={validYear ? undefined : '1900–9999'}
          hint={props.yearNote ? <span data-testid="year-note">{props.yearNote}</span> : undefined}
        >
          <Input
            className={s.year}
            type="number"
            min={1900}
            max={9999}
            value={String(year)}
            disabled={props.disabled}
            onChange={(_, d) => props.onYear(Number(d.value))}
          />
        </Field>
      </div>
      {props.source === 'file' && (
        <Field label={t.policyFileInput} hint={props.file?.name}>
          {(fieldProps) => (
            <input
              {...fieldProps}
              type="file"
              accept=".json,.yaml,.yml,application/json,text/yaml"
              disabled={props.disabled}
              onChange={(e) => props.onFile(e.currentTarget.files?.[0] ?? null)}
            />
          )}
        </Field>
      )}
      {error && (
        <p role="alert" className={s.error}>
          {error}
        </p>
      )}
      <Accordion collapsible openItems={open ? ['policy'] : []} onToggle={(_, d) => setOpen(d.openItems.includes('policy'))}>
        <AccordionItem value="policy">
          <AccordionHeader>{t.showPolicy}</AccordionHeader>
          <AccordionPanel>
            {loading && <Spinner size="tiny" label={t.reading} />}
            {view && !loading && (
              <div>
                <p>
                  <strong>{view.title[lang]}</strong>
                  <br />
                  <span className={s.clause}>
                    {view.document} · {view.year}
                    {t.paren(view.date)} · {view.rounding}
                    {view.sourceName ? ` · ${view.sourceName}` : ''}
                  </span>
                </p>
                <ul className={s.lines} aria-label={t.policyLines}>
                  {view.lines.map((l) => (
                    <li key={l.id}>
                      <strong>{l.label[lang]}</strong> <span className={s.clause}>{t.paren(`${t.clause} ${l.clause}`)}</span>
                      <ul className={s.rules}>
                        {l.rules.map((r, i) => (
                          <li key={i}>
                            {r.type[lang]}：{r.text[lang]}
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </>
  );
}
