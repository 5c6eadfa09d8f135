// Experiment: what posting 100,000 result rows to a worker costs the sending
// thread, in batches of 500 as calc posts them to its writer, when each
// row's explanation is a flat string (explanationText joins) or a rope (the
// same sentences added up with +). Times worker.postMessage alone; 3 passes each, in turns.
// Run (after npm run build): node bench/experiments/post-cost.js
import { Worker } from 'node:worker_threads';
const { calculator } = await import('../../dist/index.js');
const { resultRow } = await import('../../dist/workbook/report.js');
const { syntheticUnits } = await import('../synthetic.js');

const calc = calculator(2025);
const results = syntheticUnits(100_000).map((u, i) => ({ sheet: '全县', row: i + 3, result: calc.unit(u) }));
const EXPLANATION = 13; // its column in resultRow
const rope = (row) => {
  const texts = row[EXPLANATION].split('。');
  let s = '';
  for (const t of texts) s = s ? s + '。' + t : t;
  row[EXPLANATION] = s;
  return row;
};
const worker = new Worker('require("node:worker_threads").parentPort.on("message", () => {})', { eval: true });
const pass = async (shape) => {
  let ms = 0;
  for (let i = 0; i < results.length; i += 500) {
    const batch = results.slice(i, i + 500).map((r) => shape([...resultRow(r, 'zh')]));
    const t = performance.now();
    worker.postMessage({ kind: 'rows', rows: batch.map((cells) => [cells, undefined]) });
    ms += performance.now() - t;
    await new Promise((r) => setImmediate(r));
  }
  return Math.round(ms);
};
const ms = { flat: [], rope: [] };
for (let k = 0; k < 3; k++) {
  ms.flat.push(await pass((row) => row));
  ms.rope.push(await pass(rope));
}
await worker.terminate();
console.log(JSON.stringify({ rows: results.length, postMs: ms }));
