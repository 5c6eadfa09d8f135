// Engine throughput: compute and aggregate N synthetic units (default 600,000,
// about China's villages and communities) under the built-in policy.
// Run: npm run bench  (or: node bench/engine.js [N])
import { calculator, TotalsBuilder } from '../dist/index.js';
import { syntheticUnits } from './synthetic.js';

export function benchEngine(n = 600_000) {
  const units = syntheticUnits(n);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const calc = calculator(2025);
  const totals = new TotalsBuilder(calc.lineIds);
  const results = new Array(n);
  let peak = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = calc.unit(units[i]);
    results[i] = r;
    totals.add(r);
    if ((i & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const { county } = totals.result();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  peak = Math.max(peak, process.memoryUsage().rss);
  // Explanations are real objects on every result, not computed on demand.
  const sample = results[n >> 1].lines[0].explanation.text.zh;
  return {
    units: n,
    seconds: +seconds.toFixed(3),
    unitsPerSecond: Math.round(n / seconds),
    heapGrowthMB: +((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1),
    peakRssMB: +(peak / 2 ** 20).toFixed(1),
    countyTotal: county.total.toFixed(2),
    sample,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(benchEngine(Number(process.argv[2] ?? 600_000)), null, 2));
}
