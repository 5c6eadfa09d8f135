// Experiment: what handing 100,000 rows over one by one costs, when they
// arrive in batches of 1,000: an async generator's `yield*` (what the readers
// did) against rowsFromBatches (src/workbook/source.ts), each consumed by
// `for await` with a sink that waits every 500 rows. Six passes each, in turns.
// Run (after npm run build): node bench/experiments/row-iteration.js
import { rowsFromBatches } from '../../dist/workbook/source.js';

const batches = Array.from({ length: 100 }, (_, b) => Array.from({ length: 1000 }, (_, i) => ({ row: b * 1000 + i + 1, cells: [] })));
async function* arriving() {
  for (const b of batches) {
    await null; // a batch is a message or a piece of the file: it comes later
    yield b;
  }
}
async function* generator() {
  for await (const b of arriving()) yield* b;
}
const sink = (r) => (r.row % 500 === 0 ? new Promise((res) => setImmediate(res)) : undefined);
async function time(rows) {
  const t = performance.now();
  let n = 0;
  for await (const r of rows) {
    n++;
    const wait = sink(r);
    if (wait) await wait;
  }
  if (n !== 100_000) throw new Error(`${n} rows`);
  return performance.now() - t;
}
const ms = { generator: [], rowsFromBatches: [] };
for (let i = 0; i < 6; i++) {
  ms.generator.push(await time(generator()));
  ms.rowsFromBatches.push(await time(rowsFromBatches(arriving())));
}
const range = (a) => `${Math.round(Math.min(...a))}–${Math.round(Math.max(...a))}`;
console.log(JSON.stringify({ rows: 100_000, generatorMs: range(ms.generator), rowsFromBatchesMs: range(ms.rowsFromBatches) }));
