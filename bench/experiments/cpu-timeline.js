// Experiment helper: what each thread of one run was doing over time, from the
// CPU profiles `node --cpu-prof` writes (one file per thread, same clock): per
// time slice, how busy the thread was and its three costliest functions.
// Run (after npm run build and node bench/calc.js 100000):
//   rm -rf .tmp/prof && node --cpu-prof --cpu-prof-dir=.tmp/prof bin/village-funds.js calc \
//     .tmp/bench-roster-100000.xlsx -o .tmp/x.xlsx --force && node bench/experiments/cpu-timeline.js .tmp/prof 25
// (slices of 25 ms; profiling itself slows the run down).
import { readFileSync, readdirSync } from 'node:fs';

const dir = process.argv[2] ?? '.tmp/prof';
const slice = Number(process.argv[3] ?? 100) * 1000; // µs
const profiles = readdirSync(dir).map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
const t0 = Math.min(...profiles.map((p) => p.startTime));
for (const p of profiles) {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const slices = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const s = (slices[Math.floor((t - t0) / slice)] ??= { busy: 0, by: new Map() });
    const name = nodes.get(p.samples[i]).callFrame.functionName || '(anonymous)';
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (name === '(idle)') continue;
    s.busy += dt;
    s.by.set(name, (s.by.get(name) ?? 0) + dt);
  }
  console.log(`thread: +${Math.round((p.startTime - t0) / 1000)} ms to +${Math.round((p.endTime - t0) / 1000)} ms`);
  slices.forEach((s, i) => {
    if (!s) return;
    const top = [...s.by].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const at = String((i * slice) / 1000).padStart(6);
    console.log(
      `${at} ms  busy ${String(Math.round((s.busy / slice) * 100)).padStart(3)}%  ${top.map(([k, v]) => `${k} ${Math.round(v / 1000)}`).join(', ')}`,
    );
  });
}
