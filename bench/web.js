// The web page in headless Chromium (Debian's /usr/bin/chromium): initial
// JavaScript size, and from file chosen to result ready (the workbook written,
// offered on 下载结果) for a 500-unit county
// and a 100,000-row roster, with the longest main-thread task seen meanwhile
// (the page must stay responsive: the work runs in a Web Worker).
// Run after `npm run build` (the built page in dist/site):
//   node bench/web.js                 500 units (3 runs) and 100,000 rows (2 runs)
//   node bench/web.js 20000           one size
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveStatic } from '../scripts/serve.js';
import { writeRosterFile } from './roster-file.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITE = path.join(ROOT, process.env.VF_OUT ?? 'dist/site');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Scripts index.html loads, raw and gzipped (zlib level 6, a usual server setting; and 9). */
export function initialJs(site = SITE) {
  const html = readFileSync(path.join(site, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]);
  let raw = 0;
  let gz6 = 0;
  let gz9 = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(site, f));
    raw += bytes.length;
    gz6 += gzipSync(bytes, { level: 6 }).length;
    gz9 += gzipSync(bytes, { level: 9 }).length;
  }
  const kb = (n) => +(n / 1024).toFixed(1);
  return { files, rawKB: kb(raw), gzipKB: kb(gz6), gzip9KB: kb(gz9), budgetKB: 250, withinBudget: gz6 <= 250 * 1024 };
}

/** Sizes of the other chunks (loaded later: the worker; fflate only in browsers without DecompressionStream; sheetjs only for .xls/.et/.ods). */
export function lazyChunks(site = SITE) {
  const dir = path.join(site, 'js');
  const out = {};
  for (const name of ['vf-worker', 'fflate', 'sheetjs']) {
    const f = existsSync(dir) && readdirSync(dir).find((x) => x.startsWith(`${name}.`) && x.endsWith('.js'));
    if (f) {
      const bytes = readFileSync(path.join(dir, f));
      out[name] = { rawKB: +(bytes.length / 1024).toFixed(1), gzipKB: +(gzipSync(bytes).length / 1024).toFixed(1) };
    }
  }
  return out;
}

async function timeOne(browser, url, file, rows) {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript(() => {
    window.__longest = 0;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      /* no longtask support */
    }
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('选择名册工作簿').waitFor();
  await page.evaluate(() => (window.__longest = 0));
  const t0 = Date.now();
  await page.getByLabel('选择名册工作簿').setInputFiles(file);
  await page.getByText('表头在第').first().waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: '核算', exact: true }).click();
  await page.getByTestId('county-total').waitFor({ timeout: 120_000 });
  const wallMs = Date.now() - t0;
  // The workbook is written by then (vf:download-ready); it downloads on 下载结果, outside the timing.
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('download').click();
  await download;
  const marks = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n, 'mark').at(-1)?.startTime ?? NaN;
    return {
      chosen: at('vf:file-chosen'),
      detected: at('vf:detected'),
      start: at('vf:calc-start'),
      ready: at('vf:download-ready'),
      longest: window.__longest,
      total: document.querySelector('[data-testid="county-total"]')?.textContent ?? '',
    };
  });
  await context.close();
  const ms = (n) => Math.round(n);
  return {
    rows,
    // Reading the file and detecting the roster (the worker loaded on first use).
    readMs: ms(marks.detected - marks.chosen),
    // From pressing 核算 to the result workbook ready for 下载结果: compute, write.
    computeMs: ms(marks.ready - marks.start),
    // The two, without the automation's click in between.
    chosenToDownloadMs: ms(marks.detected - marks.chosen + (marks.ready - marks.start)),
    wallMs,
    longestMainThreadTaskMs: ms(marks.longest),
    countyTotal: marks.total,
  };
}

export async function benchWeb(sizes = [500, 100_000]) {
  if (!existsSync(path.join(SITE, 'index.html'))) return { skipped: `${SITE}/index.html missing: run npm run build` };
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (apt-get install chromium)` };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vf-web-bench-'));
  const server = await serveStatic(SITE);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const version = browser.version();
    const results = [];
    for (const n of sizes) {
      const file = path.join(dir, `名册-${n}.xlsx`);
      await writeRosterFile(file, n);
      const runs = [];
      for (let i = 0; i < (n <= 1000 ? 3 : 2); i++) runs.push(await timeOne(browser, server.url, file, n));
      const sorted = [...runs].sort((a, b) => a.chosenToDownloadMs - b.chosenToDownloadMs);
      results.push({
        rows: n,
        fileKB: +(readFileSync(file).length / 1024).toFixed(1),
        budgetMs: n <= 1000 ? 1000 : 10_000,
        bestMs: sorted[0].chosenToDownloadMs,
        medianMs: sorted[Math.floor((sorted.length - 1) / 2)].chosenToDownloadMs,
        runs,
      });
    }
    return { chromium: version, initialJs: initialJs(), lazyChunks: lazyChunks(), results };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv[2] ? [Number(process.argv[2])] : undefined;
  console.log(JSON.stringify(await benchWeb(sizes), null, 2));
}
