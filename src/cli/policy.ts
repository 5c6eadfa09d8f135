// `village-funds policy show` and `policy check`.
import { readFile } from 'node:fs/promises';
import { PolicyError } from '../engine/policy/errors.js';
import { resolvePolicy } from '../engine/policy/resolve.js';
import { UNIT_TYPE_LABELS } from '../engine/unit.js';
import { policyJson } from '../workbook/policy-json.js';
import type { Lang } from '../engine/said.js';
import { UsageError } from './errors.js';
import { loadPolicyArg, parseYear } from './inputs.js';
import type { Io } from './io.js';

export async function policyShowCommand(o: { policy?: string; year?: string; json?: boolean; lang: Lang }, io: Io): Promise<number> {
  const p = policyJson(resolvePolicy(await loadPolicyArg(o.policy), parseYear(o.year)));
  if (o.json) {
    io.stdout.write(JSON.stringify(p, null, 2) + '\n');
    return 0;
  }
  const zh = o.lang === 'zh';
  const lines = [
    `${p.title[o.lang]} (${p.id})`,
    `${zh ? '年度' : 'year'} ${p.year}, ${zh ? '取值日' : 'values in force on'} ${p.date}, ${p.rounding}`,
  ];
  for (const l of p.lines) {
    lines.push(`- ${l.label[o.lang]} [${l.id}] ${zh ? '条款' : 'clause'} ${l.clause}`);
    for (const r of l.rules) {
      const params = r.params.map((x) => `${x.name}=${x.value} (${zh ? '自' : 'since'} ${x.since}; ${x.ref})`).join('; ');
      lines.push(`    ${UNIT_TYPE_LABELS[r.type][o.lang]}: ${r.kind}: ${params}`);
    }
  }
  if (p.organisation) {
    lines.push(zh ? `组织设置（按${p.organisation.attribute}）：` : `organisation (by ${p.organisation.attribute}):`);
    for (const l of p.organisation.levels) {
      const params = l.params.map((x) => `${x.name}=${x.value} (${zh ? '自' : 'since'} ${x.since}; ${x.ref})`).join('; ');
      lines.push(`- ${l.label[o.lang]} [${l.id}] ${l.inclusive ? '>=' : '>'} ${params}`);
    }
  }
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

export async function policyCheckCommand(file: string, o: { lang: Lang }, io: Io): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError({ zh: `无法读取政策文件：${file}`, en: `cannot read the policy file: ${file}` });
  }
  // As in loadPolicyArg: zod loads for a policy file only, not for `policy show`.
  const { parsePolicy } = await import('../engine/policy/load.js');
  try {
    const p = parsePolicy(text);
    io.stdout.write(
      o.lang === 'zh' ? `政策有效：${p.id}，${p.lines.length}个经费项目\n` : `policy is valid: ${p.id}, ${p.lines.length} lines\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    io.stderr.write((o.lang === 'zh' ? `政策文件无效：${file}` : `invalid policy: ${file}`) + '\n');
    for (const p of e.problems) io.stderr.write(`  ${p.path || '(root)'}: ${p[o.lang]}\n`);
    return 2;
  }
}
