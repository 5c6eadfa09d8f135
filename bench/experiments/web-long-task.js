// Experiment helper: what the web page's main thread does in its longest task
// of a 100,000-row run. Records a CPU profile of the page (CDP Profiler) from
// pressing 核算 until the result view shows, and prints, for each long task
// the page reported, its start relative to `vf:download-ready` and the
// costliest functions sampled inside it (names from the minified bundle, with
// their file:line:column for a look-up in the source map).
// Run (after npm run build): node bench/experiments/web-long-task.js [rows]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../scripts/serve.js';
import { writeRosterFile } from '../roster-file.js';

const rows = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vf-long-task-'));
const file = path.join(dir, `名册-${rows}.xlsx`);
await writeRosterFile(file, rows);
const server = await serveStatic('dist/site');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(server.url);
  await page.getByLabel('选择名册工作簿').setInputFiles(file);
  await page.getByText('表头在第').first().waitFor({ timeout: 120_000 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: '核算', exact: true }).click();
  await download;
  await page.getByTestId('county-total').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(2000);
  const { profile } = await cdp.send('Profiler.stop');
  const { tasks, ready, origin } = await page.evaluate(() => ({
    tasks: window.__tasks,
    ready: performance.getEntriesByName('vf:download-ready', 'mark').at(-1)?.startTime ?? NaN,
    origin: performance.timeOrigin,
  }));
  // Profile times are µs on a monotonic clock; the page's are ms since timeOrigin. Align by the
  // profile's start, taken just before the click: close enough to place tasks of a second.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) samples.push({ t: (t += profile.timeDeltas[i]), node: nodes.get(profile.samples[i]) });
  const clickAt = await page.evaluate(() => performance.getEntriesByName('vf:calc-start', 'mark').at(-1)?.startTime ?? NaN);
  const shift = clickAt * 1000 - profile.startTime; // µs: page time = profile time + shift
  void origin;
  for (const task of tasks
    .filter((x) => x.duration > 200)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)) {
    const from = task.start * 1000 - shift;
    const to = from + task.duration * 1000;
    const by = new Map();
    for (const s of samples) {
      if (s.t < from || s.t > to) continue;
      const f = s.node.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      by.set(key, (by.get(key) ?? 0) + 1);
    }
    console.log(`long task ${Math.round(task.duration)} ms, starting ${Math.round(task.start - ready)} ms after vf:download-ready`);
    for (const [k, n] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(n).padStart(5)} ms  ${k}`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
