// What a chosen file really is, from its magic bytes, against what its name
// says: which reader takes it (our own for .xlsx, SheetJS for .xls/.et/.ods,
// ours for .csv), or why it is refused (encrypted, .xlsb, content and
// extension disagree). Host-independent: the CLI hands the first and last
// bytes of a file on disk, the web page the whole upload.
import { SaidError, type Said } from '../engine/said.js';

/** The reader a file goes to. */
export type ReadAs = 'xlsx' | 'sheetjs' | 'csv';

export type FileProblem = 'encrypted' | 'xlsb' | 'mismatch' | 'extension';

export type FileVerdict = { ok: true; readAs: ReadAs } | { ok: false; problem: FileProblem; said: Said };

/** What the bytes are. */
export type Content = 'xlsx' | 'xlsb' | 'ods' | 'zip' | 'xls' | 'doc' | 'encrypted' | 'pdf' | 'html' | 'xml' | 'utf16' | 'text' | 'binary';

const CONTENT_WORDS: Record<Content, Said> = {
  xlsx: { zh: 'Excel 工作簿（.xlsx，zip 包）', en: 'an Excel workbook (.xlsx, a zip package)' },
  xlsb: { zh: 'Excel 二进制工作簿（.xlsb）', en: 'an Excel binary workbook (.xlsb)' },
  ods: { zh: 'OpenDocument 表格（.ods）', en: 'an OpenDocument spreadsheet (.ods)' },
  zip: { zh: '不是工作簿的 zip 压缩包', en: 'a zip archive that is not a workbook' },
  xls: { zh: '旧版 Excel 97-2003 工作簿（.xls，OLE2 复合文档）', en: 'an Excel 97-2003 workbook (.xls, an OLE2 compound file)' },
  doc: { zh: 'Word 文档（OLE2 复合文档）', en: 'a Word document (an OLE2 compound file)' },
  encrypted: { zh: '设置了打开密码的加密工作簿', en: 'a password-protected (encrypted) workbook' },
  pdf: { zh: 'PDF 文档', en: 'a PDF document' },
  html: { zh: '网页（HTML）', en: 'a web page (HTML)' },
  xml: { zh: 'XML 文件', en: 'an XML file' },
  utf16: { zh: 'UTF-16 编码的文本', en: 'UTF-16 text' },
  text: { zh: 'CSV/文本文件', en: 'CSV or plain text' },
  binary: { zh: '无法识别的二进制数据', en: 'unrecognised binary data' },
};

/** A file refused for what it is (encrypted, an encoding that would lose characters), with the reason in both languages. */
export class FileRefusedError extends SaidError {}

/** Extensions read, and the content each expects. */
const EXPECTED: Record<string, { content: Content[]; readAs: ReadAs }> = {
  '.xlsx': { content: ['xlsx', 'zip'], readAs: 'xlsx' },
  '.xlsm': { content: ['xlsx', 'zip'], readAs: 'xlsx' },
  '.xltx': { content: ['xlsx', 'zip'], readAs: 'xlsx' },
  '.xltm': { content: ['xlsx', 'zip'], readAs: 'xlsx' },
  // WPS .et is BIFF8 in an OLE2 file, as .xls.
  '.xls': { content: ['xls'], readAs: 'sheetjs' },
  '.et': { content: ['xls'], readAs: 'sheetjs' },
  '.ods': { content: ['ods', 'zip'], readAs: 'sheetjs' },
  '.csv': { content: ['text'], readAs: 'csv' },
};

/** Extensions, for file pickers and messages. */
export const READ_EXTENSIONS = Object.keys(EXPECTED);

const ascii = (s: string) => new TextEncoder().encode(s);
const utf16 = (s: string) => new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0), 0]));

function has(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const startsWith = (b: Uint8Array, magic: number[]) => b.length >= magic.length && magic.every((m, i) => b[i] === m);

/**
 * What the bytes are. `head`: the file's first bytes (64 KB is plenty); `tail`:
 * its last ones, where a zip keeps its directory of part names. An OLE2 file is
 * told apart by the stream names in its directory, which may sit anywhere: pass
 * the whole file as head for those.
 */
export function sniffContent(head: Uint8Array, tail: Uint8Array = head): Content {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    // Part names are stored uncompressed, in each entry's header and in the directory at the end.
    const names = (s: string) => has(head, ascii(s)) || has(tail, ascii(s));
    if (names('xl/workbook.bin')) return 'xlsb';
    if (has(head, ascii('application/vnd.oasis.opendocument.spreadsheet'))) return 'ods';
    if (names('[Content_Types].xml') || names('xl/')) return 'xlsx';
    return 'zip';
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const streams = (s: string) => has(head, utf16(s)) || has(tail, utf16(s));
    if (streams('EncryptedPackage') || streams('EncryptionInfo')) return 'encrypted';
    if (streams('WordDocument')) return 'doc';
    return 'xls';
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf'; // %PDF
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'utf16';
  const start = new TextDecoder('latin1')
    .decode(head.subarray(0, 512))
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart()
    .toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || (start.startsWith('<') && start.includes('<table'))) return 'html';
  if (start.startsWith('<?xml')) return 'xml';
  // Text has no NUL bytes and few control characters other than tab and line ends.
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) return 'binary';
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) control++;
  }
  return control * 100 > head.length ? 'binary' : 'text';
}

const ext = (name: string) => /\.[^./\\]*$/.exec(name)?.[0].toLowerCase() ?? '';

/** Whether a file named `name` with this content is read, and by which reader; why not otherwise. */
export function fileVerdict(name: string, content: Content): FileVerdict {
  const e = ext(name);
  const what = CONTENT_WORDS[content];
  if (content === 'encrypted')
    return {
      ok: false,
      problem: 'encrypted',
      said: {
        zh: `「${name}」设置了打开密码，无法读取：请先在 Excel/WPS 中取消密码保护后另存，再读取（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）。`,
        en: `"${name}" is password-protected and cannot be read: remove the password in Excel/WPS and save it again first (File → Info → Protect Workbook → Encrypt with Password, clear it).`,
      },
    };
  if (content === 'xlsb' || e === '.xlsb')
    return {
      ok: false,
      problem: 'xlsb',
      said: {
        zh: `「${name}」是 Excel 二进制工作簿（.xlsb），无法读取：请在 Excel 中另存为 .xlsx 后再读取。`,
        en: `"${name}" is an Excel binary workbook (.xlsb), which is not read: save it as .xlsx in Excel first.`,
      },
    };
  const expected = EXPECTED[e];
  if (!expected)
    return {
      ok: false,
      problem: 'extension',
      said: {
        zh: `「${name}」不是可读取的工作簿：只能读取 ${READ_EXTENSIONS.join('、')} 文件（内容是${what.zh}）。`,
        en: `"${name}" is not a workbook that can be read: only ${READ_EXTENSIONS.join(', ')} files are (its content is ${what.en}).`,
      },
    };
  if (expected.content.includes(content)) return { ok: true, readAs: expected.readAs };
  // Content another reader takes: say so, and how to fix the name, rather than guess.
  const fix = (Object.entries(EXPECTED).find(([, x]) => x.content[0] === content)?.[0] ?? null) as string | null;
  return {
    ok: false,
    problem: 'mismatch',
    said: {
      zh: `「${name}」不是 ${e} 工作簿：扩展名是 ${e}，内容却是${what.zh}。${fix ? `请把扩展名改为 ${fix}，或在 Excel/WPS 中另存为 .xlsx 后再读取。` : '请在 Excel/WPS 中另存为 .xlsx 后再读取。'}`,
      en: `"${name}" is not an ${e} workbook: its extension is ${e} but its content is ${what.en}. ${fix ? `Rename it to ${fix}, or save it as .xlsx in Excel/WPS first.` : 'Save it as .xlsx in Excel/WPS first.'}`,
    },
  };
}
