// A zip package's central directory, host-independent: the bytes come through
// `readAt`, from a file (src/node/zip-read.ts) or from memory (zip-bytes.ts).
// Also what both read entries with: the lookup and the UTF-8 decoding.
// Zip64 directories are understood. Part names are case-insensitive in a
// package, and a few writers use backslashes: names are kept in lower case,
// with forward slashes.
import { SaidError } from '../engine/said.js';
import { crc32 } from './crc32.js';

export interface ZipEntryInfo {
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header is; its data follows it (see readZipEntries). */
  headerOffset: number;
}

/** The bytes are not a zip we can read; the message says why, in English (a reader wraps it with words for the user). */
export class ZipError extends Error {}

/**
 * What no county workbook comes near, and a zip bomb passes (docs/xlsx.md,
 * "Limits", with the measurements): a part that unpacks to more than 1 GiB, or
 * to more than 16 MiB at over 200 times its packed size (real parts pack about
 * 7 to 12 times).
 */
export const ZIP_LIMITS = { partBytes: 1 << 30, ratio: 200, ratioFrom: 16 << 20 };

/**
 * A part beyond ZIP_LIMITS: refused before inflating it, or as soon as it gives
 * more than it claimed. Unlike a ZipError it carries words for the user, who
 * is told the file looks crafted rather than damaged.
 */
export class ZipLimitError extends SaidError {
  constructor(part: string, size: number, packed: number) {
    const mb = (n: number) => (n / 1024 ** 2).toFixed(1);
    super({
      zh: `工作簿中的「${part}」解压后达 ${mb(size)} MB（压缩时 ${mb(packed)} MB），超出任何真实工作簿的大小（单个部件不超过 ${ZIP_LIMITS.partBytes / 1024 ** 3} GB，压缩比不超过 ${ZIP_LIMITS.ratio} 倍），可能是恶意构造的文件（“压缩炸弹”），已拒绝读取。`,
      en: `"${part}" in the workbook unpacks to ${mb(size)} MB (${mb(packed)} MB packed), beyond any real workbook (a part at most ${ZIP_LIMITS.partBytes / 1024 ** 3} GB, packed at most ${ZIP_LIMITS.ratio} to 1): possibly a crafted file (a "zip bomb"); not read.`,
    });
  }
}

function checkLimits(part: string, size: number, packed: number): void {
  if (size > ZIP_LIMITS.partBytes || (size > ZIP_LIMITS.ratioFrom && size > packed * ZIP_LIMITS.ratio))
    throw new ZipLimitError(part, size, packed);
}

/** Exactly `len` bytes at `pos`. */
export type ReadAt = (pos: number, len: number) => Promise<Uint8Array>;

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const u64 = (v: DataView, at: number) => Number(v.getBigUint64(at, true));

async function readZipDirectory(size: number, readAt: ReadAt): Promise<Map<string, ZipEntryInfo>> {
  // The end-of-directory record is in the last 22 bytes, or before a comment of up to 64 KiB.
  const tailLen = Math.min(size, 22 + MAX16);
  const tail = view(await readAt(size - tailLen, tailLen));
  let e = tailLen - 22;
  while (e >= 0 && tail.getUint32(e, true) !== EOCD) e--;
  if (e < 0) throw new ZipError('not a zip package (.xlsx); an encrypted workbook, or an old .xls, is not one either');
  let count = tail.getUint16(e + 10, true);
  let dirSize = tail.getUint32(e + 12, true);
  let dirOffset = tail.getUint32(e + 16, true);
  if (count === MAX16 || dirSize === MAX32 || dirOffset === MAX32) {
    const loc = view(await readAt(size - tailLen + e - 20, 20));
    if (loc.getUint32(0, true) !== EOCD64_LOCATOR) throw new ZipError('damaged zip directory');
    const rec = view(await readAt(u64(loc, 8), 56));
    if (rec.getUint32(0, true) !== EOCD64) throw new ZipError('damaged zip directory');
    count = u64(rec, 32);
    dirSize = u64(rec, 40);
    dirOffset = u64(rec, 48);
  }
  if (dirOffset + dirSize > size) throw new ZipError('the file ends early (truncated)');
  const bytes = await readAt(dirOffset, dirSize);
  const dir = view(bytes);
  const names = new TextDecoder();
  const entries = new Map<string, ZipEntryInfo>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dirSize || dir.getUint32(p, true) !== CENTRAL) throw new ZipError('damaged zip directory');
    const nameLen = dir.getUint16(p + 28, true);
    const extraLen = dir.getUint16(p + 30, true);
    const commentLen = dir.getUint16(p + 32, true);
    const entry: ZipEntryInfo = {
      flags: dir.getUint16(p + 8, true),
      method: dir.getUint16(p + 10, true),
      crc32: dir.getUint32(p + 16, true),
      compressedSize: dir.getUint32(p + 20, true),
      size: dir.getUint32(p + 24, true),
      headerOffset: dir.getUint32(p + 42, true),
    };
    if (entry.compressedSize === MAX32 || entry.size === MAX32 || entry.headerOffset === MAX32)
      zip64Sizes(entry, view(bytes.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen)));
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    entries.set(name.replace(/\\/g, '/').toLowerCase(), entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** An entry with where its data starts (after its local header). */
export type ZipEntry = ZipEntryInfo & { start: number };

/**
 * The directory and every entry's data start. A local header's name and extra
 * field may differ in length from the directory's, so each is read.
 */
export async function readZipEntries(size: number, readAt: ReadAt): Promise<Map<string, ZipEntry>> {
  const entries = new Map<string, ZipEntry>();
  for (const [name, e] of await readZipDirectory(size, readAt)) {
    const local = view(await readAt(e.headerOffset, 30));
    if (local.getUint32(0, true) !== LOCAL) throw new ZipError('damaged zip entry');
    const start = e.headerOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
    if (start + e.compressedSize > size) throw new ZipError('the file ends early (truncated)');
    entries.set(name, { ...e, start });
  }
  return entries;
}

/** The entry named, if it can be read; otherwise a ZipError that says why. */
export function entryToRead(entries: Map<string, ZipEntry>, name: string): ZipEntry {
  const entry = entries.get(name.toLowerCase());
  if (!entry) throw new ZipError(`the package has no part ${name}`);
  if (entry.flags & 1) throw new ZipError('the workbook is encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`part ${name} uses an unknown compression (${entry.method})`);
  checkLimits(name, entry.size, entry.compressedSize);
  return entry;
}

/**
 * An entry's bytes as they are inflated, checked as unzip does: never more
 * than the directory says (a bomb's part may claim little and give much; it
 * is stopped there), then exactly that many, and, with `crc`, the CRC-32
 * (where the inflater does not check it itself).
 */
export async function* checkedPieces(
  name: string,
  entry: ZipEntryInfo,
  pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  crc: boolean,
): AsyncGenerator<Uint8Array> {
  let size = 0;
  let sum = 0;
  for await (const piece of pieces) {
    size += piece.length;
    if (size > entry.size) {
      checkLimits(name, size, entry.compressedSize);
      throw new ZipError(`part ${name} is damaged: it holds more than the ${entry.size} bytes its directory says`);
    }
    if (crc) sum = crc32(piece, sum);
    yield piece;
  }
  if (size !== entry.size) throw new ZipError(`part ${name} is damaged: ${size} bytes, not the ${entry.size} its directory says`);
  if (crc && sum !== entry.crc32) throw new ZipError(`part ${name} is damaged: its CRC-32 does not match`);
}

/**
 * Raw deflate data framed as a gzip member (10-byte header, the data, then
 * the directory's CRC-32 and size), so an inflater that reads gzip checks
 * both: Node's zlib and the browsers' DecompressionStream.
 */
export const GZIP_HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255);
export function gzipTrailer(e: ZipEntryInfo): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setUint32(0, e.crc32, true);
  v.setUint32(4, e.size >>> 0, true); // ISIZE is the size modulo 2^32
  return out;
}

/** UTF-8 text from bytes in pieces, decoded as they come: a character split between pieces stays whole. */
export async function* utf8Pieces(bytes: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const piece of bytes) yield decoder.decode(piece, { stream: true });
  const last = decoder.decode();
  if (last) yield last;
}

/** Sizes and offset that did not fit 32 bits are in the Zip64 extra field (id 1), in this order. */
function zip64Sizes(entry: ZipEntryInfo, extra: DataView) {
  for (let q = 0; q + 4 <= extra.byteLength; q += 4 + extra.getUint16(q + 2, true)) {
    if (extra.getUint16(q, true) !== 1) continue;
    let v = q + 4;
    const next = () => {
      const n = u64(extra, v);
      v += 8;
      return n;
    };
    if (entry.size === MAX32) entry.size = next();
    if (entry.compressedSize === MAX32) entry.compressedSize = next();
    if (entry.headerOffset === MAX32) entry.headerOffset = next();
    return;
  }
  throw new ZipError('damaged zip directory (Zip64 sizes missing)');
}
