// Reading a zip package (.xlsx) from disk: the central directory once
// (src/xlsx/zip-directory.ts), then each entry streamed through zlib's
// inflater, so a part is never held whole. The file is opened read-only.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { PackageParts } from '../xlsx/read-workbook.js';
import {
  GZIP_HEADER,
  ZipError,
  checkedPieces,
  entryToRead,
  gzipTrailer,
  readZipEntries,
  utf8Pieces,
  type ZipEntry,
} from '../xlsx/zip-directory.js';

export class ZipReader implements PackageParts {
  private read = 0;
  private constructor(
    private readonly path: string,
    private readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipReader> {
    const fh = await open(path, 'r');
    try {
      const readAt = async (pos: number, len: number) => {
        const buf = Buffer.alloc(len);
        const { bytesRead } = await fh.read(buf, 0, len, pos);
        if (bytesRead < len) throw new ZipError('the file ends early (truncated)');
        return buf;
      };
      return new ZipReader(path, await readZipEntries((await fh.stat()).size, readAt));
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

  async *text(name: string): AsyncGenerator<string> {
    yield* utf8Pieces(this.pieces(name));
  }

  private pieces(name: string): AsyncIterable<Uint8Array> {
    const entry = entryToRead(this.entries, name);
    if (entry.compressedSize === 0) return checkedPieces(name, entry, [], false);
    const raw = createReadStream(this.path, {
      start: entry.start,
      end: entry.start + entry.compressedSize - 1,
      // Small pieces: zlib inflates a piece whole before it looks at
      // backpressure, and 16 KiB inflate to 16 MiB at the most.
      highWaterMark: 1 << 14,
    });
    raw.on('data', (b) => (this.read += b.length));
    if (entry.method === 0) return checkedPieces(name, entry, raw, true);
    return checkedPieces(name, entry, inflated(name, raw, entry), false);
  }
}

/** The entry inflated as a gzip member, so zlib checks its CRC-32 and size (zip-directory.ts). */
async function* inflated(name: string, raw: AsyncIterable<Uint8Array>, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  async function* framed() {
    yield GZIP_HEADER;
    yield* raw;
    yield gzipTrailer(entry);
  }
  // pipeline destroys every stage on an error, or when the caller stops early.
  try {
    yield* pipeline(framed(), createGunzip({ chunkSize: 1 << 18 }), () => {});
  } catch (e) {
    throw new ZipError(`part ${name} is damaged (${(e as Error).message})`);
  }
}
