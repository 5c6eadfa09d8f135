// Worker thread: writes a .xlsx file (writeXlsxFile) from the sheets and rows
// its opener sends, so that turning rows into XML and deflating them runs
// beside the calculation on the other core. See write-xlsx.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { SheetStream } from '../xlsx/writer.js';
import { Inbox } from './thread-messages.js';
import type { FromWriter, ToWriter } from './write-xlsx-protocol.js';
import { writeXlsxFile } from './write-xlsx.js';

const port = parentPort!;
const inbox = new Inbox<ToWriter>();
port.on('message', inbox.push);
const post = (m: FromWriter) => port.postMessage(m);

try {
  await writeXlsxFile(workerData as string, async (wb) => {
    let sheet: SheetStream | undefined;
    for (let m = await inbox.next(); m.kind !== 'finish'; m = await inbox.next()) {
      if (m.kind === 'start') sheet = await wb.startSheet(m.head);
      else if (m.kind === 'rows') {
        for (const [cells, look] of m.rows) {
          const wait = sheet!.addRow(cells, look);
          if (wait) await wait;
        }
        post({ kind: 'taken' });
      } else if (m.kind === 'close') await sheet!.close();
      else await wb.writeSheet(m.spec);
    }
  });
  post({ kind: 'done' });
} catch (e) {
  post({ kind: 'error', message: (e as Error).message, code: (e as NodeJS.ErrnoException).code, path: (e as NodeJS.ErrnoException).path });
}
