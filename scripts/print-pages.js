// Pages each sheet of a workbook prints on, as LibreOffice prints it to PDF:
// the workbook is copied once per sheet with only that sheet listed, each copy converted with soffice, and its pages
// counted with pdfinfo. Needs LibreOffice (soffice) and poppler-utils (pdfinfo).
//
//   node scripts/print-pages.js file.xlsx [more.xlsx ...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const pages = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);

for (const file of process.argv.slice(2)) {
  const parts = unzipSync(readFileSync(file));
  const workbook = strFromU8(parts['xl/workbook.xml']);
  const sheets = [...workbook.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
  const dir = mkdtempSync(join(tmpdir(), 'print-pages-'));
  try {
    const counts = {};
    for (const [i, name] of sheets.entries()) {
      let k = 0;
      const only = workbook
        .replace(/<sheet name=[^>]*\/>/g, (s) => (k++ === i ? s : ''))
        .replace(/<definedName [^>]*localSheetId="(\d+)"[^>]*>[^<]*<\/definedName>/g, (d, id) =>
          Number(id) === i ? d.replace(/localSheetId="\d+"/, 'localSheetId="0"') : '',
        );
      const copy = join(dir, `s${i}.xlsx`);
      writeFileSync(copy, zipSync({ ...parts, 'xl/workbook.xml': strToU8(only) }));
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, copy], { stdio: 'ignore' });
      counts[name] = pages(join(dir, `s${i}.pdf`));
    }
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore' });
    const all = pages(join(dir, basename(file).replace(/\.xlsx$/, '.pdf')));
    console.log(JSON.stringify({ file, pages: all, sheets: counts }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
