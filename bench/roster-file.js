// Writes a synthetic county roster .xlsx of N rows (streaming writer) for the
// calc benchmark and the large-file test, and the same rows as .xls (BIFF8,
// written by SheetJS, on sheets of 50,000 rows) and as UTF-8 .csv for the
// other formats' cases. Same content for the same N. In the .xlsx, text is in
// the shared strings table, or inline in the sheet with { inline: true } (as
// exceljs's streaming writer and several other systems save).
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { syntheticUnits } from './synthetic.js';

const HEAD = [['全县村（社区）名册'], ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数']];

const TYPE_WORDS = { village: '村', urbanCommunity: '社区', ruralCommunity: '农村社区' };

export async function writeRosterFile(path, n, { inline = false } = {}) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: !inline, useStyles: false });
  const ws = wb.addWorksheet('全县');
  for (const row of HEAD) ws.addRow(row).commit();
  const units = syntheticUnits(n);
  for (let i = 0; i < n; i++) {
    const u = units[i];
    ws.addRow([u.township, u.name, TYPE_WORDS[u.type], u.population, u.membersPrevYear]).commit();
    if (i % 5000 === 0) await new Promise((r) => setImmediate(r));
  }
  await ws.commit();
  await wb.commit();
}

function rosterRows(n) {
  return [...HEAD, ...syntheticUnits(n).map((u) => [u.township, u.name, TYPE_WORDS[u.type], u.population, u.membersPrevYear])];
}

/** BIFF8 holds at most 65,536 rows a sheet: the rows go on sheets of 50,000, each with the header, as offices split them. */
export async function writeRosterXls(path, n) {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.utils.book_new();
  const rows = rosterRows(n).slice(HEAD.length);
  for (let i = 0, part = 1; i < n; i += 50_000, part++)
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([...HEAD, ...rows.slice(i, i + 50_000)]), `全县${part}`);
  await writeFile(path, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }));
}

export async function writeRosterCsv(path, n) {
  const field = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  await writeFile(
    path,
    rosterRows(n)
      .map((r) => r.map(field).join(','))
      .join('\r\n') + '\r\n',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeRosterFile(process.argv[2], Number(process.argv[3] ?? 100_000), { inline: process.argv[4] === 'inline' });
}
