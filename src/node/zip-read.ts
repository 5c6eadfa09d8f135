// Reading a zip package (.xlsx) from disk: the central directory once
// (src/xlsx/zip-directory.ts), then each entry streamed through zlib's
// inflater, so a part is never held whole. The file is opened read-only.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { PackageParts } from '../xlsx/read-workbook.js';
import { ZipError, entryToRead, readZipEntries, utf8Pieces, type ZipEntry } from '../xlsx/zip-directory.js';

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

  private pieces(name: string): AsyncIterable<Buffer> | Buffer[] {
    const entry = entryToRead(this.entries, name);
    if (entry.compressedSize === 0) return [];
    const raw = createReadStream(this.path, {
      start: entry.start,
      end: entry.start + entry.compressedSize - 1,
      highWaterMark: 1 << 18,
    });
    raw.on('data', (b) => (this.read += b.length));
    if (entry.method === 0) return raw;
    // pipeline destroys every stage on an error, so iterating the inflater throws it.
    return pipeline(raw, createInflateRaw({ chunkSize: 1 << 18 }), () => {});
  }
}
