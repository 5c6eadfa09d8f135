// CSV files as county systems and Excel save them: UTF-8 with or without a
// BOM, or GB18030/GBK (Excel's "CSV" on a Chinese Windows). The encoding is
// detected by decoding strictly, never by guessing: a character is never
// silently turned into U+FFFD, and a file that is neither is refused.
// Every field stays text (division codes keep their digits; the workbook
// layer reads counts and amounts from text as from typed cells).
import type { Cell } from './cells.js';
import { FileRefusedError } from './file-kind.js';
import { makeIssue, type RowIssue } from './issues.js';
import type { SourceRow } from './source.js';

export type CsvEncoding = 'UTF-8' | 'UTF-8 BOM' | 'GB18030';

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The text of a csv file and the encoding it was read in. */
export function decodeCsv(name: string, bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new FileRefusedError({
      zh: `「${name}」是 UTF-16 编码的文本，无法读取：请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”。`,
      en: `"${name}" is UTF-16 text, which is not read: save it as "CSV UTF-8 (comma delimited)" in Excel/WPS.`,
    });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = strict('utf-8', bytes.subarray(3));
    if (text !== null) return { text, encoding: 'UTF-8 BOM' };
    throw new FileRefusedError({
      zh: `「${name}」开头标明是 UTF-8 编码，但其中有不是 UTF-8 的字节：文件可能已损坏，或被其他编码的内容拼接过。请用 Excel/WPS 重新导出为 CSV。`,
      en: `"${name}" starts with a UTF-8 byte order mark but holds bytes that are not UTF-8: it may be damaged or mixed with text in another encoding. Export it as CSV again.`,
    });
  }
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
  const gb = strict('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'GB18030' };
  throw new FileRefusedError({
    zh: `「${name}」的编码既不是 UTF-8，也不是 GB18030/GBK，读取会丢失字符，因此不读取：请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”。`,
    en: `"${name}" is neither UTF-8 nor GB18030/GBK text; reading it would lose characters, so it is not read. Save it as "CSV UTF-8 (comma delimited)" in Excel/WPS.`,
  });
}

const DELIMITERS = [',', '\t', ';'] as const;

/** The delimiter used most outside quotes in the first lines (comma on a tie). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') lines++;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Records of RFC 4180 csv: quoted fields with "" for a quote, delimiters and
 * line breaks inside quotes, CRLF, LF or CR line ends. `="0123"` (how some
 * systems keep digits as text for Excel) is the text inside.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const endField = () => {
    const m = /^="(.*)"$/s.exec(field);
    record.push(m ? m[1]! : field);
    field = '';
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: up to the closing quote not followed by another.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      endField();
      records.push(record);
      record = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length) {
    endField();
    records.push(record);
  }
  return records;
}

/** A csv file as one sheet named like the file (as Excel names it), with a note saying which encoding was read. */
export function csvSheet(fileName: string, bytes: Uint8Array): { name: string; rows: SourceRow[]; notes: RowIssue[] } {
  const { text, encoding } = decodeCsv(fileName, bytes);
  const delimiter = detectDelimiter(text);
  const sheet = fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
  const rows: SourceRow[] = [];
  parseCsv(text, delimiter).forEach((fields, i) => {
    if (fields.every((f) => f === '')) return;
    rows.push({ row: i + 1, cells: fields.map((f): Cell => (f === '' ? null : f)) });
  });
  const delimiterWord = { ',': ['逗号', 'comma'], '\t': ['制表符', 'tab'], ';': ['分号', 'semicolon'] }[delimiter]!;
  const note = makeIssue(
    { sheet, row: null, column: null },
    'info',
    'csvEncoding',
    `CSV 文件按 ${encoding === 'GB18030' ? 'GB18030/GBK' : encoding === 'UTF-8 BOM' ? 'UTF-8（带 BOM）' : 'UTF-8'} 编码读取，分隔符为${delimiterWord[0]}`,
    `the CSV file was read as ${encoding === 'GB18030' ? 'GB18030/GBK' : encoding === 'UTF-8 BOM' ? 'UTF-8 (with BOM)' : 'UTF-8'}, ${delimiterWord[1]}-delimited`,
  );
  return { name: sheet, rows, notes: [note] };
}
