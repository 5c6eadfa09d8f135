// Shared by the browser tests: the built folder, a static server on 127.0.0.1,
// Debian's chromium through playwright-core, request recording, screenshots,
// axe-core, and the in-memory hosts bundled for the browser. Their test data
// (the small county) is in ../support/county.ts.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic } from '../../scripts/serve.js';

const require = createRequire(import.meta.url);
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = join(ROOT, process.env.VF_OUT ?? 'dist/site');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const TMP = join(ROOT, '.tmp', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function checkPrerequisites(): void {
  if (!existsSync(join(SITE, 'index.html')))
    throw new Error(
      `${SITE}/index.html is missing: the browser tests run against the built site. Run "npm run build" first (npm test does).`,
    );
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(TMP, { recursive: true });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
  requests: string[];
}

export function serve(root = SITE): Promise<Served> {
  return serveStatic(root, { port: 0, host: '127.0.0.1' }) as Promise<Served>;
}

/** Every request any page or worker of the context makes. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Requests that leave this machine's test server (data: and blob: stay in the page). */
export function external(urls: string[], server: Served, allowed: string[] = []): string[] {
  return urls.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:') || allowed.includes(u)) return false;
    const { hostname, port } = new URL(u);
    return !(hostname === '127.0.0.1' && Number(port) === server.port);
  });
}

/**
 * Waits for running animations (accordion, dialog) to end. No short time limit:
 * on a busy machine an animation can outlast one, and checking the page mid-fade
 * (axe's contrast rules, screenshots) would then fail by chance. A stuck
 * animation fails at the page's default timeout (newContext below).
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    // Endless animations (an indeterminate progress bar) never finish: only wait for the others.
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
}

/**
 * Playwright waits (waitFor, clicks, downloads) time out after 30 s by default;
 * on a 2-core machine shared with other jobs a step can legitimately take longer.
 * Each test still has its own overall time limit.
 */
export const WAIT_TIMEOUT = 90_000;

/** A browser context whose waits allow for a busy machine. */
export async function newContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(WAIT_TIMEOUT);
  return context;
}

export async function shot(page: Page, name: string, options: { settle?: boolean } = {}): Promise<void> {
  if (options.settle !== false) await settled(page);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Injects axe-core and returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  // Let open/close animations (dialog fade-in) finish: mid-fade text has no real contrast.
  await settled(page);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    // Fluent's focus manager (tabster) puts aria-hidden <i tabindex=0 data-tabster-dummy> guards at the
    // edges of focus groups; focusing one moves focus on at once. axe cannot know that: leave them out.
    const r = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n as { failureSummary?: string }).failureSummary ?? ''}`),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Presses Tab until `selector` has focus (at most `max` presses); fails if it never does. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

/** Bundles tests/e2e/fake-office.ts (the in-memory Excel host as a browser script) into TMP. */
export function buildFakeOffice(): Promise<string> {
  return bundleForBrowser('tests/e2e/fake-office.ts', 'fake-office', 'office.js');
}

/** Bundles a test script (an in-memory host) for the browser into TMP/<dir>/<file>. */
export async function bundleForBrowser(entry: string, dir: string, file: string): Promise<string> {
  const { default: webpack } = await import('webpack');
  const out = join(TMP, dir);
  const config = {
    mode: 'development' as const,
    devtool: false as const,
    target: 'web',
    entry: join(ROOT, entry),
    output: { path: out, filename: file },
    resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: {
            transpileOnly: true,
            configFile: join(ROOT, 'tsconfig.json'),
            compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target: 'es2020' },
          },
        },
      ],
    },
    infrastructureLogging: { level: 'error' as const },
  };
  await new Promise<void>((ok, fail) =>
    webpack(config, (err, stats) => {
      if (err) return fail(err);
      if (stats?.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true })));
      ok();
    }),
  );
  return join(out, file);
}
