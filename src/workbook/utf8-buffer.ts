// Text gathered as UTF-8 bytes in blocks (TextEncoder.encodeInto). Blocks
// handed back (recycle) are reused: a 600,000-row sheet is ~550 blocks, and
// dropped ones linger as external memory until the next full collection.

const BLOCK = 1 << 20;

export class Utf8Buffer {
  private readonly encoder = new TextEncoder();
  private block: Uint8Array<ArrayBuffer> = new Uint8Array(BLOCK);
  private used = 0;
  private readonly full: Uint8Array<ArrayBuffer>[] = [];
  private readonly spare: ArrayBuffer[] = [];
  /** Bytes gathered and not yet taken. */
  size = 0;

  put(text: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    if (BLOCK - this.used < text.length * 3) {
      this.close();
      if (text.length * 3 > BLOCK) {
        const bytes = this.encoder.encode(text);
        this.full.push(bytes);
        this.size += bytes.length;
        return;
      }
    }
    const n = this.encoder.encodeInto(text, this.block.subarray(this.used)).written;
    this.used += n;
    this.size += n;
  }

  /**
   * The pieces below write into the block without a string in between (calc
   * --json builds each unit from them): `room` first makes space for what
   * follows, as they do not check.
   */
  room(bytes: number): void {
    if (BLOCK - this.used >= bytes) return;
    this.close();
    if (bytes > BLOCK) this.block = new Uint8Array(bytes);
  }

  /** Bytes made once and written often. */
  putBytes(bytes: Uint8Array): void {
    this.block.set(bytes, this.used);
    this.used += bytes.length;
    this.size += bytes.length;
  }

  /** A whole number 0 ≤ n < 2^53 as decimal digits: at most 16 bytes. */
  putDigits(n: number): void {
    let end = this.used;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) end++;
    const length = end - this.used + 1;
    for (let i = end, m = n; i >= this.used; i--, m = Math.floor(m / 10)) this.block[i] = 48 + (m % 10);
    this.used += length;
    this.size += length;
  }

  /**
   * JSON.stringify(text), as UTF-8: at most 6 bytes a code unit and 2 quotes.
   * Text with nothing to escape and no surrogates (names as rosters hold
   * them) is encoded here; anything else goes through JSON.stringify.
   */
  putJsonString(text: string): void {
    const b = this.block;
    let at = this.used;
    b[at++] = 34;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c === 34 || c === 92) return this.putEscaped(text);
        b[at++] = c;
      } else if (c < 0x800) {
        b[at++] = 0xc0 | (c >> 6);
        b[at++] = 0x80 | (c & 63);
      } else if (c < 0xd800 || c > 0xdfff) {
        b[at++] = 0xe0 | (c >> 12);
        b[at++] = 0x80 | ((c >> 6) & 63);
        b[at++] = 0x80 | (c & 63);
      } else return this.putEscaped(text);
    }
    b[at++] = 34;
    this.size += at - this.used;
    this.used = at;
  }

  private putEscaped(text: string): void {
    const n = this.encoder.encodeInto(JSON.stringify(text), this.block.subarray(this.used)).written;
    this.used += n;
    this.size += n;
  }

  private close(): void {
    if (!this.used) return;
    this.full.push(this.block.subarray(0, this.used));
    this.block = new Uint8Array(this.spare.pop() ?? new ArrayBuffer(BLOCK));
    this.used = 0;
  }

  /** A taken block whose bytes are no longer needed. */
  recycle(bytes: Uint8Array<ArrayBuffer>): void {
    if (bytes.buffer.byteLength === BLOCK && this.spare.length < 8) this.spare.push(bytes.buffer);
  }

  /** Everything gathered so far, in order; the buffer starts empty again. */
  take(): Uint8Array<ArrayBuffer>[] {
    this.close();
    this.size = 0;
    return this.full.splice(0);
  }
}

/** UTF-8 byte length of a string, without allocating (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
