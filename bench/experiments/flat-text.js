// Experiment: joining each unit's explanation from its lines' sentences
// (explanationText, src/workbook/report.ts) when the sentences are ropes, as
// template literals make them, against flat copies (what explain.ts keeps).
// 100,000 synthetic units; three passes each.
// Run (after npm run build): node bench/experiments/flat-text.js
const { calculator } = await import('../../dist/index.js');
const { explanationText } = await import('../../dist/workbook/report.js');
const { syntheticUnits } = await import('../synthetic.js');

const calc = calculator(2025);
const results = syntheticUnits(100_000).map((u) => calc.unit(u));
const pass = () => {
  const t = performance.now();
  for (const r of results) explanationText(r, 'zh');
  return Math.round(performance.now() - t);
};
const flatMs = [pass(), pass(), pass()];
// The same sentences as ropes again, as a template literal of 8 parts makes them.
const seen = new Set();
for (const r of results)
  for (const l of r.lines) {
    const t = l.explanation.text;
    if (seen.has(t)) continue;
    seen.add(t);
    const n = Math.ceil(t.zh.length / 8);
    let rope = '';
    for (let i = 0; i < t.zh.length; i += n) rope += t.zh.slice(i, i + n);
    t.zh = rope;
  }
const ropeMs = [pass(), pass(), pass()];
console.log(JSON.stringify({ units: results.length, flatMs, ropeMs }));
