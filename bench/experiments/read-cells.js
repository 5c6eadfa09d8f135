// Experiment: a worksheet's rows read by plain string search (scanCells, the
// reader's path for the usual markup) against the regular expressions that
// read any markup (matchCells), on the same sheet text in memory, in turns.
// Run (after npm run build and node bench/calc.js 100000):
//   node bench/experiments/read-cells.js [.tmp/bench-roster-100000.xlsx]
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { SheetRowReader } from '../../dist/xlsx/read-sheet.js';
import { sharedStringsReader } from '../../dist/xlsx/read-parts.js';

const files = unzipSync(readFileSync(process.argv[2] ?? '.tmp/bench-roster-100000.xlsx'));
const sst = sharedStringsReader();
sst.push(strFromU8(files['xl/sharedStrings.xml']));
const ctx = { sharedStrings: sst.finish(), dateStyles: [], date1904: false };
const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);

const read = (regexOnly) => {
  const reader = new SheetRowReader(ctx);
  if (regexOnly) reader.cells = reader.matchCells; // the private methods, as JavaScript sees them
  const t = performance.now();
  const rows = reader.push(sheet).length + reader.finish().length;
  return { ms: performance.now() - t, rows };
};
const times = { scan: [], regex: [] };
for (let i = 0; i < 6; i++) {
  times.scan.push(read(false).ms);
  times.regex.push(read(true).ms);
}
const min = (a) => Math.round(Math.min(...a));
console.log(JSON.stringify({ rows: read(false).rows, scanMinMs: min(times.scan), regexMinMs: min(times.regex) }));
