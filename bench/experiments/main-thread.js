// Experiment: the calc CLI's main-thread work alone, on rows already read:
// `calc` = roster reader + engine; `rows` = + the result rows; `all` = + the
// structured clone (v8.serialize) that posting them to the writing worker
// costs, in batches of 500. Six passes in one process; the minimum is the figure.
// Run (after npm run build and node bench/calc.js 100000):
//   node bench/experiments/main-thread.js calc|rows|all
import v8 from 'node:v8';
const { readInThread } = await import('../../dist/node/read-xlsx.js');
const { runCalc } = await import('../../dist/workbook/calc-job.js');
const { Calculator } = await import('../../dist/engine/compute.js');
const { resolvePolicy } = await import('../../dist/engine/policy/resolve.js');
const { builtinPolicy } = await import('../../dist/engine/policies.js');
const { resultRow } = await import('../../dist/workbook/report.js');

const sheets = [];
for await (const s of readInThread('.tmp/bench-roster-100000.xlsx').sheets) {
  const rows = [];
  for await (const r of s.rows) rows.push(r);
  sheets.push({ name: s.name, rows });
}
const mode = process.argv[2] ?? 'all';
const times = [];
for (let k = 0; k < 6; k++) {
  const t = performance.now();
  const calc = new Calculator(resolvePolicy(builtinPolicy(), 2025));
  let batch = [];
  await runCalc(sheets, calc, (r) => {
    if (mode === 'calc') return;
    batch.push([resultRow(r, 'zh'), undefined]);
    if (batch.length === 500) {
      if (mode === 'all') v8.serialize(batch);
      batch = [];
    }
  });
  times.push(performance.now() - t);
}
console.log(JSON.stringify({ mode, minMs: Math.round(Math.min(...times)), passesMs: times.map(Math.round) }));
