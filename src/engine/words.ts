// Pieces of the sentences that say why an amount is what it is, in zh and en:
// shared by the calc kinds (src/engine/kinds/) and explain.ts.
import { formatYuan } from './format.js';
import type { Decimal } from './money.js';
import type { Said } from './said.js';
import type { UnitType } from './unit.js';

export const PER_UNIT: Record<UnitType, Said> = {
  village: { zh: '每村每年', en: 'per village a year' },
  urbanCommunity: { zh: '每个城市社区每年', en: 'per urban community a year' },
  ruralCommunity: { zh: '每个农村社区每年', en: 'per rural community a year' },
};

/** An English sentence starts with a capital. */
export const en1 = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A count with thousands separators: 1,500. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** An amount in a rule's one-line description (the pane): 25,000, 0.5 (no .00). */
export const yuan = (d: Decimal): string => formatYuan(d).replace(/\.00$/, '');
