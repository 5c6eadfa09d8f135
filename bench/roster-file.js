// Writes a synthetic county roster .xlsx of N rows (streaming writer) for the
// calc benchmark and the large-file test. Same content for the same N. Text is
// in the shared strings table, or inline in the sheet with { inline: true }
// (as exceljs's streaming writer and several other systems save).
import ExcelJS from 'exceljs';
import { syntheticUnits } from './synthetic.js';

const TYPE_WORDS = { village: '村', urbanCommunity: '社区', ruralCommunity: '农村社区' };

export async function writeRosterFile(path, n, { inline = false } = {}) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: !inline, useStyles: false });
  const ws = wb.addWorksheet('全县');
  ws.addRow(['全县村（社区）名册']).commit();
  ws.addRow(['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数']).commit();
  const units = syntheticUnits(n);
  for (let i = 0; i < n; i++) {
    const u = units[i];
    ws.addRow([u.township, u.name, TYPE_WORDS[u.type], u.population, u.membersPrevYear]).commit();
    if (i % 5000 === 0) await new Promise((r) => setImmediate(r));
  }
  await ws.commit();
  await wb.commit();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeRosterFile(process.argv[2], Number(process.argv[3] ?? 100_000), { inline: process.argv[4] === 'inline' });
}
