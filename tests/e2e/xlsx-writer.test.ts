// The web page's fast .xlsx writer must write the same sheets as the exceljs
// writer the CLI uses (src/xlsx/write.ts): values, number formats, bold rows,
// fills, column widths, frozen header. Read both back with exceljs and compare.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { calculator } from '../../src/engine/index.js';
import { calcReport } from '../../src/workbook/calc-job.js';
import { gridSource } from '../../src/workbook/source.js';
import type { SheetSpec } from '../../src/workbook/sheet-spec.js';
import { writeSheet } from '../../src/xlsx/write.js';
import { writeXlsx } from '../../src/web/xlsx-writer.js';

const grid = [
  ['全县村（社区）名册'],
  ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数', '区划代码'],
  ['城关镇', '东风村', '村', 1499, 29, '410102001001'],
  ['城关镇', '=SUM(A1)', '村', '1,500', 31, null],
  ['城关镇', '小计', null, null, null, null],
  ['河西乡', '幸福社区', '社区', 8000, 130, null],
  ['河西乡', '坏行', '村', 'abc', 3, null],
  ['河西乡', ' 前后有空格 ', '农村社区', 2000, 12, null],
];

async function readBack(buf: ArrayBuffer | Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  return wb;
}

function describeSheet(ws: ExcelJS.Worksheet) {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const fill = cell.fill && cell.fill.type === 'pattern' && cell.fill.pattern === 'solid' ? (cell.fill.fgColor?.argb ?? null) : null;
      cells.push([r, c, cell.value, cell.numFmt ?? null, !!cell.font?.bold, fill]);
    });
  });
  return {
    name: ws.name,
    widths: ws.columns?.map((c) => c.width ?? null) ?? [],
    frozen: ws.views[0] && 'ySplit' in ws.views[0] ? ws.views[0].ySplit : undefined,
    cells,
  };
}

describe('web .xlsx writer', () => {
  it('writes what the exceljs writer writes', async () => {
    const { sheets } = await calcReport([gridSource('全县', grid)], calculator(2025), 'zh');
    const fills: SheetSpec = {
      name: '填充',
      columns: [
        { header: '状态', kind: 'text', width: 10 },
        { header: '金额', kind: 'money', width: 12 },
        { header: '万元', kind: 'wan', width: 12 },
      ],
      rows: [
        ['一致', 1.5, 0.00015],
        ['差异', -20000, 2],
        ['合计', 3, null],
      ],
      fills: [{ column: 0, argb: 'FFC6EFCE' }, { column: 1, argb: 'FFFFC7CE' }, undefined],
      totalRows: [2],
    };
    const all = [...sheets, fills];

    const ours = await readBack(await (await writeXlsx(all)).arrayBuffer());
    const ref = new ExcelJS.Workbook();
    for (const s of all) await writeSheet(ref, s);
    const theirs = await readBack(await ref.xlsx.writeBuffer());

    expect(ours.worksheets.map((w) => w.name)).toEqual(['核算结果', '乡镇汇总', '问题清单', '政策参数', '填充']);
    for (const ws of theirs.worksheets) {
      const a = describeSheet(ours.getWorksheet(ws.name)!);
      const b = describeSheet(ws);
      expect(a.cells).toEqual(b.cells);
      expect(a.frozen).toEqual(b.frozen);
      // exceljs writes equal adjacent widths as one <col min max> range and reads such a range back as no width.
      expect(a.widths.map((w, i) => (b.widths[i] === null ? null : w))).toEqual(b.widths);
      expect(a.widths).toEqual(all.find((s) => s.name === ws.name)!.columns.map((c) => c.width));
    }
    // Formula-like text stays text; names with spaces keep them.
    const result = ours.getWorksheet('核算结果')!;
    const names = result.getColumn(2).values.filter((v) => typeof v === 'string');
    expect(names).toContain('=SUM(A1)');
    expect(names).toContain('东风村');
  });

  it('handles an empty sheet and odd characters', async () => {
    const spec: SheetSpec = {
      name: '空',
      title: 'a < b & "c"\u0001',
      columns: [{ header: 'x', kind: 'text', width: 5 }],
      rows: [],
    };
    const wb = await readBack(await (await writeXlsx([spec])).arrayBuffer());
    expect(wb.getWorksheet('空')!.getCell('A1').value).toBe('a < b & "c"');
    await expect(writeXlsx([spec, spec])).rejects.toThrow(/duplicate/);
  });
});
