/// <reference types="custom-functions-runtime" />
// Cell functions (namespace CUNJI, JavaScript-only custom-functions runtime).
// They are the engine's: the built-in policy, resolved for a year, computes a
// unit made from the arguments. Metadata (src/addin/functions.json) is generated
// from the JSDoc below by custom-functions-metadata (scripts/make-functions-json.js,
// and custom-functions-metadata-plugin in webpack, whose loader appends the
// CustomFunctions.associate(...) calls to this file when it is bundled).
//
// Bad arguments throw #VALUE! with a message (CustomFunctions.Error), never a
// wrong number. Outside Excel (unit tests) the same errors are CellValueError.
import { calculator, Decimal, toChineseCapital, validateUnit, type Calculator, type Unit, type UnitResult } from '../engine/index.js';
import { parseCount } from '../workbook/numbers.js';
import { explanationText } from '../workbook/report.js';
import { unitTypeFromWord } from '../workbook/unit-types.js';

/** The error a function throws outside Excel, where CustomFunctions is not defined. */
export class CellValueError extends Error {
  /** The Excel error the cell shows. */
  readonly excelError = '#VALUE!';
  constructor(message: string) {
    super(message);
    this.name = 'CellValueError';
  }
}

/** #VALUE! with a message: CustomFunctions.Error inside Excel, CellValueError elsewhere. */
export function invalidValue(message: string): Error {
  if (typeof CustomFunctions !== 'undefined' && typeof CustomFunctions.Error === 'function') {
    return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message) as unknown as Error;
  }
  return new CellValueError(message);
}

const TYPE_WORDS = '村、行政村、社区、城市社区、居委会、农村社区';

/** Line ids of the built-in policy and the words EXPLAIN accepts for them. */
const LINES: Record<string, string[]> = {
  office: ['office', '办公经费', '办公'],
  partyBuilding: ['partybuilding', '党建经费', '党建'],
  memberActivity: ['memberactivity', 'activity', '党员活动经费', '活动经费', '党员活动'],
  communityService: ['communityservice', 'service', '社区服务群众专项经费', '服务群众专项经费', '服务群众经费', '社区服务'],
};

const calculators = new Map<number, Calculator>();

function calculatorFor(year: number | null | undefined): Calculator {
  const y = year ?? new Date().getFullYear();
  if (typeof y !== 'number' || !Number.isInteger(y) || y < 1900 || y > 9999) {
    throw invalidValue(`年度应为1900至9999的整数：${String(y)} / year must be a whole number from 1900 to 9999: ${String(y)}`);
  }
  let calc = calculators.get(y);
  if (!calc) {
    try {
      calc = calculator(y);
    } catch {
      throw invalidValue(
        `${y}年没有生效的经费标准（内置标准自2021年起施行） / no standard in force in ${y} (the built-in one applies from 2021)`,
      );
    }
    calculators.set(y, calc);
  }
  return calc;
}

function count(value: unknown, zh: string, en: string): number {
  const r = parseCount(value as Parameters<typeof parseCount>[0]);
  if (r.ok) return r.value;
  const shown = value === null || value === undefined || value === '' ? '（空）' : String(value);
  throw invalidValue(`${zh}应为不小于0的整数：${shown} / ${en} must be a whole number >= 0: ${shown === '（空）' ? '(empty)' : shown}`);
}

function compute(type: unknown, population: unknown, members: unknown, year: number | null | undefined): UnitResult {
  const unitType = typeof type === 'string' ? unitTypeFromWord(type) : undefined;
  if (!unitType) {
    throw invalidValue(
      `类型无效：${String(type ?? '')}，应为${TYPE_WORDS} / unknown type "${String(type ?? '')}"; use one of ${TYPE_WORDS}`,
    );
  }
  const unit: Unit = {
    township: '',
    name: 'CUNJI',
    type: unitType,
    population: count(population, '人口', 'population'),
    membersPrevYear: count(members, '上年度党员人数', "last year's party members"),
  };
  const problems = validateUnit(unit);
  if (problems.length) throw invalidValue(problems.map((p) => `${p.zh} / ${p.en}`).join('; '));
  return calculatorFor(year).unit(unit);
}

/** Money leaves Decimal only here, at the cell: a whole number of fen below 10^13 is exact as a double. */
function cellNumber(d: Decimal): number {
  return Number(d.toFixed(2));
}

function lineAmount(id: string, type: unknown, population: unknown, members: unknown, year: number | null | undefined): number {
  const r = compute(type, population, members, year);
  const line = r.lines.find((l) => l.line === id);
  return line ? cellNumber(line.amount) : 0;
}

/**
 * 办公经费（元）：1500人以下的村2万元，1500人及以上的村2.5万元，社区3万元。Office funds (yuan).
 * @customfunction OFFICE
 * @param type 类型：村、行政村、社区、城市社区、居委会、农村社区 / unit type
 * @param population 人口 / population
 * @param members 上年度党员人数 / party members at the end of last year
 * @param [year] 预算年度，默认今年 / budget year, this year if omitted
 * @returns 办公经费（元） / office funds in yuan
 */
export function office(type: string, population: number, members: number, year?: number): number {
  return lineAmount('office', type, population, members, year);
}

/**
 * 党建经费（元）：村5000元，社区5万元。Party-building funds (yuan).
 * @customfunction PARTYBUILDING
 * @param type 类型：村、行政村、社区、城市社区、居委会、农村社区 / unit type
 * @param population 人口 / population
 * @param members 上年度党员人数 / party members at the end of last year
 * @param [year] 预算年度，默认今年 / budget year, this year if omitted
 * @returns 党建经费（元） / party-building funds in yuan
 */
export function partyBuilding(type: string, population: number, members: number, year?: number): number {
  return lineAmount('partyBuilding', type, population, members, year);
}

/**
 * 党员活动经费（元）：上年度党员每人100元，不足30人按3000元。Party-member activity funds (yuan).
 * @customfunction ACTIVITY
 * @param type 类型：村、行政村、社区、城市社区、居委会、农村社区 / unit type
 * @param population 人口 / population
 * @param members 上年度党员人数 / party members at the end of last year
 * @param [year] 预算年度，默认今年 / budget year, this year if omitted
 * @returns 党员活动经费（元） / party-member activity funds in yuan
 */
export function activity(type: string, population: number, members: number, year?: number): number {
  return lineAmount('memberActivity', type, population, members, year);
}

/**
 * 社区服务群众专项经费（元）：城市社区5万元，村和农村社区为0。Community service funds (yuan).
 * @customfunction SERVICE
 * @param type 类型：村、行政村、社区、城市社区、居委会、农村社区 / unit type
 * @param population 人口 / population
 * @param members 上年度党员人数 / party members at the end of last year
 * @param [year] 预算年度，默认今年 / budget year, this year if omitted
 * @returns 社区服务群众专项经费（元） / community service funds in yuan
 */
export function service(type: string, population: number, members: number, year?: number): number {
  return lineAmount('communityService', type, population, members, year);
}

/**
 * 年度经费合计（元）。Annual total of all fund lines (yuan).
 * @customfunction TOTAL
 * @param type 类型：村、行政村、社区、城市社区、居委会、农村社区 / unit type
 * @param population 人口 / population
 * @param members 上年度党员人数 / party members at the end of last year
 * @param [year] 预算年度，默认今年 / budget year, this year if omitted
 * @returns 经费合计（元） / total funds in yuan
 */
export function total(type: string, population: number, members: number, year?: number): number {
  return cellNumber(compute(type, population, members, year).total);
}

/**
 * 核定说明：每项经费如何核定（一句话）。The explanation sentence (Chinese).
 * @customfunction EXPLAIN
 * @param type 类型：村、行政村、社区、城市社区、居委会、农村社区 / unit type
 * @param population 人口 / population
 * @param members 上年度党员人数 / party members at the end of last year
 * @param [line] 经费项目（办公经费、党建经费、党员活动经费、社区服务群众专项经费），省略为全部 / one fund line, all if omitted
 * @param [year] 预算年度，默认今年 / budget year, this year if omitted
 * @returns 核定说明 / how the amounts were set
 */
export function explain(type: string, population: number, members: number, line?: string, year?: number): string {
  const r = compute(type, population, members, year);
  if (line === undefined || line === null || String(line).trim() === '') return explanationText(r, 'zh');
  const key = String(line).replace(/\s+/g, '').toLowerCase();
  const id = Object.keys(LINES).find((k) => LINES[k]!.includes(key));
  const found = id && r.lines.find((l) => l.line === id);
  if (!found) {
    throw invalidValue(
      `经费项目无效：${String(line)}，应为办公经费、党建经费、党员活动经费或社区服务群众专项经费 / unknown fund line "${String(line)}"`,
    );
  }
  return found.explanation.text.zh;
}

/**
 * 金额的人民币大写，如 143000 → 壹拾肆万叁仟元整。An amount in Chinese capital numerals.
 * @customfunction DAXIE
 * @param amount 金额（元），四舍五入到分 / amount in yuan, rounded half-up to the fen
 * @returns 人民币大写 / the amount in Chinese capitals
 */
export function daxie(amount: number): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw invalidValue(`金额应为数字：${String(amount)} / amount must be a number: ${String(amount)}`);
  }
  // Excel holds 15 significant digits: read the double as Excel shows it, then round to the fen.
  const value = new Decimal(amount.toPrecision(15));
  try {
    return toChineseCapital(value);
  } catch (e) {
    throw invalidValue(e instanceof Error ? e.message : String(e));
  }
}
