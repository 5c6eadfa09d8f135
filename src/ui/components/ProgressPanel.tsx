// Progress of a running job, with the cancel button.
import { Button, Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { Progress } from '../../pane/host.js';
import { useStrings } from '../i18n.js';

const useStyles = makeStyles({
  box: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', margin: `${tokens.spacingVerticalM} 0` },
  bar: { flexGrow: 1 },
});

export function ProgressPanel(props: { progress: Progress; onCancel: () => void }) {
  const t = useStrings();
  const s = useStyles();
  const { phase, done, total } = props.progress;
  const value = done !== undefined && total ? Math.min(done / total, 1) : undefined;
  const label = `${t.phase[phase]}${done !== undefined ? ` ${t.progressRows(done, total)}` : ''}`;
  return (
    <div className={s.box} data-testid="progress">
      <Field className={s.bar} label={t.busy} validationMessage={label} validationState="none">
        <ProgressBar value={value} max={1} thickness="large" aria-valuetext={label} />
      </Field>
      <Button onClick={props.onCancel}>{t.cancel}</Button>
    </div>
  );
}
