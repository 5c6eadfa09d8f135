// A streaming zip writer for .xlsx packages, host-independent: browsers and
// Node (>= 18) both have CompressionStream. Each entry is deflated as it is
// written and its bytes go straight to the sink, so memory does not grow with
// the entry; sizes and CRC follow the data in a data descriptor (zip flag bit
// 3), as archiver (exceljs's zipper) also does.
//
// The CRC comes from the 'gzip' format's trailer: gzip is raw deflate between a
// 10-byte header and an 8-byte trailer (CRC-32, size), computed natively.

/** Where the zip's bytes go, in order. Awaited, so a slow sink holds the writer back. */
export type ByteSink = (bytes: Uint8Array) => void | Promise<void>;

/**
 * A gzip compressor as a stream pair; CompressionStream('gzip') unless the host has a
 * better one. Its writes must resolve only once the bytes are taken (not merely queued):
 * the writer reuses their memory then.
 */
export type Gzip = () => ReadableWritablePair<Uint8Array, Uint8Array<ArrayBuffer>>;

/** One entry being written: bytes in, deflated out. */
export interface ZipEntry {
  /** `release` is called once the compressor is done with `bytes`, so their memory can be reused. */
  write(bytes: Uint8Array<ArrayBuffer>, release?: () => void): Promise<void>;
  close(): Promise<void>;
}

interface Written {
  name: Uint8Array;
  crc: number;
  size: number;
  compressedSize: number;
  offset: number;
}

const GZIP_HEADER = 10;
const GZIP_TRAILER = 8;
const IN_FLIGHT = 2; // chunks handed to the compressor and not yet taken
const LIMIT = 0xffffffff; // no Zip64: a part over 4 GiB is refused

function dosTime(d: Date): [time: number, date: number] {
  return [
    (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  ];
}

export class ZipWriter {
  private readonly written: Written[] = [];
  private offset = 0;
  private open = false;
  private readonly encoder = new TextEncoder();
  private readonly time: number;
  private readonly date: number;

  constructor(
    private readonly sink: ByteSink,
    now = new Date(),
    private readonly gzip: Gzip = typeof CompressionStream === 'function' ? () => new CompressionStream('gzip') : storedGzip,
  ) {
    [this.time, this.date] = dosTime(now);
  }

  private async emit(bytes: Uint8Array): Promise<void> {
    this.offset += bytes.length;
    if (this.offset > LIMIT) throw new Error('zip larger than 4 GiB');
    await this.sink(bytes);
  }

  /** Starts an entry; the previous one must be closed. */
  async entry(path: string): Promise<ZipEntry> {
    if (this.open) throw new Error('previous zip entry still open');
    this.open = true;
    const name = this.encoder.encode(path);
    const offset = this.offset;
    const header = new DataView(new ArrayBuffer(30));
    header.setUint32(0, 0x04034b50, true);
    header.setUint16(4, 20, true);
    header.setUint16(6, 0x0808, true); // bit 3: sizes in a data descriptor; bit 11: UTF-8 names
    header.setUint16(8, 8, true); // deflate
    header.setUint16(10, this.time, true);
    header.setUint16(12, this.date, true);
    header.setUint16(26, name.length, true);
    await this.emit(new Uint8Array(header.buffer));
    await this.emit(name);

    const gzip = this.gzip();
    const writer = gzip.writable.getWriter();
    let size = 0;
    let compressedSize = 0;
    const head: number[] = [];
    let tail = new Uint8Array(0); // the last bytes seen, held back: they may be the trailer
    const out = async (bytes: Uint8Array) => {
      compressedSize += bytes.length;
      await this.emit(bytes);
    };
    const pumping = (async () => {
      const reader = gzip.readable.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        let chunk: Uint8Array = value;
        if (head.length < GZIP_HEADER) {
          const n = Math.min(GZIP_HEADER - head.length, chunk.length);
          head.push(...chunk.subarray(0, n));
          chunk = chunk.subarray(n);
          // Flags 0: no optional fields, so the header is exactly 10 bytes.
          if (head.length === GZIP_HEADER && (head[0] !== 0x1f || head[1] !== 0x8b || head[3] !== 0))
            throw new Error('unexpected gzip header');
        }
        if (chunk.length >= GZIP_TRAILER) {
          if (tail.length) await out(tail);
          await out(chunk.subarray(0, chunk.length - GZIP_TRAILER));
          tail = chunk.slice(chunk.length - GZIP_TRAILER);
        } else if (chunk.length) {
          const all = concat(tail, chunk);
          const cut = Math.max(0, all.length - GZIP_TRAILER);
          if (cut) await out(all.subarray(0, cut));
          tail = all.slice(cut);
        }
      }
    })();
    // If the sink fails, stop feeding the compressor and report the sink's error.
    pumping.catch((e) => writer.abort(e).catch(() => {}));

    // Node's CompressionStream counts its queue in chunks (16,384 of them), so
    // `ready` never holds a producer back: wait on our own writes instead,
    // keeping a few in flight so compression (off the main thread) overlaps
    // producing the next chunk.
    const inFlight: Promise<void>[] = [];
    return {
      write: async (bytes, release) => {
        if (!bytes.length) return;
        size += bytes.length;
        const done = writer.write(bytes);
        done.then(release, () => {}); // a failure surfaces from the next await or close()
        inFlight.push(done);
        if (inFlight.length > IN_FLIGHT) await inFlight.shift();
      },
      close: async () => {
        await writer.close().catch(async (e) => {
          await pumping; // the sink's error, if that is what stopped us
          throw e;
        });
        await pumping;
        const crc = new DataView(tail.buffer, tail.byteOffset).getUint32(0, true);
        if (size > LIMIT) throw new Error(`zip entry ${path} larger than 4 GiB`);
        const descriptor = new DataView(new ArrayBuffer(16));
        descriptor.setUint32(0, 0x08074b50, true);
        descriptor.setUint32(4, crc, true);
        descriptor.setUint32(8, compressedSize, true);
        descriptor.setUint32(12, size, true);
        await this.emit(new Uint8Array(descriptor.buffer));
        this.written.push({ name, crc, size, compressedSize, offset });
        this.open = false;
      },
    };
  }

  /** Writes a whole entry. */
  async add(path: string, text: string): Promise<void> {
    const e = await this.entry(path);
    await e.write(this.encoder.encode(text));
    await e.close();
  }

  /** Writes the central directory; the zip is complete after this. */
  async finish(): Promise<void> {
    if (this.open) throw new Error('zip entry still open');
    const start = this.offset;
    for (const e of this.written) {
      const h = new DataView(new ArrayBuffer(46));
      h.setUint32(0, 0x02014b50, true);
      h.setUint16(4, 20, true);
      h.setUint16(6, 20, true);
      h.setUint16(8, 0x0808, true);
      h.setUint16(10, 8, true);
      h.setUint16(12, this.time, true);
      h.setUint16(14, this.date, true);
      h.setUint32(16, e.crc, true);
      h.setUint32(20, e.compressedSize, true);
      h.setUint32(24, e.size, true);
      h.setUint16(28, e.name.length, true);
      h.setUint32(42, e.offset, true);
      await this.emit(new Uint8Array(h.buffer));
      await this.emit(e.name);
    }
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, this.written.length, true);
    end.setUint16(10, this.written.length, true);
    end.setUint32(12, this.offset - start, true);
    end.setUint32(16, start, true);
    await this.emit(new Uint8Array(end.buffer));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

// ---------------------------------------------------------------------------
// Browsers without CompressionStream (Safari < 16.4, Firefox < 113): the gzip
// format around stored (uncompressed) deflate blocks. The file is larger but
// every reader takes it, and the zip writer above does not change.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

const STORED_MAX = 0xffff; // bytes in one stored block

export const storedGzip: Gzip = () => {
  let crc = 0xffffffff;
  let size = 0;
  return new TransformStream<Uint8Array, Uint8Array<ArrayBuffer>>({
    start(out) {
      out.enqueue(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
    },
    transform(chunk, out) {
      for (let i = 0; i < chunk.length; i++) crc = CRC_TABLE[(crc ^ chunk[i]!) & 0xff]! ^ (crc >>> 8);
      size = (size + chunk.length) >>> 0;
      for (let at = 0; at < chunk.length; at += STORED_MAX) {
        const part = chunk.subarray(at, at + STORED_MAX);
        const block = new Uint8Array(5 + part.length);
        // Not the final block; stored; then LEN and its one's complement.
        block.set([0, part.length & 0xff, part.length >>> 8, ~part.length & 0xff, (~part.length >>> 8) & 0xff]);
        block.set(part, 5);
        out.enqueue(block);
      }
    },
    flush(out) {
      const end = new DataView(new ArrayBuffer(13));
      end.setUint8(0, 1); // an empty final stored block
      end.setUint16(3, 0xffff, true);
      end.setUint32(5, ~crc >>> 0, true);
      end.setUint32(9, size, true);
      out.enqueue(new Uint8Array(end.buffer));
    },
  });
};
