// manifest.xml validates against the add-in manifest schemas kept in
// ../shared/schemas/office-addin-manifest (xmllint, Debian libxml2-utils), and
// says what the add-in needs: a task pane for workbooks, a Home-tab button, the
// CUNJI custom functions, zh-CN strings with en-US overrides, icons that exist.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemas = path.resolve(root, '..', 'shared', 'schemas', 'office-addin-manifest');
const manifestPath = path.join(root, 'manifest.xml');
const manifest = readFileSync(manifestPath, 'utf8');
const DEV_BASE = 'https://localhost:3000/';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** xmllint's verdict on a manifest: '' when valid, else its messages. */
function validate(file: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--schema', path.join(schemas, 'OfficeAppManifestV1_1.xsd'), file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    if (err.code === 'ENOENT')
      throw new Error('xmllint not found: install Debian package libxml2-utils (apt-get install -y libxml2-utils)');
    return String(err.stderr ?? e);
  }
}

function variant(name: string, xml: string): string {
  const file = path.join(tmp, `${name}.xml`);
  writeFileSync(file, xml);
  return file;
}

const attr = (re: RegExp) => [...manifest.matchAll(re)].map((m) => m[1]!);

describe('manifest.xml', () => {
  test('validates against the schemas', () => {
    expect(validate(manifestPath)).toBe('');
  });

  test('the validation is real: broken manifests fail', () => {
    expect(
      validate(variant('perm', manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'))),
    ).toMatch(/Permissions/);
    // Deep inside VersionOverrides: an unknown control type.
    expect(validate(variant('control', manifest.replace('<Control xsi:type="Button"', '<Control xsi:type="Slider"')))).toMatch(
      /Slider|xsi:type/,
    );
    // The shared-runtime <Runtimes> element is not in these schemas: the JavaScript-only runtime is used instead.
    expect(manifest).not.toContain('<Runtimes');
    const withRuntimes = manifest.replace(
      '<Host xsi:type="Workbook">',
      '<Host xsi:type="Workbook"><Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes>',
    );
    expect(withRuntimes).toContain('<Runtimes>');
    expect(validate(variant('runtimes', withRuntimes))).toMatch(/Runtimes/);
  });

  test('a task pane add-in for Excel workbooks that may write', () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<Host xsi:type="Workbook">/);
    expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(manifest).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
    expect(manifest).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
  });

  test('zh-CN by default, every Chinese string with an en-US override', () => {
    expect(manifest).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    const localized = [
      ...manifest.matchAll(
        /<(?:bt:String|DisplayName|Description)\b[^>]*DefaultValue="([^"]*)"[^/]*?>([\s\S]*?)<\/(?:bt:String|DisplayName|Description)>/g,
      ),
    ];
    const chinese = [...manifest.matchAll(/DefaultValue="([^"]*[\u4e00-\u9fff][^"]*)"/g)].map((m) => m[1]);
    expect(chinese.length).toBeGreaterThanOrEqual(6);
    expect(localized.length).toBe(chinese.length);
    for (const [, , body] of localized) expect(body).toMatch(/<(?:bt:)?Override Locale="en-US" Value="[^"]+"\/>/);
  });

  test('a Home-tab button that opens the task pane', () => {
    const tab = /<OfficeTab id="TabHome">([\s\S]*?)<\/OfficeTab>/.exec(manifest)?.[1] ?? '';
    expect(tab).toMatch(/<Control xsi:type="Button"/);
    expect(tab).toMatch(/<Action xsi:type="ShowTaskpane">[\s\S]*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(manifest).toMatch(/<bt:Url id="Taskpane.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
  });

  test('custom functions: JavaScript-only runtime, namespace CUNJI', () => {
    const ext = /<AllFormFactors>\s*<ExtensionPoint xsi:type="CustomFunctions">([\s\S]*?)<\/ExtensionPoint>/.exec(manifest)?.[1] ?? '';
    for (const resid of ['Functions.Script.Url', 'Functions.Page.Url', 'Functions.Metadata.Url', 'Functions.Namespace'])
      expect(ext).toContain(`resid="${resid}"`);
    expect(manifest).toContain('<bt:String id="Functions.Namespace" DefaultValue="CUNJI"/>');
    expect(manifest).toContain(`DefaultValue="${DEV_BASE}functions.json"`);
    expect(manifest).toContain(`DefaultValue="${DEV_BASE}functions.js"`);
  });

  test('every resource referenced is defined; every URL uses the development base webpack replaces', () => {
    const defined = new Set(attr(/<bt:(?:Image|Url|String) id="([^"]+)"/g));
    for (const resid of attr(/resid="([^"]+)"/g)) expect(defined, resid).toContain(resid);
    const urls = attr(/(?:DefaultValue|Value)="(https?:[^"]+)"/g);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith(DEV_BASE), url).toBe(true);
    for (const id of attr(/resid="([^"]+)"/g)) expect(id.length).toBeLessThanOrEqual(32);
  });

  test('icons exist at their sizes and are the output of scripts/make-icons.js', async () => {
    const { drawIcon } = (await import(path.join(root, 'scripts/make-icons.js'))) as { drawIcon(size: number): Buffer };
    const icons = attr(/DefaultValue="https:\/\/localhost:3000\/(assets\/icon-\d+\.png)"/g);
    expect(new Set(icons)).toEqual(new Set(['assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']));
    for (const icon of new Set(icons)) {
      const png = readFileSync(path.join(root, icon));
      const size = Number(/icon-(\d+)/.exec(icon)![1]);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      expect(png.equals(drawIcon(size)), icon).toBe(true);
    }
    const sized = [...manifest.matchAll(/<bt:Image size="(\d+)" resid="Icon\.(\d+)x(\d+)"\/>/g)];
    for (const [, size, w, h] of sized) expect([w, h]).toEqual([size, size]);
  });
});
