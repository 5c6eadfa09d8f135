// Our own .xlsx reader: the CLI's (src/node/read-xlsx.ts, a file on disk) and
// the web page's (src/xlsx/zip-bytes.ts, a file in memory), over the same
// src/xlsx/read-*.ts. Two kinds of input: workbooks exceljs writes
// (shared and inline strings, dates, formulas, rich text), checked against the
// grid that was written; and packages built by hand for what real files
// contain and exceljs does not write (prefixed elements, phonetic runs,
// missing references, stored and Zip64 zips, 1904 dates, chart sheets).
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { WorkbookReadError, readInThread } from '../src/node/read-xlsx.js';
import type { Cell } from '../src/workbook/cells.js';
import type { ColumnSpec, OutCell } from '../src/workbook/sheet-spec.js';
import type { SourceRow } from '../src/workbook/source.js';
import { writeXlsxAtomically } from '../src/node/write-xlsx.js';
import { inflateRaw } from '../src/web/inflate.js';
import { sheetRows, workbookParts } from '../src/xlsx/read-workbook.js';
import { ZipBytes } from '../src/xlsx/zip-bytes.js';
import { ZIP_LIMITS } from '../src/xlsx/zip-directory.js';
import { type TempDir, makeTempDir } from './support/roster-files.js';
import { REL, buildZip, minimalPackage, type ZipBuildOptions } from './support/zip-build.js';

let dir: TempDir;
beforeAll(async () => void (dir = await makeTempDir('vf-read-')));
afterAll(() => dir.cleanup());

// Every test runs three ways: the CLI's file reader, the web page's reader of
// a file held in memory, and the same without DecompressionStream (old browsers).
const MODES = ['file', 'memory', 'memory without DecompressionStream'] as const;
let mode: (typeof MODES)[number] = 'file';

async function read(file: string): Promise<{ name: string; rows: SourceRow[]; kind?: string }[]> {
  const out = [];
  if (mode === 'file') {
    for await (const s of readInThread(file).sheets) {
      const rows = [];
      for await (const r of s.rows) rows.push(r);
      out.push({ name: s.name, rows, ...(s.kind ? { kind: s.kind } : {}) });
    }
    return out;
  }
  const bytes = new Uint8Array(await readFile(file));
  if (mode !== 'memory') vi.stubGlobal('DecompressionStream', undefined);
  try {
    const zip = await ZipBytes.open(bytes, inflateRaw);
    const { sheets, ctx } = await workbookParts(zip);
    for (const s of sheets) {
      const rows = [];
      for await (const batch of sheetRows(zip, s.part, ctx, s.kind)) rows.push(...batch);
      out.push({ name: s.name, rows, ...(s.kind ? { kind: s.kind } : {}) });
    }
    return out;
  } finally {
    vi.unstubAllGlobals();
  }
}

const ROW_TEXT = '<row r="1"><c r="A1"><v>1500</v></c></row>';
const ROW = ROW_TEXT.repeat(10);
/** The package with one byte of the first row's value changed (1500 -> 1600), its CRC-32 left as it was. */
function changedByte(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  out[out.indexOf('1500') + 1] = '6'.charCodeAt(0);
  return out;
}

async function readBytes(bytes: Buffer) {
  const file = dir.file(`bytes-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeFile(file, bytes);
  return read(file);
}

/** Cells without trailing empties: writers differ in whether an empty styled cell is written. */
const trim = (cells: Cell[]) => {
  const c = [...cells];
  while (c.length && (c[c.length - 1] === null || c[c.length - 1] === undefined)) c.pop();
  return c.map((v) => (v === undefined ? null : v));
};

type Written = string | number | boolean | Date | null | { formula: string; result: number | string } | { rich: string[] };

const written = fc.oneof(
  fc.constant(null),
  fc.string({ unit: fc.constantFrom(...'东风村社区居委会 &<>"\'_x0D\n1２A') }).filter((s) => s.length > 0 && !/_x[0-9A-Fa-f]{4}_/.test(s)),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc
    .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true })
    .map((d) => new Date(Math.round(d.getTime() / 1000) * 1000)),
  fc.record({ formula: fc.constant('A1*2'), result: fc.oneof(fc.integer(), fc.constantFrom('合计', 'x')) }),
  fc.array(fc.string({ unit: fc.constantFrom(...'东风村 ab'), minLength: 1 }), { minLength: 1, maxLength: 3 }).map((rich) => ({ rich })),
);

/** What a reader should give for each written value. */
function expected(v: Written): Cell {
  if (v === null) return null;
  if (typeof v === 'object' && 'formula' in v) return v.result;
  if (typeof v === 'object' && 'rich' in v) return v.rich.join('');
  return v;
}

function exceljsValue(v: Written): ExcelJS.CellValue {
  if (v !== null && typeof v === 'object' && 'rich' in v) return { richText: v.rich.map((text) => ({ text })) };
  return v as ExcelJS.CellValue;
}

async function writeWithExceljs(file: string, sheets: Written[][][], streaming: boolean) {
  const wb = streaming ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false }) : new ExcelJS.Workbook();
  sheets.forEach((rows, k) => {
    const ws = wb.addWorksheet(`表${k + 1}`);
    rows.forEach((cells, i) => {
      const row = ws.getRow(i + 1);
      cells.forEach((v, c) => {
        if (v === null) return;
        const cell = row.getCell(c + 1);
        cell.value = exceljsValue(v);
        if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
      if (streaming) row.commit();
    });
  });
  if (wb instanceof ExcelJS.stream.xlsx.WorkbookWriter) await wb.commit();
  else await wb.xlsx.writeFile(file);
}

describe.each(MODES)('read from %s', (m) => {
  beforeAll(() => void (mode = m));

  describe('workbooks written by exceljs read back as the grid that was written', () => {
    for (const streaming of [false, true])
      test(streaming ? 'inline strings (streaming writer)' : 'shared strings (workbook writer)', async () => {
        let k = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.array(fc.array(written, { maxLength: 6 }), { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
            async (sheets) => {
              const file = dir.file(`grid-${streaming}-${k++}.xlsx`);
              await writeWithExceljs(file, sheets, streaming);
              const got = await read(file);
              expect(got.map((s) => s.name)).toEqual(sheets.map((_, i) => `表${i + 1}`));
              got.forEach((s, i) => {
                const want = sheets[i]!.map((cells, r) => ({ row: r + 1, cells: trim(cells.map(expected)) })).filter((r) => r.cells.length);
                expect(s.rows.map((r) => ({ row: r.row, cells: trim(r.cells) })).filter((r) => r.cells.length)).toEqual(want);
              });
            },
          ),
          { numRuns: 40 },
        );
      });
  });

  const pkg = minimalPackage;

  async function readParts(parts: Record<string, string>, options: ZipBuildOptions = {}) {
    const file = dir.file(`hand-${Math.random().toString(36).slice(2)}.xlsx`);
    await writeFile(file, buildZip(parts, options));
    return read(file);
  }

  describe('packages as other programs write them', () => {
    const basic = pkg([
      { name: '城关镇', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>东风村</t></is></c><c r="B1"><v>1500</v></c></row>' },
    ]);

    test('stored entries, deflated entries and Zip64 directories read the same', async () => {
      const want = [{ name: '城关镇', rows: [{ row: 1, cells: ['东风村', 1500] }] }];
      expect(await readParts(basic)).toEqual(want);
      expect(await readParts(basic, { deflate: true })).toEqual(want);
      expect(await readParts(basic, { zip64: true, deflate: true })).toEqual(want);
    });

    test('prefixed elements (<x:row>), as the Open XML SDK writes them', async () => {
      const parts = pkg([{ name: 'S', data: '<x:row r="2"><x:c r="B2"><x:v>7</x:v></x:c></x:row><x:row r="3"/>' }], { prefix: 'x:' });
      expect(await readParts(parts)).toEqual([
        {
          name: 'S',
          rows: [
            { row: 2, cells: [null, 7] },
            { row: 3, cells: [] },
          ],
        },
      ]);
    });

    test('rows and cells without references follow the one before', async () => {
      const parts = pkg([
        {
          name: 'S',
          data: '<row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>',
        },
      ]);
      expect((await readParts(parts))[0]!.rows).toEqual([
        { row: 1, cells: [1, 2] },
        { row: 5, cells: [null, null, 3, 4] },
        { row: 6, cells: [5] },
      ]);
    });

    test('cell markup off the usual form reads the same: quotes, spaces, line breaks, extra attributes, <v> with attributes', async () => {
      // Each row mixes the usual form (read by string search) with one odd cell (which sends the row to the regular expressions).
      const parts = pkg([
        {
          name: 'S',
          data:
            `<row r="1"><c r="A1"><v>1</v></c><c r='B1' t='inlineStr'><is><t>乙</t></is></c></row>` +
            '<row r="2">\n  <c r = "A2" t="str"><v>x</v></c>\n  <c r="C2" cm="1" s="0"><f>1+1</f><v>2</v></c>\n</row>' +
            '<row r="3"><c r="A3"><v xml:space="preserve">3</v></c><c r="B3"><v/></c><c\tr="C3"><v>4</v></c></row>' +
            '<row r="4" spans="1:2"><c r="B4" t="inlineStr" ><is><t>丁</t></is></c><c r="C4"/><c r="D4"><v>5</v></c></row>',
        },
      ]);
      expect((await readParts(parts))[0]!.rows).toEqual([
        { row: 1, cells: [1, '乙'] },
        { row: 2, cells: ['x', null, 2] },
        { row: 3, cells: [3, null, 4] },
        { row: 4, cells: [null, '丁', null, 5] },
      ]);
    });

    test('every cell type: shared, inline and formula strings, booleans, errors, ISO dates, entities and _x escapes', async () => {
      const parts = pkg(
        [
          {
            name: 'A&amp;B',
            data:
              '<row r="1">' +
              '<c r="A1" t="s"><v>0</v></c>' +
              '<c r="B1" t="s"><v>1</v></c>' +
              '<c r="C1" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 文本 </t></r></is></c>' +
              '<c r="D1" t="str"><f>A1&amp;"x"</f><v>a&lt;b&amp;c</v></c>' +
              '<c r="E1" t="b"><v>1</v></c>' +
              '<c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
              '<c r="G1" t="d"><v>2025-03-01T00:00:00Z</v></c>' +
              '<c r="H1" t="s"><v>2</v></c>' +
              '<c r="I1"><f>SUM(B1)</f></c>' +
              '<c r="J1" t="n"><v>-1.5E+3</v></c>' +
              '</row>',
          },
        ],
        {
          sharedStrings:
            '<si><t>东风&#26449;</t></si>' +
            '<si><r><t>河</t></r><r><t>口</t></r><rPh sb="0" eb="1"><t>かわ</t></rPh><phoneticPr fontId="1"/></si>' +
            '<si><t>第一行_x000D_&#10;第二行</t></si>',
        },
      );
      expect(await readParts(parts)).toEqual([
        {
          name: 'A&B',
          rows: [
            {
              row: 1,
              cells: [
                '东风村',
                '河口',
                '富 文本 ',
                'a<b&c',
                true,
                { error: '#DIV/0!' },
                new Date(Date.UTC(2025, 2, 1)),
                '第一行\r\n第二行',
                null,
                -1500,
              ],
            },
          ],
        },
      ]);
    });

    test('numbers in date styles are dates (built-in and custom formats; 1900 and 1904 systems)', async () => {
      const styles =
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00_);[Red]\\(#,##0.00\\)"/></numFmts>' +
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"><alignment horizontal="center"/></xf><xf numFmtId="165"/></cellXfs>';
      const data =
        '<row r="1"><c r="A1"><v>45717</v></c><c r="B1" s="1"><v>45717</v></c><c r="C1" s="2"><v>45717.5</v></c><c r="D1" s="3"><v>45717</v></c></row>';
      const march1 = Date.UTC(2025, 2, 1);
      expect((await readParts(pkg([{ name: 'S', data }], { styles })))[0]!.rows[0]!.cells).toEqual([
        45717,
        new Date(march1),
        new Date(march1 + 12 * 3600_000),
        45717,
      ]);
      const in1904 = await readParts(pkg([{ name: 'S', data }], { styles, workbookPr: '<workbookPr date1904="1"/>' }));
      expect(in1904[0]!.rows[0]!.cells[1]).toEqual(new Date(march1 + 1462 * 86_400_000));
    });

    test('ISO dates (t="d") read zone-free, times alone on day 0; an explicit zone is kept', async () => {
      const iso = [
        '2021-01-01T10:10:10',
        '2021-01-01',
        '10:10:10',
        '2021-01-01T10:10:10+08:00',
        '2021-01-01T10:10:10.5Z',
        '2021-02-30',
        '明天',
      ];
      const data = `<row r="1">${iso.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1" t="d"><v>${v}</v></c>`).join('')}</row>`;
      expect((await readParts(pkg([{ name: 'S', data }])))[0]!.rows[0]!.cells).toEqual([
        new Date(Date.UTC(2021, 0, 1, 10, 10, 10)),
        new Date(Date.UTC(2021, 0, 1)),
        new Date(Date.UTC(1899, 11, 30, 10, 10, 10)),
        new Date(Date.UTC(2021, 0, 1, 2, 10, 10)),
        new Date(Date.UTC(2021, 0, 1, 10, 10, 10, 500)),
        null,
        null,
      ]);
    });

    test("serial dates before 1900-03-01 allow for Excel's phantom 29 February 1900", async () => {
      const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs>';
      const serials = [1, 59, 60, 61, 0.5, 45717];
      const data = `<row r="1">${serials.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1" s="1"><v>${v}</v></c>`).join('')}</row>`;
      const cells = (await readParts(pkg([{ name: 'S', data }], { styles })))[0]!.rows[0]!.cells;
      expect(cells.map((c) => (c as Date).toISOString())).toEqual([
        '1900-01-01T00:00:00.000Z',
        '1900-02-28T00:00:00.000Z',
        '1900-02-28T00:00:00.000Z', // 1900-02-29 never was
        '1900-03-01T00:00:00.000Z',
        '1899-12-30T12:00:00.000Z',
        '2025-03-01T00:00:00.000Z',
      ]);
    });

    test('text in CDATA sections, in shared strings, inline strings and formula strings', async () => {
      const parts = pkg(
        [
          {
            name: 'S',
            data:
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t><![CDATA[东风村 & <b>]]></t></is></c>' +
              '<c r="C1" t="str"><f>A1</f><v><![CDATA[x<y]]></v></c><c r="D1" t="s"><v>1</v></c></row>',
          },
        ],
        { sharedStrings: '<si><t><![CDATA[河口&amp;村]]></t></si><si><r><t>a</t></r><r><t><![CDATA[<b>]]></t></r></si>' },
      );
      expect((await readParts(parts))[0]!.rows[0]!.cells).toEqual(['河口&amp;村', '东风村 & <b>', 'x<y', 'a<b>']);
    });

    test('line ends in text are normalised as XML requires; _x000D_ and &#13; are carriage returns', async () => {
      const texts = ['一\r\n二', '一\r二', '一_x000D_\r\n二', '一_x000D_\n二', '一&#13;\n二', '一_x005F_x000D_二'];
      const parts = pkg(
        [
          {
            name: 'S',
            data: `<row r="1">${texts.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}<c t="inlineStr"><is><t>三\r\n四</t></is></c></row>`,
          },
        ],
        {
          sharedStrings: texts.map((t) => `<si><t>${t}</t></si>`).join(''),
        },
      );
      expect((await readParts(parts))[0]!.rows[0]!.cells).toEqual([
        '一\n二',
        '一\n二',
        '一\r\n二',
        '一\r\n二',
        '一\r\n二',
        '一_x000D_二',
        '三\n四',
      ]);
    });

    test("error cells are error values, plain and as a formula's cached result", async () => {
      const errors = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#GETTING_DATA'];
      const data = `<row r="1">${errors.map((e, i) => `<c r="${String.fromCharCode(65 + i)}1" t="e">${i % 2 ? '<f>1/0</f>' : ''}<v>${e}</v></c>`).join('')}</row>`;
      expect((await readParts(pkg([{ name: 'S', data }])))[0]!.rows[0]!.cells).toEqual(errors.map((error) => ({ error })));
    });

    test('sheets come in tab order; chart sheets are named, without rows; missing parts are left out', async () => {
      const parts = pkg(
        [
          { name: '第二', data: '<row r="1"><c r="A1"><v>2</v></c></row>', part: 'worksheets/sheet9.xml' },
          { name: '第一', data: '<row r="1"><c r="A1"><v>1</v></c></row>', part: '/xl/worksheets/sheet1.xml'.slice(4) },
        ],
        {
          extraSheets: '<sheet name="图" sheetId="9" r:id="rIdC"/><sheet name="缺" sheetId="10" r:id="rIdX"/>',
          extraRels: `<Relationship Id="rIdC" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rIdX" Type="${REL}/worksheet" Target="worksheets/gone.xml"/>`,
        },
      );
      expect((await readParts(parts)).map((s) => [s.name, s.kind, s.rows.length])).toEqual([
        ['第二', undefined, 1],
        ['第一', undefined, 1],
        ['图', 'chart', 0],
      ]);
    });
  });

  test('workbooks our own writer made (data descriptors, inline strings, styles) read back as written', async () => {
    const file = dir.file(`ours-${mode.replace(/\W/g, '')}.xlsx`);
    const rows: OutCell[][] = [
      ['城关镇', '=SUM(A1)', 1234.5, null, ' 前后空格 ', '第一行\n第二行'],
      ['河西乡', 'a<b&c"d', -0.01, 42, '', 'x'],
    ];
    const columns = ['乡镇', '名称', '金额', '人口', '备注', '说明'].map((header, i) => ({
      header,
      kind: (i === 2 ? 'money' : i === 3 ? 'integer' : 'text') as ColumnSpec['kind'],
      width: 10,
    }));
    await writeXlsxAtomically(file, (wb) => wb.writeSheet({ name: '核算结果', title: '标题', columns, rows, totalRows: [1] }));
    const [sheet] = await read(file);
    expect(sheet!.name).toBe('核算结果');
    expect(sheet!.rows.map((r) => [r.row, trim(r.cells)])).toEqual([
      [1, ['标题']],
      [2, columns.map((c) => c.header)],
      [3, rows[0]],
      [4, trim(rows[1]!)],
    ]);
  });

  describe('zip bombs: refused with the limit named, before or while inflating', () => {
    // 40 MB of rows that deflate to about 0.1 MB: over 200 to 1, as no real part packs.
    const huge = ROW_TEXT.repeat(1_000_000);

    test('a part that says it unpacks far beyond its packed size is refused before it is inflated', async () => {
      const bytes = buildZip(pkg([{ name: 'S', data: huge }]), { deflate: true });
      expect(bytes.length).toBeLessThan(1 << 20);
      const err = await readBytes(bytes).catch((e: unknown) => e);
      expect(String((err as Error).message)).toMatch(/zip bomb/);
      if (mode === 'file') expect((err as WorkbookReadError).said?.zh).toMatch(/压缩炸弹/);
    });

    test('a part that claims little and gives much is stopped where its claim ends', async () => {
      const claimed = 1 << 20;
      const bytes = buildZip(pkg([{ name: 'S', data: huge }]), { deflate: true, declaredSize: { 'xl/worksheets/sheet1.xml': claimed } });
      const err = await readBytes(bytes).catch((e: unknown) => e);
      // fflate (old browsers) inflates into a buffer of the claimed size, which then fails the CRC-32.
      const limit = mode === 'memory without DecompressionStream' ? /CRC-32/ : new RegExp(`holds more than the ${claimed} bytes`);
      expect(String((err as Error).message)).toMatch(limit);
    });

    test('a part declared over the limit is refused whatever its ratio', async () => {
      const bytes = buildZip(pkg([{ name: 'S', data: ROW }]), { declaredSize: { 'xl/worksheets/sheet1.xml': ZIP_LIMITS.partBytes + 1 } });
      expect(String(((await readBytes(bytes).catch((e: unknown) => e)) as Error).message)).toMatch(/zip bomb/);
    });
  });

  describe('files that are not readable workbooks', () => {
    test.each([
      ['plain text', Buffer.from('乡镇,名称\n城关镇,东风村\n'), /not a zip/],
      ['an empty file', Buffer.alloc(0), /not a zip/],
      ['a zip without a workbook', buildZip({ 'hello.txt': 'hi' }), /no workbook part/],
      ['an encrypted entry', buildZip(pkg([{ name: 'S', data: '' }]), { encryptedFlag: true }), /encrypted/],
      ['a truncated zip', buildZip(pkg([{ name: 'S', data: '<row r="1"/>' }])).subarray(40), /damaged|truncated|not a zip/],
      ['a stored entry whose bytes were changed', changedByte(buildZip(pkg([{ name: 'S', data: ROW }]))), /damaged.*CRC-32/],
      [
        'a deflated entry whose CRC-32 does not match',
        buildZip(pkg([{ name: 'S', data: ROW }]), { deflate: true, badCrc: true }),
        /damaged/,
      ],
      [
        'a part longer than its directory says',
        buildZip(pkg([{ name: 'S', data: ROW }]), { declaredSize: { 'xl/worksheets/sheet1.xml': 300 } }),
        /damaged/,
      ],
    ])('%s is a WorkbookReadError that says why', async (_, bytes, reason) => {
      const file = dir.file(`bad-${Math.random().toString(36).slice(2)}.xlsx`);
      await writeFile(file, bytes);
      const err = await read(file).catch((e: unknown) => e);
      if (mode === 'file') {
        expect(err).toBeInstanceOf(WorkbookReadError);
        expect((err as WorkbookReadError).reason).toMatch(reason);
      } else expect((err as Error).message).toMatch(reason);
    });
  });
});
