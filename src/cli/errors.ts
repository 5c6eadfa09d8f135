// Errors the CLI reports as one clear line and exit code 2: the one place the
// command line turns an error into text.
import { CommanderError } from 'commander';
import { SaidError, type Lang, type Said } from '../engine/said.js';
import { targetOfTemp } from '../node/temp-files.js';

/** A command line the CLI cannot act on (a bad year, a missing file, an output that exists). */
export class UsageError extends SaidError {}

/**
 * The line for an error: its own words when it carries them (SaidError: a
 * refused file or policy, no roster, an unreadable workbook), commander's
 * usage errors in the user's language, the file system's usual errors in
 * words, else the bare message.
 */
export function describeError(e: unknown, lang: Lang): string {
  if (e instanceof SaidError) return e.said[lang];
  if (e instanceof CommanderError) return usageLine(e, lang);
  const system = systemError(e);
  if (system) return system[lang];
  const msg = e instanceof Error ? e.message : String(e);
  return lang === 'zh' ? `出错：${msg}` : `error: ${msg}`;
}

const USAGE: Record<string, Said> = {
  'commander.missingArgument': { zh: '缺少参数', en: 'missing argument' },
  'commander.optionMissingArgument': { zh: '选项缺少取值', en: 'option needs a value' },
  'commander.missingMandatoryOptionValue': { zh: '缺少必填选项', en: 'missing required option' },
  'commander.unknownOption': { zh: '未知选项', en: 'unknown option' },
  'commander.unknownCommand': { zh: '未知命令', en: 'unknown command' },
  'commander.invalidArgument': { zh: '取值无效', en: 'invalid value' },
  'commander.excessArguments': { zh: '多余的参数', en: 'too many arguments' },
};

/** commander's English, multi-line messages as one line in the user's language. */
function usageLine(e: CommanderError, lang: Lang): string {
  const first = e.message.split('\n')[0]!.replace(/^error:\s*/, '');
  const what = USAGE[e.code];
  const detail = [...first.matchAll(/'([^']+)'/g)].map((m) => m[1]).join(' ');
  const hint = lang === 'zh' ? '（运行 village-funds --help 查看用法）' : ' (see village-funds --help)';
  if (!what) return (lang === 'zh' ? `用法错误：${first}` : `usage error: ${first}`) + hint;
  return `${what[lang]}${lang === 'zh' ? '：' : ': '}${detail || first}${hint}`;
}

/**
 * The usual errors of the file system, about the user's own file (never our
 * temporary one) and what to do; null for any other error.
 */
export function systemError(e: unknown): Said | null {
  const { code, path: where } = (e ?? {}) as NodeJS.ErrnoException;
  if (!code) return null;
  const file = where ? (targetOfTemp(where) ?? where) : null;
  const zf = file ? `「${file}」` : '文件';
  const ef = file ? `"${file}"` : 'the file';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return {
        zh: `没有权限读写${zf}（或它正在 Excel、WPS 中打开）：请检查文件和所在文件夹的权限、关闭打开它的程序，或用 -o 把结果写到别的文件夹`,
        en: `no permission to read or write ${ef} (or it is open in Excel or WPS): check the permissions of the file and its folder, close the program that has it open, or write the result elsewhere with -o`,
      };
    case 'EBUSY':
      return {
        zh: `${zf}正被其他程序占用（可能在 Excel 或 WPS 中打开着）：请关闭它后再试，或用 -o 换一个文件名`,
        en: `${ef} is in use by another program (open in Excel or WPS?): close it and try again, or choose another name with -o`,
      };
    case 'ENOSPC':
      return {
        zh: `磁盘空间不足，无法写入${zf}：请清理磁盘，或用 -o 写到别的磁盘`,
        en: `the disk is full; ${ef} cannot be written: free some space, or write elsewhere with -o`,
      };
    case 'EROFS':
      return {
        zh: `${zf}所在的磁盘是只读的：请用 -o 把结果写到可写的文件夹`,
        en: `${ef} is on a read-only disk: write the result to a writable folder with -o`,
      };
    case 'ENAMETOOLONG':
      return {
        zh: `文件名或路径太长：${zf}。请用较短的文件名或文件夹`,
        en: `the file name or path is too long: ${ef}. Use a shorter name or folder`,
      };
    case 'ENOENT':
    case 'ENOTDIR':
      return {
        zh: `找不到${zf}或其所在的文件夹：请检查路径`,
        en: `${ef} or its folder was not found: check the path`,
      };
    case 'EISDIR':
      return { zh: `${zf}是文件夹，不是文件`, en: `${ef} is a folder, not a file` };
    case 'EMFILE':
    case 'ENFILE':
      return { zh: '打开的文件太多：请关闭一些程序后再试', en: 'too many open files: close some programs and try again' };
    default:
      return null;
  }
}
