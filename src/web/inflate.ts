// Inflating zip entries where the browser has no DecompressionStream
// (Safari < 16.4, Firefox < 113): fflate, loaded only then, as its own chunk.
import type { InflateRaw } from '../xlsx/zip-bytes.js';

export const inflateRaw: InflateRaw = async (raw, size) => {
  const { inflateSync } = await import(/* webpackChunkName: "fflate" */ 'fflate');
  // Into a buffer of the size the directory claims: fflate stops there.
  return inflateSync(raw, { out: new Uint8Array(size) });
};
