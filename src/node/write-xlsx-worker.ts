// Worker thread: writes a .xlsx file (writeXlsxFile) from the sheets and rows
// its opener sends, so that turning rows into XML and deflating them runs
// beside the calculation on the other core. See write-xlsx.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { SheetStream } from '../xlsx/writer.js';
import type { FromWriter, ToWriter } from './write-xlsx-protocol.js';
import { writeXlsxFile } from './write-xlsx.js';

const port = parentPort!;
const inbox: ToWriter[] = [];
let wake: (() => void) | undefined;
port.on('message', (m: ToWriter) => {
  inbox.push(m);
  wake?.();
});
const next = async (): Promise<ToWriter> => {
  while (!inbox.length) await new Promise<void>((r) => (wake = r));
  return inbox.shift()!;
};
const post = (m: FromWriter) => port.postMessage(m);

try {
  await writeXlsxFile(workerData as string, async (wb) => {
    let sheet: SheetStream | undefined;
    for (let m = await next(); m.kind !== 'finish'; m = await next()) {
      if (m.kind === 'start') sheet = await wb.startSheet(m.head);
      else if (m.kind === 'rows') {
        for (const [cells, look] of m.rows) await sheet!.addRow(cells, look);
        post({ kind: 'taken' });
      } else if (m.kind === 'close') await sheet!.close();
      else await wb.writeSheet(m.spec);
    }
  });
  post({ kind: 'done' });
} catch (e) {
  post({ kind: 'error', message: (e as Error).message, code: (e as NodeJS.ErrnoException).code });
}
