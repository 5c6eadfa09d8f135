// Experiment: the measurements behind the .xlsx writer's choices (docs/xlsx.md).
// N result-like rows (16 cells, Chinese names and an explanation) are written
//  1. by exceljs's streaming WorkbookWriter, styled as the CLI once did;
//  2. by our writer, as the CLI writes (writeXlsxAtomically);
// then the same rows' XML is encoded to UTF-8 as one long joined string per
// 512 KB vs row by row into a block (encodeInto), and deflated at level 1 and 6.
// Run (after npm run build): node bench/experiments/writer-choices.js [rows=100000]
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { writeXlsxAtomically } from '../../dist/node/write-xlsx.js';

const n = Number(process.argv[2] ?? 100_000);
mkdirSync('.tmp', { recursive: true });
const columns = Array.from({ length: 16 }, (_, i) => ({ header: `列${i}`, kind: i >= 7 && i < 12 ? 'money' : 'text', width: 12 }));
const row = (i) => [
  '城关镇',
  `东风${i}村`,
  '村',
  `41012210${i}`,
  1500 + (i % 900),
  30 + (i % 70),
  null,
  25000,
  5000,
  3000 + (i % 70) * 100,
  0,
  33000 + (i % 70) * 100,
  '叁万叁仟元整',
  `人口${1500 + (i % 900)}人，不低于1,500人，办公经费按每村每年25,000元核定。党建经费按每村每年5,000元核定。上年度党员人数${30 + (i % 70)}人，按每人每年100元计。`,
  '全县',
  i + 3,
];
const seconds = (t0) => +((performance.now() - t0) / 1000).toFixed(2);
const out = {};

let t0 = performance.now();
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: '.tmp/writer-exceljs.xlsx', useStyles: true, useSharedStrings: false });
const ws = wb.addWorksheet('核算结果');
ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
const money = { numFmt: '#,##0.00' };
for (let i = 0; i < n; i++) {
  const r = ws.addRow(row(i));
  for (let c = 7; c < 12; c++) r.getCell(c + 1).style = money;
  r.commit();
  if (i % 1000 === 0) await new Promise((res) => setImmediate(res));
}
await ws.commit();
await wb.commit();
out.exceljsWriterSeconds = seconds(t0);

t0 = performance.now();
await writeXlsxAtomically('.tmp/writer-ours.xlsx', async (w) => {
  const s = await w.startSheet({ name: '核算结果', columns });
  for (let i = 0; i < n; i++) await s.addRow(row(i));
  await s.close();
});
out.ourWriterSeconds = seconds(t0);

// Rows of XML built as our writer builds them, cell by cell with +=, which
// leaves each row a rope of small strings; only the encoding is timed.
const xml = (i) => {
  let x = `<row r="${i + 2}">`;
  for (const v of row(i)) {
    if (v === null) continue;
    x += typeof v === 'number' ? `<c r="A${i}" s="2"><v>${v}</v></c>` : `<c r="A${i}" t="inlineStr"><is><t>${v}</t></is></c>`;
  }
  return x + '</row>';
};
const encoder = new TextEncoder();
const rows = Array.from({ length: n }, (_, i) => xml(i));
t0 = performance.now();
let joined = '';
let bytes = 0;
for (const s of rows) {
  joined += s;
  if (joined.length > 1 << 18) {
    bytes += encoder.encode(joined).length;
    joined = '';
  }
}
bytes += encoder.encode(joined).length;
out.encodeJoinedSeconds = seconds(t0);
t0 = performance.now();
const blocks = [];
let block = new Uint8Array(1 << 20);
let used = 0;
for (const s of rows) {
  if (block.length - used < s.length * 3) {
    blocks.push(block.subarray(0, used));
    block = new Uint8Array(1 << 20);
    used = 0;
  }
  used += encoder.encodeInto(s, block.subarray(used)).written;
}
blocks.push(block.subarray(0, used));
out.encodeIntoSeconds = seconds(t0);
out.xmlMB = +(bytes / 2 ** 20).toFixed(1);

const all = Buffer.concat(blocks);
for (const level of [1, 6]) {
  t0 = performance.now();
  const z = deflateRawSync(all, { level });
  out[`deflateLevel${level}`] = { seconds: seconds(t0), MB: +(z.length / 2 ** 20).toFixed(1) };
}
console.log(JSON.stringify({ rows: n, ...out }));
