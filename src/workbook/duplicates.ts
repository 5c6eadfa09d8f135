// Remembers which units were already read, so the same name twice in one township is
// flagged (the same name in two townships is normal: many counties have two 新村).
// This is the one thing the roster reader keeps per row, so it is kept small:
// one number per name, grouped by township.
import { compactText } from './cells.js';

export interface FirstSeen {
  sheet: string;
  row: number;
}

export interface NameRegistry {
  /** Records the unit; returns where the same township + name was first seen, or null the first time. */
  see(township: string, name: string, sheet: string, row: number): FirstSeen | null;
}

// The copy matters: a cell's text can be a slice of a large chunk of sheet XML,
// and keeping the slice would keep the whole chunk alive.
const key = (s: string): string => (' ' + compactText(s)).slice(1);

/** A registry; share one between the readers of several sheets to catch duplicates across sheets. */
export function createNameRegistry(): NameRegistry {
  const sheets: string[] = [];
  const sheetIndex = new Map<string, number>();
  // township -> name -> sheet index * 2^32 + row
  const seen = new Map<string, Map<string, number>>();
  let lastTownship: string | undefined;
  let lastKey = '';
  return {
    see(township, name, sheet, row) {
      // Rows come township by township: the last township's key is usually the one.
      if (township !== lastTownship) [lastTownship, lastKey] = [township, key(township)];
      const t = lastKey;
      let names = seen.get(t);
      if (!names) seen.set(t, (names = new Map()));
      const n = key(name);
      const first = names.get(n);
      if (first !== undefined) return { sheet: sheets[Math.floor(first / 2 ** 32)]!, row: first % 2 ** 32 };
      let s = sheetIndex.get(sheet);
      if (s === undefined) sheetIndex.set(sheet, (s = sheets.push(sheet) - 1));
      names.set(n, s * 2 ** 32 + row);
      return null;
    },
  };
}
