// The CLI writes each unit of `calc --json` as bytes with writeUnitJson, the
// object shape is unitJson: the two must say the same, field for field and in order.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { calculator } from '../src/engine/index.js';
import type { UnitType } from '../src/engine/unit.js';
import { unitJson, writeUnitJson } from '../src/workbook/calc-json.js';
import type { ComputedRow } from '../src/workbook/report.js';
import { Utf8Buffer } from '../src/workbook/utf8-buffer.js';

/** The units as writeUnitJson writes them one after another, decoded. */
function written(rows: ComputedRow[]): string {
  const out = new Utf8Buffer();
  rows.forEach((r, i) => writeUnitJson(r, out, i > 0));
  return Buffer.concat(out.take()).toString('utf8');
}

const TYPES: UnitType[] = ['village', 'urbanCommunity', 'ruralCommunity'];
// Names as rosters hold them, and the characters JSON must escape.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom('东', '河', '村', '"', '\\', '\n', '\u2028', '\u0000', ' ', 'Ａ', 'é', '\ud800', '\udc00', '😀'),
    maxLength: 8,
  }),
);

describe('writeUnitJson', () => {
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
          expect(written([computed])).toBe(JSON.stringify(unitJson(computed)));
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
    expect(written([row])).toBe(JSON.stringify(unitJson(row)));
  }
});

test('units written one after another make a JSON array body, across block boundaries', () => {
  const calc = calculator(2025);
  // About 300 bytes a unit: 10,000 units fill three 1 MiB blocks.
  const rows = Array.from({ length: 10_000 }, (_, i) => {
    const unit = {
      township: `第${i % 7}镇`,
      name: `村${i}"引号"`,
      code: i % 3 ? String(610000000000 + i) : undefined,
      type: TYPES[i % 3]!,
      population: i,
      membersPrevYear: i % 200,
    };
    return {
      sheet: i < 5000 ? '名册' : '名册（二）',
      row: i + 2,
      result: calc.unit(unit),
      ...(i % 2 ? { organisation: calc.organisation!.for(unit) } : {}),
    };
  });
  // And units larger than a block: a 400,000-character name is 1.2 MB.
  const long = { township: '镇'.repeat(200_000), name: '村'.repeat(400_000), type: 'village' as const, population: 1, membersPrevYear: 1 };
  rows.splice(5000, 0, { sheet: '名册', row: 1, result: calc.unit(long) });
  expect(written(rows)).toBe(rows.map((r) => JSON.stringify(unitJson(r))).join(','));
});
