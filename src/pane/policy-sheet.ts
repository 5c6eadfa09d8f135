// Reading a 政策参数 sheet (as the calc writes it: one row per line, unit type
// and parameter, with its value, effective date and clause) back into a policy.
//
// The sheet holds the parameter values, not the rules' shapes (which attribute
// a bracket reads, rounding, labels), so it is read onto a base policy (the
// built-in one): each row sets the value in force from its date for the
// parameter it names; 组织设置 rows (经费项目编号 organisation) set its
// thresholds. A row that names a line, unit type or parameter the base policy
// does not have cannot be read back, and is reported as such.
import { paramNamed } from '../engine/kinds/index.js';
import { validatePolicy } from '../engine/policy/load.js';
import type { DatedValue } from '../engine/policy/param.js';
import type { Policy } from '../engine/policy/schema.js';
import type { Said } from '../engine/said.js';
import { UNIT_TYPES, UNIT_TYPE_LABELS, type UnitType } from '../engine/unit.js';
import { cellText, dateFromSerial, type Cell } from '../workbook/cells.js';
import { ORGANISATION_ROW } from '../workbook/report.js';
import { UserError } from './errors.js';

const HEADERS = { id: '经费项目编号', type: '适用类型', param: '参数', value: '取值', since: '生效日期', ref: '依据条款' } as const;

type ParamArray = DatedValue[];

function typeOf(text: string): UnitType | undefined {
  return UNIT_TYPES.find((t) => UNIT_TYPE_LABELS[t].zh === text || UNIT_TYPE_LABELS[t].en === text);
}

/** The dated values a 组织设置 parameter name ("branch.from", "generalBranch.below") points to. */
function organisationParam(policy: Policy, name: string): ParamArray | undefined {
  const m = /^([A-Za-z][A-Za-z0-9_]*)\.(from|below)\b/.exec(name);
  const level = m && policy.organisation?.levels.find((l) => l.id === m[1]);
  return level ? level[m[2] as 'from' | 'below'] : undefined;
}

/** Excel serial day number -> ISO date (1900 date system). */
function serialDate(n: number): string {
  return dateFromSerial(Math.round(n)).toISOString().slice(0, 10);
}

function sinceOf(c: Cell): string | undefined {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? undefined : c.toISOString().slice(0, 10);
  if (typeof c === 'number') return c > 1 && c < 2_958_466 ? serialDate(c) : undefined;
  const t = cellText(c).replace(/[/.]/g, '-');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
}

function valueOf(c: Cell): string | undefined {
  if (typeof c === 'number') return Number.isFinite(c) && c >= 0 ? String(c) : undefined;
  const t = cellText(c).replace(/,/g, '').replace(/元$/, '');
  return /^\d+(\.\d+)?$/.test(t) ? t : undefined;
}

export function policyFromSheet(rows: readonly (readonly Cell[])[], base: Policy): Policy {
  const headerAt = rows.findIndex((r) => r.some((c) => cellText(c) === HEADERS.id) && r.some((c) => cellText(c) === HEADERS.param));
  if (headerAt < 0)
    throw new UserError({
      zh: '无法从工作表「政策参数」读回政策：找不到“经费项目编号”“参数”“取值”等表头。',
      en: 'Cannot read a policy back from the sheet 政策参数: no header with 经费项目编号, 参数 and 取值.',
    });
  const header = rows[headerAt]!.map((c) => cellText(c));
  const col = Object.fromEntries(Object.entries(HEADERS).map(([k, h]) => [k, header.indexOf(h)])) as Record<keyof typeof HEADERS, number>;
  const missing = (['id', 'type', 'param', 'value', 'since'] as const).filter((k) => col[k] < 0).map((k) => HEADERS[k]);
  if (missing.length)
    throw new UserError({
      zh: `无法从工作表「政策参数」读回政策：缺少列 ${missing.join('、')}。`,
      en: `Cannot read a policy back from the sheet 政策参数: missing columns ${missing.join(', ')}.`,
    });

  const policy = structuredClone(base) as Policy;
  const problems: Said[] = [];
  const set = new Map<ParamArray, Map<string, string>>();
  let read = 0;
  for (let i = headerAt + 1; i < rows.length; i++) {
    const r = rows[i]!;
    const at = (k: keyof typeof HEADERS): Cell => (col[k] < 0 ? null : r[col[k]]);
    const id = cellText(at('id'));
    if (!id && r.every((c) => cellText(c) === '')) continue;
    const where = { zh: `第${i + 1}行`, en: `row ${i + 1}` };
    const say = (zh: string, en: string) => problems.push({ zh: `${where.zh}：${zh}`, en: `${where.en}: ${en}` });
    const line = policy.lines.find((l) => l.id === id);
    let param: ParamArray | undefined;
    const name = cellText(at('param'));
    if (!line && id === ORGANISATION_ROW.id) {
      param = organisationParam(policy, name);
      if (!param) {
        say(
          `组织设置没有参数「${name}」（该表只记录内置政策已有层级的取值，不含新的层级）`,
          `组织设置 has no parameter "${name}" (the sheet holds values of the built-in policy's levels, not new levels)`,
        );
        continue;
      }
    } else if (!line) {
      say(
        `经费项目「${id}」不在内置政策中（该表只记录参数取值，不含新项目的计算规则）`,
        `fund line "${id}" is not in the built-in policy (the sheet holds values, not new rules)`,
      );
      continue;
    } else {
      const typeText = cellText(at('type'));
      const type = typeOf(typeText);
      const rule = type && line.rules.find((x) => x.types.includes(type));
      if (!rule) {
        say(`「${id}」没有适用于「${typeText}」的规则`, `line "${id}" has no rule for "${typeText}"`);
        continue;
      }
      param = paramNamed(rule.calc, name);
      if (!param) {
        say(`「${id}」的计算方式没有参数「${name}」`, `line "${id}" has no parameter "${name}"`);
        continue;
      }
    }
    const value = valueOf(at('value'));
    const since = sinceOf(at('since'));
    if (value === undefined) {
      say(`取值应为不小于0的数字：${cellText(at('value'))}`, `the value must be a number >= 0: ${cellText(at('value'))}`);
      continue;
    }
    if (since === undefined) {
      say(`生效日期应写成 YYYY-MM-DD：${cellText(at('since'))}`, `the effective date must read YYYY-MM-DD: ${cellText(at('since'))}`);
      continue;
    }
    // A rule shared by several unit types appears once per type: the values must agree.
    const earlier = set.get(param)?.get(since);
    if (earlier !== undefined && earlier !== value) {
      say(
        `「${id}」的「${name}」在多个类型中取值不一致（${earlier} 与 ${value}）`,
        `"${name}" of "${id}" differs between unit types (${earlier} and ${value})`,
      );
      continue;
    }
    if (!set.has(param)) set.set(param, new Map());
    set.get(param)!.set(since, value);
    // The clause text as written (cellText would turn its full-width punctuation half-width).
    const refCell = at('ref');
    const ref = (typeof refCell === 'string' ? refCell.trim() : cellText(refCell)) || '工作表「政策参数」';
    const existing = param.find((v) => v.since === since);
    if (existing) {
      existing.value = value;
      existing.ref = ref;
    } else param.push({ since, value, ref });
    read++;
  }
  if (problems.length)
    throw new UserError({
      zh: `无法从工作表「政策参数」读回政策：${problems
        .slice(0, 6)
        .map((p) => p.zh)
        .join('；')}${problems.length > 6 ? '…' : ''}`,
      en: `Cannot read a policy back from the sheet 政策参数: ${problems
        .slice(0, 6)
        .map((p) => p.en)
        .join('; ')}${problems.length > 6 ? '…' : ''}`,
    });
  if (read === 0)
    throw new UserError({
      zh: '无法从工作表「政策参数」读回政策：表中没有参数行。',
      en: 'Cannot read a policy back from the sheet 政策参数: it has no parameter rows.',
    });
  policy.title = { zh: `${base.title.zh}（按工作表「政策参数」的取值）`, en: `${base.title.en} (values from the sheet 政策参数)` };
  return validatePolicy(policy);
}
