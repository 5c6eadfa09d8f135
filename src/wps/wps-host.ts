// The WPS task pane's host: the shared workbook host over WPS 表格's open
// workbook (et-io.ts).
import type { Lang } from '../engine/said.js';
import { WorkbookHost, type OpenWorkbook } from '../pane/workbook-host.js';
import type { EtApplication } from './et.js';
import { readIfPresent, readSheets, writeReport } from './et-io.js';

function etWorkbook(app: EtApplication): OpenWorkbook {
  return {
    read: (names, options) => readSheets(app, names, options),
    readIfPresent: (name) => readIfPresent(app, name),
    write: async (specs, options) => (await writeReport(app, specs, options)).sheets.map((s) => s.name),
    select: async (sheet, address) => {
      const ws = app.ActiveWorkbook?.Worksheets.Item(sheet);
      if (!ws) return;
      ws.Activate();
      ws.Range(address).Select();
    },
  };
}

export class WpsHost extends WorkbookHost {
  constructor(app: EtApplication, lang: Lang = 'zh') {
    super(etWorkbook(app), lang);
  }
}
