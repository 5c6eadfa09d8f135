// Inflating zip entries where the browser has no DecompressionStream
// (Safari < 16.4, Firefox < 113): fflate, loaded only then, as its own chunk.
import type { InflateRaw } from '../xlsx/zip-bytes.js';

export const inflateRaw: InflateRaw = async (raw) => {
  const { inflateSync } = await import(/* webpackChunkName: "fflate" */ 'fflate');
  return inflateSync(raw);
};
