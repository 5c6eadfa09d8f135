// The Excel task pane in a real browser, with the in-memory Excel host
// (tests/support/fake-excel.ts) served in place of Office.js: detect the
// roster sheets, correct a column, compute, audit, read the policy back from
// 政策参数, and check the sheets written, the syncs made, and that the user's own
// sheets were left alone.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeExcel } from '../support/fake-excel.js';
import type { FakeInput } from '../support/fake-grid.js';
import type { FakeSetup } from './fake-office.js';
import { CHENGGUAN_ROWS, OFFICERS_SHEET, PANE_COVER, PANE_LEDGER } from '../support/county.js';
import { axeViolations, buildFakeOffice, checkPrerequisites, external, launch, newContext, serve, shot, type Served } from './support.js';

const OFFICE_JS = /^https:\/\/appsforoffice\.(microsoft\.com|cdn\.partner\.office365\.cn)\/.*office\.js$/;

let browser: Browser;
let server: Served;
let fakeOffice: string;

beforeAll(async () => {
  checkPrerequisites();
  [fakeOffice, server, browser] = await Promise.all([buildFakeOffice(), serve(), launch()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SETUP: FakeSetup = {
  sheets: [
    PANE_COVER,
    // The same 城关镇 sheet as the web page tests' roster file.
    { name: '城关镇', rows: CHENGGUAN_ROWS },
    {
      // Two population columns: detection takes 户籍人口; the officer wants 常住人口.
      name: '河西乡',
      rows: [
        ['村名', '户籍人口', '常住人口', '上年度党员人数'],
        ['李家村', 1200, 1600, 24],
      ],
    },
    PANE_LEDGER,
    OFFICERS_SHEET,
  ],
};

type Fake = FakeExcel;

async function open(setup: FakeSetup = SETUP): Promise<{ context: BrowserContext; page: Page; urls: string[]; errors: string[] }> {
  const context = await newContext(browser, { viewport: { width: 380, height: 1000 }, locale: 'zh-CN' });
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  await context.route(OFFICE_JS, (route) => route.fulfill({ path: fakeOffice, contentType: 'text/javascript; charset=utf-8' }));
  await context.addInitScript((setup) => {
    (window as unknown as { __VF_FAKE_SETUP__: unknown }).__VF_FAKE_SETUP__ = setup;
  }, setup);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}taskpane.html`);
  return { context, page, urls, errors };
}

/** Runs in the page against the in-memory host. */
function fake<T>(page: Page, f: (fake: Fake) => T): Promise<T> {
  return page.evaluate(`(${f.toString()})(window.__VF_FAKE__)`) as Promise<T>;
}

const values = (page: Page, sheet: string) =>
  page.evaluate((name) => {
    const f = (window as unknown as { __VF_FAKE__: Fake }).__VF_FAKE__;
    return f.sheet(name)?.usedValues().values ?? null;
  }, sheet) as Promise<FakeInput[][] | null>;

describe('Excel task pane (in-memory Excel host in place of Office.js)', () => {
  it('detects, maps, computes, audits and reads the policy back from 政策参数', async () => {
    const { context, page, urls, errors } = await open();

    // Detect: the two roster sheets, each with its header row; the cover and ledger sheets are not rosters.
    await page.getByText('表头在第 2 行').waitFor();
    await page.getByText('表头在第 1 行').waitFor();
    await expect(page.getByRole('checkbox', { name: '核算工作表「说明」' }).isChecked()).resolves.toBe(false);
    await expect(page.getByRole('checkbox', { name: '核算工作表「拨付明细」' }).isChecked()).resolves.toBe(false);
    // The policy summary is open in the pane: lines in force with clauses.
    await page.getByRole('list', { name: '生效的经费项目' }).waitFor();
    await shot(page, 'taskpane-1-detected');

    // Map: 河西乡's population from 常住人口 (column C) instead of 户籍人口.
    await page.getByRole('button', { name: '「河西乡」的列对应' }).click();
    const population = page.getByRole('combobox', { name: '河西乡 人口所在列' });
    await expect(population.inputValue()).resolves.toBe('1');
    await population.selectOption({ label: 'C · 常住人口' });
    await shot(page, 'taskpane-2-mapped');

    await page.getByRole('spinbutton', { name: '年度' }).fill('2025');
    const before = await fake(page, (f) => f.syncCount);
    await page.getByRole('button', { name: '核算', exact: true }).click();
    await page.getByTestId('county-total').waitFor();
    // 28,000 + 33,100 + 143,000 + 83,000 (城关镇) + 李家村 at 1,600 people: 25,000 + 5,000 + 3,000.
    await expect(page.getByTestId('county-total').innerText()).resolves.toBe('320,100.00');
    await expect(page.getByTestId('rejected').innerText()).resolves.toBe('1');
    // The result leads the eye in the pane too; the sheets are in the workbook, so no 下载结果.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('vf-result-title');
    await expect(page.getByTestId('download').count()).resolves.toBe(0);
    await page.getByText(/已写入工作表：核算结果、乡镇汇总、问题清单\(2\)、政策参数/).waitFor();
    await shot(page, 'taskpane-3-computed');
    const calcSyncs = (await fake(page, (f) => f.syncCount)) - before;
    expect(calcSyncs).toBeLessThanOrEqual(10);
    expect(await fake(page, (f) => f.maxRequestBytes)).toBeLessThan(4 * 1024 * 1024);

    // The sheets written; the user's 问题清单 untouched, ours beside it.
    const names = await fake(page, (f) => f.sheetNames());
    expect(names).toEqual(['说明', '城关镇', '河西乡', '拨付明细', '问题清单', '核算结果', '乡镇汇总', '问题清单(2)', '政策参数']);
    expect(await values(page, '问题清单')).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);
    const towns = (await values(page, '乡镇汇总'))!;
    const total = towns.find((r) => r[0] === '全县合计')!;
    const header = towns.find((r) => r[0] === '乡镇')!;
    expect(total[header.indexOf('合计')]).toBe(320100);
    // 组织设置 beside the money: units by level, in 乡镇汇总 and on the pane.
    expect(header.slice(-3)).toEqual(['未达设支部条件', '应设党支部', '一般应设党总支']);
    await expect(page.getByTestId('organisation').innerText()).resolves.toContain('应设党支部');
    expect(await fake(page, (f) => f.sheet('乡镇汇总')!.charts.length)).toBe(1);
    const result = (await values(page, '核算结果'))!;
    const li = result.find((r) => r[1] === '李家村')!;
    expect(li[4]).toBe(1600);
    expect(
      await fake(page, (f) => [...f.sheet('问题清单(2)')!.cells.values()].some((row) => [...row.values()].some((c) => !!c.hyperlink))),
    ).toBe(true);

    // An issue's cell, one click away in the workbook.
    await page.getByRole('button', { name: /^定位 '城关镇'!D8$/ }).click();

    // Explanation of a unit.
    await page.getByRole('button', { name: '李家村的核定说明' }).click();
    await expect(page.getByRole('dialog').innerText()).resolves.toContain('人口1,600人，不低于1,500人');
    await page.keyboard.press('Escape');

    // Audit: the ledger sheet was guessed from its name.
    await expect(page.getByRole('combobox', { name: '拨付明细工作表' }).inputValue()).resolves.toBe('拨付明细');
    await page.getByRole('button', { name: '审计', exact: true }).click();
    await page.getByRole('heading', { name: '审计结果' }).waitFor();
    await shot(page, 'taskpane-4-audited');
    const after = await fake(page, (f) => f.sheetNames());
    expect(after).toEqual(expect.arrayContaining(['审计比对', '异常清单', '审计汇总', '付款明细']));
    expect(await values(page, '问题清单')).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);

    // Policy from the 政策参数 sheet: raise the village office base to 22,000 there, compute again.
    await page.getByRole('radio', { name: '工作表「政策参数」' }).check();
    await page.getByText('（按工作表「政策参数」的取值）').waitFor();
    await page.evaluate(() => {
      const f = (window as unknown as { __VF_FAKE__: Fake }).__VF_FAKE__;
      const sheet = f.sheet('政策参数')!;
      const { firstRow, values: rows } = sheet.usedValues();
      // The ids the pane reads at the right (经费项目编号 7, 参数代码 8); 取值 is column 4.
      const r = rows.findIndex((row) => row[7] === 'office' && row[1] === '村' && row[8] === 'base');
      sheet.ensure(firstRow - 1 + r, 4).value = 22000;
    });
    await page.getByRole('button', { name: '核算', exact: true }).click();
    await page.getByTestId('county-total').filter({ hasText: '322,100.00' }).waitFor();

    // A 政策参数 sheet that cannot be read back says so.
    await page.evaluate(() => {
      const f = (window as unknown as { __VF_FAKE__: Fake }).__VF_FAKE__;
      const sheet = f.sheet('政策参数')!;
      const { firstRow, values: rows } = sheet.usedValues();
      const r = rows.findIndex((row) => row[7] === 'office' && row[1] === '村' && row[8] === 'base');
      sheet.ensure(firstRow - 1 + r, 7).value = 'noSuchLine';
    });
    await page.getByRole('button', { name: '核算', exact: true }).click();
    await page.getByTestId('error').filter({ hasText: '无法从工作表「政策参数」读回政策' }).waitFor();
    await shot(page, 'taskpane-5-policy-sheet-error');

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    // Office.js's URL was answered by the test itself; nothing else left the local server.
    expect(external(urls, server).filter((u) => !OFFICE_JS.test(u))).toEqual([]);
  }, 180_000);

  it('shows progress and cancels a long compute', async () => {
    const rows: FakeInput[][] = [['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数']];
    for (let i = 0; i < 40_000; i++) rows.push([`乡镇${(i / 200) | 0}`, `单位${i}村`, '村', 300 + (i % 3000), i % 90]);
    const { context, page, errors } = await open({ sheets: [{ name: '全县', rows }, SETUP.sheets[4]!] });
    await page.getByText('表头在第 1 行').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '核算', exact: true }).click();
    await page.getByTestId('progress').waitFor();
    // By keyboard: the in-memory host does its syncs on the page's own thread, so the pane is busy in bursts
    // and a mouse click's hit test can miss; a key press waits its turn. (Real Excel syncs out of process.)
    await page.getByRole('button', { name: '取消' }).press('Enter');
    await page.getByTestId('error').filter({ hasText: '已取消' }).waitFor();
    expect(await values(page, '问题清单')).toEqual([['我自己的问题记录，不要覆盖'], ['第一条']]);
    // And again, to the end, with a picture of the progress on the way.
    await page.getByRole('button', { name: '核算', exact: true }).click();
    await page.getByTestId('progress').waitFor();
    await shot(page, 'taskpane-6-progress', { settle: false });
    await page.getByTestId('county-total').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('computed').innerText()).resolves.toBe('40,000');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('says so when opened outside Excel', async () => {
    const context = await newContext(browser);
    await context.route(OFFICE_JS, (route) => route.fulfill({ body: '', contentType: 'text/javascript' }));
    const page = await context.newPage();
    await page.goto(`${server.url}taskpane.html`);
    await page.getByText('需要在 Excel 中打开').waitFor();
    await context.close();
  });
});
