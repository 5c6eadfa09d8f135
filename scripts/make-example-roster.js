// Generates examples/county-roster.xlsx: a county roster as real workbooks are,
// messy on purpose (see DOMAIN.md "What their workbooks look like").
// Deterministic: the same file content every run.   node scripts/make-example-roster.js
import ExcelJS from 'exceljs';

const A = '东西南北中上下前后新老大小';
const B = '河山湖岭坪庄沟湾塘桥店园林岗坡集寨堡营铺';
const C = '头口坝岔坎尾台寺庙场';
let seed = 7;
const rnd = (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed % n);
const fw = (s) => String(s).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function villageName(i) {
  return A[i % A.length] + B[(i * 7) % B.length] + C[(i * 3) % C.length];
}

/** Population written the ways people type it. */
function messyCount(n, i) {
  switch (i % 7) {
    case 0:
      return n;
    case 1:
      return String(n);
    case 2:
      return n.toLocaleString('en-US');
    case 3:
      return `${n}人`;
    case 4:
      return fw(n);
    case 5:
      return ` ${n} `;
    default:
      return n;
  }
}

const wb = new ExcelJS.Workbook();
wb.creator = 'village-funds example';
wb.created = new Date(Date.UTC(2025, 0, 6));
wb.modified = wb.created;

// A cover sheet with no roster: reported and left alone.
const cover = wb.addWorksheet('填报说明');
cover.addRow(['XX县2025年村（社区）运转经费测算表']);
cover.addRow(['填报单位：各乡镇（街道）财政所']);
cover.addRow(['说明：人口为户籍人口，党员人数为上年末数。']);

const townships = [
  { name: '城关镇', villages: 52, communities: 6 },
  { name: '东风乡', villages: 61, communities: 0 },
  { name: '南河镇', villages: 58, communities: 2 },
  { name: '西山乡', villages: 49, communities: 1 },
];
let k = 0;
for (const [ti, t] of townships.entries()) {
  const ws = wb.addWorksheet(t.name);
  ws.addRow([`${t.name}2025年村（社区）运转经费测算表`]);
  ws.mergeCells(1, 1, 1, 8);
  ws.addRow(['填报日期：2025年1月6日', null, null, null, null, null, '单位：人']);
  // Two-row header with merged cells: 党员人数 over 上年.
  const withType = ti !== 1; // 东风乡 has no type column: types come from the names.
  const h1 = withType
    ? ['序号', '统计用区划代码', '村(社区)名称', '类型', '户籍人口（人）', '党员人数', '备注']
    : ['序号', '统计用区划代码', '村（社区）名称', '户籍人口（人）', '党员人数', '备注'];
  const h2 = withType ? [null, null, null, null, null, '上年', null] : [null, null, null, null, '上年', null];
  ws.addRow(h1);
  ws.addRow(h2);
  ws.mergeCells(3, 1, 4, 1);
  ws.mergeCells(3, 2, 4, 2);
  ws.mergeCells(3, 3, 4, 3);
  let seq = 0;
  const units = [];
  // A common name found in every township (fine: names are unique per township only).
  for (let i = 0; i < t.villages; i++) units.push({ type: '村', name: i === 1 ? '中塘坝村' : villageName(k + i) + '村' });
  for (let i = 0; i < t.communities; i++)
    units.push({
      type: i === 0 && t.name === '南河镇' ? '农村社区' : '社区',
      name: `${['幸福', '和平', '建设', '人民', '解放', '新华'][i % 6]}${ti ? t.name.slice(0, 1) : ''}社区`,
    });
  for (const [i, u] of units.entries()) {
    seq++;
    // Populations around the 1,500 line, some exactly on it.
    let pop = u.type === '村' ? 600 + rnd(2400) : 3000 + rnd(9000);
    if (i % 17 === 3) pop = 1500;
    if (i % 19 === 5) pop = 1499;
    let members = u.type === '村' ? 10 + rnd(60) : 40 + rnd(150);
    if (i % 23 === 7) members = 30;
    if (i % 29 === 2) members = 31;
    const code = `4101${String(22 + ti).padStart(2, '0')}${String(100 + ti).padStart(3, '0')}${String(200 + seq).padStart(3, '0')}`;
    const name = i % 11 === 4 ? `${u.name}  ` : u.name; // trailing spaces
    const row = withType
      ? [seq, code, name, i % 13 === 6 && u.type === '村' ? null : u.type, messyCount(pop, i), messyCount(members, i + 3), null]
      : [seq, code, name, messyCount(pop, i), messyCount(members, i + 3), null];
    ws.addRow(row);
    if (i === Math.floor(units.length / 2)) {
      ws.addRow([]); // blank row
      ws.addRow(withType ? [null, null, '小计', null, null, null, null] : [null, null, '小计', null, null, null]);
      ws.addRow(h1); // header repeated mid-sheet, as when two printouts are pasted together
    }
  }
  k += t.villages;
  ws.addRow([]);
  ws.addRow(withType ? [null, null, '合计', null, '=SUM(E5:E90)', null, null] : [null, null, '合计', null, null, null]);
}

// The mistakes a real roster has, all in one township sheet.
const ws = wb.getWorksheet('西山乡');
const bad = [
  [900, '410125103901', '石门村', '村', '约1500', 40, '人口不是数字'],
  [901, '410125103902', '石门村', '村', 1200, 20, '同乡镇重名'],
  [902, '410125103903', null, '村', 1300, 25, '缺名称'],
  [903, '410125103904', '青石村', '村', '1500.5', 22, '人口不是整数'],
  [904, '410125103905', '白果村', '村', 1600, -3, '党员数为负'],
  [905, '410125103906', '=HYPERLINK("http://x","点我")', '村', 800, 12, '像公式的名称'],
  [906, '410125103907', '柳树村', '合作社', 900, 15, '类型不明'],
  [907, '410125103908', '新设村', '村', 1100, 18, '年中新设，在册6个月'],
  [908, '410125103909', '空心村', '村', 0, 0, '人口为零'],
];
for (const r of bad) ws.addRow(r);
ws.getRow(ws.rowCount).getCell(7).value = '人口为零';

await wb.xlsx.writeFile(new URL('../examples/county-roster.xlsx', import.meta.url).pathname);
console.log('examples/county-roster.xlsx written');
