// The compatibility corpus (tests/corpus/README.md): real workbooks written by
// Excel, LibreOffice, Google Sheets, gnumeric, openpyxl and other systems, read
// by our two reading paths and by exceljs as the reference, every cell
// compared by type and value. A difference the manifest does not explain
// fails, and so does an explanation that no longer matches a difference.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { calculator } from '../src/engine/index.js';
import { toUserError, type UserError } from '../src/pane/errors.js';
import { readWorkbook } from '../src/web/read-workbook.js';
import { calcReport } from '../src/workbook/calc-job.js';
import { CORPUS, differences, manifest, readNode, readReference, readWeb, typed, unexplained } from './support/corpus.js';
import { type TempDir, makeTempDir } from './support/roster-files.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/village-funds.js');
const entries = manifest().filter((e) => /\.(xlsx|xlsm|xltx)$/i.test(e.file));
const fileOf = (f: string) => path.join(CORPUS, 'files', f);

let dir: TempDir;
beforeAll(async () => void (dir = await makeTempDir('vf-corpus-')));
afterAll(() => dir.cleanup());

test('the corpus holds 60 or more workbooks from other producers, each with its source and licence', () => {
  const others = entries.filter((e) => 'repository' in e.source);
  expect(others.length).toBeGreaterThanOrEqual(60);
  for (const e of manifest()) {
    expect(existsSync(fileOf(e.file)), e.file).toBe(true);
    expect(e.licence, e.file).toMatch(/^(MIT|BSD-2-Clause|BSD-3-Clause|Apache-2.0|MPL-2.0)/);
    expect(e.producer && e.exercises, e.file).toBeTruthy();
  }
});

describe.each(entries.map((e) => [e.file, e] as const))('%s', (file, e) => {
  test('both our reading paths read every cell the same, and as exceljs does (or as the manifest explains)', async () => {
    if (e.refused) {
      // Both reading paths refuse it, with the reason.
      await expect(readWeb(fileOf(file))).rejects.toThrow();
      await expect(readNode(fileOf(file))).rejects.toThrow(/damaged|not a zip|truncated|encrypted|no workbook|no part/);
      return;
    }
    const ours = await readNode(fileOf(file));
    const web = await readWeb(fileOf(file));
    expect([...differences(ours, web)]).toEqual([]);
    if (e.reference) return; // exceljs cannot read it (the manifest says how it fails)
    const { extra, stale } = unexplained(differences(ours, await readReference(fileOf(file))), e.differences);
    expect({ extra, stale }).toEqual({ extra: [], stale: [] });
  });

  test('the web page computes a roster or says in one line why not', async () => {
    let said: string;
    try {
      const book = await readWorkbook(new File([readFileSync(fileOf(file))], path.basename(file)));
      const { outcome } = await calcReport(book.sheets, calculator(2025), 'zh');
      said = `${outcome.rows.computed} units`;
    } catch (err) {
      // As the page shows it: a file it refuses, or a workbook without a roster, each in words.
      const shown = toUserError(err);
      said = shown.message;
      expect((shown as UserError).code, said).not.toBe('internal');
    }
    expect(said).not.toMatch(/\n|\bat .+:\d+:\d+/);
  });
});

test('every corpus file through the built CLI: a roster computes; anything else is one line, no stack trace', () => {
  for (const e of entries) {
    const r = spawnSync(process.execPath, [CLI, 'calc', fileOf(e.file), '-o', dir.file(`${path.basename(e.file)}-out.xlsx`), '--force'], {
      encoding: 'utf8',
      timeout: 120_000, // a guard against a hang, not a speed target
      env: { ...process.env, NO_COLOR: '1' },
    });
    const where = `${e.file}: ${r.stdout}${r.stderr}`;
    expect(r.error, where).toBeUndefined();
    // 0 every row computed, 1 some rows rejected, 2 refused (no roster; an unreadable file)
    expect([0, 1, 2], where).toContain(r.status);
    expect(r.stderr.trim().split('\n').length, where).toBeLessThanOrEqual(1);
    expect(`${r.stdout}${r.stderr}`, where).not.toMatch(/\bat .+:\d+:\d+|Error: .*\n\s+at /);
    if (e.file.includes('roster')) expect(r.stdout, where).toMatch(/已核算[1-9]\d*个单位/);
  }
}, 600_000);

test('typed shows what is compared: type and value', () => {
  expect([1, '1', true, new Date(Date.UTC(2025, 0, 1)), { error: '#N/A' }, null].map(typed)).toEqual([
    'number 1',
    'string "1"',
    'boolean true',
    'date 2025-01-01T00:00:00.000Z',
    'error #N/A',
    'empty',
  ]);
});
