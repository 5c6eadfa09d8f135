// Experiment: CPU time per thread of one CLI run (Linux only). Polls
// /proc/<pid>/task/*/stat of the child every 20 ms and keeps each thread's last
// reading, so threads that end before the process (the workers) are counted.
// Every thread is named "node"; the three busiest are the main thread and the
// two workers, then come V8's helper threads (garbage collection, compiling)
// and libuv's pool (deflate, file reads and writes).
// Run (after npm run build and node bench/calc.js 100000):
//   node bench/experiments/thread-cpu.js calc .tmp/bench-roster-100000.xlsx -o .tmp/x.xlsx --force
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const child = spawn(process.execPath, ['bin/village-funds.js', ...process.argv.slice(2)], { stdio: 'ignore' });
const last = new Map();
const t0 = performance.now();
const poll = () => {
  try {
    for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
      const st = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      last.set(tid, (Number(f[11]) + Number(f[12])) * 10); // clock ticks (100 Hz) to ms
    }
  } catch {
    // the process or a thread ended between listing and reading
  }
};
const timer = setInterval(poll, 20);
child.on('exit', (code) => {
  clearInterval(timer);
  const ms = [...last.values()].filter((v) => v > 0).sort((a, b) => b - a);
  console.log(
    JSON.stringify({
      exitCode: code,
      wallMs: Math.round(performance.now() - t0),
      cpuMs: ms.reduce((a, b) => a + b, 0),
      busiestThreadsMs: ms.slice(0, 3),
      otherThreadsMs: ms.slice(3),
    }),
  );
});
