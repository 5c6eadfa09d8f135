// The WPS add-in's built pages (npm run build:wps) in real Chromium, with the
// in-memory ET host (tests/support/fake-et.ts) put on window as WPS's
// Application before the page runs: the task pane computes and audits a county
// in the open workbook, writes its sheets beside a user's sheet of the same name
// without touching it, and writes a 10,000-unit county in a bounded number of
// Range writes; the ribbon page registers the cell functions and opens the pane.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEt } from '../support/fake-et.js';
import type { FakeInput } from '../support/fake-grid.js';
import { CHENGGUAN_ROWS, OFFICERS_SHEET, PANE_COVER, PANE_LEDGER, countyRoster } from '../support/county.js';
import type { FakeWpsAddin, FakeWpsSetup } from './fake-wps.js';
import { CHROMIUM, ROOT, bundleForBrowser, external, launch, serve, shot, type Served } from './support.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const ADDIN = join(ROOT, process.env.VF_WPS_OUT ?? 'dist/wps', 'jsaddons', `village-funds_${version}`);

let browser: Browser;
let server: Served;
let fakeWps: string;

beforeAll(async () => {
  if (!existsSync(join(ADDIN, 'taskpane.html')))
    throw new Error(`${ADDIN}/taskpane.html is missing: the WPS tests run against the built add-in. Run "npm run build:wps" first.`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  [fakeWps, server, browser] = await Promise.all([bundleForBrowser('tests/e2e/fake-wps.ts', 'fake-wps', 'wps.js'), serve(ADDIN), launch()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SETUP: FakeWpsSetup = {
  sheets: [
    PANE_COVER,
    { name: '城关镇', rows: CHENGGUAN_ROWS },
    {
      name: '河西乡',
      rows: [
        ['村名', '户籍人口', '上年度党员人数'],
        ['李家村', 1200, 24],
      ],
    },
    PANE_LEDGER,
    OFFICERS_SHEET,
  ],
};

async function open(
  path: string,
  setup: FakeWpsSetup = SETUP,
): Promise<{ context: BrowserContext; page: Page; urls: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 380, height: 1000 }, locale: 'zh-CN' });
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  await context.addInitScript((s) => {
    (window as unknown as { __VF_FAKE_SETUP__: unknown }).__VF_FAKE_SETUP__ = s;
  }, setup);
  await context.addInitScript({ path: fakeWps });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}${path}`);
  return { context, page, urls, errors };
}

/** Runs in the page against the in-memory ET host. */
function et<T>(page: Page, f: (fake: FakeEt) => T): Promise<T> {
  return page.evaluate(`(${f.toString()})(window.__VF_FAKE_ET__)`) as Promise<T>;
}

const values = (page: Page, sheet: string) =>
  page.evaluate((name) => {
    const f = (window as unknown as { __VF_FAKE_ET__: FakeEt }).__VF_FAKE_ET__;
    return f.sheet(name)?.usedValues() ?? null;
  }, sheet) as Promise<FakeInput[][] | null>;

describe('WPS task pane (in-memory ET host as WPS’s Application)', () => {
  it('computes and audits a county in the open workbook, leaving the user’s sheet alone', async () => {
    const { context, page, urls, errors } = await open('taskpane.html');
    await page.getByText('表头在第 2 行').waitFor();
    await page.getByText('表头在第 1 行').waitFor();
    await expect(page.getByRole('checkbox', { name: '核算工作表「说明」' }).isChecked()).resolves.toBe(false);
    await page.getByRole('spinbutton', { name: '年度' }).fill('2025');
    await page.getByRole('button', { name: '核算', exact: true }).click();
    await page.getByTestId('county-total').waitFor();
    // 28,000 + 33,100 + 143,000 + 83,000 (城关镇) + 李家村 28,000.
    await expect(page.getByTestId('county-total').innerText()).resolves.toBe('315,100.00');
    await expect(page.getByTestId('rejected').innerText()).resolves.toBe('1');
    await page.getByText(/已写入工作表：核算结果、乡镇汇总、问题清单\(2\)、政策参数/).waitFor();
    await shot(page, 'wps-taskpane-1-computed');

    expect(await et(page, (f) => f.sheetNames())).toEqual([
      '说明',
      '城关镇',
      '河西乡',
      '拨付明细',
      '问题清单',
      '核算结果',
      '乡镇汇总',
      '问题清单(2)',
      '政策参数',
    ]);
    expect(await values(page, '问题清单')).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);
    const towns = (await values(page, '乡镇汇总'))!;
    expect(towns.find((r) => r[0] === '全县合计')).toContain(315100);
    expect(await et(page, (f) => f.sheet('核算结果')!.names.map((n) => n.name))).toEqual(['VillageFundsReport']);

    // 定位 selects the source cell in the workbook.
    await page.getByRole('button', { name: /^定位 '城关镇'!D8$/ }).click();
    await expect.poll(() => et(page, (f) => f.selection)).toEqual({ sheet: '城关镇', row: 8, column: 4 });

    // Audit against the ledger sheet, guessed from its name.
    await expect(page.getByRole('combobox', { name: '拨付明细工作表' }).inputValue()).resolves.toBe('拨付明细');
    await page.getByRole('button', { name: '审计', exact: true }).click();
    await page.getByRole('heading', { name: '审计结果' }).waitFor();
    await shot(page, 'wps-taskpane-2-audited');
    expect(await et(page, (f) => f.sheetNames())).toEqual(expect.arrayContaining(['审计比对', '异常清单', '审计汇总', '付款明细']));
    expect(await values(page, '问题清单')).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);

    expect(errors).toEqual([]);
    await context.close();
    expect(external(urls, server)).toEqual([]);
  }, 180_000);

  it('writes a 10,000-unit county in a bounded number of Range writes', async () => {
    const { context, page, errors } = await open('taskpane.html', {
      sheets: [{ name: '花名册', rows: countyRoster(10_000) }, SETUP.sheets[4]!],
    });
    await page.getByText('表头在第 2 行').waitFor({ timeout: 60_000 });
    await page.getByRole('spinbutton', { name: '年度' }).fill('2025');
    await et(page, (f) => f.resetCounts());
    await page.getByRole('button', { name: '核算', exact: true }).click();
    await page.getByTestId('county-total').waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('computed').innerText()).resolves.toBe('10,000');
    const counts = await et(page, (f) => ({ ...f.counts }));
    console.log(
      `WPS pane, 10,000 units: ${counts.valueReads} Value2 reads, ${counts.rangeWrites} Range writes (${counts.valueWrites} Value2), ${counts.cellsWritten} cells written`,
    );
    // Widths and formats per column, header, title and print settings per sheet, values in blocks of 5,000 rows.
    // And WrapText once per wrapped column (issue 26: long texts print wrapped).
    expect(counts.rangeWrites).toBeLessThanOrEqual(130);
    expect(counts.valueWrites).toBeLessThanOrEqual(20); // and the line under each title
    expect(counts.valueReads).toBeLessThanOrEqual(6);
    expect(await values(page, '问题清单')).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('says so when opened outside WPS', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}taskpane.html`);
    await page.getByText('需要在 WPS 表格中').waitFor();
    await context.close();
  });
});

describe('WPS ribbon page (index.html)', () => {
  it('registers the CUNJI cell functions with the same results as Excel’s, and the buttons open the pane at their section', async () => {
    const { context, page, errors } = await open('index.html', { sheets: [{ name: 'Sheet1', rows: [] }] });
    const ribbon = readFileSync(join(ADDIN, 'ribbon.xml'), 'utf8');
    expect(ribbon).toMatch(/<tab id="vfTab" label="村级经费">/);
    const buttons = [...ribbon.matchAll(/<button id="(\w+)" label="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(buttons).toEqual([
      ['vfCalc', '核算'],
      ['vfAudit', '审计'],
      ['vfPolicy', '政策'],
    ]);
    // Every callback ribbon.xml names is a function of the page.
    const callbacks = [...new Set([...ribbon.matchAll(/(?:onLoad|onAction|getImage)="(\w+)"/g)].map((m) => m[1]!))];
    for (const name of callbacks)
      expect(await page.evaluate((n) => typeof (window as unknown as Record<string, unknown>)[n], name)).toBe('function');

    // ribbon.xml, manifest.xml and publish.xml are well-formed; publish.xml names the add-in's folder, type et.
    const xml = [ribbon, readFileSync(join(ADDIN, 'manifest.xml'), 'utf8'), readFileSync(join(ADDIN, '..', 'publish.xml'), 'utf8')];
    const parsed = await page.evaluate((texts) => {
      const docs = texts.map((t) => new DOMParser().parseFromString(t, 'application/xml'));
      const plugin = docs[2]!.querySelector('jsplugin');
      return {
        errors: docs.map((d) => d.querySelector('parsererror')?.textContent ?? null),
        plugin: plugin && { name: plugin.getAttribute('name'), type: plugin.getAttribute('type'), url: plugin.getAttribute('url') },
        namespace: docs[1]!.querySelector('Functions > Namespace')?.textContent,
      };
    }, xml);
    expect(parsed).toEqual({
      errors: [null, null, null],
      plugin: { name: 'village-funds', type: 'et', url: `village-funds_${version}` },
      namespace: 'CUNJI',
    });

    const functions = JSON.parse(readFileSync(join(ADDIN, 'functions.json'), 'utf8')) as { functions: { name: string }[] };
    const registered = await page.evaluate(() =>
      Object.keys((window as unknown as { __VF_FAKE_WPS__: FakeWpsAddin }).__VF_FAKE_WPS__.functions),
    );
    expect(registered.sort()).toEqual(functions.functions.map((f) => `CUNJI.${f.name}`).sort());
    expect(registered).toEqual(expect.arrayContaining(['CUNJI.TOTAL', 'CUNJI.EXPLAIN', 'CUNJI.DAXIE']));
    const results = await page.evaluate(() => {
      const f = (window as unknown as { __VF_FAKE_WPS__: FakeWpsAddin }).__VF_FAKE_WPS__.functions;
      let error = '';
      try {
        f['CUNJI.TOTAL']!('镇', 100, 1, 2025);
      } catch (e) {
        error = (e as Error).message;
      }
      return {
        total: f['CUNJI.TOTAL']!('村', 1620, 45, 2025),
        community: f['CUNJI.TOTAL']!('城市社区', 8000, 130, 2025),
        explain: f['CUNJI.EXPLAIN']!('村', 1620, 45, '办公经费', 2025),
        daxie: f['CUNJI.DAXIE']!(143000),
        error,
      };
    });
    expect(results).toEqual({
      total: 34500,
      community: 143000,
      explain: '人口1,620人，不低于1,500人，办公经费按每村每年25,000元核定',
      daxie: '壹拾肆万叁仟元整',
      error: expect.stringContaining('类型无效：镇'),
    });

    // 审计 opens the pane at #audit; 政策 then moves the open pane to #policy without a second pane.
    await page.evaluate(() => (window as unknown as { OnAction: (c: { Id: string }) => void }).OnAction({ Id: 'vfAudit' }));
    await page.evaluate(() => (window as unknown as { OnAction: (c: { Id: string }) => void }).OnAction({ Id: 'vfPolicy' }));
    const panes = await page.evaluate(() => (window as unknown as { __VF_FAKE_WPS__: FakeWpsAddin }).__VF_FAKE_WPS__.panes);
    expect(panes).toHaveLength(1);
    expect(panes[0]).toMatchObject({
      url: `${server.url}taskpane.html#audit`,
      Visible: true,
      navigations: [`${server.url}taskpane.html#policy`],
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without custom-function support (WPS before 12.1.0.20540) the ribbon still works', async () => {
    const { context, page, errors } = await open('index.html', { sheets: [], noCustomFunctions: true });
    await page.evaluate(() => (window as unknown as { OnAction: (c: { Id: string }) => void }).OnAction({ Id: 'vfCalc' }));
    const panes = await page.evaluate(() => (window as unknown as { __VF_FAKE_WPS__: FakeWpsAddin }).__VF_FAKE_WPS__.panes);
    expect(panes.map((p) => p.url)).toEqual([`${server.url}taskpane.html#calc`]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the pane opened at #policy shows the policy section', async () => {
    const { context, page, errors } = await open('taskpane.html#policy');
    await page.getByRole('list', { name: '生效的经费项目' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('vf-policy');
    expect(errors).toEqual([]);
    await context.close();
  });
});
