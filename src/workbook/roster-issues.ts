// The roster reader's issue codes and their bilingual texts. Each text follows the place
// prefix from issues.ts: 工作表「城关镇」第12行D列「人口」：… / Sheet "城关镇", row 12, column D (人口): …
import type { Said } from '../engine/said.js';
import { type Cell, EXCEL_CELL_CHARS } from './cells.js';
import { type IssuePlace, type RowIssue, makeIssue, shownValue } from './issues.js';
import type { CountFailure } from './numbers.js';
import type { FirstSeen } from './duplicates.js';
import { type NotReadWhy, notReadText } from './not-read.js';

export const ROSTER_ISSUE_CODES = [
  // sheet level
  'NO_HEADER',
  // skipped rows (info)
  'BLANK_ROW',
  'REPEATED_HEADER',
  'SUBTOTAL_ROW',
  // rejected rows (error)
  'MISSING_NAME',
  'NOT_A_NUMBER',
  'NOT_INTEGER',
  'NEGATIVE',
  'MISSING_NUMBER',
  'UNKNOWN_TYPE',
  'BAD_CODE',
  'BAD_MONTHS',
  'ERROR_VALUE',
  // defensive: the engine's validateUnit disagreed with what was read (should not happen)
  'INVALID_UNIT',
  // computed with a warning
  'MEMBERS_ABOVE_POPULATION',
  'ZERO_POPULATION',
  'VILLAGE_TOO_LARGE',
  'DUPLICATE_NAME',
  'TEXT_TOO_LONG',
  'FORMULA_LIKE_TEXT',
  'UNKNOWN_ORGANISATION',
  'ORGANISATION_MISMATCH',
] as const;

/** Above this a "village" is almost surely a typo or a community. */
export const VILLAGE_POPULATION_LIMIT = 100_000;

const zq = (c: Cell): string => `“${shownValue(c)}”`;
const eq = (c: Cell): string => `"${shownValue(c)}"`;

export const ROSTER_WORDS = { zh: '花名册', en: 'roster' };
const ROSTER_NEEDS = { zh: '需有名称、人口、上年度党员人数列', en: "needs name, population and last year's party-member columns" };

export const rosterIssue = {
  /** The sheet is not a roster: empty, a chart sheet, or no header row (with the nearest candidate). */
  notRoster: (sheet: string, why: NotReadWhy, severity: 'info' | 'error'): RowIssue => {
    const t = notReadText(why, ROSTER_WORDS, ROSTER_NEEDS);
    return makeIssue({ sheet, row: null, column: null }, severity, 'NO_HEADER', t.zh, t.en);
  },

  /** A header was found, but the columns chosen for it leave out a required field. */
  noHeader: (sheet: string, missing: Said[], severity: 'info' | 'error'): RowIssue =>
    makeIssue(
      { sheet, row: null, column: null },
      severity,
      'NO_HEADER',
      `表头缺少必需的列：${missing.map((m) => m.zh).join('、')}，本表未读取`,
      `the header lacks required columns: ${missing.map((m) => m.en).join(', ')}; sheet not read`,
    ),

  blank: (p: IssuePlace, onlyOtherColumns: boolean): RowIssue =>
    onlyOtherColumns
      ? makeIssue(
          p,
          'info',
          'BLANK_ROW',
          '本行没有村（社区）数据（只有序号、备注等），已跳过',
          'no village or community data in this row (only serial numbers, remarks or the like); skipped',
        )
      : makeIssue(p, 'info', 'BLANK_ROW', '空行，已跳过', 'blank row; skipped'),

  repeatedHeader: (p: IssuePlace): RowIssue =>
    makeIssue(p, 'info', 'REPEATED_HEADER', '重复的表头行，已跳过', 'repeated header row; skipped'),

  subtotal: (p: IssuePlace, cell: Cell): RowIssue =>
    makeIssue(
      p,
      'info',
      'SUBTOTAL_ROW',
      `${zq(cell)}是小计/合计行，不作为单位计算，已跳过`,
      `${eq(cell)} marks a subtotal/total row, not a unit; skipped`,
    ),

  missingName: (p: IssuePlace): RowIssue => makeIssue(p, 'error', 'MISSING_NAME', '本行有数据但名称为空', 'the row has data but no name'),

  count: (p: IssuePlace, cell: Cell, reason: CountFailure): RowIssue => {
    switch (reason) {
      case 'empty':
        return makeIssue(p, 'error', 'MISSING_NUMBER', '为空，须填写人数', 'is empty; a number is required');
      case 'notNumber':
        return makeIssue(p, 'error', 'NOT_A_NUMBER', `${zq(cell)}不是数字`, `${eq(cell)} is not a number`);
      case 'notInteger':
        return makeIssue(p, 'error', 'NOT_INTEGER', `${zq(cell)}不是整数`, `${eq(cell)} is not an integer`);
      case 'negative':
        return makeIssue(p, 'error', 'NEGATIVE', `${zq(cell)}是负数`, `${eq(cell)} is negative`);
    }
  },

  unknownType: (p: IssuePlace, cell: Cell): RowIssue =>
    makeIssue(
      p,
      'error',
      'UNKNOWN_TYPE',
      `无法识别的类型${zq(cell)}（应为村、社区（城市社区）或农村社区）`,
      `unknown type ${eq(cell)} (expected 村 village, 社区/城市社区 urban community or 农村社区 rural community)`,
    ),

  uninferableType: (p: IssuePlace, name: string): RowIssue =>
    makeIssue(
      p,
      'error',
      'UNKNOWN_TYPE',
      `类型为空，且无法从名称“${name}”判断是村还是社区，请填写类型`,
      `type is empty and the name "${name}" does not tell whether it is a village or a community; fill in the type`,
    ),

  badCode: (p: IssuePlace, cell: Cell): RowIssue =>
    makeIssue(p, 'error', 'BAD_CODE', `区划代码${zq(cell)}应为12位数字`, `division code ${eq(cell)} must be 12 digits`),

  badMonths: (p: IssuePlace, cell: Cell): RowIssue =>
    makeIssue(
      p,
      'error',
      'BAD_MONTHS',
      `在册月数${zq(cell)}应为1至12的整数`,
      `months active ${eq(cell)} must be a whole number from 1 to 12`,
    ),

  invalidUnit: (p: IssuePlace, zh: string, en: string): RowIssue => makeIssue(p, 'error', 'INVALID_UNIT', zh, en),

  membersAbovePopulation: (p: IssuePlace, members: number, population: number): RowIssue =>
    makeIssue(
      p,
      'warning',
      'MEMBERS_ABOVE_POPULATION',
      `党员人数${members}多于人口${population}，请核对`,
      `party members (${members}) exceed population (${population}); please check`,
    ),

  zeroPopulation: (p: IssuePlace): RowIssue =>
    makeIssue(p, 'warning', 'ZERO_POPULATION', '人口为0，请核对', 'population is 0; please check'),

  villageTooLarge: (p: IssuePlace, population: number): RowIssue =>
    makeIssue(
      p,
      'warning',
      'VILLAGE_TOO_LARGE',
      `村人口${population}超过${VILLAGE_POPULATION_LIMIT}，请核对是否多录了位数或应为社区`,
      `a village of ${population} people (over ${VILLAGE_POPULATION_LIMIT}); check for an extra digit or whether it is a community`,
    ),

  /** A name or township starting with = + - @: kept as text, never a formula, but the officer should know. */
  formulaLike: (p: IssuePlace, text: string): RowIssue =>
    makeIssue(
      p,
      'warning',
      'FORMULA_LIKE_TEXT',
      `“${text}”以 ${text[0]} 开头，形似公式；已按文字核算并写出（不会被当作公式），请核对名称`,
      `"${text}" starts with ${text[0]} like a formula; computed and written as text (never as a formula); please check the name`,
    ),

  textTooLong: (p: IssuePlace, length: number): RowIssue =>
    makeIssue(
      p,
      'warning',
      'TEXT_TOO_LONG',
      `内容长达${length.toLocaleString('en-US')}个字符，超过 Excel 单元格上限 ${EXCEL_CELL_CHARS.toLocaleString('en-US')} 个字符，已截断后核算`,
      `${length.toLocaleString('en-US')} characters, over Excel's ${EXCEL_CELL_CHARS.toLocaleString('en-US')} a cell: cut to that before computing`,
    ),

  unknownOrganisation: (p: IssuePlace, cell: Cell): RowIssue =>
    makeIssue(
      p,
      'warning',
      'UNKNOWN_ORGANISATION',
      `组织形式${zq(cell)}无法识别（应为党支部、党总支、党委、联合党支部或无），未核对组织设置`,
      `party organisation ${eq(cell)} not recognised (branch, general branch, committee, joint branch or none); not checked`,
    ),

  organisationMismatch: (p: IssuePlace, actual: Said, why: Said): RowIssue =>
    makeIssue(
      p,
      'warning',
      'ORGANISATION_MISMATCH',
      `现有组织形式为“${actual.zh}”，与组织设置不符：${why.zh}`,
      `the unit has a ${actual.en}, not what its members call for: ${why.en}`,
    ),

  duplicateName: (p: IssuePlace, township: string, name: string, first: FirstSeen): RowIssue => {
    const sameSheet = first.sheet === p.sheet;
    const zhWhere = sameSheet ? `第${first.row}行` : `工作表「${first.sheet}」第${first.row}行`;
    const enWhere = sameSheet ? `row ${first.row}` : `sheet "${first.sheet}", row ${first.row}`;
    return makeIssue(
      p,
      'warning',
      'DUPLICATE_NAME',
      `「${township}」已有同名单位“${name}”（${zhWhere}），请核对是否重复录入`,
      `"${name}" in ${township} already appears at ${enWhere}; check for a duplicate entry`,
    );
  },
};
