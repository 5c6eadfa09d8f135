// The standalone web page in a real browser (Debian chromium via playwright-core),
// served from the built folder on 127.0.0.1: choose workbooks, compute, audit,
// download, and check the downloaded workbooks in Node against the same calc and
// audit the CLI runs. Also: bad files, cancel, keyboard-only use, axe-core, the
// initial JavaScript budget, and that no request leaves the local server.
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync, openSync, closeSync, ftruncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReport } from '../../src/audit/index.js';
import { calculator } from '../../src/engine/index.js';
import { openXlsxFile } from '../../src/node/read-xlsx.js';
import { calcReport } from '../../src/workbook/calc-job.js';
import { headerRowNumber, type SheetSpec } from '../../src/workbook/sheet-spec.js';
import type { SheetSource } from '../../src/workbook/source.js';
import { LEDGER, ROSTER, ROSTER_TOTAL } from '../support/county.js';
import { writeGridWorkbook } from '../support/roster-files.js';
import {
  SITE,
  TMP,
  axeViolations,
  checkPrerequisites,
  external,
  launch,
  newContext,
  recordRequests,
  serve,
  shot,
  tabTo,
  type Served,
} from './support.js';

let browser: Browser;
let server: Served;
const allRequests: string[] = [];
let rosterPath: string;
let ledgerPath: string;

beforeAll(async () => {
  checkPrerequisites();
  rosterPath = join(TMP, '县名册.xlsx');
  ledgerPath = join(TMP, '拨付明细.xlsx');
  await writeGridWorkbook(rosterPath, ROSTER);
  await writeGridWorkbook(ledgerPath, LEDGER);
  server = await serve();
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Lets the accordions and fonts settle before measuring where things are. */
async function settledLayout(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

async function open(
  options: { bypassCSP?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[]; urls: string[] }> {
  const context = await newContext(browser, { acceptDownloads: true, viewport: { width: 1200, height: 900 }, locale: 'zh-CN', ...options });
  context.on('request', (r) => allRequests.push(r.url()));
  // Recorded from before the page loads: the initial scripts are in here.
  const urls = recordRequests(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('heading', { name: '村级经费核算' }).waitFor();
  return { context, page, errors, urls };
}

const rosterInput = (page: Page) => page.getByLabel('选择名册工作簿');
const computeButton = (page: Page) => page.getByRole('button', { name: '核算', exact: true });
const auditButton = (page: Page) => page.getByRole('button', { name: '审计', exact: true });

/** The result is there (and nothing downloaded by itself): the workbook comes on 下载结果. */
async function downloadResult(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByTestId('download').click();
  return download;
}

async function setYear(page: Page, year: number) {
  await page.getByRole('spinbutton', { name: '年度' }).fill(String(year));
}

/** A written sheet's rows as values (title, header, data), null for empty cells. */
function sheetRows(ws: ExcelJS.Worksheet, width: number): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      const v = row.getCell(c).value;
      cells.push(v === undefined || v === '' ? null : v);
    }
    out.push(cells);
  }
  return out;
}

function specRows(spec: SheetSpec): unknown[][] {
  const width = spec.columns.length;
  const pad = (r: unknown[]) => Array.from({ length: width }, (_, i) => (r[i] === undefined || r[i] === '' ? null : r[i]));
  return [
    ...(spec.title ? [pad([spec.title])] : []),
    ...(spec.title && spec.subtitle ? [pad([spec.subtitle])] : []),
    pad(spec.columns.map((c) => c.header)),
    ...spec.rows.map(pad),
  ];
}

async function readDownloaded(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function expectSameSheets(wb: ExcelJS.Workbook, specs: SheetSpec[]) {
  expect(wb.worksheets.map((w) => w.name)).toEqual(specs.map((s) => s.name));
  for (const spec of specs) {
    const ws = wb.getWorksheet(spec.name)!;
    expect(sheetRows(ws, spec.columns.length), spec.name).toEqual(specRows(spec));
    expect(ws.views[0] && 'ySplit' in ws.views[0] ? ws.views[0].ySplit : 0).toBe(headerRowNumber(spec));
  }
}

/** The sheets of a streamed workbook with these names. */
async function* only(sheets: AsyncIterable<SheetSource>, names: string[]): AsyncGenerator<SheetSource> {
  for await (const s of sheets) if (names.includes(s.name)) yield s;
}

describe('web page', () => {
  it('computes a county from a chosen workbook and downloads the result workbook', async () => {
    const { context, page, errors, urls } = await open();
    await page.waitForLoadState('networkidle');
    await shot(page, 'web-1-start');

    // Initial JavaScript: what the page loaded before anything was chosen.
    const scripts = urls.filter((u) => u.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(
      scripts.some((u) => /vf-worker/.test(u)),
      'the worker (reader, engine, writer) loads only when a file is chosen',
    ).toBe(false);
    const gz = scripts.reduce((n, u) => n + gzipSync(readFileSync(join(SITE, new URL(u).pathname))).length, 0);
    expect(gz).toBeLessThanOrEqual(250 * 1024);

    await setYear(page, 2025);
    await rosterInput(page).setInputFiles(rosterPath);
    await page.getByText('表头在第 2 行').waitFor();
    await page.getByText('表头在第 1 行').waitFor();
    expect(
      urls.some((u) => /vf-worker/.test(u)),
      'worker loaded after choosing',
    ).toBe(true);
    expect(
      urls.some((u) => /exceljs|fflate|sheetjs/.test(u)),
      'no exceljs in the page; fflate only where DecompressionStream is missing; SheetJS only for .xls/.et/.ods',
    ).toBe(false);
    await expect(page.getByRole('checkbox', { name: '核算工作表「城关镇」' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: '核算工作表「河西乡」' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: '核算工作表「说明」' }).isChecked()).resolves.toBe(false);
    // The policy in force, with clauses.
    await page.getByRole('button', { name: '查看本年度生效的经费项目和条款' }).click();
    await page.getByRole('list', { name: '生效的经费项目' }).waitFor();
    await expect(page.getByRole('list', { name: '生效的经费项目' }).innerText()).resolves.toContain('人口低于 1,500 人：20,000 元');
    await shot(page, 'web-2-detected');

    let downloads = 0;
    page.on('download', () => downloads++);
    await computeButton(page).click();
    await expect(page.getByTestId('county-total').innerText()).resolves.toBe('349,600.00');
    expect(downloads, 'nothing downloads before 下载结果').toBe(0);
    // The result leads the eye: its heading has the focus and is on screen.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('vf-result-title');
    await expect(page.getByTestId('not-counted').innerText()).resolves.toBe('另有1行被剔除，未计入合计（原因见下方问题清单）。');
    const file = await downloadResult(page);
    expect(file.suggestedFilename()).toBe('县名册-2025年核算结果.xlsx');
    const saved = join(TMP, 'web-result.xlsx');
    await file.saveAs(saved);

    await expect(page.getByTestId('computed').innerText()).resolves.toBe('6');
    await expect(page.getByTestId('rejected').innerText()).resolves.toBe('1');
    await expect(page.getByTestId('organisation').innerText()).resolves.toContain('应设党支部');
    await page.getByText('县名册-2025年核算结果.xlsx').first().waitFor();
    await shot(page, 'web-3-result');

    // The downloaded workbook: the sheets the CLI writes for the same file, policy and year,
    // over the sheets the page read (the cover sheet 说明 was not chosen as a roster).
    const expected = await calcReport(only(openXlsxFile(rosterPath).sheets, ['城关镇', '河西乡']), calculator(2025), 'zh');
    const cli = await calcReport(openXlsxFile(rosterPath).sheets, calculator(2025), 'zh');
    expect(expected.sheets.filter((s) => s.name !== '问题清单')).toEqual(cli.sheets.filter((s) => s.name !== '问题清单'));
    const wb = await readDownloaded(saved);
    expectSameSheets(wb, expected.sheets);
    const towns = wb.getWorksheet('乡镇汇总')!;
    const last = towns.getRow(towns.rowCount - 2); // above the blank row and the lines to sign
    expect(last.getCell(1).value).toBe('全县合计');
    expect(last.getCell(2 + 1 + 4).value).toBe(ROSTER_TOTAL);
    const names = wb.getWorksheet('核算结果')!.getColumn(2).values;
    expect(names).toEqual(expect.arrayContaining(['东风村', '王庄村', '幸福社区']));

    // The explanation of a unit, one click away.
    await page.getByRole('button', { name: '东风村的核定说明' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.innerText()).resolves.toContain('人口1,499人，低于1,500人，办公经费按每村每年20,000元核定');
    await expect(dialog.innerText()).resolves.toContain('贰万捌仟元整');
    await expect(dialog.innerText()).resolves.toContain('上年度党员人数29人，不少于3人：应设党支部');
    await shot(page, 'web-4-explain');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The chart's townships filter the units.
    await page.getByRole('button', { name: '河西乡', exact: true }).click();
    await page.getByText('第 1–2 个，共 2 个').waitFor();

    expect(errors).toEqual([]);
    await context.close();
    expect(external(urls, server)).toEqual([]);
  }, 120_000);

  it('computes an .xls roster saved by LibreOffice as its .xlsx original, and a GBK csv', async () => {
    const { context, page, errors, urls } = await open();
    await setYear(page, 2025);
    await rosterInput(page).setInputFiles('tests/fixtures/formats/county-roster.xls');
    await page.getByRole('checkbox', { name: '核算工作表「城关镇」' }).waitFor();
    expect(
      urls.some((u) => /sheetjs/.test(u)),
      'SheetJS loaded for the .xls',
    ).toBe(true);
    await computeButton(page).click();
    await expect(page.getByTestId('county-total').innerText()).resolves.toBe('8,483,400.00');
    const saved = join(TMP, 'web-result-xls.xlsx');
    await (await downloadResult(page)).saveAs(saved);
    const towns = ['城关镇', '东风乡', '南河镇', '西山乡'];
    const expected = await calcReport(only(openXlsxFile('examples/county-roster.xlsx').sheets, towns), calculator(2025), 'zh');
    expectSameSheets(await readDownloaded(saved), expected.sheets);

    await rosterInput(page).setInputFiles('tests/fixtures/formats/roster-gbk.csv');
    await page.getByRole('checkbox', { name: '核算工作表「roster-gbk」' }).waitFor();
    await computeButton(page).click();
    await expect(page.getByTestId('county-total').innerText()).resolves.toBe('2,521,200.00');
    expect(errors).toEqual([]);
    await context.close();
    expect(external(urls, server)).toEqual([]);
  }, 120_000);

  it('audits the ledger against the roster and downloads the audit workbook', async () => {
    const { context, page, errors, urls } = await open();
    await setYear(page, 2025);
    await rosterInput(page).setInputFiles(rosterPath);
    await page.getByText('表头在第 2 行').waitFor();
    await page.getByLabel('选择拨付明细').setInputFiles(ledgerPath);
    await page.getByLabel('拨付明细工作表').waitFor();
    await auditButton(page).click();
    await page.getByRole('heading', { name: '审计结果' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('vf-audit-title');
    const file = await downloadResult(page);
    expect(file.suggestedFilename()).toBe('县名册-2025年审计结果.xlsx');
    const saved = join(TMP, 'web-audit.xlsx');
    await file.saveAs(saved);
    await page.getByText('少拨').first().waitFor();
    await shot(page, 'web-5-audit');

    const calc = calculator(2025);
    const expected = await auditReport(only(openXlsxFile(rosterPath).sheets, ['城关镇', '河西乡']), openXlsxFile(ledgerPath).sheets, calc, {
      lang: 'zh',
    });
    const wb = await readDownloaded(saved);
    expectSameSheets(wb, expected.sheets);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['审计比对', '异常清单', '审计汇总']));

    expect(errors).toEqual([]);
    await context.close();
    expect(external(urls, server)).toEqual([]);
  }, 120_000);

  it('explains bad files in words and keeps working', async () => {
    const { context, page, errors, urls } = await open();
    const notXlsx = join(TMP, '不是工作簿.xlsx');
    writeFileSync(notXlsx, '乡镇,名称,人口\n城关镇,东风村,1499\n');
    const encrypted = join(TMP, '有密码.xlsx');
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb, 0);
    Buffer.from('EncryptionInfo', 'utf16le').copy(cfb, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(cfb, 1152);
    writeFileSync(encrypted, cfb);
    // An OLE2 header and nothing else: an .xls cut short.
    const oldXls = join(TMP, '旧版.xls');
    writeFileSync(oldXls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]));
    const corrupt = join(TMP, '损坏.xlsx');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(5000, 7)]));
    const noRoster = join(TMP, '没有名册.xlsx');
    await writeGridWorkbook(noRoster, [
      {
        name: 'Sheet1',
        rows: [
          ['日期', '金额'],
          ['2025-01-01', 100],
        ],
      },
    ]);
    const huge = join(TMP, '太大.xlsx');
    const fd = openSync(huge, 'w');
    writeSync(fd, Buffer.from('PK\x03\x04'));
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);

    const cases: [string, string, RegExp][] = [
      ['not-xlsx', notXlsx, /不是 \.xlsx 工作簿.*内容却是CSV\/文本文件/],
      ['encrypted', encrypted, /设置了打开密码/],
      ['xls', oldXls, /无法读取工作簿「旧版.xls」：文件可能已损坏或不完整/],
      ['corrupt', corrupt, /无法读取工作簿/],
      ['no-roster', noRoster, /没有找到名册.*工作表「Sheet1」：前20行中未找到花名册表头/],
      ['too-large', huge, /太大（200 MB）/],
    ];
    // How fast each is refused is not checked here: a busy machine is slow (speed lives in bench/).
    for (const [name, path, message] of cases) {
      await rosterInput(page).setInputFiles(path);
      // Right under the input, on screen; a refused file leaves the input empty (a workbook
      // without a recognised roster stays chosen: its sheets can be mapped by hand).
      const said = page.getByTestId('roster-error').filter({ hasText: message });
      await said.waitFor();
      await expect(said.isVisible()).resolves.toBe(true);
      const at = (await said.boundingBox())!;
      const input = (await rosterInput(page).boundingBox())!;
      expect(at.y).toBeGreaterThan(input.y);
      expect(at.y - (input.y + input.height)).toBeLessThan(60);
      expect(at.y + at.height).toBeLessThanOrEqual(900);
      await expect(rosterInput(page).inputValue()).resolves.toEqual(name === 'no-roster' ? expect.stringContaining('没有名册') : '');
      await shot(page, `web-6-bad-${name}`);
    }
    // Compute with nothing readable chosen: a message under the roster input, not a hang.
    await rosterInput(page).setInputFiles(corrupt);
    await page.getByTestId('roster-error').waitFor();
    await computeButton(page).click();
    await page
      .getByTestId('roster-error')
      .filter({ hasText: /请先选择可以读取的名册工作簿/ })
      .waitFor();
    // A refused ledger: its words under its input, the input emptied, and 审计 asks for a ledger
    // beside an input that shows none.
    await rosterInput(page).setInputFiles(rosterPath);
    await page.getByText('表头在第 2 行').waitFor();
    await page.getByLabel('选择拨付明细').setInputFiles(encrypted);
    await page
      .getByTestId('ledger-error')
      .filter({ hasText: /设置了打开密码/ })
      .waitFor();
    await expect(page.getByLabel('选择拨付明细').inputValue()).resolves.toBe('');
    await auditButton(page).click();
    await page.getByTestId('ledger-error').filter({ hasText: '请先选择拨付明细' }).waitFor();
    await expect(page.getByLabel('选择拨付明细').inputValue()).resolves.toBe('');
    // And a good file still works afterwards.
    await computeButton(page).click();
    await page.getByTestId('county-total').waitFor();
    expect(errors).toEqual([]);
    await context.close();
    expect(external(urls, server)).toEqual([]);
  }, 120_000);

  it('cancels a long read and a long compute', async () => {
    const big = join(TMP, '大名册.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: big, useSharedStrings: true, useStyles: false });
    const ws = wb.addWorksheet('全县');
    ws.addRow(['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数']).commit();
    for (let i = 0; i < 60_000; i++) ws.addRow([`乡镇${(i / 200) | 0}`, `单位${i}村`, '村', 300 + (i % 3000), i % 90]).commit();
    await ws.commit();
    await wb.commit();

    const { context, page, errors } = await open();
    let downloads = 0;
    page.on('download', () => downloads++);
    // Cancel while the workbook is being read.
    await rosterInput(page).setInputFiles(big);
    await page.getByTestId('progress').waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByTestId('roster-error').filter({ hasText: '已取消' }).waitFor();
    await expect(rosterInput(page).inputValue()).resolves.toBe('');
    await shot(page, 'web-7-read-cancelled');
    // Read it fully, then cancel the compute.
    await rosterInput(page).setInputFiles(rosterPath);
    await page.getByText('表头在第 2 行').waitFor();
    await rosterInput(page).setInputFiles(big);
    await page.getByText('表头在第 1 行').waitFor({ timeout: 60_000 });
    await computeButton(page).click();
    await page.getByTestId('progress').waitFor();
    await shot(page, 'web-7-progress', { settle: false });
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByTestId('error').filter({ hasText: '已取消' }).waitFor();
    await expect(computeButton(page).isEnabled()).resolves.toBe(true);
    expect(downloads).toBe(0);
    // A fresh worker takes over: computing again works.
    await rosterInput(page).setInputFiles(rosterPath);
    await page.getByText('表头在第 2 行').waitFor();
    await computeButton(page).click();
    await downloadResult(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('works with the keyboard alone and has no serious accessibility violations', async () => {
    // bypassCSP lets the test inject axe-core; the page itself is unchanged.
    const { context, page, errors } = await open({ bypassCSP: true });
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, '[data-testid="roster-input"]');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles(rosterPath);
    await page.getByText('表头在第 2 行').waitFor();
    await tabTo(page, 'input[type="number"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2025');
    await tabTo(page, '[data-testid="compute"]');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('county-total').innerText()).resolves.toBe('349,600.00');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('vf-result-title');
    await tabTo(page, '[data-testid="download"]');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    await download;
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'button[aria-label="东风村的核定说明"]', 120);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('东风村的核定说明');

    // English, for the en-US strings.
    await page.getByLabel('语言 / Language').selectOption('en');
    await page.getByRole('button', { name: 'Compute', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'web-8-english');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('leads the eye on a 1366x768 laptop: 核算 in sight, the result scrolled to, problems by kind, a print view', async () => {
    const { context, page, errors } = await open({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    // What a roster needs, on the first screen.
    const needs = page.getByText('名册须有以下列：乡镇、村（社区）名称、类型、人口、上年度党员人数；可选：在册月数、区划代码');
    await expect(needs.isVisible()).resolves.toBe(true);
    expect((await needs.boundingBox())!.y).toBeLessThan(768);
    await setYear(page, 2025);
    await rosterInput(page).setInputFiles('examples/county-roster.xlsx');
    await page.getByRole('checkbox', { name: '核算工作表「西山乡」' }).waitFor();
    await settledLayout(page);
    // 核算 is seen without scrolling, the five sheet cards shown.
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
    const button = (await computeButton(page).boundingBox())!;
    expect(button.y).toBeGreaterThanOrEqual(0);
    expect(button.y + button.height).toBeLessThanOrEqual(768);
    await shot(page, 'web-9-laptop-detected');

    await computeButton(page).click();
    await page.getByTestId('county-total').waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('vf-result-title');
    const heading = (await page.locator('#vf-result-title').boundingBox())!;
    expect(heading.y).toBeGreaterThanOrEqual(0);
    expect(heading.y + heading.height).toBeLessThanOrEqual(768);
    await expect(page.getByTestId('county-total').isVisible()).resolves.toBe(true);
    // The total says what is not in it; 万元 with 2 decimals; warnings are 警告.
    await expect(page.getByTestId('not-counted').innerText()).resolves.toBe('另有5行被剔除，未计入合计（原因见下方问题清单）。');
    await page.getByText('848.34 万元').waitFor();
    await expect(page.getByTestId('warnings').innerText()).resolves.toMatch(/^警告3条/); // with the =HYPERLINK(...) unit's 名称形似公式
    await expect(page.locator('body').innerText()).resolves.not.toMatch(/提示/);
    // Cards with headings and units.
    for (const name of ['全县合计（元）', '名册行数（行）', '组织设置（个单位）', '各经费项目合计（元）', '乡镇汇总（元）'])
      await page.getByRole('heading', { name }).waitFor();
    // 乡镇汇总: figures right-aligned in tabular digits, the county row bold.
    const towns = page.getByTestId('township-table');
    const countyRow = towns.getByRole('row', { name: /全县合计/ });
    await expect(countyRow.getByRole('cell').last().innerText()).resolves.toBe('8,483,400.00');
    const style = await countyRow
      .getByRole('cell')
      .last()
      .evaluate((e) => {
        const c = getComputedStyle(e);
        return { align: c.textAlign, weight: Number(c.fontWeight), nums: c.fontVariantNumeric };
      });
    expect(style).toEqual({ align: 'right', weight: 700, nums: 'tabular-nums' });
    await shot(page, 'web-9-laptop-result', { settle: true });

    // The print view: results, no form controls.
    await page.emulateMedia({ media: 'print' });
    for (const hidden of [
      computeButton(page),
      rosterInput(page),
      page.getByRole('spinbutton', { name: '年度' }),
      page.getByTestId('download'),
      page.getByTestId('print'),
    ])
      await expect(hidden.isVisible()).resolves.toBe(false);
    const visibleControls = await page.evaluate(
      () =>
        [...document.querySelectorAll('input, select, button, textarea')].filter((e) => (e as HTMLElement).offsetParent !== null).length,
    );
    expect(visibleControls).toBe(0);
    for (const shown of [
      page.getByTestId('county-total'),
      page.getByTestId('not-counted'),
      towns,
      page.getByTestId('vf-issues-title-items'),
    ])
      await expect(shown.isVisible()).resolves.toBe(true);
    await shot(page, 'web-9-laptop-print', { settle: true });
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByTestId('print').isVisible()).resolves.toBe(true);

    // The audit's exceptions: by kind with counts, filtered, paged; amounts right-aligned.
    await page.getByLabel('选择拨付明细').setInputFiles('examples/county-ledger.xlsx');
    await page.getByLabel('拨付明细工作表').waitFor();
    await auditButton(page).click();
    await page.getByRole('heading', { name: '审计结果' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('vf-audit-title');
    await page.getByRole('heading', { name: '核对结果（单位×经费项目，对）' }).waitFor();
    await page.getByRole('heading', { name: '金额（元）' }).waitFor();
    const kinds = page.locator('section[aria-labelledby="vf-audit-exceptions"]').getByRole('table', { name: '按类别统计' });
    const total = Number((await kinds.getByRole('row').last().getByRole('cell').last().innerText()).replace(/,/g, ''));
    expect(total).toBeGreaterThan(20);
    const items = page.getByTestId('vf-audit-exceptions-items');
    await expect(items.locator('tbody tr').count()).resolves.toBe(20);
    await page.getByText(`第 1–20 条，共 ${total} 条`).waitFor();
    const filter = page.getByTestId('vf-audit-exceptions-kind');
    const first = (await filter.locator('option').nth(1).innerText()).match(/（(\d+)）$/)!;
    await filter.selectOption({ index: 1 });
    await expect(items.locator('tbody tr').count()).resolves.toBe(Math.min(20, Number(first[1])));
    const amount = items.locator('tbody tr td:nth-child(4)').first();
    await expect(amount.evaluate((e) => getComputedStyle(e).textAlign)).resolves.toBe('right');
    await shot(page, 'web-9-laptop-audit', { settle: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('made no request that left the local server', () => {
    expect(allRequests.length).toBeGreaterThan(0);
    expect(external(allRequests, server)).toEqual([]);
  });
});
