// 付款明细: every payment in the ledger as resolved, so each figure ties back to a ledger row.
import type { Calculator } from '../engine/compute.js';
import { ZERO } from '../engine/money.js';
import type { Lang } from '../engine/said.js';
import { kindWords } from '../workbook/problem-words.js';
import type { ReportOptions } from '../workbook/report-heading.js';
import { moneyCell } from '../workbook/report.js';
import { AUDIT_SHEET_NAMES } from '../workbook/sheet-names.js';
import type { ColumnSpec, OutCell, SheetSpec } from '../workbook/sheet-spec.js';
import type { AuditOutcome, Bucket } from './outcome.js';
import { SHEET_WHAT, heading } from './sheet-heading.js';

const col = (header: string, kind: ColumnSpec['kind'], width: number, wrap = false): ColumnSpec =>
  wrap ? { header, kind, width, wrap } : { header, kind, width };

const BUCKET_WORDS: Record<Bucket, Record<Lang, string>> = {
  matched: { zh: '已匹配', en: 'matched' },
  unmatched: { zh: '未匹配', en: 'unmatched' },
  unclassified: { zh: '未分类', en: 'unclassified' },
};
const BY_WORDS = {
  code: { zh: '区划代码', en: 'code' },
  township: { zh: '乡镇+名称', en: 'township + name' },
  name: { zh: '名称（全县唯一）', en: 'name (unique)' },
} as const;

/** Appended to 匹配方式 when the name matched only in its plain form. */
const FORM_WORDS: Record<Lang, string> = { zh: '（规范名称）', en: ' (plain form)' };

export function paymentsSheet(calc: Calculator, o: AuditOutcome, lang: Lang, options: ReportOptions = {}): SheetSpec {
  const labels = new Map<string, string>();
  for (const l of o.lines) labels.set(l.line, l.lineLabel.zh);
  const rows: OutCell[][] = o.payments.map((p) => [
    p.sheet,
    p.row,
    p.date,
    p.voucher,
    p.township,
    p.payee,
    p.unit ? `${p.unit.name}（${p.unit.township}）` : null,
    p.matchedBy ? BY_WORDS[p.matchedBy][lang] + (p.nameRule === 'form' ? FORM_WORDS[lang] : '') : null,
    labels.get(p.line) ?? p.line,
    moneyCell(p.amount),
    BUCKET_WORDS[p.bucket][lang],
    p.codes.map((c) => kindWords(c)[lang]).join(lang === 'zh' ? '、' : ', '),
    p.codes.join(' '),
  ]);
  let sum = ZERO;
  for (const p of o.payments) sum = sum.plus(p.amount);
  rows.push([lang === 'zh' ? '合计' : 'total', null, null, null, null, null, null, null, null, moneyCell(sum)]);
  return {
    name: AUDIT_SHEET_NAMES.payments,
    ...heading(
      calc,
      o,
      SHEET_WHAT.payments,
      lang,
      options,
      lang === 'zh' ? '台账中每一笔拨付及其匹配结果' : 'every payment in the ledger and how it was matched',
    ),
    print: { orientation: 'landscape' },
    columns: [
      col('工作表', 'text', 10),
      col('行', 'integer', 5),
      col('日期', 'text', 10),
      col('凭证号', 'text', 10),
      col('乡镇（台账）', 'text', 10, true),
      col('收款单位（台账）', 'text', 14, true),
      col('匹配单位', 'text', 14, true),
      col('匹配方式', 'text', 10, true),
      col('经费项目', 'text', 12, true),
      col('金额', 'money', 11),
      col('归类', 'text', 7),
      col('异常', 'text', 16, true),
      col('异常代码', 'text', 12),
    ],
    rows,
    totalRows: [rows.length - 1],
  };
}
