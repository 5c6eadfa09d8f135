// Experiment helper: two or more commands timed in turns, so that the
// machine's drifting speed hits each alike. Prints each one's fastest and
// median wall time and every run.
// Run: node bench/experiments/ab.js 10 'now=node bin/village-funds.js calc .tmp/bench-roster-100000.xlsx -o .tmp/a.xlsx --force' 'other=…'
import { spawnSync } from 'node:child_process';

const [rounds, ...commands] = process.argv.slice(2);
const runs = commands.map((c) => ({ label: c.slice(0, c.indexOf('=')), command: c.slice(c.indexOf('=') + 1), seconds: [] }));
for (let i = 0; i < Number(rounds); i++)
  for (const r of runs) {
    const t = performance.now();
    const p = spawnSync('bash', ['-c', r.command], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (p.status > 1) throw new Error(`${r.label} failed: ${p.stderr}`); // 1: done, some rows rejected
    r.seconds.push((performance.now() - t) / 1000);
  }
for (const r of runs) {
  const sorted = [...r.seconds].sort((a, b) => a - b);
  const s = (x) => x.toFixed(2);
  console.log(`${r.label.padEnd(12)} min ${s(sorted[0])} median ${s(sorted[sorted.length >> 1])} all ${r.seconds.map(s).join(' ')}`);
}
