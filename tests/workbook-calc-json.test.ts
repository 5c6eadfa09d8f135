// The CLI writes each unit of `calc --json` with unitJsonText, the object
// shape is unitJson: the two must say the same, field for field and in order.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { calculator } from '../src/engine/index.js';
import type { UnitType } from '../src/engine/unit.js';
import { unitJson, unitJsonText } from '../src/workbook/calc-json.js';

const TYPES: UnitType[] = ['village', 'urbanCommunity', 'ruralCommunity'];
// Names as rosters hold them, and the characters JSON must escape.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('东', '河', '村', '"', '\\', '\n', '\u2028', '\u0000', ' ', 'Ａ'), maxLength: 8 }),
);

describe('unitJsonText', () => {
  test('equals JSON.stringify(unitJson(row)) for any unit', () => {
    const calc = calculator(2025);
    fc.assert(
      fc.property(
        fc.record({
          sheet: text,
          row: fc.integer({ min: 1, max: 1_048_576 }),
          township: text,
          name: text,
          code: fc.option(fc.stringMatching(/^\d{12}$/), { nil: undefined }),
          type: fc.constantFrom(...TYPES),
          population: fc.integer({ min: 0, max: 200_000 }),
          membersPrevYear: fc.integer({ min: 0, max: 5_000 }),
          monthsActive: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        }),
        fc.boolean(),
        ({ sheet, row, ...unit }, checked) => {
          const computed = { sheet, row, result: calc.unit(unit), ...(checked ? { organisation: calc.organisation!.for(unit) } : {}) };
          expect(unitJsonText(computed)).toBe(JSON.stringify(unitJson(computed)));
        },
      ),
      { numRuns: 500 },
    );
  });
});

test('a total shared by two different combinations of line amounts never gives one the other’s lines', () => {
  const calc = calculator(2025);
  const a = calc.unit({ township: '城关镇', name: '甲村', type: 'village', population: 1500, membersPrevYear: 10 }); // 25,000 + 5,000 + 3,000
  const b = calc.unit({ township: '城关镇', name: '乙村', type: 'village', population: 100, membersPrevYear: 80 }); // 20,000 + 5,000 + 8,000
  expect(a.total.equals(b.total)).toBe(true);
  // Were the engine to share one total object between them, the text must still follow the lines.
  const shared = { ...b, total: a.total };
  for (const result of [a, shared]) {
    const row = { sheet: '全县', row: 2, result };
    expect(unitJsonText(row)).toBe(JSON.stringify(unitJson(row)));
  }
});
