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
