// The pane's tables look one way: figures right-aligned in tabular digits, totals bold.
import { makeStyles, tokens } from '@fluentui/react-components';

export const useTableStyles = makeStyles({
  wrap: { overflowX: 'auto', maxHeight: '640px', overflowY: 'auto' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', borderBottom: `2px solid ${tokens.colorNeutralStroke1}`, padding: '3px 6px', whiteSpace: 'nowrap' },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: '2px 6px', verticalAlign: 'top' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  total: { fontWeight: tokens.fontWeightBold, borderTop: `1px solid ${tokens.colorNeutralStroke1}` },
});
