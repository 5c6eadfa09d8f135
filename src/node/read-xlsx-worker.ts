// Worker thread: reads the sheets of a .xlsx file (readBatches), with the
// parts every sheet needs as the opener read them, and posts their rows, in
// batches, to the opener, so that reading overlaps the calculation there.
// See read-xlsx.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceRow } from '../workbook/source.js';
import type { WorkbookParts } from '../xlsx/read-workbook.js';
import { readBatches, readError } from './read-xlsx.js';
import type { FromReader, ToReader } from './read-xlsx-protocol.js';
import { Credits } from './thread-messages.js';

// Few batches ahead: rows that wait in the opener's queue through a
// young-generation collection get promoted to the old one and pile up there
// as garbage (its heap reached 300 MB at 600,000 rows with 32 batches of 100
// queued; 180 MB with 2). Not too small either: each batch costs a message
// each way, and at 100 rows a batch the opener spent 0.56 s of a 100,000-row
// run posting acknowledgements (--cpu-prof of the CLI on bench-roster-100000.xlsx).
const BATCH = 1000;
const AHEAD = 2; // batches posted and not yet taken

const port = parentPort!;
const credits = new Credits(AHEAD);
let gotParts: (parts: WorkbookParts) => void;
const parts = new Promise<WorkbookParts>((resolve) => (gotParts = resolve));
port.on('message', (m: ToReader) => {
  if (m.kind === 'more') credits.give();
  else gotParts(m.parts);
});

async function post(m: FromReader): Promise<void> {
  if (m.kind === 'rows') await credits.take();
  port.postMessage(m);
}

const file = readBatches(workerData as string, await parts);
try {
  for await (const sheet of file.sheets) {
    await post({ kind: 'sheet', name: sheet.name, ...(sheet.kind ? { sheetKind: sheet.kind } : {}) });
    let rows: SourceRow[] = [];
    for await (const batch of sheet.batches) {
      for (const row of batch) rows.push(row);
      if (rows.length >= BATCH) {
        await post({ kind: 'rows', rows, bytesRead: file.bytesRead() });
        rows = [];
      }
    }
    if (rows.length) await post({ kind: 'rows', rows, bytesRead: file.bytesRead() });
  }
  await post({ kind: 'done', bytesRead: file.bytesRead() });
} catch (e) {
  const { reason, why } = readError(workerData as string, e);
  await post({ kind: 'error', reason, why });
}
