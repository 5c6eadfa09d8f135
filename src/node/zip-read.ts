// Reading a zip package (.xlsx) from disk: the central directory once, then
// each entry streamed through zlib's inflater, so a part is never held whole.
// The file is opened read-only. Zip64 directories are understood; encrypted
// entries are refused (an encrypted workbook is not a zip at all: it is an OLE
// file, refused by the missing directory).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

interface Entry {
  method: number;
  flags: number;
  compressedSize: number;
  headerOffset: number;
}

/** The file is not a zip we can read; the message says why. */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

export class ZipReader {
  private read = 0;
  private constructor(
    private readonly path: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(path: string): Promise<ZipReader> {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      const at = async (pos: number, len: number) => {
        const buf = Buffer.alloc(len);
        const { bytesRead } = await fh.read(buf, 0, len, pos);
        if (bytesRead < len) throw new ZipError('the file ends early (truncated)');
        return buf;
      };
      // The end-of-directory record is in the last 22 bytes, or before a comment of up to 64 KiB.
      const tailLen = Math.min(size, 22 + MAX16);
      const tail = await at(size - tailLen, tailLen);
      let e = tail.length - 22;
      while (e >= 0 && tail.readUInt32LE(e) !== EOCD) e--;
      if (e < 0) throw new ZipError('not a zip package (.xlsx); an encrypted workbook, or an old .xls, is not one either');
      let count = tail.readUInt16LE(e + 10);
      let dirSize = tail.readUInt32LE(e + 12);
      let dirOffset = tail.readUInt32LE(e + 16);
      if (count === MAX16 || dirSize === MAX32 || dirOffset === MAX32) {
        const locAt = size - tailLen + e - 20;
        const loc = await at(locAt, 20);
        if (loc.readUInt32LE(0) !== EOCD64_LOCATOR) throw new ZipError('damaged zip directory');
        const rec = await at(Number(loc.readBigUInt64LE(8)), 56);
        if (rec.readUInt32LE(0) !== EOCD64) throw new ZipError('damaged zip directory');
        count = Number(rec.readBigUInt64LE(32));
        dirSize = Number(rec.readBigUInt64LE(40));
        dirOffset = Number(rec.readBigUInt64LE(48));
      }
      const dir = await at(dirOffset, dirSize);
      const entries = new Map<string, Entry>();
      let p = 0;
      for (let i = 0; i < count; i++) {
        if (dir.readUInt32LE(p) !== CENTRAL) throw new ZipError('damaged zip directory');
        const nameLen = dir.readUInt16LE(p + 28);
        const extraLen = dir.readUInt16LE(p + 30);
        const commentLen = dir.readUInt16LE(p + 32);
        const entry: Entry = {
          flags: dir.readUInt16LE(p + 8),
          method: dir.readUInt16LE(p + 10),
          compressedSize: dir.readUInt32LE(p + 20),
          headerOffset: dir.readUInt32LE(p + 42),
        };
        const usize = dir.readUInt32LE(p + 24);
        if (entry.compressedSize === MAX32 || usize === MAX32 || entry.headerOffset === MAX32)
          zip64Sizes(entry, usize, dir.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
        // Part names are case-insensitive; a few writers use backslashes.
        const name = dir
          .toString('utf8', p + 46, p + 46 + nameLen)
          .replace(/\\/g, '/')
          .toLowerCase();
        entries.set(name, entry);
        p += 46 + nameLen + extraLen + commentLen;
      }
      const zip = new ZipReader(path, entries);
      for (const entry of entries.values()) {
        const local = await at(entry.headerOffset, 30);
        if (local.readUInt32LE(0) !== LOCAL) throw new ZipError('damaged zip entry');
        entry.headerOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28); // now: where the data starts
      }
      return zip;
    } finally {
      await fh.close();
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** Compressed bytes read from the file so far (for a progress bar). */
  bytesRead(): number {
    return this.read;
  }

  /** An entry's text, decoded from UTF-8 piece by piece (a character split between pieces stays whole). */
  async *text(name: string): AsyncGenerator<string> {
    const decoder = new TextDecoder();
    for await (const chunk of this.bytes(name)) yield decoder.decode(chunk, { stream: true });
    const last = decoder.decode();
    if (last) yield last;
  }

  /** An entry's whole text, for the small parts. */
  async wholeText(name: string): Promise<string> {
    let s = '';
    for await (const t of this.text(name)) s += t;
    return s;
  }

  private bytes(name: string): AsyncIterable<Buffer> | Buffer[] {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw new ZipError(`the package has no part ${name}`);
    if (entry.flags & 1) throw new ZipError('the workbook is encrypted');
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`part ${name} uses an unknown compression (${entry.method})`);
    if (entry.compressedSize === 0) return [];
    const raw = createReadStream(this.path, {
      start: entry.headerOffset,
      end: entry.headerOffset + entry.compressedSize - 1,
      highWaterMark: 1 << 18,
    });
    raw.on('data', (b) => (this.read += b.length));
    if (entry.method === 0) return raw;
    // pipeline destroys every stage on an error, so iterating the inflater throws it.
    return pipeline(raw, createInflateRaw({ chunkSize: 1 << 18 }), () => {});
  }
}

/** Sizes and offset that did not fit 32 bits are in the Zip64 extra field (id 1), in this order. */
function zip64Sizes(entry: Entry, usize: number, extra: Buffer) {
  for (let q = 0; q + 4 <= extra.length; q += 4 + extra.readUInt16LE(q + 2)) {
    if (extra.readUInt16LE(q) !== 1) continue;
    let v = q + 4;
    const next = () => {
      const n = Number(extra.readBigUInt64LE(v));
      v += 8;
      return n;
    };
    if (usize === MAX32) next();
    if (entry.compressedSize === MAX32) entry.compressedSize = next();
    if (entry.headerOffset === MAX32) entry.headerOffset = next();
    return;
  }
  throw new ZipError('damaged zip directory (Zip64 sizes missing)');
}
