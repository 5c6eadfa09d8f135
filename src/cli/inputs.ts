// Reading what the user names on the command line: policies and workbooks.
import { access, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { builtinPolicy } from '../engine/policies.js';
import type { Policy } from '../engine/policy/schema.js';
import { UsageError } from './errors.js';

/**
 * A policy file path, or "builtin" / nothing for the built-in county standard.
 * The checks (zod) and the YAML parser are loaded only for a file: they are
 * most of the command line's code (src/engine/policies.ts).
 */
export async function loadPolicyArg(arg: string | undefined): Promise<Policy> {
  if (!arg || arg === 'builtin') return builtinPolicy();
  const { parsePolicy } = await import('../engine/policy/load.js');
  let text: string;
  try {
    text = await readFile(arg, 'utf8');
  } catch {
    throw new UsageError({ zh: `无法读取政策文件：${arg}`, en: `cannot read the policy file: ${arg}` });
  }
  return parsePolicy(text);
}

export function parseYear(arg: string | undefined): number {
  if (arg === undefined) return new Date().getFullYear();
  if (!/^\d{4}$/.test(arg)) throw new UsageError({ zh: `年度应为四位数字：${arg}`, en: `the year must have four digits: ${arg}` });
  return Number(arg);
}

/** Checks the input is a readable .xlsx file before any output is opened. */
export async function checkWorkbookArg(path: string): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error();
  } catch {
    throw new UsageError({ zh: `找不到文件：${path}`, en: `file not found: ${path}` });
  }
  if (!XLSX_FAMILY.has(extname(path).toLowerCase()))
    throw new UsageError({
      zh: `只能读取 .xlsx 工作簿（及 .xlsm、.xltx、.xltm）：${path}`,
      en: `only .xlsx workbooks (and .xlsm, .xltx, .xltm) can be read: ${path}`,
    });
}

/** Workbooks with macros and templates are the same package with another content type: the reader takes them all. */
const XLSX_FAMILY = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);

/** Output beside the input, named from it, unless -o names one. Refuses to overwrite without --force or to write over the input. */
export async function outputPath(input: string, suffix: string, o: string | undefined, force: boolean): Promise<string> {
  const out = o ?? join(dirname(input), `${basename(input, extname(input))}-${suffix}.xlsx`);
  if (resolve(out) === resolve(input)) throw new UsageError({ zh: '输出文件不能是输入文件', en: 'the output must not be the input file' });
  if (!(await isDirectory(dirname(out))))
    throw new UsageError({ zh: `输出文件夹不存在：${dirname(out)}`, en: `the output folder does not exist: ${dirname(out)}` });
  if (!force && (await exists(out)))
    throw new UsageError({ zh: `输出文件已存在：${out}（加 --force 覆盖）`, en: `the output exists: ${out} (use --force to replace it)` });
  return out;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
