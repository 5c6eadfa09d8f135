/// <reference types="custom-functions-runtime" />
// Cell functions (namespace CUNJI, JavaScript-only custom-functions runtime):
// the host-neutral functions of src/pane/cell-functions.ts, whose errors
// become CustomFunctions.Error inside Excel. Metadata (src/addin/functions.json)
// is generated from the JSDoc below by custom-functions-metadata
// (scripts/make-functions-json.js, and custom-functions-metadata-plugin in
// webpack, whose loader appends the CustomFunctions.associate(...) calls to
// this file when it is bundled).
//
// Bad arguments throw #VALUE! with a message (CustomFunctions.Error), never a
// wrong number. Outside Excel (unit tests) the same errors are CellValueError.
import * as cell from '../pane/cell-functions.js';

/** Runs a cell function; inside Excel its CellValueError becomes CustomFunctions.Error (#VALUE! with the message). */
function inCell<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof cell.CellValueError && typeof CustomFunctions !== 'undefined' && typeof CustomFunctions.Error === 'function') {
      throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, e.message);
    }
    throw e;
  }
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
  return inCell(() => cell.office(type, population, members, year));
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
  return inCell(() => cell.partyBuilding(type, population, members, year));
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
  return inCell(() => cell.activity(type, population, members, year));
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
  return inCell(() => cell.service(type, population, members, year));
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
  return inCell(() => cell.total(type, population, members, year));
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
  return inCell(() => cell.explain(type, population, members, line, year));
}

/**
 * 金额的人民币大写，如 143000 → 壹拾肆万叁仟元整。An amount in Chinese capital numerals.
 * @customfunction DAXIE
 * @param amount 金额（元），四舍五入到分 / amount in yuan, rounded half-up to the fen
 * @returns 人民币大写 / the amount in Chinese capitals
 */
export function daxie(amount: number): string {
  return inCell(() => cell.daxie(amount));
}
