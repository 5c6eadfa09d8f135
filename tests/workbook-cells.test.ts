import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cellText, columnLetter, isBlankCell, normalizeText, numberText } from '../src/workbook/cells.js';
import { columnIndex, dateFromSerial, isDateFormat } from '../src/workbook/cells.js';

describe('normalizeText', () => {
  test('full-width digits, letters, punctuation and space become half-width', () => {
    expect(normalizeText('１５００')).toBe('1500');
    expect(normalizeText('１，５００')).toBe('1,500');
    expect(normalizeText('人口（人）')).toBe('人口(人)');
    expect(normalizeText('ＡＢｃ　ｄ')).toBe('ABc d');
    expect(normalizeText('－３．５')).toBe('-3.5');
  });
  test('trims and collapses inner whitespace, line breaks, NBSP and zero-width characters', () => {
    expect(normalizeText('  东风村  ')).toBe('东风村');
    expect(normalizeText('党员\n人数')).toBe('党员 人数');
    expect(normalizeText('合\u3000\u3000计')).toBe('合 计');
    expect(normalizeText('\u00a0东风\u200b村\t')).toBe('东风村');
    expect(normalizeText('\u3000 \n')).toBe('');
  });
  test('leaves CJK text alone', () => {
    expect(normalizeText('城关镇、幸福社区。')).toBe('城关镇、幸福社区。');
  });
});

describe('columnLetter', () => {
  test.each([
    [0, 'A'],
    [3, 'D'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('%i -> %s', (i, letter) => expect(columnLetter(i)).toBe(letter));
  test('rejects negative and fractional indexes', () => {
    expect(() => columnLetter(-1)).toThrow(RangeError);
    expect(() => columnLetter(1.5)).toThrow(RangeError);
  });
});

describe('cellText', () => {
  test('each cell kind', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText('  ｘ  ')).toBe('x');
    expect(cellText(1500)).toBe('1500');
    expect(cellText(410102001001)).toBe('410102001001');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2024, 0, 31)))).toBe('2024-01-31');
    expect(cellText(new Date(Number.NaN))).toBe('');
  });
  test('numbers never in exponent form when integral', () => {
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(0.5)).toBe('0.5');
  });
  test('isBlankCell', () => {
    expect(isBlankCell('\u3000')).toBe(true);
    expect(isBlankCell(0)).toBe(false);
    expect(isBlankCell(false)).toBe(false);
    expect(isBlankCell(new Date(NaN))).toBe(true);
    expect(isBlankCell(NaN)).toBe(false);
  });
  test('isBlankCell says what cellText would: a cell is blank when its text is empty', () => {
    const chars = fc.constantFrom(' ', '\u3000', '\u00a0', '\t', '\n', '\u200b', '\ufeff', '\u2060', '　', 'Ａ', '村', 'a', '1', '\u2028');
    const cell = fc.oneof(
      fc.array(chars, { maxLength: 6 }).map((a) => a.join('')),
      fc.double(),
      fc.boolean(),
      fc.constantFrom(null, undefined, new Date(NaN), new Date(0)),
    );
    fc.assert(fc.property(cell, (c) => isBlankCell(c) === (cellText(c) === '')));
  });
});

describe('columnIndex', () => {
  test('reads the letters of a column or a cell reference, the inverse of columnLetter', () => {
    for (const i of [0, 25, 26, 701, 702, 16_383]) expect(columnIndex(columnLetter(i))).toBe(i);
    expect(columnIndex('AB12')).toBe(27);
    expect(columnIndex('c7')).toBe(2);
  });
});

describe('dates in cells', () => {
  test('date formats: what counts as a date', () => {
    for (const f of ['yyyy-mm-dd', 'm/d/yy', 'h:mm', '[$-804]yyyy"年"m"月"', 'YYYY/MM/DD', 'mmm-yy']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0.00', '#,##0', '"天数"0', '[Red]0.00', '0.00_);\\(0.00\\)', '@', '0"人"'])
      expect(isDateFormat(f), f).toBe(false);
  });
  test('serials in both date systems', () => {
    expect(dateFromSerial(45717)).toEqual(new Date(Date.UTC(2025, 2, 1)));
    expect(dateFromSerial(45717.5)).toEqual(new Date(Date.UTC(2025, 2, 1, 12)));
    expect(dateFromSerial(44255, true)).toEqual(new Date(Date.UTC(2025, 2, 1)));
  });
});
