// Reading what the user names on the command line: policies and workbooks.
import { access, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { builtinPolicy } from '../engine/policies.js';
import type { Policy } from '../engine/policy/schema.js';
import { sniffFile } from '../node/open-workbook.js';
import { removeStaleTempFiles } from '../node/temp-files.js';
import type { ReadAs } from '../workbook/file-kind.js';
import type { Lang } from '../engine/said.js';
import { peekRosterTitles } from '../workbook/roster-titles.js';
import type { WorkbookSource } from '../workbook/source.js';
import { chooseYear, titleYear, yearChoiceSaid, type YearCounts } from '../workbook/year-evidence.js';
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
  return optionYear(arg) ?? new Date().getFullYear();
}

/** --year as given, or null: calc and audit then take it from the files (workbook/year-evidence.ts). */
export function optionYear(arg: string | undefined): number | null {
  if (arg === undefined) return null;
  if (!/^\d{4}$/.test(arg)) throw new UsageError({ zh: `年度应为四位数字：${arg}`, en: `the year must have four digits: ${arg}` });
  return Number(arg);
}

/**
 * The year of a calc or audit run without --year: the roster's title (the rows
 * looked at are handed back in `source`, so the file is read once), then for an
 * audit the ledger's payment dates (`ledgerYears`, read only when needed), then
 * the calendar year. `note` says which, in one line for stderr: written once the
 * run has succeeded, so a refused file still gets its one line of error.
 */
export async function yearFromFiles(
  roster: WorkbookSource,
  lang: Lang,
  ledgerYears?: () => Promise<YearCounts>,
): Promise<{ year: number; source: WorkbookSource; note: string }> {
  const peek = await peekRosterTitles(roster);
  const title = titleYear(peek.titles ? [peek.titles] : []);
  const ledger = !title && ledgerYears ? await ledgerYears() : null;
  const choice = chooseYear({ title, ledger, calendar: new Date().getFullYear() });
  const said = yearChoiceSaid(choice, !!ledgerYears)!;
  const note = `${said[lang].replace(/[。.]$/, '')}${lang === 'zh' ? '（可用 --year 指定）。' : ' (set it with --year).'}\n`;
  return { year: choice.year, source: peek.source, note };
}

/**
 * Checks the input is a workbook we read (.xlsx, .xls, .et, .ods, .csv), by its
 * content as well as its name, before any output is opened; says which reader takes it.
 */
export async function checkWorkbookArg(path: string): Promise<ReadAs> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error();
  } catch {
    throw new UsageError({ zh: `找不到文件：${path}`, en: `file not found: ${path}` });
  }
  const verdict = await sniffFile(path);
  if (!verdict.ok) throw new UsageError(verdict.said);
  return verdict.readAs;
}

/** Output beside the input, named from it, unless -o names one. Refuses to overwrite without --force or to write over the input. */
/**
 * The output's path, checked; temporary files a killed run left in its folder
 * are removed first, and said on `notes` (stderr).
 */
export async function outputPath(
  input: string,
  suffix: string,
  o: string | undefined,
  force: boolean,
  notes: NodeJS.WritableStream,
  lang: Lang,
): Promise<string> {
  const out = o ?? join(dirname(input), `${basename(input, extname(input))}-${suffix}.xlsx`);
  if (resolve(out) === resolve(input)) throw new UsageError({ zh: '输出文件不能是输入文件', en: 'the output must not be the input file' });
  if (!(await isDirectory(dirname(out))))
    throw new UsageError({ zh: `输出文件夹不存在：${dirname(out)}`, en: `the output folder does not exist: ${dirname(out)}` });
  const stale = await removeStaleTempFiles(dirname(out));
  if (stale.length)
    notes.write(
      lang === 'zh'
        ? `已删除上次中断的运行留下的临时文件：${stale.join('、')}\n`
        : `removed temporary files an interrupted run left behind: ${stale.join(', ')}\n`,
    );
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
