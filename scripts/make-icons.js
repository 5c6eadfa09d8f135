// Writes the add-in's ribbon and manifest icons (assets/icon-16/32/64/80.png):
// a blue rounded square with three white columns, a budget chart. Built-in
// zlib only; deterministic, so the committed PNGs are byte-for-byte this output.
//   node scripts/make-icons.js
import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 32, 64, 80];
const BACKGROUND = [0x1f, 0x5f, 0xa8];
const FOREGROUND = [0xff, 0xff, 0xff];
const SUPERSAMPLE = 4;

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (size*size*4) -> PNG file bytes. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What covers the unit-square point (x, y): 0 nothing, 1 background, 2 a column. */
function shapeAt(x, y) {
  const r = 0.18; // corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  const base = 0.8;
  const columns = [
    [0.2, 0.36, 0.55],
    [0.42, 0.58, 0.38],
    [0.64, 0.8, 0.22],
  ];
  for (const [x0, x1, top] of columns) if (x >= x0 && x < x1 && y >= top && y < base) return 2;
  return 1;
}

export function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const s = shapeAt((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (s === 1) bg++;
          else if (s === 2) fg++;
        }
      }
      const cover = bg + fg;
      const i = (py * size + px) * 4;
      if (cover === 0) continue; // transparent
      for (let ch = 0; ch < 3; ch++) rgba[i + ch] = Math.round((BACKGROUND[ch] * bg + FOREGROUND[ch] * fg) / cover);
      rgba[i + 3] = Math.round((255 * cover) / n);
    }
  }
  return encodePng(size, rgba);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(join(root, 'assets'), { recursive: true });
  for (const size of SIZES) {
    const file = join(root, 'assets', `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`wrote ${file}`);
  }
}
