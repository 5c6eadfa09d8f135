// The kinds of problem the pane groups its lists by (问题清单 of a calc, 异常清单
// of an audit), named in words: an officer reads 重复付款, not DUPLICATE. The
// codes stay the machines' (JSON, the sheets' 代码 column); this is only their name.
import type { Said } from '../engine/said.js';
import type { RowIssue, Severity } from '../workbook/issues.js';
import type { IssueView, ProblemKindView } from './host.js';

const KIND_WORDS: Record<string, Said> = {
  // roster rows (calc and audit)
  MISSING_NAME: { zh: '缺少名称', en: 'no name' },
  MISSING_NUMBER: { zh: '缺少数字', en: 'number missing' },
  NOT_A_NUMBER: { zh: '不是数字', en: 'not a number' },
  NOT_INTEGER: { zh: '不是整数', en: 'not a whole number' },
  NEGATIVE: { zh: '负数', en: 'negative' },
  UNKNOWN_TYPE: { zh: '类型无法识别', en: 'type not recognised' },
  INVALID_UNIT: { zh: '单位数据不成立', en: 'unit not valid' },
  BAD_MONTHS: { zh: '在册月数有误', en: 'months active wrong' },
  BAD_CODE: { zh: '区划代码有误', en: 'division code wrong' },
  ERROR_VALUE: { zh: '单元格为错误值', en: 'error value in a cell' },
  DUPLICATE_NAME: { zh: '同名单位', en: 'same name in a township' },
  ZERO_POPULATION: { zh: '人口为0', en: 'population 0' },
  MEMBERS_ABOVE_POPULATION: { zh: '党员多于人口', en: 'more members than people' },
  VILLAGE_TOO_LARGE: { zh: '村人口过大', en: 'village too large' },
  TEXT_TOO_LONG: { zh: '文字超长已截断', en: 'text cut to fit a cell' },
  ORGANISATION_MISMATCH: { zh: '组织形式与党员数不符', en: 'organisation form unlike its member count' },
  UNKNOWN_ORGANISATION: { zh: '组织形式无法识别', en: 'organisation form not recognised' },
  // skipped rows and sheet notes
  BLANK_ROW: { zh: '空行', en: 'blank row' },
  SUBTOTAL_ROW: { zh: '小计、合计行', en: 'subtotal row' },
  REPEATED_HEADER: { zh: '重复表头', en: 'repeated header' },
  NO_HEADER: { zh: '未找到表头的工作表', en: 'sheet without a header' },
  csvEncoding: { zh: 'CSV 编码', en: 'CSV encoding' },
  NO_DATE_COLUMN: { zh: '没有日期列', en: 'no date column' },
  AMOUNT_IN_WAN: { zh: '金额以万元计', en: 'amounts in 10k yuan' },
  NAME_FORM: { zh: '名称按简称匹配', en: 'name matched in a short form' },
  // ledger rows (audit)
  MISSING_AMOUNT: { zh: '缺少金额', en: 'amount missing' },
  BAD_AMOUNT: { zh: '金额无法读取', en: 'amount unreadable' },
  UNKNOWN_PAYEE: { zh: '收款单位不在名册', en: 'payee not in the roster' },
  AMBIGUOUS_PAYEE: { zh: '收款单位对应多个单位', en: 'payee fits several units' },
  NOT_ENTITLED: { zh: '不应享受该经费', en: 'not entitled to the line' },
  UNCLASSIFIED: { zh: '经费项目无法判断', en: 'fund line unknown' },
  MULTIPLE_LINES: { zh: '摘要含多个经费项目', en: 'several fund lines named' },
  LINE_CONFLICT: { zh: '经费项目前后矛盾', en: 'fund lines conflict' },
  DUPLICATE: { zh: '疑似重复付款', en: 'suspected duplicate' },
  OUT_OF_YEAR: { zh: '不在审计年度', en: 'outside the audit year' },
  OTHER_YEAR_IN_SUMMARY: { zh: '摘要写的是其他年度', en: 'another year in the summary' },
  AFTER_AS_OF: { zh: '晚于截止日期', en: 'after the as-of date' },
  MISSING_DATE: { zh: '缺少日期', en: 'date missing' },
  BAD_DATE: { zh: '日期无法读取', en: 'date unreadable' },
  UNKNOWN_CODE: { zh: '区划代码不在名册', en: 'code not in the roster' },
  CODE_MISMATCH: { zh: '区划代码与单位不符', en: 'code unlike the unit' },
  CODE_NAME_MISMATCH: { zh: '区划代码与名称不符', en: 'code unlike the name' },
  UNKNOWN_TOWNSHIP: { zh: '乡镇不在名册', en: 'township not in the roster' },
  TOWNSHIP_MISMATCH: { zh: '乡镇与单位不符', en: 'township unlike the unit' },
  NEGATIVE_AMOUNT: { zh: '负数金额', en: 'negative amount' },
  ZERO_AMOUNT: { zh: '金额为0', en: 'zero amount' },
  FRACTION_OF_FEN: { zh: '金额不足一分', en: 'fraction of a fen' },
};

/** A code's name in words (the code itself for one this list does not know yet). */
export function kindWords(code: string): Said {
  return KIND_WORDS[code] ?? { zh: code, en: code };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The kinds among `items`, counted: errors first, then warnings, then notes; most frequent first within each. */
export function problemKinds(items: readonly Pick<RowIssue, 'code' | 'severity'>[]): ProblemKindView[] {
  const byKey = new Map<string, ProblemKindView>();
  for (const i of items) {
    const key = `${i.severity}:${i.code}`;
    const k = byKey.get(key);
    if (k) k.count++;
    else byKey.set(key, { code: i.code, severity: i.severity, label: kindWords(i.code), count: 1 });
  }
  return [...byKey.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count);
}

/** The issues the pane lists: errors first, then warnings, then notes; reading order within each; at most `limit`. */
export function issueViews<T extends RowIssue>(issues: readonly T[], limit: number, extra?: (i: T) => Partial<IssueView>): IssueView[] {
  return issues
    .map((issue, k) => ({ issue, k }))
    .sort((a, b) => SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] || a.k - b.k)
    .slice(0, limit)
    .map(({ issue: i }) => ({
      sheet: i.sheet,
      row: i.row,
      column: i.column,
      severity: i.severity,
      code: i.code,
      message: i.message,
      ...extra?.(i),
    }));
}
