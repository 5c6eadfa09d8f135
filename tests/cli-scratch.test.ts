import { test } from 'vitest';
import { writeFile, readFile, mkdir, copyFile } from 'node:fs/promises';
import { writeRosterWorkbook, makeTempDir, runCli, CHENGGUAN } from './support/roster-files.js';
test('scratch', async () => {
  const t = await makeTempDir();
  await writeRosterWorkbook(t.file('a.xlsx'), [CHENGGUAN]);
  const buf = await readFile(t.file('a.xlsx'));
  await writeFile(t.file('trunc.xlsx'), buf.subarray(0, Math.floor(buf.length * 0.6)));
  await writeFile(t.file('empty.xlsx'), '');
  await mkdir(t.file('dir.xlsx'));
  await copyFile(t.file('a.xlsx'), t.file('a.xls'));
  const cases = [['calc', t.file('trunc.xlsx')], ['calc', t.file('empty.xlsx')], ['calc', t.file('dir.xlsx')], ['calc', t.file('a.xls')], ['calc', t.file('a.xlsx'), '-o', t.file('a.xlsx'), '--force'],
    ['compare', t.file('text.xlsx')], ['calc', t.file('a.xlsx'), '--json', '--lang', 'en', '--year', '2024']];
  for (const c of cases) { const r = await Promise.race([runCli(c), new Promise<any>(r => setTimeout(() => r({code: 'TIMEOUT', stderr: '', stdout: ''}), 5000))]); console.log(JSON.stringify(c.map(x=>x.replace(t.dir,'$T'))), r.code, JSON.stringify(r.stderr), JSON.stringify(r.stdout.slice(0, 300))); }
  console.log(await t.list());
}, 60000);
