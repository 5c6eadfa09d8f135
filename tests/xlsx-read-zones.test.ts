// Dates read zone-free, the same on every machine: the same file read under
// TZ=UTC and TZ=Asia/Shanghai, in child processes, by both reading paths.
// And error cells cross the reading worker's thread boundary as error values.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TempDir, makeTempDir } from './support/roster-files.js';
import { buildZip } from './support/zip-build.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
let dir: TempDir;
beforeAll(async () => void (dir = await makeTempDir('vf-zones-')));
afterAll(() => dir.cleanup());

/** A one-sheet workbook of the given sheetData, with style 1 a date style. */
function workbook(file: string, sheetData: string) {
  writeFileSync(
    file,
    buildZip({
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      'xl/styles.xml': `<styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>`,
      'xl/worksheets/sheet1.xml': `<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`,
    }),
  );
}

test('ISO and serial dates read the same under TZ=UTC and TZ=Asia/Shanghai, in the CLI and the web page paths', () => {
  const file = dir.file('dates.xlsx');
  workbook(
    file,
    '<row r="1"><c r="A1" t="d"><v>2021-01-01T10:10:10</v></c><c r="B1" t="d"><v>2021-01-01</v></c><c r="C1" t="d"><v>10:10:10</v></c>' +
      '<c r="D1" s="1"><v>44197.5</v></c><c r="E1" s="1"><v>1</v></c></row>',
  );
  const read = (tz: string) =>
    JSON.parse(
      execFileSync(path.join(ROOT, 'node_modules/.bin/vite-node'), [path.join(ROOT, 'tests/support/print-cells.ts'), file], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, TZ: tz },
      }),
    ) as { node: Record<string, string>; web: Record<string, string> };
  const want = {
    'S!A1': 'date 2021-01-01T10:10:10.000Z',
    'S!B1': 'date 2021-01-01T00:00:00.000Z',
    'S!C1': 'date 1899-12-30T10:10:10.000Z',
    'S!D1': 'date 2021-01-01T12:00:00.000Z',
    'S!E1': 'date 1900-01-01T00:00:00.000Z',
  };
  for (const tz of ['UTC', 'Asia/Shanghai']) expect(read(tz), tz).toEqual({ node: want, web: want });
}, 120_000);

test('error cells cross the reading worker thread as error values (built reader, dist/)', async () => {
  const file = dir.file('errors.xlsx');
  workbook(file, '<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1"><v>3</v></c></row>');
  const built = (await import(path.join(ROOT, 'dist/node/read-xlsx.js'))) as typeof import('../src/node/read-xlsx.js');
  const book = built.openXlsxFile(file, { worker: true });
  const rows = [];
  for await (const s of book.sheets) for await (const r of s.rows) rows.push(r);
  expect(rows).toEqual([{ row: 1, cells: [{ error: '#N/A' }, { error: '#DIV/0!' }, 3] }]);
});
