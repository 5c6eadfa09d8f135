// Telling the user early, in words, what is wrong with a chosen file: too big,
// empty, an old .xls, password-protected, or not a workbook at all.
import { UserError } from '../ui/host.js';

/** Largest workbook the page reads (bigger ones need the command-line tool). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
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

function has(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first!); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first!, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const utf16 = (s: string) => new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0), 0]));

/** Checks the bytes look like an .xlsx (a zip); explains what they are otherwise. */
export function checkWorkbookBytes(name: string, bytes: Uint8Array): void {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return;
  if (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    // An OLE compound file: an encrypted .xlsx (EncryptedPackage stream) or an old .xls.
    if (has(b, utf16('EncryptedPackage')) || has(b, utf16('EncryptionInfo')))
      throw new UserError(
        {
          zh: `工作簿「${name}」设置了打开密码，无法读取。请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存，再选择。`,
          en: `The workbook "${name}" is password-protected and cannot be read. Open it in Excel or WPS, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save, and choose it again.`,
        },
        'encrypted',
      );
    throw new UserError(
      {
        zh: `「${name}」是旧版 Excel 97-2003 工作簿（.xls），无法直接读取。请在 Excel 或 WPS 中另存为 .xlsx 后再选择。`,
        en: `"${name}" is an old Excel 97-2003 workbook (.xls). Save it as .xlsx in Excel or WPS and choose it again.`,
      },
      'xls',
    );
  }
  throw new UserError(
    {
      zh: `「${name}」不是 Excel 工作簿（.xlsx）。请选择 .xlsx 文件；CSV 等文件请先在 Excel 或 WPS 中另存为 .xlsx。`,
      en: `"${name}" is not an Excel workbook (.xlsx). Choose an .xlsx file; save CSV and other files as .xlsx first.`,
    },
    'notXlsx',
  );
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
      zh: `无法读取工作簿「${name}」：文件可能已损坏，或不是 Excel 保存的 .xlsx。（${reason}）`,
      en: `Cannot read the workbook "${name}": it may be damaged, or not an .xlsx saved by Excel. (${reason})`,
    },
    'unreadable',
  );
}
