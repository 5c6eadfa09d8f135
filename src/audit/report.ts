// The audit workbook as plain sheets: 审计比对, 异常清单, 审计汇总, 政策参数, and 付款明细
// (every payment as resolved, so each figure ties back to a ledger row).
import type { Calculator } from '../engine/compute.js';
import { formatYuan } from '../engine/format.js';
import { ZERO, type Decimal } from '../engine/money.js';
import { UNIT_TYPE_LABELS } from '../engine/unit.js';
import type { RowIssue } from '../workbook/issues.js';
import type { Lang } from '../engine/said.js';
import { moneyCell, policySheet } from '../workbook/report.js';
import { kindWords } from '../workbook/problem-words.js';
import { withSignRows, type ReportOptions } from '../workbook/report-heading.js';
import { SHEET_WHAT, heading } from './sheet-heading.js';
import { paymentsSheet } from './payments-sheet.js';
import { AUDIT_SHEET_NAMES } from '../workbook/sheet-names.js';
import type { CellFill, ColumnSpec, OutCell, SheetSpec } from '../workbook/sheet-spec.js';
import { STATUS_CODES, STATUS_WORDS, type AuditLine, type AuditOutcome, type StatusCode } from './outcome.js';

export { AUDIT_SHEET_NAMES }; // one source, workbook/sheet-names.ts; audit/index.ts re-exports it

/** Status cell colours (ARGB): green, amber, orange, red, purple. */
export const STATUS_FILLS: Record<StatusCode, string> = {
  match: 'FFC6EFCE',
  under: 'FFFFEB9C',
  over: 'FFF8CBAD',
  unpaid: 'FFFFC7CE',
  noBasis: 'FFD9D2E9',
};

const col = (header: string, kind: ColumnSpec['kind'], width: number, wrap = false): ColumnSpec =>
  wrap ? { header, kind, width, wrap } : { header, kind, width };
const place = (r: { sheet: string; row: number }) => `${r.sheet}!${r.row}`;

function explain(l: AuditLine, lang: Lang): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  const amount = formatYuan(l.variance.abs());
  switch (l.status) {
    case 'match':
      if (l.payments > 1) parts.push(zh ? `分${l.payments}笔拨付` : `paid in ${l.payments} instalments`);
      if (!l.variance.isZero())
        parts.push(zh ? `差额${formatYuan(l.variance)}元在容差内` : `variance ${formatYuan(l.variance)} within tolerance`);
      break;
    case 'under':
      parts.push(zh ? `少拨${amount}元` : `${amount} short`);
      break;
    case 'over':
      parts.push(zh ? `多拨${amount}元` : `${amount} over`);
      break;
    case 'unpaid':
      parts.push(
        l.payments > 0 ? (zh ? '拨付与冲销相抵，实拨为0' : 'payments and reversals net to 0') : zh ? '未见拨付记录' : 'no payment found',
      );
      break;
    case 'noBasis': {
      const type = l.type ? UNIT_TYPE_LABELS[l.type][lang] : '';
      const why = {
        unknownPayee: zh ? '收款单位不在花名册中' : 'payee not in the roster',
        ambiguousPayee: zh ? '收款单位对应花名册中多个单位' : 'payee fits several roster units',
        notEntitled: zh ? `该单位（${type}）不享受此项经费` : `the unit (${type}) is not entitled to this line`,
        unclassified: zh ? '经费项目不明' : 'fund line unknown',
      } as const;
      parts.push(why[l.reason ?? 'unknownPayee']);
      break;
    }
  }
  if (l.duplicates > 0) parts.push(zh ? `含疑似重复${l.duplicates}笔` : `${l.duplicates} suspected duplicate(s)`);
  if (l.outOfYear > 0) parts.push(zh ? `含跨年度拨付${l.outOfYear}笔` : `${l.outOfYear} paid outside the year`);
  return parts.join(zh ? '；' : '; ');
}

export function linesSheet(calc: Calculator, o: AuditOutcome, lang: Lang, options: ReportOptions = {}): SheetSpec {
  const asOf = o.asOf !== null;
  const columns: ColumnSpec[] = [
    col('状态', 'text', 6),
    col('乡镇', 'text', 10),
    col('名称', 'text', 14, true),
    col('类型', 'text', 8),
    col('区划代码', 'text', 13),
    col('经费项目', 'text', 12, true),
    col('应拨（全年）', 'money', 11, true),
    ...(asOf ? [col(`应拨（截至${o.asOf}）`, 'money', 11, true)] : []),
    col('已拨', 'money', 11),
    col(asOf ? '差额（已拨−截至应拨）' : '差额（已拨−应拨）', 'money', 11, true),
    col('笔数', 'integer', 5),
    col('凭证号', 'text', 12, true),
    col('拨付日期', 'text', 11, true),
    col('台账行', 'text', 12, true),
    col('说明', 'text', 24, true),
    col('花名册行', 'text', 10),
  ];
  const rows: OutCell[][] = [];
  const fills: (CellFill | undefined)[] = [];
  for (const l of o.lines) {
    rows.push([
      STATUS_WORDS[l.status],
      l.township,
      l.name || (lang === 'zh' ? '（收款单位为空）' : '(no payee)'),
      l.type ? UNIT_TYPE_LABELS[l.type].zh : '',
      l.code,
      l.lineLabel.zh,
      moneyCell(l.entitled),
      ...(asOf ? [moneyCell(l.expected)] : []),
      moneyCell(l.disbursed),
      moneyCell(l.variance),
      l.payments,
      l.vouchers.join('、'),
      [...new Set(l.ledgerRows.map((r) => r.date).filter((d) => d !== null))].join('、'),
      l.ledgerRows.map(place).join('、'),
      explain(l, lang),
      l.roster ? place(l.roster) : '',
    ]);
    fills.push({ column: 0, argb: STATUS_FILLS[l.status] });
  }
  // 合计 under the money columns: exactly the sum of the rows above (Decimal).
  let entitled = ZERO,
    expected = ZERO,
    disbursed = ZERO,
    variance = ZERO;
  for (const l of o.lines) {
    entitled = entitled.plus(l.entitled);
    expected = expected.plus(l.expected);
    disbursed = disbursed.plus(l.disbursed);
    variance = variance.plus(l.variance);
  }
  const totalRow = rows.length;
  rows.push([
    lang === 'zh' ? '合计' : 'total',
    null,
    null,
    null,
    null,
    null,
    moneyCell(entitled),
    ...(asOf ? [moneyCell(expected)] : []),
    moneyCell(disbursed),
    moneyCell(variance),
  ]);
  return withSignRows(
    {
      name: AUDIT_SHEET_NAMES.lines,
      ...heading(calc, o, SHEET_WHAT.lines, lang, options),
      print: { orientation: 'landscape' },
      columns,
      rows,
      fills,
      totalRows: [totalRow],
    },
    lang,
  );
}

const SEVERITY: Record<RowIssue['severity'], Record<Lang, string>> = {
  error: { zh: '错误（未计入）', en: 'error (not counted)' },
  warning: { zh: '异常（已计入）', en: 'exception (counted)' },
  info: { zh: '说明', en: 'note' },
};

/** Read first: where, how serious, what kind in words, about what; the code for machines last, narrow. */
export function exceptionsSheet(calc: Calculator, o: AuditOutcome, lang: Lang, options: ReportOptions = {}): SheetSpec {
  const rows: OutCell[][] = [];
  const targets: (string | undefined)[] = [];
  const link = (i: RowIssue) => (i.row === null ? undefined : `'${i.sheet.replace(/'/g, "''")}'!${i.column ?? 'A'}${i.row}`);
  for (const e of o.exceptions) {
    const severity =
      e.source === 'roster' ? (lang === 'zh' ? '花名册错误（未核算）' : 'roster error (not computed)') : SEVERITY[e.severity][lang];
    rows.push([
      e.source === 'roster' ? (lang === 'zh' ? '花名册' : 'roster') : lang === 'zh' ? '拨付明细' : 'ledger',
      e.sheet,
      e.row,
      e.column,
      severity,
      kindWords(e.code)[lang],
      e.payee,
      e.line === null ? null : lineLabel(o, e.line, lang),
      e.amount === null ? null : moneyCell(e.amount),
      e.voucher,
      e.date,
      e.message[lang],
      e.suggestion,
      e.code,
    ]);
    targets.push(e.source === 'ledger' ? link(e) : undefined);
  }
  // Roster warnings and notes: an issue without payee, line, amount or voucher.
  const plain = (source: string, level: string, i: RowIssue, target: string | undefined) => {
    rows.push([
      source,
      i.sheet,
      i.row,
      i.column,
      level,
      kindWords(i.code)[lang],
      null,
      null,
      null,
      null,
      null,
      i.message[lang],
      null,
      i.code,
    ]);
    targets.push(target);
  };
  const zh = lang === 'zh';
  // The roster is not in this workbook: no link.
  for (const w of o.rosterWarnings)
    plain(zh ? '花名册' : 'roster', zh ? '花名册警告（已核算）' : 'roster warning (computed)', w, undefined);
  for (const n of o.notes) plain(zh ? '拨付明细' : 'ledger', SEVERITY.info[lang], n, link(n));
  const counts =
    lang === 'zh'
      ? `异常${o.exceptions.length}项；${o.rosterWarnings.length ? `花名册警告${o.rosterWarnings.length}项；` : ''}另有说明${o.notes.length}项（跳过的空行、小计行、重复表头及工作表说明）`
      : `${o.exceptions.length} exceptions; ${o.rosterWarnings.length ? `${o.rosterWarnings.length} roster warnings; ` : ''}${o.notes.length} notes (skipped blank, subtotal and repeated-header rows, sheet notes)`;
  return {
    name: AUDIT_SHEET_NAMES.exceptions,
    ...heading(calc, o, SHEET_WHAT.exceptions, lang, options, counts),
    print: { orientation: 'landscape' },
    columns: [
      col('来源', 'text', 8),
      col('工作表', 'text', 10),
      col('行', 'integer', 5),
      col('列', 'text', 4),
      col('级别', 'text', 10, true),
      col('问题', 'text', 12, true),
      col('收款单位', 'text', 14, true),
      col('经费项目', 'text', 12, true),
      col('金额', 'money', 11),
      col('凭证号', 'text', 10),
      col('日期', 'text', 10),
      col('说明', 'text', 40, true),
      col('建议', 'text', 20, true),
      col('代码', 'text', 10),
    ],
    rows,
    links: { column: 11, targets },
  };
}

function lineLabel(o: AuditOutcome, line: string, lang: Lang): string {
  for (const l of o.lines) if (l.line === line) return l.lineLabel[lang];
  for (const t of o.townships) for (const s of t.lines) if (s.line === line) return s.lineLabel[lang];
  return line;
}

export function summarySheet(calc: Calculator, o: AuditOutcome, lang: Lang, options: ReportOptions = {}): SheetSpec {
  const asOf = o.asOf !== null;
  const columns: ColumnSpec[] = [
    col('乡镇', 'text', 12),
    col('经费项目', 'text', 22, true),
    col('应拨（全年）', 'money', 16, true),
    ...(asOf ? [col(`应拨（截至${o.asOf}）`, 'money', 16, true)] : []),
    col('已拨', 'money', 16),
    col(asOf ? '差额（已拨−截至应拨）' : '差额（已拨−应拨）', 'money', 16, true),
    ...STATUS_CODES.map((s) => col(STATUS_WORDS[s], 'integer', 7)),
  ];
  const rows: OutCell[][] = [];
  const totalRows: number[] = [];
  type Sum = { entitled: Decimal; expected: Decimal; disbursed: Decimal; variance: Decimal; counts: Record<StatusCode, number> };
  const add = (a: Sum | undefined, b: Sum): Sum =>
    a
      ? {
          entitled: a.entitled.plus(b.entitled),
          expected: a.expected.plus(b.expected),
          disbursed: a.disbursed.plus(b.disbursed),
          variance: a.variance.plus(b.variance),
          counts: Object.fromEntries(STATUS_CODES.map((s) => [s, a.counts[s] + b.counts[s]])) as Record<StatusCode, number>,
        }
      : { ...b, counts: { ...b.counts } };
  const row = (town: string, label: string, s: Sum, total: boolean) => {
    if (total) totalRows.push(rows.length);
    rows.push([
      town,
      label,
      moneyCell(s.entitled),
      ...(asOf ? [moneyCell(s.expected)] : []),
      moneyCell(s.disbursed),
      moneyCell(s.variance),
      ...STATUS_CODES.map((c) => s.counts[c]),
    ]);
  };
  const county = new Map<string, { label: string; sum: Sum }>();
  let all: Sum | undefined;
  for (const t of o.townships) {
    let town: Sum | undefined;
    for (const l of t.lines) {
      row(t.township, l.lineLabel.zh, l, false);
      town = add(town, l);
      const c = county.get(l.line);
      county.set(l.line, { label: l.lineLabel.zh, sum: add(c?.sum, l) });
    }
    if (town) {
      row(t.township, '小计', town, true);
      all = add(all, town);
    }
  }
  const lineOrder = [...calc.lineIds, 'unclassified'];
  for (const id of lineOrder) {
    const c = county.get(id);
    if (c) row('全县', c.label, c.sum, false);
  }
  if (all) row('全县', '合计', all, true);

  // Control totals.
  rows.push([]);
  const zh = lang === 'zh';
  const width = columns.length;
  const pad = (cells: OutCell[]) => [...cells, ...new Array(Math.max(0, width - cells.length)).fill(null)];
  const m = (d: Decimal) => moneyCell(d);
  totalRows.push(rows.length);
  rows.push(pad([zh ? '控制合计' : 'control totals', zh ? '项目' : 'item', zh ? '金额' : 'amount']));
  const t = o.totals;
  const items: [string, string, Decimal][] = [
    ['台账金额合计', 'ledger total', t.disbursed],
    ['其中：已匹配', 'of which matched', t.matched],
    ['其中：未匹配（收款单位不明或不唯一）', 'of which unmatched (payee unknown or ambiguous)', t.unmatched],
    ['其中：未分类（经费项目不明）', 'of which unclassified (fund line unknown)', t.unclassified],
    ['应拨合计（审计比对）', 'entitlements (audit lines)', t.entitled],
    ['核算结果合计（同一名册、政策、年度）', 'calc total (same roster, policy, year)', t.calcTotal],
    ...(asOf ? ([[`截至${o.asOf}应拨合计`, `due by ${o.asOf}`, t.expected]] as [string, string, Decimal][]) : []),
    [asOf ? '差额（已拨−截至应拨）' : '差额（已拨−应拨）', 'variance (disbursed − due)', t.variance],
  ];
  for (const [z, e, v] of items) rows.push(pad(['', zh ? z : e, m(v)]));
  rows.push([]);
  totalRows.push(rows.length);
  rows.push(pad([zh ? '核对' : 'check', zh ? '等式' : 'equation', zh ? '左边' : 'left', zh ? '右边' : 'right', zh ? '结果' : 'result']));
  const r = o.rows.ledger;
  for (const c of o.controls) {
    const ties = c.ties ? (zh ? '一致' : 'ties') : zh ? '不一致' : 'DOES NOT TIE';
    if (c.id === 'ledgerRows')
      rows.push(pad(['', `${c.label[lang]}：${r.read} = ${r.payments} + ${r.rejected} + ${r.skipped}`, null, null, ties]));
    else rows.push(pad(['', c.label[lang], m(c.left), m(c.right), ties]));
  }
  return withSignRows(
    {
      name: AUDIT_SHEET_NAMES.summary,
      ...heading(calc, o, SHEET_WHAT.summary, lang, options),
      print: { orientation: 'landscape', onePage: true },
      columns,
      rows,
      totalRows,
    },
    lang,
  );
}

/** The audit workbook's sheets, in order, each built when called (a writer can hold one at a time). */
export function auditSheetBuilders(calc: Calculator, o: AuditOutcome, lang: Lang, options: ReportOptions = {}): (() => SheetSpec)[] {
  return [
    () => linesSheet(calc, o, lang, options),
    () => exceptionsSheet(calc, o, lang, options),
    () => summarySheet(calc, o, lang, options),
    () => policySheet(calc.policy, lang, options),
    () => paymentsSheet(calc, o, lang, options),
  ];
}

/** The audit workbook's sheets, in order. */
export function auditSheets(calc: Calculator, o: AuditOutcome, lang: Lang, options: ReportOptions = {}): SheetSpec[] {
  return auditSheetBuilders(calc, o, lang, options).map((build) => build());
}
