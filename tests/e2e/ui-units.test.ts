// Plain-Node tests of the pieces under the pane: reading a 政策参数 sheet back
// into a policy, the file checks, roster detection for the mapping editor, and
// error words.
import { describe, expect, it } from 'vitest';
import { builtinPolicy, calculator, resolvePolicy, PolicyError } from '../../src/engine/index.js';
import { policySheet } from '../../src/workbook/report.js';
import type { Cell } from '../../src/workbook/cells.js';
import { policyFromSheet } from '../../src/pane/policy-sheet.js';
import { CANCELLED, UserError, errorSaid, toUserError } from '../../src/pane/errors.js';
import { SaidError } from '../../src/engine/said.js';
import { inputProblem } from '../../src/ui/use-pane.js';
import { UnitStore } from '../../src/pane/unit-store.js';
import { calcView, choosePolicy, sheetInfo } from '../../src/pane/views.js';
import { kindWords, problemKinds } from '../../src/pane/problem-kinds.js';
import { AUDIT_ISSUE_CODES } from '../../src/audit/issues.js';
import { checkSize, checkUnpackedSize, checkWorkbookBytes, MAX_UNZIPPED_BYTES } from '../../src/web/file-check.js';
import { ZipBytes } from '../../src/xlsx/zip-bytes.js';
import { buildZip, chartWorkbook } from '../support/zip-build.js';
import { readWorkbook } from '../../src/web/read-workbook.js';
import { calcReport } from '../../src/workbook/calc-job.js';
import { gridSource } from '../../src/workbook/source.js';
import { auditJob } from '../../src/pane/audit-job.js';

/** The 政策参数 sheet as a grid of cells (title row, header row, rows), as a host reads it back. */
function sheetGrid(year: number): Cell[][] {
  const spec = policySheet(resolvePolicy(builtinPolicy(), year));
  return [[spec.title ?? null], spec.columns.map((c) => c.header), ...spec.rows];
}

const said = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof UserError ? e.said.zh : String(e);
  }
  return '';
};

describe('policy from the 政策参数 sheet', () => {
  it('reads the sheet the calc wrote back into the same policy for that year', () => {
    const p = policyFromSheet(sheetGrid(2025), builtinPolicy());
    const a = resolvePolicy(p, 2025);
    const b = resolvePolicy(builtinPolicy(), 2025);
    expect(a.lines.map((l) => [l.id, l.byType])).toEqual(b.lines.map((l) => [l.id, l.byType]));
    expect(a.organisation).toEqual(b.organisation);
    expect(p.title.zh).toContain('政策参数');
  });

  it('reads 组织设置 thresholds back, and a changed one applies', () => {
    const grid = sheetGrid(2025);
    const row = grid.findIndex((r) => r[0] === 'organisation' && String(r[4]).startsWith('branch.from'));
    expect(row).toBeGreaterThan(0);
    const unit = { township: 't', name: '东风村', type: 'village' as const, population: 800, membersPrevYear: 4 };
    expect(calculator(2025, policyFromSheet(grid, builtinPolicy())).organisation!.for(unit).level).toBe('branch');
    grid[row]![5] = 5;
    expect(calculator(2025, policyFromSheet(grid, builtinPolicy())).organisation!.for(unit).level).toBe('none');
    grid[row]![4] = 'committee.from';
    expect(said(() => policyFromSheet(grid, builtinPolicy()))).toMatch(/组织设置没有参数「committee.from」/);
  });

  it('applies a changed value from its date', () => {
    const grid = sheetGrid(2025);
    const row = grid.findIndex((r) => r[0] === 'office' && r[2] === '村' && r[4] === 'base');
    grid[row]![5] = 22000;
    grid[row]![6] = '2025-01-01';
    const calc = calculator(2025, policyFromSheet(grid, builtinPolicy()));
    const r = calc.unit({ township: 't', name: '东风村', type: 'village', population: 1499, membersPrevYear: 29 });
    expect(r.total.toFixed(2)).toBe('30000.00');
    // The old value still holds before the new date.
    grid[row]![6] = 45_658; // Excel serial for 2025-01-01 as a number cell
    expect(calculator(2025, policyFromSheet(grid, builtinPolicy())).unit(r.unit).total.toFixed(2)).toBe('30000.00');
  });

  it('says why a sheet cannot be read back', () => {
    expect(said(() => policyFromSheet([['a', 'b']], builtinPolicy()))).toMatch(/找不到“经费项目编号”/);
    const unknownLine = sheetGrid(2025);
    unknownLine[3]![0] = 'newLine';
    expect(said(() => policyFromSheet(unknownLine, builtinPolicy()))).toMatch(/经费项目「newLine」不在内置政策中/);
    const badValue = sheetGrid(2025);
    badValue[3]![5] = '两万';
    expect(said(() => policyFromSheet(badValue, builtinPolicy()))).toMatch(/取值应为不小于0的数字/);
    const badDate = sheetGrid(2025);
    badDate[3]![6] = '去年';
    expect(said(() => policyFromSheet(badDate, builtinPolicy()))).toMatch(/生效日期/);
  });

  it('is a policy choice of the task pane', async () => {
    const { view } = await choosePolicy({ kind: 'sheet' }, 2025, async () => ({ name: '政策参数', rows: sheetGrid(2025) }));
    expect(view.source).toBe('sheet');
    expect(view.lines.map((l) => l.id)).toEqual(resolvePolicy(builtinPolicy(), 2025).lines.map((l) => l.id));
    await expect(choosePolicy({ kind: 'sheet' }, 2025, async () => null)).rejects.toThrow(/no sheet named 政策参数/);
    await expect(choosePolicy({ kind: 'file', name: 'x.yaml', text: 'lines: 3' }, 2025)).rejects.toBeInstanceOf(UserError);
  });
});

describe('file checks', () => {
  it('tells old, encrypted, non-workbook and oversized files apart', () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(checkWorkbookBytes('a.xls', cfb)).toBe('sheetjs');
    expect(said(() => checkWorkbookBytes('a.xlsx', cfb))).toMatch(/内容却是旧版 Excel 97-2003 工作簿/);
    cfb.set(new TextEncoder().encode('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'), 2000);
    expect(said(() => checkWorkbookBytes('a.xlsx', cfb))).toMatch(/设置了打开密码/);
    expect(checkWorkbookBytes('a.csv', new TextEncoder().encode('a,b\n1,2'))).toBe('csv');
    expect(said(() => checkWorkbookBytes('a.xlsx', new TextEncoder().encode('a,b\n1,2')))).toMatch(/不是 \.xlsx 工作簿.*CSV/);
    expect(said(() => checkSize('a.xlsx', 0))).toMatch(/空的/);
    expect(said(() => checkSize('a.xlsx', 200 * 1024 * 1024))).toMatch(/太大（200 MB）/);
    expect(checkWorkbookBytes('a.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toBe('xlsx');
  });

  it('refuses a zip whose directory says it unpacks to more than the page can hold', async () => {
    const bomb = await ZipBytes.open(buildZip({ 'a.xml': 'x', 'b.xml': 'y' }, { declaredSize: MAX_UNZIPPED_BYTES }));
    expect(bomb.unpackedSize()).toBe(2 * MAX_UNZIPPED_BYTES);
    expect(said(() => checkUnpackedSize('a.xlsx', bomb.unpackedSize()))).toMatch(/解压后超过 1.5 GB/);
    const fine = await ZipBytes.open(buildZip({ 'a.xml': 'x' }));
    expect(() => checkUnpackedSize('a.xlsx', fine.unpackedSize())).not.toThrow();
  });
});

describe('views', () => {
  it('detects the roster header with the calc reader and lists columns for the mapping editor', () => {
    const rows = [
      { row: 1, cells: ['城关镇名册'] as Cell[] },
      { row: 3, cells: ['序号', '村(社区)名称', '户籍人口', '上年度党员人数'] as Cell[] },
      { row: 4, cells: [1, '东风村', 1499, 29] as Cell[] },
    ];
    const info = sheetInfo('城关镇', rows, 3);
    expect(info.headerRow).toBe(3);
    expect(info.detected).toMatchObject({ name: 1, population: 2, membersPrevYear: 3 });
    expect(info.columns.map((c) => `${c.letter}:${c.header}`)).toEqual(['A:序号', 'B:村(社区)名称', 'C:户籍人口', 'D:上年度党员人数']);
    expect(sheetInfo('核算结果', rows, 3, true).headerRow).toBeNull();
    expect(info.notRoster).toBeUndefined();
  });

  it('says why a sheet is not a roster, and a calc with no roster is the noRoster error', async () => {
    const notes = sheetInfo('说明', [{ row: 2, cells: ['名称', '人口'] as Cell[] }], 1);
    expect(notes.headerRow).toBeNull();
    expect(notes.notRoster?.zh).toBe(
      '工作表「说明」：前20行中未找到花名册表头（需有名称、人口、上年度党员人数列），最接近的是第2行（有名称、人口），缺少「上年度党员人数」列，本表未读取',
    );
    expect(sheetInfo('图表1', [], 0, false, 'chart').notRoster?.en).toBe('Sheet "图表1": a chart sheet, which has no cells; not read');
    // The page's reader lists a chart sheet as such.
    const book = await readWorkbook(new File([new Uint8Array(chartWorkbook())], '图表.xlsx'));
    expect(book.sheets.map((s) => [s.name, s.kind, s.rows.length])).toEqual([
      ['图表1', 'chart', 0],
      ['数据', undefined, 2],
    ]);
    const e = await calcReport([gridSource('空', [])], calculator(2025), 'zh').catch((x: unknown) => x);
    expect(toUserError(e)).toMatchObject({
      code: 'noRoster',
      said: { zh: '工作簿中没有花名册：工作表「空」：空表，没有任何内容，本表未读取' },
    });
  });

  it('pages and explains units', async () => {
    const calc = calculator(2025);
    const { units } = await calcReport(
      [
        gridSource('城关镇', [
          ['名称', '人口', '上年度党员人数'],
          ['东风村', 1499, 29],
          ['西风村', 1500, 31],
          ['幸福社区', 8000, 130],
        ]),
      ],
      calc,
      'zh',
    );
    const store = new UnitStore();
    store.set(units, calc);
    expect(store.query({ offset: 0, limit: 2 })).toMatchObject({
      total: 3,
      rows: [{ name: '东风村', total: '28,000.00' }, { name: '西风村' }],
    });
    expect(store.query({ text: '社区', offset: 0, limit: 10 }).rows.map((r) => r.name)).toEqual(['幸福社区']);
    const d = store.explain(0);
    expect(d.capital).toBe('贰万捌仟元整');
    expect(d.lines[0]!.text.zh).toContain('低于1,500人');
    expect(d.lines.find((l) => !l.applies)?.label.zh).toBe('社区服务群众专项经费');
  });

  it('puts errors in words', () => {
    expect(toUserError(new PolicyError([{ path: 'lines[0]', zh: '缺少必填项', en: 'required' }]))).toMatchObject({
      said: { zh: '政策无效：lines[0]: 缺少必填项' },
    });
    expect(toUserError({ code: 'ItemNotFound', message: 'The requested resource does not exist.' })).toMatchObject({ code: 'excel' });
    // The adapters' errors (a missing sheet, a write too large) carry their words.
    expect(toUserError(new SaidError({ zh: '找不到工作表', en: 'Worksheet not found' }))).toMatchObject({
      code: 'input',
      said: { zh: '找不到工作表' },
    });
    const abort = new Error('x');
    abort.name = 'AbortError';
    expect(toUserError(abort)).toBe(abort);
    // What the pane shows: the same words, a cancel as such, anything else with its message.
    expect(errorSaid(abort)).toEqual(CANCELLED);
    expect(errorSaid(new SaidError({ zh: '找不到工作表', en: 'Worksheet not found' })).en).toBe('Worksheet not found');
    expect(errorSaid(new TypeError('boom'))).toEqual({ zh: '处理时出错：boom', en: 'Something went wrong: boom' });
  });

  it('checks the inputs before a run', () => {
    const sheet = sheetInfo('城关镇', [{ row: 1, cells: ['名称', '人口'] }], 1);
    const inputs = {
      face: 'excel' as const,
      canAudit: true,
      rosterFile: null,
      workbook: { name: '当前工作簿', sheets: [sheet] },
      included: new Set(['城关镇']),
      mappings: {},
      year: 2025,
      choice: { kind: 'builtin' as const },
      ledgerFile: null,
      ledgerSheet: '',
    };
    expect(inputProblem('calc', inputs)).toEqual({
      zh: '工作表「城关镇」还缺少必填列：名称、人口、上年度党员人数。',
      en: 'Sheet "城关镇" still needs a column for: name, population, membersPrevYear.',
    });
    const mapped = { ...inputs, mappings: { 城关镇: { name: 0, population: 1, membersPrevYear: 1 } } };
    expect(inputProblem('calc', mapped)).toBeNull();
    expect(inputProblem('calc', { ...mapped, year: 25 })?.zh).toBe('年度应为四位数字。');
    expect(inputProblem('audit', mapped)).toEqual({ zh: '请选择拨付明细工作表。', en: 'Choose the ledger sheet.' });
    expect(inputProblem('calc', { ...mapped, face: 'web' })?.en).toBe('Choose a readable roster workbook (.xlsx) first.');
  });
});

describe("the pane's audit", () => {
  const HEAD = ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'];
  const LEDGER = [
    ['日期', '收款单位', '经费类别', '金额'],
    ['2025-03-01', '东风村', '办公经费', 20000],
  ];
  const figure = (figures: { label: { zh: string }; value: string }[], zh: string) => figures.find((f) => f.label.zh === zh)?.value;

  it("counts the roster's warnings beside the exceptions, and shows no such figure without them", async () => {
    const calc = calculator(2025);
    const warned = await auditJob(
      [gridSource('名册', [HEAD, ['城关镇', '东风村', '村', 1200, 24], ['城关镇', '红星村', '村', 0, 12]])],
      [gridSource('拨付明细', LEDGER)],
      calc,
      { lang: 'zh' },
    );
    expect(figure(warned.figures, '花名册警告（已核算）')).toBe('2'); // 人口为0 and 党员多于人口
    const clean = await auditJob(
      [gridSource('名册', [HEAD, ['城关镇', '东风村', '村', 1200, 24]])],
      [gridSource('拨付明细', LEDGER)],
      calc,
      {
        lang: 'zh',
      },
    );
    expect(figure(clean.figures, '花名册警告（已核算）')).toBeUndefined();
    expect(figure(clean.figures, '异常')).toBe('0');
  });

  it('lists the exceptions by kind in words, counted, with payee, line and amount; the status counts are unit x line pairs', async () => {
    const ledger = [...LEDGER, ['2025-03-02', '不存在村', '办公经费', 5000], ['2024-12-30', '东风村', '办公经费', 100]];
    const r = await auditJob(
      [gridSource('名册', [HEAD, ['城关镇', '东风村', '村', 1200, 24]])],
      [gridSource('拨付明细', ledger)],
      calculator(2025),
      {
        lang: 'zh',
      },
    );
    expect(r.problems.total).toBeGreaterThanOrEqual(2);
    expect(r.problems.kinds.reduce((n, k) => n + k.count, 0)).toBe(r.problems.total);
    expect(r.problems.items).toHaveLength(r.problems.total);
    const unknown = r.problems.items.find((i) => i.code === 'UNKNOWN_PAYEE')!;
    expect(unknown).toMatchObject({ payee: '不存在村', line: { zh: '办公经费' }, amount: '5,000.00' });
    expect(r.problems.kinds.find((k) => k.code === 'UNKNOWN_PAYEE')?.label.zh).toBe('收款单位不在名册');
    expect(r.figures.filter((f) => f.group === 'pairs').map((f) => f.label.zh)).toEqual(['足额', '少拨', '多拨', '未拨', '无依据']);
  });
});

describe('problem kinds', () => {
  const HEAD = ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'];
  it('names every audit and roster code in words, and counts errors first, then warnings, then notes', () => {
    for (const code of [...AUDIT_ISSUE_CODES, 'MISSING_NAME', 'NOT_A_NUMBER', 'UNKNOWN_TYPE', 'DUPLICATE_NAME', 'BLANK_ROW'])
      expect(kindWords(code).zh, code).not.toMatch(/[A-Z_]{4}/);
    const kinds = problemKinds([
      { code: 'BLANK_ROW', severity: 'info' },
      { code: 'DUPLICATE_NAME', severity: 'warning' },
      { code: 'NOT_A_NUMBER', severity: 'error' },
      { code: 'DUPLICATE_NAME', severity: 'warning' },
      { code: 'ZERO_POPULATION', severity: 'warning' },
    ]);
    expect(kinds.map((k) => [k.code, k.count])).toEqual([
      ['NOT_A_NUMBER', 1],
      ['DUPLICATE_NAME', 2],
      ['ZERO_POPULATION', 1],
      ['BLANK_ROW', 1],
    ]);
  });

  it('gives the calc view every issue counted by kind, and 万元 to 2 decimals', async () => {
    const calc = calculator(2025);
    const { outcome } = await calcReport(
      [
        gridSource('名册', [
          HEAD,
          ['城关镇', '东风村', '村', 1200, 24],
          ['城关镇', '东风村', '村', 1300, 20],
          ['城关镇', '坏村', '村', 'x', 3],
        ]),
      ],
      calc,
      'zh',
    );
    const v = calcView(calc, outcome, { kind: 'sheets', sheets: [] }, 0);
    expect(v.county.wan).toMatch(/^\d+\.\d{2}$/);
    expect(v.issues.kinds.reduce((n, k) => n + k.count, 0)).toBe(v.issues.total);
    expect(v.issues.top[0]!.severity).toBe('error');
  });
});
