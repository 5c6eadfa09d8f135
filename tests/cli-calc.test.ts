// `village-funds calc` on real messy roster workbooks (written by exceljs into a temp dir):
// every messy case a county roster has (DOMAIN.md), the row invariant, DOMAIN.md's worked examples, and the
// four report sheets of the result workbook.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  CHENGGUAN,
  COUNTY_SHEET,
  HEKOU,
  NOTES,
  type TempDir,
  type UnitType,
  due,
  findRow,
  headerMap,
  makeTempDir,
  readWorkbook,
  runCli,
  stubLocale,
  writeRosterWorkbook,
  yuan,
} from './support/roster-files.js';

interface JsonUnit {
  sheet: string;
  row: number;
  township: string;
  name: string;
  type: UnitType;
  population: number;
  membersPrevYear: number;
  lines: Record<string, string>;
  total: string;
}
interface JsonIssue {
  sheet: string;
  row: number | null;
  column: string | null;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  messages: { zh: string; en: string };
}
interface CalcJson {
  policy: { id: string; year: number };
  rows: { read: number; computed: number; rejected: number; skipped: number };
  totals: Record<string, string>;
  townships: { name: string; units: number; totals: Record<string, string> }[];
  units: JsonUnit[];
  issues: JsonIssue[];
}

const LINES = ['office', 'partyBuilding', 'memberActivity', 'communityService'] as const;
const LINE_LABELS = ['办公经费', '党建经费', '党员活动经费', '社区服务群众专项经费'];

/** What each computed row of the messy county must be: [sheet, row, township, name, type, population, members]. */
const EXPECTED_UNITS: [string, number, string, string, UnitType, number, number][] = [
  ['城关镇', 5, '城关镇', '东风村', 'village', 1200, 24], // worked example: 28,000
  ['城关镇', 6, '城关镇', '西湖村', 'village', 1500, 45], // ' 西湖村 ', '1,500', '４５': 34,500
  ['城关镇', 7, '城关镇', '幸福社区', 'urbanCommunity', 8000, 130], // '８０００人', ' 130 ': 143,000
  ['城关镇', 8, '城关镇', '柳林农村社区', 'ruralCommunity', 2000, 12], // '2,000 人': 83,000
  ['城关镇', 11, '城关镇', '南山村', 'village', 1499, 30], // boundary 1499 -> 20,000; 30 -> 3,000
  ['城关镇', 14, '城关镇', '北山村', 'village', 1500, 31], // '１，５００' boundary -> 25,000; 31 -> 3,100
  ['城关镇', 15, '城关镇', '东风村', 'village', 900, 29], // '东风村 ' again, type from the name: warning
  ['河口镇', 2, '河口镇', '东风村', 'village', 1200, 24], // same name, other township: fine
  ['河口镇', 8, '河口镇', '=SUM(C2:C3)', 'village', 1000, 10],
  ['河口镇', 9, '河口镇', '+86村', 'village', 1000, 10],
  ['河口镇', 10, '河口镇', '-东村', 'urbanCommunity', 1000, 10],
  ['河口镇', 11, '河口镇', '@西村', 'ruralCommunity', 1000, 10],
];

/** Every issue, in reading order: [sheet, row, column, severity, code]. */
const EXPECTED_ISSUES: [string, number | null, string | null, string, string][] = [
  ['城关镇', 9, null, 'info', 'BLANK_ROW'],
  ['城关镇', 10, 'A', 'info', 'SUBTOTAL_ROW'],
  ['城关镇', 12, null, 'info', 'REPEATED_HEADER'],
  ['城关镇', 13, null, 'info', 'REPEATED_HEADER'],
  ['城关镇', 15, 'B', 'warning', 'DUPLICATE_NAME'],
  ['城关镇', 16, null, 'info', 'BLANK_ROW'],
  ['城关镇', 17, 'B', 'info', 'SUBTOTAL_ROW'],
  ['河口镇', 3, 'C', 'error', 'NOT_INTEGER'],
  ['河口镇', 4, 'D', 'error', 'NEGATIVE'],
  ['河口镇', 5, 'C', 'error', 'NOT_A_NUMBER'],
  ['河口镇', 6, 'A', 'error', 'MISSING_NAME'],
  ['河口镇', 7, 'B', 'error', 'UNKNOWN_TYPE'],
  // =SUM(C2:C3), +86村, -东村, @西村: computed, written as text, and said (point 5 of issue 26).
  ['河口镇', 8, 'A', 'warning', 'FORMULA_LIKE_TEXT'],
  ['河口镇', 9, 'A', 'warning', 'FORMULA_LIKE_TEXT'],
  ['河口镇', 10, 'A', 'warning', 'FORMULA_LIKE_TEXT'],
  ['河口镇', 11, 'A', 'warning', 'FORMULA_LIKE_TEXT'],
  ['填表说明', null, null, 'info', 'NO_HEADER'],
];

/** Rows present in each sheet below its header (what the reader reads). */
const ROWS_PRESENT: Record<string, number[]> = {
  城关镇: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
  河口镇: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  填表说明: [],
};

let tmp: TempDir;
let messy: string;
let json: CalcJson;
let jsonRun: { code: number; stdout: string; stderr: string };
let wb: ExcelJS.Workbook;
let wbRun: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  stubLocale('zh');
  tmp = await makeTempDir();
  messy = tmp.file('县名册.xlsx');
  await writeRosterWorkbook(messy, [CHENGGUAN, HEKOU, NOTES]);
  jsonRun = await runCli(['calc', messy, '--json', '--year', '2024', '-o', tmp.file('json-run.xlsx')]);
  json = JSON.parse(jsonRun.stdout) as CalcJson;
  wbRun = await runCli(['calc', messy, '--year', '2024']);
  wb = await readWorkbook(tmp.file('县名册-核算结果.xlsx'));
});
afterAll(async () => {
  await tmp?.cleanup();
});
beforeEach(() => stubLocale('zh'));

describe('messy roster workbook (one sheet per township, a notes sheet)', () => {
  test('exit code 1: done, some rows rejected; nothing on stderr', () => {
    expect(jsonRun.code).toBe(1);
    expect(jsonRun.stderr).toBe('');
    expect(wbRun.code).toBe(1);
    expect(wbRun.stderr).toBe('');
  });

  test('reads every unit through titles, merged two-row header, text numbers, separators, full-width digits, units and spaces', () => {
    const got = json.units.map((u) => [u.sheet, u.row, u.township, u.name, u.type, u.population, u.membersPrevYear]);
    expect(got).toEqual(EXPECTED_UNITS);
  });

  test('each unit is due what DOMAIN.md says, line by line, as two-decimal strings', () => {
    for (const u of json.units) {
      const d = due(u.type, u.population, u.membersPrevYear);
      expect(u.lines, `${u.sheet}!${u.row} ${u.name}`).toEqual(Object.fromEntries(LINES.map((l) => [l, yuan(d[l])])));
      expect(u.total).toBe(yuan(d.total));
    }
  });

  test("DOMAIN.md's worked examples and the 1499/1500, 30/31 boundaries", () => {
    const total = (sheet: string, row: number) => json.units.find((u) => u.sheet === sheet && u.row === row)?.total;
    expect(total('城关镇', 5)).toBe('28000.00'); // village, 1,200 people, 24 members
    expect(total('城关镇', 6)).toBe('34500.00'); // village, 1,500 people, 45 members
    expect(total('城关镇', 7)).toBe('143000.00'); // urban community, 8,000 people, 130 members
    expect(total('城关镇', 8)).toBe('83000.00'); // rural community, 2,000 people, 12 members
    const line = (sheet: string, row: number, id: string) => json.units.find((u) => u.sheet === sheet && u.row === row)?.lines[id];
    expect(line('城关镇', 11, 'office')).toBe('20000.00'); // 1,499 people
    expect(line('城关镇', 14, 'office')).toBe('25000.00'); // 1,500 people
    expect(line('城关镇', 11, 'memberActivity')).toBe('3000.00'); // 30 members
    expect(line('城关镇', 14, 'memberActivity')).toBe('3100.00'); // 31 members
  });

  test('skipped (blank, subtotal, repeated header), rejected and warned rows are reported with sheet, row, column and code', () => {
    expect(json.issues.map((i) => [i.sheet, i.row, i.column, i.severity, i.code])).toEqual(EXPECTED_ISSUES);
    for (const i of json.issues) {
      expect(i.message).toContain(`工作表「${i.sheet}」`);
      if (i.row !== null) expect(i.message).toContain(`第${i.row}行`);
      if (i.column !== null) expect(i.message).toContain(`${i.column}列`);
    }
  });

  test('the same name in two townships is fine; twice in one township is a warning and still computed', () => {
    const dups = json.issues.filter((i) => i.code === 'DUPLICATE_NAME');
    expect(dups).toHaveLength(1);
    expect(dups[0]).toMatchObject({ sheet: '城关镇', row: 15, severity: 'warning' });
    expect(dups[0]!.message).toContain('第5行');
    expect(json.units.some((u) => u.sheet === '城关镇' && u.row === 15)).toBe(true);
    expect(json.units.filter((u) => u.name === '东风村').map((u) => u.township)).toEqual(['城关镇', '城关镇', '河口镇']);
  });

  test('a sheet without a roster header is reported and left alone', () => {
    expect(json.issues.filter((i) => i.sheet === '填表说明').map((i) => i.code)).toEqual(['NO_HEADER']);
    expect(json.units.some((u) => u.sheet === '填表说明')).toBe(false);
    expect(json.townships.map((t) => t.name)).toEqual(['城关镇', '河口镇']);
  });

  test('rows read = computed + rejected + skipped, overall and per sheet, and each row is counted once', () => {
    const r = json.rows;
    expect(r).toEqual({ read: 23, computed: 12, rejected: 5, skipped: 6 });
    expect(r.read).toBe(r.computed + r.rejected + r.skipped);
    let sumRead = 0;
    for (const [sheet, present] of Object.entries(ROWS_PRESENT)) {
      const computed = json.units.filter((u) => u.sheet === sheet).map((u) => u.row);
      const rejected = [
        ...new Set(json.issues.filter((i) => i.sheet === sheet && i.severity === 'error' && i.row !== null).map((i) => i.row!)),
      ];
      const skipped = [
        ...new Set(json.issues.filter((i) => i.sheet === sheet && i.severity === 'info' && i.row !== null).map((i) => i.row!)),
      ];
      const all = [...computed, ...rejected, ...skipped];
      expect(new Set(all).size, `${sheet}: a row counted twice`).toBe(all.length);
      expect(
        all.sort((a, b) => a - b),
        sheet,
      ).toEqual(present);
      expect(present.length).toBe(computed.length + rejected.length + skipped.length);
      sumRead += present.length;
    }
    expect(sumRead).toBe(r.read);
    expect(json.units).toHaveLength(r.computed);
  });

  test('county and township totals add up from the units', () => {
    const sum = (units: JsonUnit[], key: string) => units.reduce((s, u) => s + Number(key === 'total' ? u.total : u.lines[key]), 0);
    for (const key of [...LINES, 'total']) {
      expect(json.totals[key]).toBe(yuan(sum(json.units, key)));
      for (const t of json.townships)
        expect(t.totals[key]).toBe(
          yuan(
            sum(
              json.units.filter((u) => u.township === t.name),
              key,
            ),
          ),
        );
    }
    expect(json.totals.total).toBe('677600.00');
    expect(json.townships.map((t) => [t.name, t.units])).toEqual([
      ['城关镇', 7],
      ['河口镇', 5],
    ]);
  });

  test('the summary line on stdout (without --json) gives the counts, the total and the output path', () => {
    expect(wbRun.stdout).toContain('已核算12个单位');
    expect(wbRun.stdout).toContain('读取23行');
    expect(wbRun.stdout).toContain('剔除5行');
    expect(wbRun.stdout).toContain('跳过6行');
    expect(wbRun.stdout).toContain('677,600.00');
    expect(wbRun.stdout).toContain(tmp.file('县名册-核算结果.xlsx'));
  });
});

describe('one sheet with a township column', () => {
  let county: CalcJson;
  let code: number;
  beforeAll(async () => {
    stubLocale('zh');
    const file = tmp.file('全县.xlsx');
    await writeRosterWorkbook(file, [COUNTY_SHEET]);
    const r = await runCli(['calc', file, '--json', '--year', '2024']);
    code = r.code;
    county = JSON.parse(r.stdout) as CalcJson;
  });

  test('township from its column (merged cells carried down, trailing spaces trimmed); exit 0 with only warnings', () => {
    expect(code).toBe(0);
    expect(county.units.map((u) => [u.row, u.township, u.name, u.total])).toEqual([
      [3, '城关镇', '新村', '28000.00'],
      [4, '城关镇', '城东社区', '143000.00'],
      [5, '城关镇', '新村', '34500.00'],
      [7, '河口镇', '新村', '28000.00'],
      [8, '河口镇', '河湾社区', '83000.00'],
    ]);
    expect(county.townships.map((t) => [t.name, t.units, t.totals.total])).toEqual([
      ['城关镇', 3, '205500.00'],
      ['河口镇', 2, '111000.00'],
    ]);
    expect(county.totals.total).toBe('316500.00');
  });

  test('小计 per township and 总计 at the end are skipped; same name twice in 城关镇 warned, in 河口镇 not', () => {
    expect(county.rows).toEqual({ read: 8, computed: 5, rejected: 0, skipped: 3 });
    expect(county.issues.map((i) => [i.row, i.column, i.severity, i.code])).toEqual([
      [5, 'B', 'warning', 'DUPLICATE_NAME'],
      [6, 'A', 'info', 'SUBTOTAL_ROW'],
      [9, 'A', 'info', 'SUBTOTAL_ROW'],
      [10, 'A', 'info', 'SUBTOTAL_ROW'],
    ]);
  });
});

test('warned but computed: members above population, zero population, a village above 100,000 people (exit 0)', async () => {
  const file = tmp.file('warnings.xlsx');
  await writeRosterWorkbook(file, [
    {
      name: '城关镇',
      rows: [
        ['村名', '类型', '人口', '党员人数'],
        ['甲村', '村', 20, 31],
        ['乙村', '村', 0, 0],
        ['丙村', '村', 120000, 300],
      ],
    },
  ]);
  const r = await runCli(['calc', file, '--json', '--year', '2024']);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout) as CalcJson;
  expect(j.rows).toEqual({ read: 3, computed: 3, rejected: 0, skipped: 0 });
  expect(j.issues.map((i) => [i.row, i.column, i.severity, i.code])).toEqual([
    [2, 'D', 'warning', 'MEMBERS_ABOVE_POPULATION'],
    [3, 'C', 'warning', 'ZERO_POPULATION'],
    [4, 'C', 'warning', 'VILLAGE_TOO_LARGE'],
  ]);
  expect(j.units.map((u) => u.total)).toEqual([
    yuan(due('village', 20, 31).total),
    yuan(due('village', 0, 0).total),
    yuan(due('village', 120000, 300).total),
  ]);
});

// Regression (src/workbook/headers.ts, HeaderMatcher.pair): a title row directly above the header
// that names the township (东城街道…, 各乡镇…) is taken as the upper row of a two-row header, the
// alias 街道/乡镇 found inside the title claims column A, and when column A is 序号 (as in most
// rosters) every unit's township becomes its serial number ("1", "2", ...).
test('a title naming the 街道 above a header that starts with 序号 does not make 序号 the township', async () => {
  const file = tmp.file('东城街道.xlsx');
  await writeRosterWorkbook(file, [
    {
      name: '东城街道',
      rows: [
        ['东城街道2024年村（社区）运转经费测算表'],
        ['序号', '村（社区）名称', '类型', '人口', '上年度党员人数'],
        [1, '东风村', '村', 1200, 24],
        [2, '西湖社区', '社区', 8000, 130],
      ],
      merges: ['A1:E1'],
    },
  ]);
  const r = await runCli(['calc', file, '--json', '--year', '2024']);
  const j = JSON.parse(r.stdout) as CalcJson;
  expect(j.rows).toEqual({ read: 2, computed: 2, rejected: 0, skipped: 0 });
  expect(j.units.map((u) => u.township)).toEqual(['东城街道', '东城街道']);
  expect(j.townships.map((t) => [t.name, t.units])).toEqual([['东城街道', 2]]);
});

// Regression (src/workbook/calc-job.ts, runCalc): each sheet once got its own name registry
// (createRosterReader is called without `names`), so the same village in the same township on
// two sheets (a roster continued on a second page, or a township sheet plus a county sheet)
// is counted and funded twice without any warning. The same name twice in one township must be
// warned but computed.
test('the same name twice in one township across two sheets is warned', async () => {
  const file = tmp.file('两页.xlsx');
  const header = ['乡镇', '村名', '类型', '人口', '党员数'];
  await writeRosterWorkbook(file, [
    { name: '第一页', rows: [header, ['城关镇', '东风村', '村', 1200, 24], ['城关镇', '西湖村', '村', 1500, 45]] },
    { name: '第二页', rows: [header, ['城关镇', '东风村', '村', 1200, 24], ['河口镇', '西湖村', '村', 1500, 45]] },
  ]);
  const r = await runCli(['calc', file, '--json', '--year', '2024']);
  const j = JSON.parse(r.stdout) as CalcJson;
  expect(j.units).toHaveLength(4); // still computed
  expect(j.issues.filter((i) => i.code === 'DUPLICATE_NAME').map((i) => [i.sheet, i.row, i.severity])).toEqual([['第二页', 2, 'warning']]);
});

describe('result workbook', () => {
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  };
  /** Header row number of a report sheet: the row holding `first` in column A. */
  const headerRowOf = (ws: ExcelJS.Worksheet, first: string) => {
    const r = findRow(ws, 1, first);
    expect(r, `${ws.name}: header "${first}"`).toBeGreaterThan(0);
    return r;
  };
  /** The table's rows under the header, up to the blank row before the lines to sign; without a trailing 全县合计 unless `withTotal`. */
  const dataRows = (ws: ExcelJS.Worksheet, header: number, withTotal = ws.name !== '核算结果') => {
    const rows: ExcelJS.Row[] = [];
    for (let r = header + 1; r <= ws.rowCount && ws.getRow(r).hasValues; r++) rows.push(ws.getRow(r));
    if (!withTotal && rows.at(-1)?.getCell(1).value === '全县合计') rows.pop();
    return rows;
  };

  test('has the four report sheets in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['核算结果', '乡镇汇总', '问题清单', '政策参数']);
  });

  test('核算结果: one row per unit with township, name, type, counts, each line, total, capitals, explanation, source', () => {
    const ws = sheet('核算结果');
    const h = headerRowOf(ws, '乡镇');
    const cols = headerMap(ws, h);
    for (const name of [
      '乡镇',
      '名称',
      '类型',
      '人口',
      '上年度党员人数',
      ...LINE_LABELS,
      '合计',
      '合计（大写）',
      '核定说明',
      '来源工作表',
      '来源行',
    ])
      expect(cols.has(name), name).toBe(true);
    const rows = dataRows(ws, h);
    expect(rows).toHaveLength(EXPECTED_UNITS.length);
    const v = (row: ExcelJS.Row, name: string) => row.getCell(cols.get(name)!).value;
    rows.forEach((row, i) => {
      const [sheetName, srcRow, township, name, , population, members] = EXPECTED_UNITS[i]!;
      expect([v(row, '来源工作表'), v(row, '来源行'), v(row, '乡镇'), v(row, '名称'), v(row, '人口'), v(row, '上年度党员人数')]).toEqual([
        sheetName,
        srcRow,
        township,
        name,
        population,
        members,
      ]);
      const u = json.units[i]!;
      expect(v(row, '合计')).toBe(Number(u.total));
      LINES.forEach((id, k) => expect(v(row, LINE_LABELS[k]!)).toBe(Number(u.lines[id])));
      expect(typeof v(row, '核定说明')).toBe('string');
      expect(String(v(row, '核定说明')).length).toBeGreaterThan(10);
    });
    const byName = (n: string) => rows.find((r) => v(r, '名称') === n)!;
    expect(v(byName('西湖村'), '类型')).toBe('村');
    expect(v(byName('幸福社区'), '类型')).toBe('城市社区');
    expect(v(byName('柳林农村社区'), '类型')).toBe('农村社区');
  });

  test('核算结果: a bold 全县合计 row under the units, equal to their sum exactly and to --json; then the lines to sign', () => {
    const ws = sheet('核算结果');
    const h = headerRowOf(ws, '乡镇');
    const cols = headerMap(ws, h);
    const units = dataRows(ws, h);
    const total = dataRows(ws, h, true).at(-1)!;
    expect(total.getCell(1).value).toBe('全县合计');
    expect(total.getCell(1).font?.bold).toBe(true);
    for (const name of [...LINE_LABELS, '合计']) {
      const c = cols.get(name)!;
      // Sums in fen, as integers, so no float rounding hides a difference.
      const fen = units.reduce((s, r) => s + Math.round((r.getCell(c).value as number) * 100), 0);
      expect(Math.round((total.getCell(c).value as number) * 100), name).toBe(fen);
    }
    expect(total.getCell(cols.get('合计')!).value).toBe(Number(json.totals.total));
    const sign = ws.getRow(total.number + 2).getCell(1).value;
    expect(String(sign)).toMatch(/制表人：.*审核人：.*日期：/);
  });

  test('every sheet prints as a document: a title with the year, 编制单位 and 单位：元, one page wide, header rows repeated', () => {
    for (const ws of wb.worksheets) {
      expect(String(ws.getRow(1).getCell(1).value), ws.name).toContain('2024年度');
      expect(String(ws.getRow(2).getCell(1).value), ws.name).toContain('编制单位：');
      expect(String(ws.getRow(1).getCell(1).value), ws.name).not.toContain('county-five-standards');
      expect(String(ws.getRow(2).getCell(1).value), ws.name).not.toMatch(/half-up|[A-Za-z]{4,}/);
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1 });
      expect(ws.pageSetup.printTitlesRow, ws.name).toBe('1:3');
    }
    expect(String(sheet('核算结果').getRow(2).getCell(1).value)).toContain('单位：元');
    expect(sheet('乡镇汇总').pageSetup).toMatchObject({ fitToHeight: 1, orientation: 'landscape' });
    expect(sheet('核算结果').pageSetup).toMatchObject({ fitToHeight: 0, orientation: 'landscape' });
  });

  test('核算结果: 在册月数 is hidden unless a unit is part-year; 核定说明 wraps in a row tall enough for it', () => {
    const ws = sheet('核算结果');
    const h = headerRowOf(ws, '乡镇');
    const cols = headerMap(ws, h);
    const months = cols.get('在册月数')!;
    const partYear = dataRows(ws, h).some((r) => r.getCell(months).value !== null);
    expect(ws.getColumn(months).hidden).toBe(!partYear);
    expect(ws.getColumn(cols.get('合计')!).hidden).toBe(false);
    const row = dataRows(ws, h)[0]!;
    expect(row.getCell(cols.get('核定说明')!).alignment?.wrapText).toBe(true);
    expect(row.height).toBeGreaterThanOrEqual(30);
  });

  test('核算结果: total in Chinese capitals and an explanation that shows the rule applied', () => {
    const ws = sheet('核算结果');
    const h = headerRowOf(ws, '乡镇');
    const cols = headerMap(ws, h);
    const rows = dataRows(ws, h);
    const cell = (i: number, name: string) => rows[i]!.getCell(cols.get(name)!).value;
    expect(cell(0, '合计（大写）')).toBe('贰万捌仟元整'); // 28,000
    expect(cell(1, '合计（大写）')).toBe('叁万肆仟伍佰元整'); // 34,500
    expect(cell(2, '合计（大写）')).toBe('壹拾肆万叁仟元整'); // 143,000
    expect(cell(3, '合计（大写）')).toBe('捌万叁仟元整'); // 83,000
    expect(cell(5, '合计（大写）')).toBe('叁万叁仟壹佰元整'); // 33,100
    const explain0 = String(cell(0, '核定说明'));
    expect(explain0).toContain('1,200');
    expect(explain0).toContain('20,000');
    expect(explain0).toContain('3,000');
    expect(String(cell(5, '核定说明'))).toContain('25,000'); // 1,500 people reach the higher bracket
  });

  test('核算结果: money cells are numbers formatted #,##0.00; header frozen; columns sized', () => {
    const ws = sheet('核算结果');
    const h = headerRowOf(ws, '乡镇');
    const cols = headerMap(ws, h);
    for (const row of dataRows(ws, h)) {
      for (const name of [...LINE_LABELS, '合计']) {
        const c = row.getCell(cols.get(name)!);
        expect(c.type, `${name} row ${row.number}`).toBe(ExcelJS.ValueType.Number);
        expect(c.numFmt).toBe('#,##0.00');
      }
      expect(row.getCell(cols.get('人口')!).type).toBe(ExcelJS.ValueType.Number);
    }
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h });
    const width = (name: string) => ws.getColumn(cols.get(name)!).width ?? 0;
    expect(width('名称')).toBeGreaterThanOrEqual(12);
    for (const name of [...LINE_LABELS, '合计']) expect(width(name), name).toBeGreaterThanOrEqual(12);
    expect(width('合计（大写）')).toBeGreaterThanOrEqual(20);
    expect(width('核定说明')).toBeGreaterThanOrEqual(40);
  });

  test("乡镇汇总: one row per township, and a county total row equal to the sum above it and to --json's totals", () => {
    const ws = sheet('乡镇汇总');
    const h = headerRowOf(ws, '乡镇');
    const cols = headerMap(ws, h);
    const rows = dataRows(ws, h);
    const names = rows.map((r) => r.getCell(1).value);
    expect(names).toEqual(['城关镇', '河口镇', '全县合计']);
    const township = rows.slice(0, -1);
    const county = rows.at(-1)!;
    for (const name of ['单位数', ...LINE_LABELS, '合计']) {
      const c = cols.get(name)!;
      const above = township.reduce((s, r) => s + (r.getCell(c).value as number), 0);
      expect(county.getCell(c).value, name).toBe(above);
      if (name !== '单位数') {
        for (const r of rows) {
          expect(r.getCell(c).type).toBe(ExcelJS.ValueType.Number);
          expect(r.getCell(c).numFmt).toBe('#,##0.00');
        }
      }
    }
    expect(county.getCell(cols.get('合计')!).value).toBe(Number(json.totals.total));
    LINES.forEach((id, k) => expect(county.getCell(cols.get(LINE_LABELS[k]!)!).value).toBe(Number(json.totals[id])));
    json.townships.forEach((t, i) => expect(township[i]!.getCell(cols.get('合计')!).value).toBe(Number(t.totals.total)));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h });
  });

  test('问题清单: every rejected, skipped and warned row with sheet, row, column, level and code', () => {
    const ws = sheet('问题清单');
    const h = headerRowOf(ws, '工作表');
    const cols = headerMap(ws, h);
    const rows = dataRows(ws, h);
    const got = rows.map((r) => [
      r.getCell(cols.get('工作表')!).value,
      r.getCell(cols.get('行')!).value,
      r.getCell(cols.get('列')!).value,
      r.getCell(cols.get('代码')!).value,
    ]);
    expect(got).toEqual(EXPECTED_ISSUES.map(([s, row, col, , code]) => [s, row, col, code]));
    const level = (code: string) => rows.find((r) => r.getCell(cols.get('代码')!).value === code)!.getCell(cols.get('级别')!).value;
    expect(level('NOT_INTEGER')).toBe('错误（未核算）');
    expect(level('DUPLICATE_NAME')).toBe('警告（已核算）');
    // Read first in words; the code for machines last, at the right.
    expect([...cols.keys()].at(-1)).toBe('代码');
    const kind = (code: string) => rows.find((r) => r.getCell(cols.get('代码')!).value === code)!.getCell(cols.get('问题')!).value;
    expect(kind('DUPLICATE_NAME')).toBe('同名单位');
    expect(level('SUBTOTAL_ROW')).toBe('跳过');
    for (const r of rows) expect(String(r.getCell(cols.get('说明')!).value)).toContain('工作表「');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h });
  });

  test('政策参数: each line with its parameters in force for the year, effective dates and clauses', () => {
    const ws = sheet('政策参数');
    const h = headerRowOf(ws, '经费项目');
    // Named in words first; the ids the task pane reads back in the columns at the right.
    expect([...headerMap(ws, h).keys()].slice(-2)).toEqual(['经费项目编号', '参数代码']);
    const cols = headerMap(ws, h);
    const all = dataRows(ws, h);
    const ids = new Set(all.map((r) => r.getCell(cols.get('经费项目编号')!).value));
    expect([...ids]).toEqual([...LINES, 'organisation']);
    // 组织设置 after the money: each threshold of the built-in policy with its bound, date and clause.
    const org = all.filter((r) => r.getCell(cols.get('经费项目编号')!).value === 'organisation');
    expect(
      org.map((r) => [
        r.getCell(cols.get('参数代码')!).value,
        r.getCell(cols.get('参数')!).value,
        Number(r.getCell(cols.get('取值')!).value),
        r.getCell(cols.get('生效日期')!).value,
      ]),
    ).toEqual([
      ['branch.from', '应设党支部起点（含门槛值（≥））', 3, '2021-01-01'],
      ['generalBranch.from', '一般应设党总支起点（不含门槛值（>））', 50, '2021-01-01'],
      ['generalBranch.below', '一般应设党总支上限（不含上限值（<））', 100, '2021-01-01'],
    ]);
    for (const r of all) expect(String(r.getCell(cols.get('参数')!).value)).not.toMatch(/[A-Za-z]/);
    for (const r of org) expect(String(r.getCell(cols.get('依据条款')!).value)).toContain('“五个标准”的意见');
    const rows = all.filter((r) => r.getCell(cols.get('经费项目编号')!).value !== 'organisation');
    const values = rows.map((r) => [
      r.getCell(cols.get('经费项目编号')!).value,
      r.getCell(cols.get('适用类型')!).value,
      Number(r.getCell(cols.get('取值')!).value),
    ]);
    expect(values).toContainEqual(['office', '村', 20000]);
    expect(values).toContainEqual(['office', '村', 1500]);
    expect(values).toContainEqual(['office', '村', 25000]);
    expect(values).toContainEqual(['memberActivity', '村', 100]);
    expect(values).toContainEqual(['memberActivity', '村', 3000]);
    expect(values).toContainEqual(['communityService', '城市社区', 50000]);
    for (const r of rows) {
      expect(String(r.getCell(cols.get('生效日期')!).value)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(String(r.getCell(cols.get('依据条款')!).value)).toContain('二（四）2');
    }
  });

  test('a name that looks like a formula is warned, naming its cell, and counted in the summary sentence', () => {
    const w = json.issues.find((i) => i.code === 'FORMULA_LIKE_TEXT' && i.row === 8)!;
    expect(w.messages.zh).toMatch(/工作表「河口镇」第8行A列.*“=SUM\(C2:C3\)”以 = 开头，形似公式；已按文字核算/);
    expect(w.messages.en).toContain('written as text');
    expect(wbRun.stdout).toContain('名称形似公式 4条');
    const ws = sheet('问题清单');
    const h = headerRowOf(ws, '工作表');
    const cols = headerMap(ws, h);
    const row = dataRows(ws, h).find((r) => r.getCell(cols.get('代码')!).value === 'FORMULA_LIKE_TEXT')!;
    expect(row.getCell(cols.get('问题')!).value).toBe('名称形似公式');
    expect(row.getCell(cols.get('级别')!).value).toBe('警告（已核算）');
  });

  test('--title puts who the report is for at the head of every sheet title', async () => {
    const out = tmp.file('titled.xlsx');
    const r = await runCli(['calc', messy, '--year', '2024', '--title', '某某县', '-o', out]);
    expect(r.stderr).toBe('');
    const titled = await readWorkbook(out);
    for (const ws of titled.worksheets) expect(String(ws.getCell('A1').value), ws.name).toMatch(/^某某县2024年度村（社区）运转经费/);
    expect(titled.getWorksheet('核算结果')!.getCell('A1').value).toBe('某某县2024年度村（社区）运转经费核算结果');
  });

  test('names that look like formulas (= + - @) are written as text, never as formulas', () => {
    const ws = sheet('核算结果');
    const h = headerRowOf(ws, '乡镇');
    const nameCol = headerMap(ws, h).get('名称')!;
    for (const text of ['=SUM(C2:C3)', '+86村', '-东村', '@西村']) {
      const r = dataRows(ws, h).find((row) => row.getCell(nameCol).value === text);
      expect(r, text).toBeDefined();
      const c = r!.getCell(nameCol);
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    for (const w of wb.worksheets)
      w.eachRow((row) =>
        row.eachCell((c) => {
          expect(c.type, `${w.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
        }),
      );
  });

  test('formula-looking township names from a township column stay text in 核算结果 and 乡镇汇总', async () => {
    const file = tmp.file('formula-township.xlsx');
    await writeRosterWorkbook(file, [
      {
        name: 'Sheet1',
        rows: [
          ['乡镇', '名称', '类型', '人口', '党员数'],
          ['=1+1', '甲村', '村', 1200, 24],
          ['@镇', '-乙社区', '社区', 8000, 130],
        ],
      },
    ]);
    const r = await runCli(['calc', file, '--year', '2024']);
    expect(r.code).toBe(0);
    const out = await readWorkbook(tmp.file('formula-township-核算结果.xlsx'));
    const texts = new Map<string, ExcelJS.Cell>();
    for (const w of out.worksheets)
      w.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.set(`${w.name}|${c.value}`, c))));
    for (const key of ['核算结果|=1+1', '核算结果|@镇', '核算结果|-乙社区', '乡镇汇总|=1+1', '乡镇汇总|@镇']) {
      const c = texts.get(key);
      expect(c, key).toBeDefined();
      expect(c!.type).toBe(ExcelJS.ValueType.String);
      expect(c!.formula).toBeUndefined();
    }
  });
});
