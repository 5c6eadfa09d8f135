// A zip package held in memory (the web page's chosen file), host-independent.
// Entries are inflated by the host's DecompressionStream: the raw deflate data
// is framed as gzip, with the CRC and size from the directory, since every
// browser with DecompressionStream takes 'gzip' (not all take 'deflate-raw'),
// and gzip's check catches a damaged entry. Without DecompressionStream
// (Safari < 16.4, Firefox < 113), `inflateRaw` is used instead.
import type { PackageParts } from './read-workbook.js';
import {
  GZIP_HEADER,
  ZipError,
  checkedPieces,
  entryToRead,
  gzipTrailer,
  readZipEntries,
  utf8Pieces,
  type ZipEntry,
} from './zip-directory.js';

/** Inflates `raw` into at most `size` bytes (the directory's claim: a bomb's part gives no more, and fails its CRC-32). */
export type InflateRaw = (raw: Uint8Array, size: number) => Promise<Uint8Array>;

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

  private pieces(name: string): AsyncGenerator<Uint8Array> {
    const e = entryToRead(this.entries, name);
    const raw = this.bytes.subarray(e.start, e.start + e.compressedSize);
    // DecompressionStream checks the CRC-32 of the gzip frame; the others are checked here.
    const gzip = e.method === 8 && typeof DecompressionStream === 'function';
    return checkedPieces(name, e, gzip ? this.gunzip(name, raw, e) : this.whole(raw, e.method, e.size), !gzip);
  }

  private async *gunzip(name: string, raw: Uint8Array, e: ZipEntry): AsyncGenerator<Uint8Array> {
    const framed = new Blob([GZIP_HEADER, raw as Uint8Array<ArrayBuffer>, gzipTrailer(e)])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'));
    const reader = framed.getReader();
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
    } catch (err) {
      throw new ZipError(`part ${name} is damaged (${(err as Error).message})`);
    } finally {
      // Stops inflating when the caller stops early (a bomb refused, or only the first rows wanted).
      await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  }

  private async *whole(raw: Uint8Array, method: number, size: number): AsyncGenerator<Uint8Array> {
    const data = method === 0 ? raw : await this.inflate(raw, size);
    for (let i = 0; i < data.length; i += PIECE) yield data.subarray(i, i + PIECE);
  }

  private inflate(raw: Uint8Array, size: number): Promise<Uint8Array> {
    if (!this.inflateRaw) throw new ZipError('this host cannot inflate zip entries');
    return this.inflateRaw(raw, size);
  }
}
