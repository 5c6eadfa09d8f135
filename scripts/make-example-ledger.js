// Generates examples/county-ledger.xlsx: the 2025 payment ledger (拨付明细) for the units of
// examples/county-roster.xlsx, messy on purpose and holding every kind of exception the
// audit reports (see docs/audit.md). Deterministic: the same rows every run.
//   npm run build && node scripts/make-example-ledger.js
// then: node bin/village-funds.js audit examples/county-roster.xlsx --ledger examples/county-ledger.xlsx --year 2025
import ExcelJS from 'exceljs';
import { Calculator, resolvePolicy, builtinPolicy } from '../dist/index.js';
import { runCalc } from '../dist/workbook/calc-job.js';
import { openXlsxFile } from '../dist/node/read-xlsx.js';

const YEAR = 2025;
const here = (p) => new URL(p, import.meta.url).pathname;

// The example roster's units and their 2025 entitlements.
const calc = new Calculator(resolvePolicy(builtinPolicy(), YEAR));
const units = [];
await runCalc(openXlsxFile(here('../examples/county-roster.xlsx')).sheets, calc, (r) => void units.push(r.result));
const amount = (r, id) => r.lines.find((l) => l.line === id).amount;
// Units are picked by their place in the township's list (villages only), so the
// ledger follows the roster whatever the generated names are.
const villagesOf = (town) => units.filter((u) => u.unit.township === town && u.unit.type === 'village' && u.unit.name !== '中塘坝村');
const nth = (town, i) => {
  const u = villagesOf(town)[i];
  if (!u) throw new Error(`example roster has no village #${i} in ${town}`);
  return u;
};
const byName = (town, name) => {
  const u = units.find((x) => x.unit.township === town && x.unit.name === name);
  if (!u) throw new Error(`example roster has no ${name} in ${town}`);
  return u;
};
const d = (m, day, y = YEAR) => new Date(Date.UTC(y, m - 1, day));
const fw = (s) => String(s).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const num = (dec) => Number(dec.toFixed(2));
const grouped = (dec) => dec.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const wb = new ExcelJS.Workbook();
wb.creator = 'village-funds example';
wb.created = new Date(Date.UTC(2026, 0, 10));
wb.modified = wb.created;

// A cover sheet: not a ledger, noted and left alone.
const cover = wb.addWorksheet('说明');
cover.addRow(['XX县2025年村（社区）运转经费拨付明细']);
cover.addRow(['数据来源：国库集中支付系统导出，经乡镇财政所补录']);

// ---------------------------------------------------------------------------
// Sheet 1: 拨付明细 — 城关镇, 东风乡, 南河镇. Township, code and category columns,
// real Excel dates; payees written in committee forms now and then.
const main = wb.addWorksheet('拨付明细');
main.addRow(['XX县2025年村（社区）运转经费拨付明细账']);
main.mergeCells(1, 1, 1, 10);
main.addRow(['单位：元', null, null, null, null, null, null, null, null, '导出日期：2026-01-10']);
const H1 = ['序号', '拨付日期', '凭证号', '乡镇', '收款单位', '区划代码', '经费类别', '摘要', '拨付金额（元）', '备注'];
main.addRow(H1);
let seq = 0;
let voucher = 100;
const dateCol = 2;
/** Adds a payment row; the date cell gets a date format so hosts read it as a date. */
function pay(ws, cells) {
  const row = ws.addRow(cells);
  const c = row.getCell(dateCol);
  if (c.value instanceof Date) c.numFmt = 'yyyy-mm-dd';
  return row;
}
const payeeForm = (name, i) => {
  if (i % 9 === 1 && name.endsWith('村')) return `${name}村民委员会`;
  if (i % 9 === 4 && name.endsWith('村')) return `${name.slice(0, -1)}村委会`;
  if (i % 9 === 7 && name.endsWith('社区')) return `${name}居民委员会`;
  if (i % 13 === 5) return ` ${name} `;
  return name;
};

/** One character changed: a typing slip the matcher must offer, never accept. */
const oneOff = (name) => name.slice(0, 2) + (name[2] === '投' ? '头' : '投') + name.slice(3);

const special = {
  // 城关镇
  under: nth('城关镇', 2), // party-building paid 4,000 of 5,000
  over: nth('城关镇', 4), // activity funds 500 too many
  unpaidAll: nth('城关镇', 6), // nothing paid at all
  dupVoucher: byName('城关镇', '中塘坝村'), // the same voucher entered twice
  dupDate: nth('城关镇', 8), // same amount and date, another voucher
  early: nth('城关镇', 10), // first office instalment in December 2024
  late: nth('城关镇', 12), // second office instalment in January 2026
  reversal: nth('城关镇', 14), // paid to the wrong unit, reversed, re-paid
  nearMiss: nth('城关镇', 16), // payee written one character off (e.g. 东河头村 as 东河投村)
  codeWrong: nth('东风乡', 2), // code of another unit
  conflict: nth('东风乡', 4), // category and 摘要 disagree
  unpaidActivity: nth('南河镇', 2), // activity funds never paid
  tolerance: nth('南河镇', 4), // 0.50 short
};
// Cells of a party-building row written wrongly (the payment is still right).
const pbOverride = {
  [`城关镇/${nth('城关镇', 18).unit.name}`]: { date: '2025-02-30' }, // no such day
  [`城关镇/${nth('城关镇', 20).unit.name}`]: { date: null }, // date left empty
  [`东风乡/${nth('东风乡', 8).unit.name}`]: { code: '41012310' }, // not 12 digits
  [`东风乡/${nth('东风乡', 10).unit.name}`]: { code: '410123101999' }, // a code the roster does not have
  [`东风乡/${nth('东风乡', 12).unit.name}`]: { township: '东城镇', code: null }, // a township the roster does not have
  [`东风乡/${nth('东风乡', 14).unit.name}`]: { township: '东风', code: null }, // township without 乡: still matched
  [`南河镇/${nth('南河镇', 6).unit.name}`]: { value: (v) => `${v.toFixed(2)}4` }, // a fraction of a fen
};
const skipLine = new Set([`${special.unpaidAll.unit.name}@城关镇`]);

for (const town of ['城关镇', '东风乡', '南河镇']) {
  const list = units.filter((u) => u.unit.township === town);
  list.forEach((r, i) => {
    const u = r.unit;
    if (skipLine.has(`${u.name}@${town}`)) return;
    const code = i % 5 === 3 ? null : (u.code ?? null);
    const who = payeeForm(u.name, i);
    const row = (date, line, label, summary, value, extra = {}) =>
      pay(main, [
        ++seq,
        date,
        extra.voucher ?? `记-${String(++voucher).padStart(4, '0')}`,
        i % 6 === 2 ? null : town,
        extra.payee ?? who,
        extra.code === undefined ? code : extra.code,
        label,
        summary,
        value,
        extra.note ?? null,
      ]);
    const office = amount(r, 'office');
    const half = office.dividedBy(2);
    // Office funds in two instalments.
    if (r === special.early)
      row(d(12, 28, 2024), 'office', '办公经费', `预拨${u.name}2025年办公经费（上半年）`, num(half), { note: '上年末预拨' });
    else row(d(3, 20), 'office', '办公经费', `拨付${u.name}2025年办公经费（上半年）`, num(half));
    if (r === special.late)
      row(d(1, 6, 2026), 'office', '办公经费', `拨付${u.name}2025年办公经费（下半年）`, num(half), { note: '次年初补拨' });
    else if (r === special.nearMiss)
      row(d(9, 18), 'office', '办公经费', `拨付${oneOff(u.name)}2025年办公经费（下半年）`, num(half), {
        payee: oneOff(u.name),
        code: null,
      });
    else row(d(9, 18), 'office', '办公经费', `拨付${u.name}2025年办公经费（下半年）`, num(half));
    // Party-building funds.
    const pb = amount(r, 'partyBuilding');
    if (r === special.under) row(d(4, 15), 'partyBuilding', '党建经费', `拨付${u.name}党建经费`, num(pb.minus(1000)));
    else if (r === special.conflict)
      row(d(4, 15), 'partyBuilding', '党建经费', `拨付${u.name}办公经费`, num(pb), { note: '类别与摘要不一致' });
    else if (r === special.codeWrong)
      row(d(4, 15), 'partyBuilding', '党建经费', `拨付${u.name}党建经费`, num(pb), { code: nth('东风乡', 6).unit.code });
    else if (pbOverride[`${town}/${u.name}`]) {
      const o = pbOverride[`${town}/${u.name}`];
      const r2 = row(
        'date' in o ? o.date : d(4, 15),
        'partyBuilding',
        '党建经费',
        `拨付${u.name}党建经费`,
        o.value ? o.value(pb) : num(pb),
        { code: o.code },
      );
      if (o.township) r2.getCell(4).value = o.township;
    } else row(d(4, 15), 'partyBuilding', '党建经费', `拨付${u.name}党建经费`, num(pb));
    // Party-member activity funds.
    const ma = amount(r, 'memberActivity');
    if (r === special.unpaidActivity) {
      // never paid
    } else if (r === special.over) row(d(5, 20), 'memberActivity', '党员活动经费', `拨付${u.name}党员活动经费`, num(ma.plus(500)));
    else if (r === special.tolerance) row(d(5, 20), 'memberActivity', '党员活动经费', `拨付${u.name}党员活动经费`, num(ma.minus('0.5')));
    else if (r === special.dupVoucher) {
      row(d(5, 20), 'memberActivity', '党员活动经费', `拨付${u.name}党员活动经费`, num(ma), { voucher: '记-0777' });
      row(d(5, 20), 'memberActivity', '党员活动经费', `拨付${u.name}党员活动经费`, num(ma), { voucher: '记-0777', note: '重复录入' });
    } else if (r === special.dupDate) {
      row(d(5, 20), 'memberActivity', '党员活动经费', `拨付${u.name}党员活动经费`, num(ma));
      row(d(5, 20), 'memberActivity', '党员活动经费', `拨付${u.name}党员活动经费`, num(ma), { note: '同日同额' });
    } else row(d(5, 20), 'memberActivity', '党员活动经费', `拨付${u.name}党员活动经费`, num(ma));
    // Community service funds for urban communities.
    if (u.type === 'urbanCommunity')
      row(d(6, 10), 'communityService', '社区服务群众专项经费', `拨付${u.name}服务群众专项经费`, num(amount(r, 'communityService')));
    // A payment to the wrong unit, reversed (红字) and paid to the right one.
    if (r === special.reversal) {
      const wrong = list[i + 1].unit;
      pay(main, [
        ++seq,
        d(7, 1),
        '记-0901',
        town,
        wrong.name,
        wrong.code ?? null,
        '党员活动经费',
        `拨付${u.name}党员活动经费（错付${wrong.name}）`,
        num(ma),
        '错付',
      ]);
      pay(main, [
        ++seq,
        d(7, 3),
        '记-0902',
        town,
        wrong.name,
        wrong.code ?? null,
        '党员活动经费',
        `冲销错付${wrong.name}款项`,
        -num(ma),
        '红字冲销',
      ]);
    }
  });
  main.addRow([null, null, null, `${town}小计`]);
  main.addRow([]);
  if (town === '东风乡') main.addRow(H1); // the header again, as when two exports are pasted together
}
// A row whose amount cannot be read.
pay(main, [++seq, d(8, 8), '记-0888', '南河镇', '北林庙村', null, '办公经费', '拨付北林庙村办公经费（待核）', '待核', '金额待核实']);
main.addRow(['合计', null, null, null, null, null, null, null, { formula: `SUM(I4:I${main.rowCount})` }]);

// ---------------------------------------------------------------------------
// Sheet 2: 西山乡 — one township per sheet, no township or category column: the fund
// line is only in 摘要; dates and amounts typed as text in every form.
const xs = wb.addWorksheet('西山乡');
xs.addRow(['西山乡2025年村级经费拨付登记表']);
xs.addRow(['日期', '凭证编号', '单位名称', '摘要', '金额']);
const dateForms = [
  (m, day) => `${YEAR}.${String(m).padStart(2, '0')}.${String(day).padStart(2, '0')}`,
  (m, day) => `${YEAR}年${m}月${day}日`,
  (m, day) => `${YEAR}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  (m, day) => `${YEAR}/${m}/${day}`,
  (m, day) => fw(`${YEAR}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
];
const amountForms = [(v) => grouped(v), (v) => `${v.toFixed(2)}元`, (v) => fw(v.toFixed(0)), (v) => `¥${grouped(v)}`, (v) => num(v)];
const CAPITAL = {
  20000: '贰万元整',
  25000: '贰万伍仟元整',
  10000: '壹万元整',
  12500: '壹万贰仟伍佰元整',
  5000: '伍仟元整',
  3000: '叁仟元整',
  30000: '叁万元整',
};
let v2 = 500;
units
  .filter((r) => r.unit.township === '西山乡')
  .forEach((r, i) => {
    const u = r.unit;
    const name = i % 7 === 3 ? `${u.name.endsWith('村') ? u.name.slice(0, -1) + '村委会' : u.name + '居委会'}` : u.name;
    const form = (v, k) =>
      k === 0 && CAPITAL[v.toFixed(0)] && v.isInteger() ? CAPITAL[v.toFixed(0)] : amountForms[(i + k) % amountForms.length](v);
    const when = (m, day, k) => dateForms[(i + k) % dateForms.length](m, day);
    const row = (cells) => xs.addRow(cells);
    const office = amount(r, 'office');
    row([when(3, 15, 0), `西-${++v2}`, name, `拨付${u.name}${YEAR}年办公经费`, form(office, 0)]);
    row([when(4, 16, 1), `西-${++v2}`, name, `拨付${u.name}党建经费`, form(amount(r, 'partyBuilding'), 1)]);
    if (i !== 10) row([when(5, 21, 2), `西-${++v2}`, i === 5 ? null : name, `拨付${u.name}活动经费`, form(amount(r, 'memberActivity'), 2)]);
    if (u.type === 'urbanCommunity')
      row([when(6, 11, 3), `西-${++v2}`, name, `拨付${u.name}服务群众经费`, form(amount(r, 'communityService'), 3)]);
    if (i === 20) row([]);
  });
xs.addRow(['合计']);

// ---------------------------------------------------------------------------
// Sheet 3: 其他拨付 — no township column: payees must be unique in the county.
const other = wb.addWorksheet('其他拨付');
other.addRow(['日期', '凭证号', '收款单位', '资金用途', '摘要', '金额（元）']);
const villageOnly = nth('东风乡', 16).unit;
const communityForVillage = `${nth('东风乡', 18).unit.name.slice(0, -1)}社区`;
const prefixed = nth('南河镇', 8).unit;
const otherRows = [
  // ambiguous: 中塘坝村 is in all four townships
  [d(6, 30), '记-1001', '中塘坝村', '办公经费', '拨付中塘坝村办公经费', 2000],
  // unknown payee
  [d(7, 2), '记-1002', '红旗村', '党建经费', '拨付红旗村党建经费', 5000],
  // near miss in the county: 新设村 written 新设村村委 (one character off 新设村委会 form) -> 新社村
  [d(7, 3), '记-1003', '新社村', '党建经费', '拨付新社村党建经费', 5000],
  // community service funds to a village: no basis
  [d(7, 5), '记-1004', villageOnly.name, '社区服务群众专项经费', `拨付${villageOnly.name}服务群众专项经费`, 50000],
  // no fund line anywhere: unclassified
  [d(7, 8), '记-1005', '空心村', '补助', '拨付空心村补助资金', 8000],
  // two lines in one amount: unclassified
  [d(7, 9), '记-1006', '石门村', null, '拨付石门村办公经费及党建经费', 25000],
  // last year's arrears paid in 2025: counted, flagged
  [d(2, 10), '记-1007', '新设村', null, '补拨新设村2024年党员活动经费', 3000],
  // payee only in 摘要
  [d(7, 12), '记-1008', null, null, '拨付幸福西社区党员活动经费（补差）', 100],
  // 社区 for 村: a near miss, never matched silently
  [d(7, 15), '记-1009', communityForVillage, '办公经费', `拨付${communityForVillage}办公经费`, 1000],
  // a payee with a township prefix and committee form
  [d(7, 16), '记-1010', `${prefixed.township}${prefixed.name}村民委员会`, '党建经费', `拨付${prefixed.name}党建经费（补拨）`, 500],
];
for (const r of otherRows) pay(other, r);

await wb.xlsx.writeFile(here('../examples/county-ledger.xlsx'));
console.log('examples/county-ledger.xlsx written');
