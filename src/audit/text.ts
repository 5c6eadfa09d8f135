// Text normalisation on the hot path (normalizeText returns clean strings untouched)
// and the compact comparison form.
import { type Cell, cellText, normalizeText } from '../workbook/cells.js';

export const norm = normalizeText;

/** cellText(cell) with the fast path for strings. */
export function text(cell: Cell): string {
  return typeof cell === 'string' ? norm(cell) : cellText(cell);
}

export { compactText as compact } from '../workbook/cells.js';

/** A Map used as a bounded cache: stops adding once full (inputs repeat; memory stays bounded). */
export class BoundedCache<K, V> extends Map<K, V> {
  constructor(private readonly limit = 100_000) {
    super();
  }
  remember(k: K, v: V): V {
    if (this.size < this.limit) this.set(k, v);
    return v;
  }
}
