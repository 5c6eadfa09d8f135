// A zip package held in memory (the web page's chosen file), host-independent.
// Entries are inflated by the host's DecompressionStream: the raw deflate data
// is framed as gzip, with the CRC and size from the directory, since every
// browser with DecompressionStream takes 'gzip' (not all take 'deflate-raw'),
// and gzip's check catches a damaged entry. Without DecompressionStream
// (Safari < 16.4, Firefox < 113), `inflateRaw` is used instead.
import type { PackageParts } from './read-workbook.js';
import { ZipError, entryToRead, readZipEntries, utf8Pieces, type ZipEntry, type ZipEntryInfo } from './zip-directory.js';

export type InflateRaw = (raw: Uint8Array) => Promise<Uint8Array>;

const PIECE = 1 << 20;

export class ZipBytes implements PackageParts {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    private readonly inflateRaw?: InflateRaw,
  ) {}

  static async open(bytes: Uint8Array, inflateRaw?: InflateRaw): Promise<ZipBytes> {
    const readAt = async (pos: number, len: number) => {
      if (pos < 0 || pos + len > bytes.length) throw new ZipError('the file ends early (truncated)');
      return bytes.subarray(pos, pos + len);
    };
    return new ZipBytes(bytes, await readZipEntries(bytes.length, readAt), inflateRaw);
  }

  /** What the directory says the entries unpack to, in all. */
  unpackedSize(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.size;
    return n;
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  async *text(name: string): AsyncGenerator<string> {
    yield* utf8Pieces(this.pieces(name));
  }

  private async *pieces(name: string): AsyncGenerator<Uint8Array> {
    const e = entryToRead(this.entries, name);
    const raw = this.bytes.subarray(e.start, e.start + e.compressedSize);
    if (e.method === 8 && typeof DecompressionStream === 'function') {
      const reader = new Blob([gzipFrame(raw, e)]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
      try {
        for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
      } catch (err) {
        throw new ZipError(`part ${name} is damaged (${(err as Error).message})`);
      } finally {
        reader.releaseLock();
      }
      return;
    }
    const data = e.method === 0 ? raw : await this.inflate(raw);
    for (let i = 0; i < data.length; i += PIECE) yield data.subarray(i, i + PIECE);
  }

  private inflate(raw: Uint8Array): Promise<Uint8Array> {
    if (!this.inflateRaw) throw new ZipError('this host cannot inflate zip entries');
    return this.inflateRaw(raw);
  }
}

/** Raw deflate data as a gzip member: 10-byte header, the data, CRC-32 and size (both little-endian). */
function gzipFrame(raw: Uint8Array, e: ZipEntryInfo): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(10 + raw.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  out.set(raw, 10);
  const v = new DataView(out.buffer);
  v.setUint32(10 + raw.length, e.crc32, true);
  v.setUint32(14 + raw.length, e.size >>> 0, true); // ISIZE is the size modulo 2^32
  return out;
}
