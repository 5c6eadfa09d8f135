// Telling the user early, in words, what is wrong with a chosen file: too big,
// empty, password-protected, or not a workbook we read at all.
import { UserError } from '../pane/errors.js';
import { fileVerdict, sniffContent, type ReadAs } from '../workbook/file-kind.js';

/** Largest workbook the page reads (bigger ones need the command-line tool). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Largest total of uncompressed parts (a zip bomb guard). */
export const MAX_UNZIPPED_BYTES = 1.5 * 1024 ** 3;

const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);

export function checkSize(name: string, size: number): void {
  if (size === 0) throw new UserError({ zh: `文件「${name}」是空的。`, en: `The file "${name}" is empty.` }, 'empty');
  if (size > MAX_FILE_BYTES)
    throw new UserError(
      {
        zh: `文件「${name}」太大（${mb(size)} MB），网页版最多读取 ${mb(MAX_FILE_BYTES)} MB 的工作簿。请拆分工作簿，或用命令行工具 village-funds calc 处理。`,
        en: `The file "${name}" is too large (${mb(size)} MB); the web page reads workbooks up to ${mb(MAX_FILE_BYTES)} MB. Split it, or use the command-line tool (village-funds calc).`,
      },
      'tooLarge',
    );
}

/**
 * Which reader takes the chosen file (its name and its bytes must agree,
 * src/workbook/file-kind.ts); explains what it is otherwise: encrypted, .xlsb,
 * or content another extension calls for.
 */
export function checkWorkbookBytes(name: string, bytes: Uint8Array): ReadAs {
  const verdict = fileVerdict(name, sniffContent(bytes));
  if (!verdict.ok) throw new UserError(verdict.said, verdict.problem);
  return verdict.readAs;
}

/** A zip-bomb guard: the sum of the unpacked sizes the zip's directory declares. */
export function checkUnpackedSize(name: string, unpacked: number): void {
  if (unpacked > MAX_UNZIPPED_BYTES)
    throw new UserError(
      {
        zh: `工作簿「${name}」解压后超过 ${(MAX_UNZIPPED_BYTES / 1024 ** 3).toFixed(1)} GB，网页版无法处理。请用命令行工具 village-funds。`,
        en: `The workbook "${name}" unpacks to more than ${(MAX_UNZIPPED_BYTES / 1024 ** 3).toFixed(1)} GB, too much for the web page. Use the command-line tool.`,
      },
      'tooLarge',
    );
}

export function unreadable(name: string, reason: string): UserError {
  return new UserError(
    {
      zh: `无法读取工作簿「${name}」：文件可能已损坏或不完整。（${reason}）`,
      en: `Cannot read the workbook "${name}": it may be damaged or truncated. (${reason})`,
    },
    'unreadable',
  );
}
