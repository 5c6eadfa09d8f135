// The audit's exception codes and their bilingual texts. Each text follows the place
// prefix from workbook/issues.ts: 工作表「拨付明细」第12行E列「收款单位」：… /
// Sheet "拨付明细", row 12, column E (收款单位): …
import { formatYuan } from '../engine/format.js';
import type { Decimal } from '../engine/money.js';
import type { Cell } from '../workbook/cells.js';
import { type IssuePlace, type RowIssue, type Severity, makeIssue, shownValue } from '../workbook/issues.js';
import { type NotReadWhy, notReadText } from '../workbook/not-read.js';

export const LEDGER_WORDS = { zh: '拨付明细', en: 'payment ledger' };

export const AUDIT_ISSUE_CODES = [
  // sheet level (info)
  'NO_HEADER',
  'NO_DATE_COLUMN',
  'AMOUNT_IN_WAN',
  // a payee matched only after reducing committee forms (info)
  'NAME_FORM',
  // skipped rows (info)
  'BLANK_ROW',
  'REPEATED_HEADER',
  'SUBTOTAL_ROW',
  // rows whose amount cannot be read: not in any total (error)
  'MISSING_AMOUNT',
  'BAD_AMOUNT',
  'ERROR_VALUE',
  // payments, counted, needing attention (warning)
  'UNKNOWN_PAYEE',
  'AMBIGUOUS_PAYEE',
  'NOT_ENTITLED',
  'UNCLASSIFIED',
  'MULTIPLE_LINES',
  'LINE_CONFLICT',
  'DUPLICATE',
  'OUT_OF_YEAR',
  'OTHER_YEAR_IN_SUMMARY',
  'AFTER_AS_OF',
  'MISSING_DATE',
  'BAD_DATE',
  'BAD_CODE',
  'UNKNOWN_CODE',
  'CODE_MISMATCH',
  'CODE_NAME_MISMATCH',
  'UNKNOWN_TOWNSHIP',
  'TOWNSHIP_MISMATCH',
  'NEGATIVE_AMOUNT',
  'ZERO_AMOUNT',
  'FRACTION_OF_FEN',
] as const;
export type AuditIssueCode = (typeof AUDIT_ISSUE_CODES)[number];

const zq = (c: Cell): string => `“${shownValue(c)}”`;
const eq = (c: Cell): string => `"${shownValue(c)}"`;
const where = (sheet: string, row: number, here: string, lang: 'zh' | 'en') =>
  sheet === here
    ? lang === 'zh'
      ? `第${row}行`
      : `row ${row}`
    : lang === 'zh'
      ? `工作表「${sheet}」第${row}行`
      : `sheet "${sheet}", row ${row}`;

/** A roster unit named with its place, for messages that must tell two same-named units apart. */
export interface RosterUnitRef {
  township: string;
  name: string;
  code: string | null;
  sheet: string;
  row: number;
}

const issue = (p: IssuePlace, severity: Severity, code: AuditIssueCode, zh: string, en: string): RowIssue =>
  makeIssue(p, severity, code, zh, en);

export const auditIssue = {
  /** The sheet is not a ledger: empty, a chart sheet, or no header row (with the nearest candidate). */
  noHeader: (sheet: string, why: NotReadWhy): RowIssue => {
    const t = notReadText(why, LEDGER_WORDS, {
      zh: '需有金额列，以及收款单位或摘要列',
      en: 'needs an amount column and a payee or summary column',
    });
    return issue({ sheet, row: null, column: null }, 'info', 'NO_HEADER', t.zh, t.en);
  },
  noDateColumn: (sheet: string): RowIssue =>
    issue(
      { sheet, row: null, column: null },
      'info',
      'NO_DATE_COLUMN',
      '本表没有日期列，无法检查跨年度拨付',
      'this sheet has no date column; payments outside the budget year cannot be checked',
    ),
  amountInWan: (p: IssuePlace): RowIssue =>
    issue(p, 'info', 'AMOUNT_IN_WAN', '金额列以万元为单位，已换算为元', 'the amount column is in 万元 (10,000 yuan); converted to yuan'),

  blank: (p: IssuePlace, onlyOtherColumns: boolean): RowIssue =>
    onlyOtherColumns
      ? issue(
          p,
          'info',
          'BLANK_ROW',
          '本行没有收款单位、凭证号或金额（只有序号、备注等），已跳过',
          'no payee, voucher or amount in this row (only serial numbers, remarks or the like); skipped',
        )
      : issue(p, 'info', 'BLANK_ROW', '空行，已跳过', 'blank row; skipped'),
  repeatedHeader: (p: IssuePlace): RowIssue => issue(p, 'info', 'REPEATED_HEADER', '重复的表头行，已跳过', 'repeated header row; skipped'),
  subtotal: (p: IssuePlace, cell: Cell, amount: Decimal | null): RowIssue =>
    issue(
      p,
      'info',
      'SUBTOTAL_ROW',
      `${zq(cell)}是小计/合计行${amount ? `（金额${formatYuan(amount)}元）` : ''}，不是一笔拨付，未计入合计，已跳过`,
      `${eq(cell)} marks a subtotal/total row${amount ? ` (amount ${formatYuan(amount)})` : ''}, not a payment; not added to any total; skipped`,
    ),

  missingAmount: (p: IssuePlace): RowIssue =>
    issue(
      p,
      'error',
      'MISSING_AMOUNT',
      '本行有拨付信息但金额为空，未计入合计',
      'the row has payment details but no amount; not added to any total',
    ),
  badAmount: (p: IssuePlace, cell: Cell): RowIssue =>
    issue(p, 'error', 'BAD_AMOUNT', `金额${zq(cell)}无法识别，未计入合计`, `the amount ${eq(cell)} cannot be read; not added to any total`),

  unknownPayee: (p: IssuePlace, payee: string, suggestions: string[]): RowIssue =>
    payee === ''
      ? issue(
          p,
          'warning',
          'UNKNOWN_PAYEE',
          '收款单位为空，摘要中也找不到花名册中的单位，计入未匹配',
          'no payee, and the summary names no roster unit; counted as unmatched',
        )
      : issue(
          p,
          'warning',
          'UNKNOWN_PAYEE',
          `收款单位“${payee}”不在花名册中，计入未匹配（无依据）${suggestions.length ? `；是否为：${suggestions.join('、')}？` : ''}`,
          `the payee "${payee}" is not in the roster; counted as unmatched (no basis)${suggestions.length ? `; did you mean: ${suggestions.join(', ')}?` : ''}`,
        ),
  ambiguousPayee: (p: IssuePlace, payee: string, candidates: string[], form: string | null): RowIssue =>
    issue(
      p,
      'warning',
      'AMBIGUOUS_PAYEE',
      `收款单位“${payee}”${form ? `按规范名称“${form}”（去掉居委会、村委会等字样）` : ''}对应花名册中多个单位（${candidates.join('、')}），请注明乡镇或区划代码；计入未匹配`,
      `the payee "${payee}"${form ? ` in its plain form "${form}" (without 居委会, 村委会 and the like)` : ''} fits several roster units (${candidates.join(', ')}); give the township or division code; counted as unmatched`,
    ),
  /** Two roster units in one township share the name: only a division code can tell them apart. */
  ambiguousSameName: (p: IssuePlace, payee: string, form: string | null, candidates: RosterUnitRef[]): RowIssue => {
    const zh = candidates.map(
      (c) => `${c.township}“${c.name}”（${where(c.sheet, c.row, '', 'zh')}${c.code ? `，区划代码${c.code}` : ''}）`,
    );
    const en = candidates.map(
      (c) => `"${c.name}" of ${c.township} (${where(c.sheet, c.row, '', 'en')}${c.code ? `, code ${c.code}` : ''})`,
    );
    return issue(
      p,
      'warning',
      'AMBIGUOUS_PAYEE',
      `收款单位“${payee}”${form ? `按规范名称“${form}”` : ''}对应花名册中同一乡镇的同名单位：${zh.join('、')}，请在拨付明细中填写区划代码；计入未匹配`,
      `the payee "${payee}"${form ? ` (plain form "${form}")` : ''} fits units of the same name in one township: ${en.join(', ')}; add the division code to the ledger; counted as unmatched`,
    );
  },
  nameForm: (p: IssuePlace, payee: string, form: string, unit: string): RowIssue =>
    issue(
      p,
      'info',
      'NAME_FORM',
      `花名册中没有与“${payee}”写法相同的单位，按规范名称“${form}”（去掉居委会、村委会等字样）匹配到${unit}`,
      `no roster unit is written exactly "${payee}"; matched to ${unit} by its plain form "${form}" (without 居委会, 村委会 and the like)`,
    ),
  /** A payee matched after reading it as an administrative name: which form matched, so the match can be checked. */
  nameRead: (p: IssuePlace, payee: string, form: string, unit: string, how: { zh: string; en: string }): RowIssue =>
    issue(
      p,
      'info',
      'NAME_FORM',
      `收款单位“${payee}”按“${form}”匹配到${unit}（${how.zh}）`,
      `the payee "${payee}" matched ${unit} as "${form}" (${how.en})`,
    ),
  /** The payee's name carries a roster township other than the ledger's township column: not matched. */
  townshipMismatch: (p: IssuePlace, payee: string, written: string, column: string, suggestions: string[]): RowIssue =>
    issue(
      p,
      'warning',
      'TOWNSHIP_MISMATCH',
      `收款单位“${payee}”写明的乡镇“${written}”与乡镇列“${column}”不一致，未匹配，计入未匹配（无依据）${suggestions.length ? `；是否为：${suggestions.join('、')}？` : ''}`,
      `the payee "${payee}" names the township ${written} but the township column says ${column}; not matched, counted as unmatched (no basis)${suggestions.length ? `; did you mean: ${suggestions.join(', ')}?` : ''}`,
    ),
  notEntitled: (p: IssuePlace, unit: string, line: string): RowIssue =>
    issue(
      p,
      'warning',
      'NOT_ENTITLED',
      `${unit}不享受“${line}”，该笔拨付无依据`,
      `${unit} is not entitled to ${line}; the payment has no basis`,
    ),
  unclassified: (p: IssuePlace, text: string): RowIssue =>
    issue(
      p,
      'warning',
      'UNCLASSIFIED',
      `无法判断经费项目${text ? `（${zq(text)}）` : '（经费类别和摘要均未写明）'}，计入未分类`,
      `the fund line cannot be told${text ? ` (${eq(text)})` : ' (neither category nor summary names one)'}; counted as unclassified`,
    ),
  multipleLines: (p: IssuePlace, text: string, lines: string[]): RowIssue =>
    issue(
      p,
      'warning',
      'MULTIPLE_LINES',
      `${zq(text)}写了多个经费项目（${lines.join('、')}），一笔金额无法拆分，计入未分类`,
      `${eq(text)} names several fund lines (${lines.join(', ')}); one amount cannot be split; counted as unclassified`,
    ),
  lineConflict: (p: IssuePlace, category: string, summary: string): RowIssue =>
    issue(
      p,
      'warning',
      'LINE_CONFLICT',
      `经费类别为“${category}”，摘要却写的是“${summary}”，按经费类别计`,
      `the category says ${category} but the summary says ${summary}; counted by the category`,
    ),
  duplicate: (p: IssuePlace, voucher: string, first: { sheet: string; row: number; voucher: string }, by: 'voucher' | 'date'): RowIssue => {
    const v = (x: string, lang: 'zh' | 'en') =>
      x ? (lang === 'zh' ? `凭证号 ${x}` : `voucher ${x}`) : lang === 'zh' ? '无凭证号' : 'no voucher';
    return issue(
      p,
      'warning',
      'DUPLICATE',
      `疑似重复拨付：本笔（${v(voucher, 'zh')}）与${where(first.sheet, first.row, p.sheet, 'zh')}（${v(first.voucher, 'zh')}）相同——收款单位、经费项目、金额一致，且${by === 'voucher' ? '凭证号' : '日期'}相同（仍计入合计）`,
      `suspected duplicate payment: this one (${v(voucher, 'en')}) matches ${where(first.sheet, first.row, p.sheet, 'en')} (${v(first.voucher, 'en')}): same payee, fund line and amount, and the same ${by} (still counted)`,
    );
  },
  outOfYear: (p: IssuePlace, date: string, year: number): RowIssue =>
    issue(
      p,
      'warning',
      'OUT_OF_YEAR',
      `拨付日期${date}不在${year}年度内（${date < `${year}` ? '早于' : '晚于'}预算年度），仍计入合计`,
      `paid on ${date}, ${date < `${year}` ? 'before' : 'after'} the ${year} budget year; still counted`,
    ),
  otherYearInSummary: (p: IssuePlace, years: number[], year: number): RowIssue =>
    issue(
      p,
      'warning',
      'OTHER_YEAR_IN_SUMMARY',
      `摘要写的是${years.join('、')}年度的经费，审计年度为${year}，仍计入合计`,
      `the summary names the ${years.join(', ')} budget year, the audit is for ${year}; still counted`,
    ),
  afterAsOf: (p: IssuePlace, date: string, asOf: string): RowIssue =>
    issue(
      p,
      'warning',
      'AFTER_AS_OF',
      `拨付日期${date}晚于审计截止日${asOf}，仍计入合计`,
      `paid on ${date}, after the as-of date ${asOf}; still counted`,
    ),
  missingDate: (p: IssuePlace): RowIssue => issue(p, 'warning', 'MISSING_DATE', '拨付日期为空', 'the payment date is empty'),
  badDate: (p: IssuePlace, cell: Cell): RowIssue =>
    issue(p, 'warning', 'BAD_DATE', `日期${zq(cell)}无法识别`, `the date ${eq(cell)} cannot be read`),
  badCode: (p: IssuePlace, cell: Cell): RowIssue =>
    issue(p, 'warning', 'BAD_CODE', `区划代码${zq(cell)}应为12位数字，已忽略`, `division code ${eq(cell)} must be 12 digits; ignored`),
  unknownCode: (p: IssuePlace, code: string): RowIssue =>
    issue(
      p,
      'warning',
      'UNKNOWN_CODE',
      `区划代码${code}不在花名册中，已按名称匹配`,
      `division code ${code} is not in the roster; matched by name`,
    ),
  codeMismatch: (p: IssuePlace, code: string, unitCode: string): RowIssue =>
    issue(
      p,
      'warning',
      'CODE_MISMATCH',
      `区划代码${code}与花名册中该单位的代码${unitCode}不同，已按名称匹配，请核对`,
      `division code ${code} differs from the roster's ${unitCode} for this unit; matched by name, please check`,
    ),
  codeNameMismatch: (p: IssuePlace, code: string, payee: string, unitName: string): RowIssue =>
    issue(
      p,
      'warning',
      'CODE_NAME_MISMATCH',
      `按区划代码${code}匹配到“${unitName}”，但收款单位写的是“${payee}”，请核对`,
      `division code ${code} is "${unitName}" in the roster but the payee reads "${payee}"; please check`,
    ),
  unknownTownship: (p: IssuePlace, township: string): RowIssue =>
    issue(
      p,
      'warning',
      'UNKNOWN_TOWNSHIP',
      `乡镇“${township}”不在花名册中，按名称在全县匹配`,
      `township "${township}" is not in the roster; the name is matched county-wide`,
    ),
  negativeAmount: (p: IssuePlace, amount: Decimal): RowIssue =>
    issue(
      p,
      'warning',
      'NEGATIVE_AMOUNT',
      `金额为负（${formatYuan(amount)}元），按冲销（红字）处理，冲减已拨金额`,
      `negative amount (${formatYuan(amount)}); taken as a reversal that reduces what was paid`,
    ),
  zeroAmount: (p: IssuePlace): RowIssue => issue(p, 'warning', 'ZERO_AMOUNT', '金额为0', 'the amount is 0'),
  fractionOfFen: (p: IssuePlace, cell: Cell, amount: Decimal): RowIssue =>
    issue(
      p,
      'warning',
      'FRACTION_OF_FEN',
      `金额${zq(cell)}不足一分的部分已四舍五入为${formatYuan(amount)}元`,
      `the amount ${eq(cell)} has a fraction of a fen; rounded half-up to ${formatYuan(amount)}`,
    ),
};
