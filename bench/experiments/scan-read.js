// Experiment, not a reader: how fast could a reader of our own be? It reads a
// roster .xlsx the plain way: the zip's central directory, inflate each part
// whole, regular expressions over the XML. No entity decoding, no rich-text
// runs or phonetic text, no dates or styles, no merged cells, no streaming:
// exactly what a real reader would have to add. It only measures the floor.
// Then the same file through the CLI's reader (src/node/read-xlsx.ts, on this
// thread) and through exceljs's streaming reader (what the CLI used before).
// Run (after npm run build): node bench/experiments/scan-read.js .tmp/bench-roster-100000.xlsx
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
const t0 = performance.now();
const buf = readFileSync(process.argv[2]);
// end of central directory
let eocd = buf.length - 22;
while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
const count = buf.readUInt16LE(eocd + 10);
let p = buf.readUInt32LE(eocd + 16);
const entries = {};
for (let i = 0; i < count; i++) {
  const csize = buf.readUInt32LE(p + 20),
    nlen = buf.readUInt16LE(p + 28),
    elen = buf.readUInt16LE(p + 30),
    clen = buf.readUInt16LE(p + 32),
    off = buf.readUInt32LE(p + 42),
    method = buf.readUInt16LE(p + 10);
  const name = buf.toString('utf8', p + 46, p + 46 + nlen);
  entries[name] = { csize, off, method };
  p += 46 + nlen + elen + clen;
}
const data = (name) => {
  const e = entries[name];
  const l = e.off;
  const start = l + 30 + buf.readUInt16LE(l + 26) + buf.readUInt16LE(l + 28);
  const raw = buf.subarray(start, start + e.csize);
  return e.method === 8 ? inflateRawSync(raw) : raw;
};
const sst = [];
const ss = data('xl/sharedStrings.xml').toString('utf8');
for (const m of ss.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
  let t = '';
  for (const x of m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)) t += x[1];
  sst.push(t);
}
const t1 = performance.now();
const sheet = data('xl/worksheets/sheet1.xml').toString('utf8');
const t2 = performance.now();
let rows = 0,
  cells = 0;
const rowRe = /<row [^>]*?r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g;
const cellRe = /<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<f>[^<]*<\/f>)?(?:<v>([^<]*)<\/v>)?(?:<is><t[^>]*>([^<]*)<\/t><\/is>)?<\/c>)/g;
for (const m of sheet.matchAll(rowRe)) {
  const out = [];
  for (const c of m[2].matchAll(cellRe)) {
    const t = /t="(\w+)"/.exec(c[2])?.[1];
    out.push(t === 's' ? sst[+c[3]] : t === 'inlineStr' ? c[4] : c[3] === undefined ? null : +c[3]);
    cells++;
  }
  rows++;
}
const t3 = performance.now();
console.log(
  JSON.stringify({
    rows,
    cells,
    sharedStrings: sst.length,
    zipAndSst: ((t1 - t0) / 1000).toFixed(2),
    inflateSheet: ((t2 - t1) / 1000).toFixed(2),
    parseRows: ((t3 - t2) / 1000).toFixed(2),
  }),
);

// For comparison: the CLI's reader, then exceljs's streaming reader, on the same file.
const { readInThread } = await import('../../dist/node/read-xlsx.js');
const t4 = performance.now();
let oursRows = 0;
for await (const sheet of readInThread(process.argv[2]).sheets) for await (const r of sheet.rows) oursRows += r ? 1 : 0;
const t5 = performance.now();
const { default: ExcelJS } = await import('exceljs');
let exceljsRows = 0;
const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
for await (const ws of reader) for await (const r of ws) exceljsRows += r ? 1 : 0;
const t6 = performance.now();
console.log(
  JSON.stringify({
    oursRows,
    oursSeconds: ((t5 - t4) / 1000).toFixed(2),
    exceljsRows,
    exceljsSeconds: ((t6 - t5) / 1000).toFixed(2),
  }),
);
