// The web page's workbook download: the shared streaming writer with a Blob as its sink.
import type { SheetSpec } from '../workbook/sheet-spec.js';
import { XlsxWriter } from '../xlsx/writer.js';

export interface WriteOptions {
  /** Called with rows written so far (all sheets) and the total. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Writes the sheets, in order, into one .xlsx workbook. */
export async function writeXlsx(specs: readonly SheetSpec[], options: WriteOptions = {}): Promise<Blob> {
  const parts: BlobPart[] = [];
  const wb = new XlsxWriter((bytes) => void parts.push(bytes as BlobPart), { signal: options.signal });
  const total = specs.reduce((n, s) => n + s.rows.length, 0) || 1;
  let before = 0;
  for (const spec of specs) {
    await wb.writeSheet(spec, (done) => options.onProgress?.(before + done, total));
    before += spec.rows.length;
  }
  await wb.finish();
  return new Blob(parts, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
