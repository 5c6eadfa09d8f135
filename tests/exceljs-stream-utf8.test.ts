/**
 * Regression test for the exceljs 4.4.0 streaming-reader UTF-8 bug
 * (upstream exceljs issues #2063, #2084, #2316), fixed locally by
 * patches/exceljs+4.4.0.patch (applied by `patch-package` on postinstall).
 *
 * exceljs' parse-sax decoded every chunk of a streamed zip entry on its own,
 * so a 3-byte CJK character split across two chunks turned into U+FFFD.
 * We write large workbooks full of Chinese names (so that many chunk
 * boundaries fall inside a character) and read them back with the streaming
 * WorkbookReader, covering both the sharedStrings.xml path and the
 * strings-inline-in-sheet-XML path. See docs/exceljs-patch.md.
 * The CLI's own reader (src/node/read-xlsx.ts) reads the same files too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInThread } from '../src/node/read-xlsx.js';

const ROWS = 40_000;
const ALPHABET = '东西南北中和平安康宁新民兴旺富强村社区';

/**
 * Deterministic, unique, variable-length (5..9 chars) Chinese name for row i:
 * '村' + i written as 4 base-19 "digits" + 0..4 filler characters.
 */
function nameFor(i: number): string {
  let n = i;
  let s = '村';
  for (let d = 0; d < 4; d++) {
    s += ALPHABET[n % ALPHABET.length];
    n = Math.floor(n / ALPHABET.length);
  }
  const pad = i % 5; // vary lengths so character/byte offsets keep shifting
  for (let k = 0; k < pad; k++) s += ALPHABET[(i * 7 + k) % ALPHABET.length];
  return s;
}

/** Second (rich-text) value for row i: two runs whose concatenation is known. */
function richFor(i: number): [string, string] {
  const name = nameFor(ROWS - 1 - i);
  const cut = 1 + (i % (name.length - 1));
  return [name.slice(0, cut), `${name.slice(cut)}社区`];
}

type CellValue = ExcelJS.CellValue;

function cellText(v: CellValue): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) {
    return v.richText.map((r) => r.text).join('');
  }
  return String(v);
}

interface ReadResult {
  rows: number;
  fffdCells: number;
  mismatches: number;
  firstBad?: { row: number; expected: string; actual: string };
}

/** Rows as [row number, values with column A at index 1]. */
async function* exceljsRows(file: string): AsyncGenerator<[number, CellValue[]]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    worksheets: 'emit',
  });
  for await (const ws of reader) for await (const row of ws) yield [row.number, row.values as CellValue[]];
}

/** The same through our own reader (src/node/read-xlsx.ts; the web page's reads the same way). */
async function* ourRows(file: string): AsyncGenerator<[number, CellValue[]]> {
  for await (const sheet of readInThread(file).sheets) for await (const r of sheet.rows) yield [r.row, [null, ...r.cells] as CellValue[]];
}

async function streamRead(file: string, read = exceljsRows): Promise<ReadResult> {
  const result: ReadResult = { rows: 0, fffdCells: 0, mismatches: 0 };
  for await (const [number, values] of read(file)) {
    if (number === 1) continue; // header
    result.rows++;
    const i = Number(values[1]);
    const pairs: [expected: string, actual: string][] = [
      [nameFor(i), cellText(values[2])],
      [richFor(i).join(''), cellText(values[3])],
    ];
    for (const [expected, actual] of pairs) {
      if (actual.includes('\uFFFD')) result.fffdCells++;
      if (actual !== expected) {
        result.mismatches++;
        result.firstBad ??= { row: number, expected, actual };
      }
    }
  }
  return result;
}

/**
 * Column A: row key i; B: nameFor(i) as a plain string; C: richFor(i), as rich
 * text (two runs) when `rich`, else as a plain string. The streaming reader
 * only keeps the last run of *inline* rich text (a separate exceljs
 * limitation), so the inline-strings workbook stores C as a plain string.
 */
function fillSheet(ws: ExcelJS.Worksheet, opts: { rich: boolean; commit: boolean }): void {
  ws.addRow(['序号', '村名', '社区']);
  for (let i = 0; i < ROWS; i++) {
    const [a, b] = richFor(i);
    const c: CellValue = opts.rich ? { richText: [{ text: a, font: { bold: true } }, { text: b }] } : a + b;
    const row = ws.addRow([i, nameFor(i), c]);
    if (opts.commit) row.commit();
  }
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'exceljs-utf8-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('exceljs streaming reader, and our own reader, keep multi-byte UTF-8 intact across chunk boundaries', () => {
  it('sanity: generated names are unique and multi-byte', () => {
    const names = new Set(Array.from({ length: ROWS }, (_, i) => nameFor(i)));
    expect(names.size).toBe(ROWS);
    expect(Buffer.byteLength(nameFor(0))).toBeGreaterThan(nameFor(0).length);
  });

  it('reads shared strings (sharedStrings.xml) without U+FFFD', async () => {
    const file = path.join(dir, 'shared.xlsx');
    const wb = new ExcelJS.Workbook(); // non-streaming writer => shared strings
    fillSheet(wb.addWorksheet('村名册'), { rich: true, commit: false });
    await wb.xlsx.writeFile(file);

    // One assertion per reader so a failure shows the corrupted-cell count and the first bad cell.
    expect(await streamRead(file)).toEqual({ rows: ROWS, fffdCells: 0, mismatches: 0 });
    expect(await streamRead(file, ourRows)).toEqual({ rows: ROWS, fffdCells: 0, mismatches: 0 });
  });

  it('reads inline strings (in the sheet XML) without U+FFFD', async () => {
    const file = path.join(dir, 'inline.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: file,
      useSharedStrings: false,
    });
    fillSheet(wb.addWorksheet('村名册'), { rich: false, commit: true });
    await wb.commit();

    // One assertion per reader so a failure shows the corrupted-cell count and the first bad cell.
    expect(await streamRead(file)).toEqual({ rows: ROWS, fffdCells: 0, mismatches: 0 });
    expect(await streamRead(file, ourRows)).toEqual({ rows: ROWS, fffdCells: 0, mismatches: 0 });
  });
});
