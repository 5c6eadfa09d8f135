// The web page's year (Chromium): filled from the roster's title with a note
// saying so, and the audit's hint when most payments fall outside the year.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, checkPrerequisites, launch, newContext, serve, shot, type Served } from './support.js';
import { join } from 'node:path';

let browser: Browser;
let server: Served;
const ROSTER = join(ROOT, 'examples', 'county-roster.xlsx');
const LEDGER = join(ROOT, 'examples', 'county-ledger.xlsx');

beforeAll(async () => {
  checkPrerequisites();
  server = await serve();
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await newContext(browser, { viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('heading', { name: '村级经费核算' }).waitFor();
  return { page, errors, close: () => context.close() };
}

const yearField = (page: Page) => page.getByRole('spinbutton', { name: '年度' });

describe('the year on the web page', () => {
  it('is filled from the roster title, says so, and an explicit year is kept', async () => {
    const { page, errors, close } = await open();
    await page.getByLabel('选择名册工作簿').setInputFiles(ROSTER);
    await page.getByTestId('year-note').waitFor();
    await expect(yearField(page).inputValue()).resolves.toBe('2025');
    await expect(page.getByTestId('year-note').innerText()).resolves.toBe(
      '未指定年度，按名册标题「城关镇2025年村（社区）运转经费测算表」取2025年度。',
    );
    // The user's year wins, and the note goes: it no longer says where the year came from.
    await yearField(page).fill('2024');
    await expect(page.getByTestId('year-note').count()).resolves.toBe(0);
    await page.getByLabel('选择拨付明细').setInputFiles(LEDGER);
    await page.getByLabel('拨付明细工作表').waitFor();
    await expect(yearField(page).inputValue()).resolves.toBe('2024');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('audit with most payments outside the year: the hint comes before the figures, naming their year', async () => {
    const { page, errors, close } = await open();
    await page.getByLabel('选择名册工作簿').setInputFiles(ROSTER);
    await page.getByTestId('year-note').waitFor();
    await page.getByLabel('选择拨付明细').setInputFiles(LEDGER);
    await page.getByLabel('拨付明细工作表').waitFor();
    await yearField(page).fill('2026');
    await page.getByRole('button', { name: '审计', exact: true }).click();
    const hint = page.getByTestId('audit-year-hint');
    await hint.waitFor({ timeout: 90_000 });
    await expect(hint.innerText()).resolves.toMatch(
      /^注意：有日期的\d+笔拨付中\d+笔不在审计年度2026年内，多数在2025年，是否应审计2025年度？$/,
    );
    // Before the figures in reading order.
    const before = await page.evaluate(() => {
      const h = document.querySelector('[data-testid="audit-year-hint"]');
      const dl = h?.parentElement?.querySelector('dl');
      return !!h && !!dl && !!(h.compareDocumentPosition(dl) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(before).toBe(true);
    await shot(page, 'web-year-hint');
    expect(errors).toEqual([]);
    await close();
  }, 180_000);
});
