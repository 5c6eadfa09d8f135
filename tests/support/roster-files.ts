// Helpers for the CLI tests: write messy roster workbooks as real .xlsx files
// (exceljs, in a temp dir), run the CLI in-process with captured streams, and
// read result workbooks back.
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { vi } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Cell } from '../../src/workbook/cells.js';

/** A cell as written: a value, or a formula with the result Excel cached for it. */
export type RawCell = string | number | boolean | null | undefined | { formula: string; result: number | string };

export interface SheetDef {
  name: string;
  /** Row 1 first; each inner array starts at column A. An empty array is a blank row. */
  rows: RawCell[][];
  /** Ranges to merge, e.g. 'A1:F1'. The value stays in the top-left cell. */
  merges?: string[];
  /**
   * A table range drawn with thin borders, as officers do ('A3:F17'). Empty rows inside
   * it still exist in the file (their cells carry a style), so the reader sees them.
   */
  bordered?: string;
}

const THIN = { style: 'thin' } as const;

/** Writes the sheets as a normal (non-streaming) .xlsx workbook, the way an officer's Excel would save it. */
export async function writeRosterWorkbook(file: string, sheets: SheetDef[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((cells, i) => {
      const row = ws.getRow(i + 1);
      cells.forEach((v, c) => {
        if (v !== null && v !== undefined) row.getCell(c + 1).value = v;
      });
    });
    if (s.bordered) {
      const [from, to] = s.bordered.split(':').map((a) => ws.getCell(a).fullAddress);
      if (!from || !to) throw new Error(`bordered must be a range like A3:F17: ${s.bordered}`);
      for (let r = from.row; r <= to.row; r++)
        for (let c = from.col; c <= to.col; c++) ws.getCell(r, c).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(file);
}

export interface TempDir {
  dir: string;
  file(name: string): string;
  /** Names in the directory (including dot files), sorted. */
  list(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function makeTempDir(prefix = 'vf-cli-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file: (name) => path.join(dir, name),
    list: async () => (await readdir(dir)).sort(),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main(argv, io)` in-process with PassThrough streams collecting stdout and stderr. */
export async function runCli(argv: string[]): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const io: Io = { stdout, stderr: stderr as unknown as NodeJS.WriteStream };
  const code = await main(argv, io);
  // Wait until both streams have delivered everything: a large --json document
  // can take more than one turn of the event loop.
  const ended = Promise.all([finished(stdout), finished(stderr)]);
  stdout.end();
  stderr.end();
  await ended;
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Pins the locale the CLI falls back on when no --lang is given: 'zh' (unset, "zh when unsure") or 'en'. */
export function stubLocale(lang: 'zh' | 'en'): void {
  vi.stubEnv('LC_ALL', '');
  vi.stubEnv('LC_MESSAGES', '');
  vi.stubEnv('LANG', lang === 'en' ? 'en_US.UTF-8' : 'zh_CN.UTF-8');
}

/** Reads a written workbook fully (in memory) for assertions. */
export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Header texts of a sheet's header row, by column number (1-based index 0 unused). */
export function headerMap(ws: ExcelJS.Worksheet, headerRow: number): Map<string, number> {
  const m = new Map<string, number>();
  ws.getRow(headerRow).eachCell((cell, col) => {
    if (typeof cell.value === 'string') m.set(cell.value, col);
  });
  return m;
}

/** The row number of the first row whose column-A text equals `text`, or -1. */
export function findRow(ws: ExcelJS.Worksheet, column: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(column).value === text) return r;
  return -1;
}

// ---------------------------------------------------------------------------
// The messy county: one sheet per township (township from the sheet name),
// plus a notes sheet with no roster header.

/**
 * 城关镇: two title rows (merged), a merged two-row header (党员人数 over 上年/本年,
 * other header cells merged down), numbers as text, thousands separators,
 * full-width digits, 1500人, surrounding and trailing spaces, blank rows, a 小计
 * mid-sheet, a repeated two-row header, the same name twice (warning), a 合计 at the end.
 */
export const CHENGGUAN: SheetDef = {
  name: '城关镇',
  rows: [
    /* 1 */ ['XX县2024年村（社区）组织运转经费测算表'],
    /* 2 */ ['填报单位：XX县委组织部', null, null, null, null, '单位：人、元'],
    /* 3 */ ['序号', '村（社区）名称', '类型', '人口（人）', '党员人数', null],
    /* 4 */ [null, null, null, null, '上年', '本年'],
    /* 5 */ [1, '东风村', '村', 1200, 24, 25],
    /* 6 */ [2, ' 西湖村 ', '行政村', '1,500', '４５', '46'],
    /* 7 */ [3, '幸福社区', '社区', '８０００人', ' 130 ', 131],
    /* 8 */ [4, '柳林农村社区', '农村社区', '2,000 人', '12', 12],
    /* 9 */ [],
    /* 10 */ ['小计', null, null, { formula: 'SUM(D5:D8)', result: 12700 }, { formula: 'SUM(E5:E8)', result: 211 }, 214],
    /* 11 */ [5, '南山村', '村', '1499', 30, 30],
    /* 12 */ ['序号', '村（社区）名称', '类型', '人口（人）', '党员人数', null],
    /* 13 */ [null, null, null, null, '上年', '本年'],
    /* 14 */ [6, '北山村', '村', '１，５００', 31, 31],
    /* 15 */ [7, '东风村 ', '', 900, 29, 29],
    /* 16 */ ['  ', '', '\u3000', null, ' ', null],
    /* 17 */ [null, '合计', null, 16099, 301, 302],
  ],
  merges: ['A1:F1', 'A2:E2', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:F3'],
  bordered: 'A3:F17',
};

/**
 * 河口镇: header on row 1 with other aliases; the same village name as in 城关镇
 * (fine: another township); a population computed by a formula; every kind of rejected
 * row; formula-looking names.
 */
export const HEKOU: SheetDef = {
  name: '河口镇',
  rows: [
    /* 1 */ ['村名', '性质', '户籍人口', '上年末党员数'],
    /* 2 */ ['东风村', '村', { formula: '500+700', result: 1200 }, 24], // a formula: its cached result counts
    /* 3 */ ['青石村', '村', '1500.5', 20], // not an integer (population)
    /* 4 */ ['白沙村', '村', 1000, -3], // negative (members)
    /* 5 */ ['红旗村', '村', '约一千', 10], // unreadable (population)
    /* 6 */ [null, '村', 800, 10], // data but no name
    /* 7 */ ['黄土村', '乡', 800, 10], // unknown type
    /* 8 */ ['=SUM(C2:C3)', '村', 1000, 10],
    /* 9 */ ['+86村', '村', 1000, 10],
    /* 10 */ ['-东村', '社区', 1000, 10],
    /* 11 */ ['@西村', '农村社区', 1000, 10],
  ],
};

/** A notes sheet: no roster header, reported and left alone. */
export const NOTES: SheetDef = {
  name: '填表说明',
  rows: [['填表说明'], ['1. 人口按户籍人口填写'], ['2. 党员人数为上年末数'], [], ['联系人', '张三', '电话', '12345678']],
};

/**
 * One sheet with a township column: a title, 乡镇（街道） merged down over its
 * villages, trailing spaces in township and name cells, the same village name in two
 * townships (fine) and twice in one (warning), a 小计 per township and a 总计 at the end.
 */
export const COUNTY_SHEET: SheetDef = {
  name: '全县名册',
  rows: [
    /* 1 */ ['XX县村（社区）名册'],
    /* 2 */ ['乡镇（街道）', '村(社区)名称', '类型', '总人口', '党员数（上年）', '统计用区划代码'],
    /* 3 */ ['城关镇', '新村', '村', 1200, 24, '410102001001'],
    /* 4 */ [null, '城东社区 ', '城市社区', 8000, 130, '410102001002'],
    /* 5 */ [null, '新村', '村', '1,500', 45, '410102001003'],
    /* 6 */ ['小计', null, null, 10700, 199, null],
    /* 7 */ ['河口镇 ', '新村', '村', 1499, 30, '410102002001'],
    /* 8 */ [null, '河湾社区', '农村社区', 2000, 12, '410102002002'],
    /* 9 */ ['小计', null, null, 3499, 42, null],
    /* 10 */ ['总计', null, null, 14199, 241, null],
  ],
  merges: ['A1:F1', 'A3:A5', 'A7:A8'],
};

// ---------------------------------------------------------------------------
// The county standard worked out by hand (DOMAIN.md), independent of src/, in whole yuan.

export type UnitType = 'village' | 'urbanCommunity' | 'ruralCommunity';

export interface Due {
  office: number;
  partyBuilding: number;
  memberActivity: number;
  communityService: number;
  total: number;
}

export function due(type: UnitType, population: number, membersPrevYear: number): Due {
  const office = type === 'village' ? (population >= 1500 ? 25000 : 20000) : 30000;
  const partyBuilding = type === 'village' ? 5000 : 50000;
  const memberActivity = Math.max(3000, 100 * membersPrevYear);
  const communityService = type === 'urbanCommunity' ? 50000 : 0;
  return { office, partyBuilding, memberActivity, communityService, total: office + partyBuilding + memberActivity + communityService };
}

/** "28000.00": whole yuan as the --json money string. */
export const yuan = (n: number): string => `${n}.00`;

/** Any CJK ideograph (to tell a Chinese message from an English one). */
export const CJK = /[\u4e00-\u9fff]/;

/** A stack-trace frame line. */
export const STACK_FRAME = /^\s+at\s/m;

/** Writes sheets of plain cells as a workbook; Date cells get a date format, as a ledger's dates have. */
export async function writeGridWorkbook(file: string, sheets: { name: string; rows: Cell[][] }[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const cells of s.rows) {
      const row = ws.addRow(cells);
      cells.forEach((c, i) => {
        if (c instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
    }
  }
  await wb.xlsx.writeFile(file);
}
