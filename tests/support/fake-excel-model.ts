// The fake Excel's workbook as data: its sheets (the shared cell grid plus what
// only Excel's object model has: visibility, custom properties, names, charts,
// tab colour, print settings) and the workbook that adds, finds and removes them
// with Excel's rules. The proxies of fake-excel-*.ts act on these at sync time.

import { CellGrid, badSheetName, type FakeCell, type FakeScalar, type Rect } from './fake-grid.js';
import { FakeRichApiError } from './fake-rich-api-error.js';

export interface FakeChart {
  name: string;
  type: string;
  /** Address of the source data. */
  source: string;
  seriesBy: string;
  title: string;
  categoryNames?: string;
  position?: { start: string; end?: string };
}

export interface FakeNamedItem {
  name: string;
  formula: string;
  visible: boolean;
  comment: string;
}

export class FakeSheet extends CellGrid<FakeCell> {
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  /** Keys compare case-insensitively, as in Excel. */
  readonly customProperties = new Map<string, { key: string; value: string }>();
  readonly names = new Map<string, FakeNamedItem>();
  readonly charts: FakeChart[] = [];
  tabColor = '';
  /** Print settings (Worksheet.pageLayout, ExcelApi 1.9). */
  readonly pageLayout: {
    orientation: string;
    paperSize: string;
    printTitleRows: string;
    centerFooter: string;
    zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  } = {
    zoom: { scale: 100 },
    orientation: 'Portrait',
    paperSize: 'Letter',
    printTitleRows: '',
    centerFooter: '',
  };

  constructor(
    readonly id: string,
    public name: string,
  ) {
    super();
  }

  /** Bounds of the used range: cells with a value (valuesOnly) or with anything set. */
  usedRect(valuesOnly: boolean): Rect | null {
    return this.bounds(
      (cell) =>
        cell.value !== '' ||
        cell.formula !== undefined ||
        (!valuesOnly && !!(cell.numberFormat || cell.bold || cell.fill || cell.hyperlink)),
    );
  }

  /** The values of the used range (valuesOnly) with its Excel row number and 0-based first column. */
  usedValues(): { firstRow: number; firstColumn: number; values: FakeScalar[][] } {
    const rect = this.usedRect(true);
    if (!rect) return { firstRow: 1, firstColumn: 0, values: [] };
    return { firstRow: rect.r0 + 1, firstColumn: rect.c0, values: this.read(rect, (c) => c?.value ?? '') };
  }
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet | undefined;
  private nextId = 1;

  find(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  add(name?: string): FakeSheet {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.find(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    checkSheetName(n);
    if (this.find(n)) throw new FakeRichApiError('ItemAlreadyExists', `The resource with the name or ID '${n}' already exists.`);
    const sheet = new FakeSheet(`{${String(this.nextId++).padStart(8, '0')}}`, n);
    this.sheets.push(sheet);
    this.active ??= sheet;
    return sheet;
  }

  remove(sheet: FakeSheet): void {
    if (this.sheets.filter((s) => s.visibility === 'Visible').length <= 1 && sheet.visibility === 'Visible') {
      throw new FakeRichApiError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.active === sheet) this.active = this.sheets[0];
  }
}

export function checkSheetName(n: string): void {
  if (badSheetName(n)) {
    throw new FakeRichApiError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: sheet name '${n}'`);
  }
}
