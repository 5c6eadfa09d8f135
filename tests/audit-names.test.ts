// Payee matching through the CLI on real .xlsx files: a township holding a unit literally
// named 李家沟居委会 beside 李家沟社区 units. The exact name wins over the committee form; a
// name matched only in its plain form says so; every ledger exception names its voucher,
// date and amount; duplicates name both payments; same-named units in one township are
// named with their roster sheet and row, and the officer is asked for the division code.
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Cell } from '../src/workbook/cells.js';
import { due, headerMap, makeTempDir, readWorkbook, runCli, writeGridWorkbook, type TempDir } from './support/roster-files.js';

let tmp: TempDir;
const d = (m: number, day: number) => new Date(Date.UTC(2025, m - 1, day));

// Roster rows 2..6 of sheet 名册.
const ROSTER: Cell[][] = [
  ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数', '区划代码'],
  ['城关镇', '李家沟居委会', '社区', 6000, 80, '410102001001'],
  ['城关镇', '李家沟社区', '社区', 5000, 60, '410102001002'],
  ['河口镇', '李家沟社区', '社区', 4000, 40, '410103001001'],
  ['南山乡', '新村', '村', 900, 20, '410104001001'],
  ['南山乡', '新村', '村', 1600, 35, '410104001002'],
];

const LEDGER = {
  name: '拨付明细',
  rows: [
    ['日期', '凭证号', '乡镇', '收款单位', '经费类别', '金额'],
    [d(3, 1), '记-01561', '城关镇', '李家沟居委会', '党建经费', 50000], // 2: exact
    [d(3, 1), '记-01562', '城关镇', '李家沟居委会', '党员活动经费', 8000], // 3: exact
    [d(3, 1), '记-01563', '城关镇', '李家沟居委会', '社区服务群众专项经费', 50000], // 4: exact
    [d(3, 2), '记-01564', '城关镇', '李家沟社区居民委员会', '办公经费', 30000], // 5: plain form → 李家沟社区
    [d(3, 2), '记-01566', '城关镇', '李家沟社区', '党建经费', 50000], // 6: exact
    [d(3, 2), '记-01566', '城关镇', '李家沟社区', '党建经费', 50000], // 7: duplicate of 6
    [d(3, 3), '记-01567', '南山乡', '新村', '办公经费', 20000], // 8: two 新村 in 南山乡
    [d(3, 3), '记-01568', '南山乡', '新村', '党建经费', '约五千'], // 9: unreadable amount
    [d(3, 4), '记-01569', '河口镇', '李家沟居委会', '办公经费', 30000], // 10: plain form → 河口镇李家沟社区
  ] as Cell[][],
};
const OTHER = {
  name: '其他拨付', // no township column: names alone
  rows: [
    ['日期', '凭证号', '收款单位', '经费类别', '金额'],
    [d(3, 5), '记-01570', '李家沟居委会', '办公经费', 30000], // 2: unique exact name in the county
    [d(3, 5), '记-01571', '李家沟社区', '办公经费', 30000], // 3: two 李家沟社区 (城关镇, 河口镇)
  ] as Cell[][],
};

type Json = {
  totals: Record<string, string>;
  counts: Record<string, number>;
  controls: { id: string; ties: boolean }[];
  lines: { township: string; name: string; line: string; status: string; disbursed: string; entitled: string }[];
  exceptions: {
    sheet: string;
    row: number;
    code: string;
    message: string;
    messages: { zh: string; en: string };
    suggestion: string | null;
    voucher: string | null;
    date: string | null;
    amount: string | null;
    source: string;
  }[];
  notes: { sheet: string; row: number | null; code: string; message: string }[];
};
let j: Json;
let code: number;

beforeAll(async () => {
  tmp = await makeTempDir('vf-audit-names-');
  await writeGridWorkbook(tmp.file('roster.xlsx'), [{ name: '名册', rows: ROSTER }]);
  await writeGridWorkbook(tmp.file('ledger.xlsx'), [LEDGER, OTHER]);
  const r = await runCli([
    'audit',
    tmp.file('roster.xlsx'),
    '--ledger',
    tmp.file('ledger.xlsx'),
    '-o',
    tmp.file('out.xlsx'),
    '--year',
    '2025',
    '--json',
    '--lang',
    'zh',
  ]);
  expect(r.stderr).toBe('');
  code = r.code;
  j = JSON.parse(r.stdout) as Json;
});
afterAll(() => tmp.cleanup());

/** The first of a sheet's top rows with a cell reading `text`. */
const headerRowWith = (ws: ExcelJS.Worksheet, text: string): number => {
  for (let r = 1; r <= 5; r++) if (headerMap(ws, r).has(text)) return r;
  throw new Error(`no header ${text} in ${ws.name}`);
};

const line = (township: string, name: string, id: string) => {
  const l = j.lines.find((x) => x.township === township && x.name === name && x.line === id);
  if (!l) throw new Error(`no line ${township} ${name} ${id}`);
  return l;
};
const exception = (sheet: string, row: number, c: string) => {
  const e = j.exceptions.find((x) => x.sheet === sheet && x.row === row && x.code === c);
  if (!e) throw new Error(`no ${c} at ${sheet}!${row}`);
  return e;
};

describe('an exact name wins over a committee form', () => {
  test('every payment written 李家沟居委会 goes to the unit of that name: paid in full, nothing unmatched under its name', () => {
    expect(code).toBe(1);
    const own = due('urbanCommunity', 6000, 80);
    expect(own.total).toBe(138000);
    for (const id of ['office', 'partyBuilding', 'memberActivity', 'communityService'] as const)
      expect([id, line('城关镇', '李家沟居委会', id).status, line('城关镇', '李家沟居委会', id).disbursed]).toEqual([
        id,
        '足额',
        `${own[id]}.00`,
      ]);
    expect(j.lines.filter((l) => l.name === '李家沟居委会' && l.status === '无依据')).toEqual([]);
  });

  test('a name matched only in its plain form goes to the unit of that name, and a note says so', () => {
    expect(line('城关镇', '李家沟社区', 'office')).toMatchObject({ status: '足额', disbursed: '30000.00' });
    expect(line('河口镇', '李家沟社区', 'office')).toMatchObject({ status: '足额', disbursed: '30000.00' });
    const notes = j.notes.filter((n) => n.code === 'NAME_FORM');
    expect(notes.map((n) => [n.sheet, n.row])).toEqual([
      ['拨付明细', 5],
      ['拨付明细', 10],
    ]);
    expect(notes[0]!.message).toContain('按规范名称“李家沟社区”');
    expect(notes[0]!.message).toContain('李家沟社区（城关镇）');
    expect(notes[1]!.message).toContain('李家沟社区（河口镇）');
  });

  test('only payments that fit two units by the same rule are unmatched; the control totals tie', () => {
    expect(j.counts).toMatchObject({ ambiguous: 2, duplicates: 1, rejected: 1, unknownPayee: 0 });
    expect(j.totals).toMatchObject({ disbursed: '348000.00', matched: '298000.00', unmatched: '50000.00', unclassified: '0.00' });
    for (const c of j.controls) expect([c.id, c.ties]).toEqual([c.id, true]);
    const roster = ROSTER.slice(1).map((r) => due(r[2] === '社区' ? 'urbanCommunity' : 'village', r[3] as number, r[4] as number));
    expect(j.totals.entitled).toBe(`${roster.reduce((s, x) => s + x.total, 0)}.00`);
    const twoInCounty = exception('其他拨付', 3, 'AMBIGUOUS_PAYEE');
    expect(twoInCounty.suggestion).toBe('李家沟社区（城关镇）；李家沟社区（河口镇）');
  });
});

describe('exceptions an auditor can use', () => {
  test('every ledger exception carries voucher, date and amount', () => {
    const ledger = j.exceptions.filter((e) => e.source === 'ledger');
    expect(ledger.map((e) => [e.sheet, e.row, e.code, e.voucher, e.date, e.amount])).toEqual([
      ['拨付明细', 7, 'DUPLICATE', '记-01566', '2025-03-02', '50000.00'],
      ['拨付明细', 8, 'AMBIGUOUS_PAYEE', '记-01567', '2025-03-03', '20000.00'],
      ['拨付明细', 9, 'BAD_AMOUNT', '记-01568', '2025-03-03', null],
      ['其他拨付', 3, 'AMBIGUOUS_PAYEE', '记-01571', '2025-03-05', '30000.00'],
    ]);
  });

  test('a suspected duplicate names both payments by voucher and row', () => {
    const dup = exception('拨付明细', 7, 'DUPLICATE');
    expect(dup.messages.zh).toContain('本笔（凭证号 记-01566）与第6行（凭证号 记-01566）相同');
    expect(dup.messages.en).toContain('matches row 6 (voucher 记-01566)');
  });

  test('two units of one name in one township: both named with sheet and row, and the division code asked for', () => {
    const amb = exception('拨付明细', 8, 'AMBIGUOUS_PAYEE');
    expect(amb.messages.zh).toBe(
      '工作表「拨付明细」第8行D列「收款单位」：收款单位“新村”对应花名册中同一乡镇的同名单位：' +
        '南山乡“新村”（工作表「名册」第5行，区划代码410104001001）、南山乡“新村”（工作表「名册」第6行，区划代码410104001002），' +
        '请在拨付明细中填写区划代码；计入未匹配',
    );
    expect(amb.messages.en).toContain('sheet "名册", row 5');
    expect(amb.messages.en).toContain('add the division code to the ledger');
    expect(amb.suggestion).toBe('请在拨付明细中填写区划代码：新村（南山乡，名册!5，410104001001）；新村（南山乡，名册!6，410104001002）');
  });

  test('异常清单 has 凭证号 and 日期 columns; 付款明细 says which rule matched', async () => {
    const wb = await readWorkbook(tmp.file('out.xlsx'));
    const ex = wb.getWorksheet('异常清单')!;
    const headerRow = headerRowWith(ex, '凭证号');
    const h = headerMap(ex, headerRow);
    const byCode = new Map<string, { voucher: unknown; date: unknown }>();
    for (let r = headerRow + 1; r <= ex.rowCount; r++) {
      const row = ex.getRow(r);
      const key = `${String(row.getCell(h.get('工作表')!).value)}!${String(row.getCell(h.get('行')!).value)}!${String(row.getCell(h.get('代码')!).value)}`;
      byCode.set(key, { voucher: row.getCell(h.get('凭证号')!).value, date: row.getCell(h.get('日期')!).value });
    }
    expect(byCode.get('拨付明细!7!DUPLICATE')).toEqual({ voucher: '记-01566', date: '2025-03-02' });
    expect(byCode.get('拨付明细!9!BAD_AMOUNT')).toEqual({ voucher: '记-01568', date: '2025-03-03' });

    const pay = wb.getWorksheet('付款明细')!;
    const payHeader = headerRowWith(pay, '匹配方式');
    const ph = headerMap(pay, payHeader);
    const how = (sheet: string, row: number) => {
      for (let r = payHeader + 1; r <= pay.rowCount; r++) {
        const x = pay.getRow(r);
        if (x.getCell(ph.get('工作表')!).value === sheet && x.getCell(ph.get('行')!).value === row)
          return x.getCell(ph.get('匹配方式')!).value;
      }
      return undefined;
    };
    expect(how('拨付明细', 2)).toBe('乡镇+名称');
    expect(how('拨付明细', 5)).toBe('乡镇+名称（规范名称）');
    expect(how('其他拨付', 2)).toBe('名称（全县唯一）');
  });
});
