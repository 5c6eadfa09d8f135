// The CUNJI cell functions, whatever application calls them (Excel's custom
// functions in src/addin/functions.ts, WPS's in src/wps/addin/main.ts): the
// built-in policy, resolved for a year, computes a unit made from the
// arguments. Bad arguments throw CellValueError (the cell shows #VALUE!, with
// the message in both languages), never a wrong number.
import { calculator, Decimal, toChineseCapital, validateUnit, type Calculator, type Unit, type UnitResult } from '../engine/index.js';
import { SaidError, saidOf, type Said } from '../engine/said.js';
import { parseCount } from '../workbook/numbers.js';
import { explanationText } from '../workbook/report.js';
import { unitTypeFromWord } from '../workbook/unit-types.js';

/** A bad argument: the cell shows #VALUE!; its message is the cell's text, Chinese then English ("zh / en"). */
export class CellValueError extends SaidError {
  /** The Excel error the cell shows. */
  readonly excelError = '#VALUE!';
  constructor(said: Said, cellText = `${said.zh} / ${said.en}`) {
    super(said);
    // The cell shows the message: both languages, not the English alone.
    this.message = cellText;
  }
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
    throw new CellValueError({
      zh: `年度应为1900至9999的整数：${String(y)}`,
      en: `year must be a whole number from 1900 to 9999: ${String(y)}`,
    });
  }
  let calc = calculators.get(y);
  if (!calc) {
    try {
      calc = calculator(y);
    } catch {
      throw new CellValueError({
        zh: `${y}年没有生效的经费标准（内置标准自2021年起施行）`,
        en: `no standard in force in ${y} (the built-in one applies from 2021)`,
      });
    }
    calculators.set(y, calc);
  }
  return calc;
}

function count(value: unknown, zh: string, en: string): number {
  const r = parseCount(value as Parameters<typeof parseCount>[0]);
  if (r.ok) return r.value;
  const shown = value === null || value === undefined || value === '' ? '（空）' : String(value);
  throw new CellValueError({
    zh: `${zh}应为不小于0的整数：${shown}`,
    en: `${en} must be a whole number >= 0: ${shown === '（空）' ? '(empty)' : shown}`,
  });
}

function compute(type: unknown, population: unknown, members: unknown, year: number | null | undefined): UnitResult {
  const unitType = typeof type === 'string' ? unitTypeFromWord(type) : undefined;
  if (!unitType) {
    throw new CellValueError({
      zh: `类型无效：${String(type ?? '')}，应为${TYPE_WORDS}`,
      en: `unknown type "${String(type ?? '')}"; use one of ${TYPE_WORDS}`,
    });
  }
  const unit: Unit = {
    township: '',
    name: 'CUNJI',
    type: unitType,
    population: count(population, '人口', 'population'),
    membersPrevYear: count(members, '上年度党员人数', "last year's party members"),
  };
  const problems = validateUnit(unit);
  if (problems.length)
    throw new CellValueError(
      { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
      problems.map((p) => `${p.zh} / ${p.en}`).join('; '),
    );
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

/** 办公经费（元） / office funds. */
export function office(type: string, population: number, members: number, year?: number): number {
  return lineAmount('office', type, population, members, year);
}

/** 党建经费（元） / party-building funds. */
export function partyBuilding(type: string, population: number, members: number, year?: number): number {
  return lineAmount('partyBuilding', type, population, members, year);
}

/** 党员活动经费（元） / party-member activity funds. */
export function activity(type: string, population: number, members: number, year?: number): number {
  return lineAmount('memberActivity', type, population, members, year);
}

/** 社区服务群众专项经费（元） / community service funds. */
export function service(type: string, population: number, members: number, year?: number): number {
  return lineAmount('communityService', type, population, members, year);
}

/** 经费合计（元） / the total of all lines. */
export function total(type: string, population: number, members: number, year?: number): number {
  return cellNumber(compute(type, population, members, year).total);
}

/** 核定说明（中文） / the explanation sentence (Chinese). */
export function explain(type: string, population: number, members: number, line?: string, year?: number): string {
  const r = compute(type, population, members, year);
  if (line === undefined || line === null || String(line).trim() === '') return explanationText(r, 'zh');
  const key = String(line).replace(/\s+/g, '').toLowerCase();
  const id = Object.keys(LINES).find((k) => LINES[k]!.includes(key));
  const found = id && r.lines.find((l) => l.line === id);
  if (!found) {
    throw new CellValueError({
      zh: `经费项目无效：${String(line)}，应为办公经费、党建经费、党员活动经费或社区服务群众专项经费`,
      en: `unknown fund line "${String(line)}"`,
    });
  }
  return found.explanation.text.zh;
}

/** 人民币大写 / an amount in Chinese capitals. */
export function daxie(amount: number): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new CellValueError({ zh: `金额应为数字：${String(amount)}`, en: `amount must be a number: ${String(amount)}` });
  }
  // Excel holds 15 significant digits: read the double as Excel shows it, then round to the fen.
  const value = new Decimal(amount.toPrecision(15));
  try {
    return toChineseCapital(value);
  } catch (e) {
    const said = saidOf(e);
    const message = e instanceof Error ? e.message : String(e);
    throw said ? new CellValueError(said) : new CellValueError({ zh: message, en: message }, message);
  }
}
