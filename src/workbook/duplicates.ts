// Remembers which units were already read, so the same name twice in one township is
// flagged (the same name in two townships is normal: many counties have two 新村).
import { normalizeText } from './cells.js';

export interface FirstSeen {
  sheet: string;
  row: number;
}

export interface NameRegistry {
  /** Records the unit; returns where the same township + name was first seen, or null the first time. */
  see(township: string, name: string, sheet: string, row: number): FirstSeen | null;
}

const key = (s: string): string => normalizeText(s).replace(/\s+/g, '').toLowerCase();

/** A registry; share one between the readers of several sheets to catch duplicates across sheets. */
export function createNameRegistry(): NameRegistry {
  const seen = new Map<string, FirstSeen>();
  return {
    see(township, name, sheet, row) {
      const k = `${key(township)}\u0000${key(name)}`;
      const first = seen.get(k);
      if (first) return first;
      seen.set(k, { sheet, row });
      return null;
    },
  };
}
