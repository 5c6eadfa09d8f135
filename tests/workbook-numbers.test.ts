import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCount } from '../src/workbook/numbers.js';

const ok = (value: number) => ({ ok: true, value });
const no = (reason: string) => ({ ok: false, reason });

describe('parseCount', () => {
  test.each([
    [1500, 1500],
    [1500.0, 1500],
    [0, 0],
    [-0, 0],
    ['1500', 1500],
    ['  1500  ', 1500],
    ['1,500', 1500],
    ['1,234,567', 1234567],
    ['１５００', 1500],
    ['１，５００', 1500],
    ['1500人', 1500],
    ['1,620 人', 1620],
    ['45名', 45],
    ['320户', 320],
    ['3个', 3],
    ['１５００人', 1500],
    ['1500.0', 1500],
    ['1,500.00', 1500],
    ['0015', 15],
    ['0', 0],
    ['-0', 0],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ] as const)('%j -> %d', (cell, value) => expect(parseCount(cell)).toEqual(ok(value)));

  test.each([
    [null, 'empty'],
    [undefined, 'empty'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000', 'empty'],
    [1500.5, 'notInteger'],
    ['1500.5', 'notInteger'],
    ['1,500.5人', 'notInteger'],
    ['1500.00000000000001', 'notInteger'], // float rounding must not make this a count
    [-3, 'negative'],
    ['-3', 'negative'],
    ['－３', 'negative'],
    ['-1.5', 'negative'],
    ['约1500', 'notNumber'],
    ['abc', 'notNumber'],
    ['15OO', 'notNumber'],
    ['1 500', 'notNumber'],
    ['1,50', 'notNumber'],
    ['15,00', 'notNumber'],
    ['1,5000', 'notNumber'],
    ['1500万', 'notNumber'],
    ['人', 'notNumber'],
    ['1500人人', 'notNumber'],
    ['1.5e3', 'notNumber'],
    ['+15', 'notNumber'],
    ['1500-', 'notNumber'],
    [Number.NaN, 'notNumber'],
    [Number.POSITIVE_INFINITY, 'notNumber'],
    [2 ** 53, 'notNumber'],
    ['99999999999999999999', 'notNumber'],
    [true, 'notNumber'],
    [new Date(0), 'notNumber'],
  ] as const)('%j -> %s', (cell, reason) => expect(parseCount(cell)).toEqual(no(reason)));

  test('any safe count survives every way officers type it', () => {
    const fullWidth = (s: string) => s.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const grouped = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('', '人', ' 人', '名', '户', '个'),
        fc.constantFrom('', ' ', '\u3000'),
        (n, unit, pad) => {
          for (const text of [String(n), grouped(n), fullWidth(grouped(n)), `${n}.0`]) {
            expect(parseCount(`${pad}${text}${unit}${pad}`)).toEqual(ok(n));
          }
          expect(parseCount(n)).toEqual(ok(n));
        },
      ),
    );
  });

  test('never throws and only ever returns a safe non-negative integer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)), (cell) => {
        const r = parseCount(cell);
        if (r.ok) expect(Number.isSafeInteger(r.value) && r.value >= 0 && !Object.is(r.value, -0)).toBe(true);
      }),
    );
  });
});
