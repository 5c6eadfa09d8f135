// What every report sheet prints above and below its table, as a document to
// sign and file: a title (who, year, what the table is), a line with 编制单位,
// the policy and 单位：元, and the lines to sign under the table.
import type { ResolvedPolicy } from '../engine/policy/resolve.js';
import type { Lang, Said } from '../engine/said.js';
import type { OutCell, SheetSpec } from './sheet-spec.js';

/** What the caller says about the report's heading (the CLI's --title). */
export interface ReportOptions {
  /** Who the report is for, at the head of every title, e.g. the county's name. */
  title?: string;
}

const ROUNDING_WORDS: Record<string, Said> = {
  'half-up': { zh: '四舍五入到分', en: 'rounded half-up to the fen' },
  'half-even': { zh: '四舍六入五成双到分', en: 'rounded half-even to the fen' },
  down: { zh: '舍去分以下', en: 'rounded down to the fen' },
};

/** "某县2025年度村（社区）运转经费核算结果": the title row of a sheet. */
export function sheetTitle(what: Said, year: number | string, lang: Lang, options: ReportOptions = {}): string {
  const who = options.title?.trim();
  return lang === 'zh'
    ? `${who ?? ''}${year}年度村（社区）运转经费${what.zh}`
    : `${who ? `${who}: ` : ''}village and community operating funds ${year}: ${what.en}`;
}

/** The policy a sheet's figures follow, in words of one language. */
export function policyWords(p: ResolvedPolicy, lang: Lang): string {
  const rounding = ROUNDING_WORDS[p.rounding]?.[lang] ?? p.rounding;
  return lang === 'zh'
    ? `政策：${p.policy.title.zh}（取${p.date}起生效的标准，${rounding}）`
    : `policy: ${p.policy.title.en} (the standard in force from ${p.date}, ${rounding})`;
}

const GAP = '\u3000\u3000\u3000\u3000'; // room to write by hand

/** The line under the title: 编制单位 to fill in, what the figures follow, and the unit of money. */
export function sheetSubtitle(about: string, lang: Lang, money: boolean): string {
  return lang === 'zh'
    ? `编制单位：${GAP}${GAP}\u3000\u3000${about}${money ? '\u3000\u3000单位：元' : ''}`
    : `Prepared by: ${GAP}${GAP}  ${about}${money ? '  Amounts in yuan' : ''}`;
}

/** The rows under a table to sign: a blank row, then 制表人 / 审核人 / 日期. */
export function signRows(lang: Lang): OutCell[][] {
  return [
    [],
    [
      lang === 'zh'
        ? `制表人：${GAP}${GAP}审核人：${GAP}${GAP}负责人：${GAP}${GAP}日期：${GAP}年\u3000\u3000月\u3000\u3000日`
        : `Prepared by: ${GAP}${GAP}Checked by: ${GAP}${GAP}Approved by: ${GAP}${GAP}Date:`,
    ],
  ];
}

/** A sheet with the sign lines under its rows. */
export function withSignRows(spec: SheetSpec, lang: Lang): SheetSpec {
  return { ...spec, rows: [...spec.rows, ...signRows(lang)] };
}
