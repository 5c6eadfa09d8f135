// The in-memory Excel host keeps Office.js's rules; these tests pin the rules the
// adapter's tests rely on.
import { describe, expect, test } from 'vitest';
import { FakeExcel } from './support/fake-excel.js';
import { utf8Length } from '../src/workbook/utf8-buffer.js';
import { parseAddress, typedInput } from './support/fake-grid.js';
import { FakeRichApiError } from './support/fake-rich-api-error.js';

describe('FakeExcel', () => {
  test('properties are unreadable before load() and sync(); loads are snapshots', async () => {
    const fake = new FakeExcel();
    fake.addSheet('S', [[1, 2]]);
    const context = fake.requestContext();
    const range = context.workbook.worksheets.getItem('S').getRange('A1:B1');
    expect(() => range.values).toThrow(/not available/);
    range.load('values,address');
    expect(() => range.values).toThrow(FakeRichApiError);
    await context.sync();
    expect(range.values).toEqual([[1, 2]]);
    expect(range.address).toBe('S!A1:B1');
    range.values = [[3, 4]];
    await context.sync();
    expect(range.values).toEqual([[1, 2]]); // not reloaded
    range.load('values');
    await context.sync();
    expect(range.values).toEqual([[3, 4]]);
  });

  test('*OrNullObject: isNullObject only after a sync', async () => {
    const fake = new FakeExcel();
    fake.addSheet('S');
    const context = fake.requestContext();
    const missing = context.workbook.worksheets.getItemOrNullObject('T');
    const present = context.workbook.worksheets.getItemOrNullObject('s');
    const used = context.workbook.worksheets.getItem('S').getUsedRangeOrNullObject(true);
    expect(() => missing.isNullObject).toThrow(/isNullObject/);
    await context.sync();
    expect([missing.isNullObject, present.isNullObject, used.isNullObject]).toEqual([true, false, true]);
  });

  test('commands run in order at sync; a failing command stops the batch, earlier ones stay applied', async () => {
    const fake = new FakeExcel();
    const context = fake.requestContext();
    context.workbook.worksheets.add('A');
    context.workbook.worksheets.getItem('A').getRange('B2').values = [['x']];
    context.workbook.worksheets.getItem('nope').getRange('A1').values = [['y']];
    context.workbook.worksheets.add('B');
    await expect(context.sync()).rejects.toMatchObject({ name: 'RichApi.Error', code: 'ItemNotFound' });
    expect(fake.sheetNames()).toEqual(['A']);
    expect(fake.sheet('A')!.at('B2')!.value).toBe('x');
  });

  test('values must match the range; one value fills it (single input copy)', async () => {
    const fake = new FakeExcel();
    fake.addSheet('S');
    const context = fake.requestContext();
    const ws = context.workbook.worksheets.getItem('S');
    ws.getRange('A1:A3').numberFormat = [['#,##0.00']];
    await context.sync();
    expect(['A1', 'A2', 'A3'].map((a) => fake.sheet('S')!.at(a)!.numberFormat)).toEqual(['#,##0.00', '#,##0.00', '#,##0.00']);
    ws.getRange('A1:B2').values = [[1, 2]];
    await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('strings are read as typed input: formulas, numbers, dates; an apostrophe or "@" keeps text', () => {
    expect(typedInput('=SUM(A1)', undefined)).toEqual({ value: '#NAME?', formula: '=SUM(A1)' });
    expect(typedInput('@x', undefined).formula).toBe('=x');
    expect(typedInput('-5', undefined)).toEqual({ value: -5 });
    expect(typedInput('410102001001', undefined)).toEqual({ value: 410102001001 });
    expect(typedInput('2024-01-01', undefined)).toEqual({ value: 45292 });
    expect(typedInput("'=SUM(A1)", undefined)).toEqual({ value: '=SUM(A1)', quotePrefix: true });
    expect(typedInput('=SUM(A1)', '@')).toEqual({ value: '=SUM(A1)' });
    expect(typedInput('东村', undefined)).toEqual({ value: '东村' });
  });

  test('requests over the limit are refused whole; sizes are UTF-8 bytes of the JSON', async () => {
    const fake = new FakeExcel({ requestLimitBytes: 10_000 });
    fake.addSheet('S');
    const context = fake.requestContext();
    context.workbook.worksheets.getItem('S').getRange('A1:A2').values = [['a'], ['b']];
    context.workbook.worksheets.getItem('S').getRange('B1').values = [['村'.repeat(4000)]];
    await expect(context.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.sheet('S')!.at('A1')).toBeUndefined();
    expect(fake.syncs[0]!.requestBytes).toBeGreaterThan(12_000);
    expect(utf8Length('村a')).toBe(4);
    context.workbook.worksheets.getItem('S').getRange('A1').values = [['a']];
    await context.sync();
    expect(fake.syncs).toHaveLength(2);
  });

  test('APIs newer than the host fail with ApiNotFound', async () => {
    const fake = new FakeExcel({ apiVersion: '1.8' });
    fake.addSheet('S');
    const context = fake.requestContext();
    context.workbook.worksheets.getItem('S').customProperties.add('k', 'v');
    await expect(context.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(fake.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(fake.isSetSupported('ExcelApi', '1.12')).toBe(false);
  });

  test('collections load items; Excel.run and the globals for a browser page', async () => {
    const fake = new FakeExcel();
    fake.addSheet('甲');
    fake.addSheet('乙');
    const target: Record<string, unknown> = {};
    const remove = fake.install(target);
    const Excel = target.Excel as { run: <T>(f: (c: ReturnType<FakeExcel['requestContext']>) => Promise<T>) => Promise<T> };
    const names = await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
    expect(names).toEqual(['甲', '乙']);
    expect(
      (
        target.Office as { context: { requirements: { isSetSupported(n: string, v: string): boolean } } }
      ).context.requirements.isSetSupported('ExcelApi', '1.12'),
    ).toBe(true);
    remove();
    expect(target.Excel).toBeUndefined();
  });

  test('addresses', () => {
    expect(parseAddress('B3')).toEqual({ r0: 2, c0: 1, rows: 1, cols: 1 });
    expect(parseAddress("'核算结果(2)'!$A$1:C10")).toEqual({ r0: 0, c0: 0, rows: 10, cols: 3 });
    expect(parseAddress('A:C')).toMatchObject({ c0: 0, cols: 3 });
  });
});
