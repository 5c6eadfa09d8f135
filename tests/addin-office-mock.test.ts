// readSheets against Microsoft's office-addin-mock: a host whose properties are
// error strings until load() and context.sync(), so a property the adapter
// forgets to load (or reads before syncing) shows up in the result.
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, test } from 'vitest';
import { readSheets } from '../src/addin/excel-read.js';
import { toSheetSource } from '../src/pane/sheet-grid.js';

const noNewApis = { isSetSupported: () => false };

function mockWorkbook(values: unknown[][]) {
  return new OfficeMockObject({
    workbook: {
      worksheets: {
        sheet: {
          name: '城关镇',
          visibility: 'Visible',
          usedRange: { rowIndex: 4, columnIndex: 2, rowCount: values.length, columnCount: 3, isNullObject: false },
          // Office.js's valueTypes: 'Error' for error values (#N/A …).
          block: {
            values,
            valueTypes: values.map((r) =>
              r.map((v) => (v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : String(v).startsWith('#') ? 'Error' : 'String')),
            ),
          },
          names: {
            mark: { isNullObject: true },
            getItemOrNullObject: function () {
              return this.mark;
            },
          },
          getUsedRangeOrNullObject: function () {
            return this.usedRange;
          },
          getRangeByIndexes: function () {
            return this.block;
          },
        },
        getItem: function () {
          return this.sheet;
        },
      },
    },
    // office-addin-mock's context.sync(): properties loaded before it become readable.
    sync: async function () {
      await this.workbook.sync();
    },
  });
}

describe('readSheets with office-addin-mock', () => {
  test('loads what it reads and reads only after sync', async () => {
    const values = [
      ['名称', '人口', '上年度党员人数'],
      ['东村', 1499, 29],
      ['', '', ''],
      ['西村', '#N/A', 29],
    ];
    const context = mockWorkbook(values);
    const [grid] = await readSheets(context as unknown as Excel.RequestContext, ['城关镇'], { requirements: noNewApis });
    expect(grid).toEqual({
      name: '城关镇',
      firstRow: 5,
      firstColumn: 2,
      values: [
        ['名称', '人口', '上年度党员人数'],
        ['东村', 1499, 29],
        [null, null, null],
        ['西村', { error: '#N/A' }, 29],
      ],
      rowCount: 4,
      columnCount: 3,
      hidden: false,
      report: false,
    });
    const rows = [...(toSheetSource(grid!).rows as Iterable<{ row: number; cells: unknown[] }>)];
    expect(rows[1]).toEqual({ row: 6, cells: [null, null, '东村', 1499, 29] });
  });

  test('the mock refuses unloaded properties, the rule the adapter is checked against', async () => {
    const context = mockWorkbook([['x']]);
    const sheet = context.workbook.worksheets.getItem('城关镇');
    expect(sheet.name).toBe('Error, property was not loaded');
    sheet.load('name');
    expect(sheet.name).toBe('Error, context.sync() was not called');
    await context.sync();
    expect(sheet.name).toBe('城关镇');
  });
});
