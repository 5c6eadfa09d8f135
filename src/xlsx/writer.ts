// SheetSpec -> .xlsx, streamed: rows become SpreadsheetML text as they come
// and are deflated straight into the sink, so a 600,000-row result sheet never
// sits in memory. Host-independent (the CLI's file sink, the web page's Blob).
//
// Our own rather than exceljs's WorkbookWriter: that one builds a cell object
// per value and renders XML per row: 22 s for 600,000 result rows here against
// 2.6 s (bench/experiments/writer-choices.js), more than the whole job's
// budget. Every file it writes is read back with exceljs in the tests.
//
// Looks: frozen header, column widths, bold title/header/total rows, header
// fill, number formats on numeric cells, status fills. Strings are inline
// strings (no shared-strings table to hold until the end) and always text,
// never formulas.
import { columnLetter } from '../workbook/cells.js';
import { cutToCell } from '../workbook/cells.js';
import {
  LINE_POINTS,
  NUMBER_FORMATS,
  headerRowNumber,
  hiddenColumns,
  wrappedLines,
  type CellFill,
  type OutCell,
  type SheetSpec,
} from '../workbook/sheet-spec.js';
import { packageParts, sheetPath } from './parts.js';
import { Styles } from './styles.js';
import { Utf8Buffer } from '../workbook/utf8-buffer.js';
import { XML_HEAD, esc } from './xml.js';
import { ZipWriter, type ByteSink, type Gzip, type ZipEntry } from './zip.js';

const HEADER_FILL = 'FFDDEBF7';
const MARGINS = '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>';
const FOOTER = '<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>';

/**
 * Printed for filing: A4, one page wide (any number high, or one page for a
 * summary to sign), page numbers in the footer; the header rows repeat on
 * every page (print titles, in the workbook part).
 */
export function printXml(print: SheetSpec['print']): { sheetPr: string; tail: string } {
  const { orientation = 'landscape', onePage = false } = print ?? {};
  return {
    sheetPr: '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    tail: `${MARGINS}<pageSetup paperSize="9" orientation="${orientation}" fitToWidth="1" fitToHeight="${onePage ? 1 : 0}"/>${FOOTER}`,
  };
}
const FLUSH_AT = 1 << 19; // bytes of row XML gathered before handing them to the zip

export type SheetHead = Pick<SheetSpec, 'name' | 'title' | 'subtitle' | 'columns' | 'print'>;

export interface RowLook {
  bold?: boolean;
  fill?: CellFill;
}

/** A sheet being written row by row. */
export interface SheetStream {
  /** A promise only when the caller must wait for it (bytes are being handed on); rows come faster without one each. */
  addRow(cells: readonly OutCell[], look?: RowLook): void | Promise<void>;
  close(): Promise<void>;
}

/** What fills a workbook: this writer, or a stand-in for one on another thread (src/node/write-xlsx.ts). */
export interface SheetWriter {
  /** Starts the next sheet; close it before starting another. */
  startSheet(head: SheetHead): Promise<SheetStream>;
  /** Writes a whole sheet; `onRows` hears how many of its rows are written. */
  writeSheet(spec: SheetSpec, onRows?: (done: number) => void): Promise<void>;
}

/** A whole sheet through startSheet: bold total rows, status fills. */
export async function writeSheetSpec(wb: SheetWriter, spec: SheetSpec, onRows?: (done: number) => void): Promise<void> {
  // The whole sheet is at hand: hide what no row fills before its first row is written.
  const hidden = new Set(hiddenColumns(spec));
  const head: SheetHead = {
    name: spec.name,
    title: spec.title,
    subtitle: spec.subtitle,
    columns: spec.columns.map((c, i) => (c.hideWhenEmpty && !hidden.has(i) ? { ...c, hideWhenEmpty: false } : c)),
    print: spec.print,
  };
  const sheet = await wb.startSheet(head);
  const totals = new Set(spec.totalRows ?? []);
  for (let i = 0; i < spec.rows.length; i++) {
    const wait = sheet.addRow(spec.rows[i]!, { bold: totals.has(i), fill: spec.fills?.[i] });
    if (wait) await wait;
    if (onRows && (i + 1) % 1000 === 0) onRows(i + 1);
  }
  await sheet.close();
  onRows?.(spec.rows.length);
}

export interface XlsxWriterOptions {
  creator?: string;
  /** Checked at every flush: aborting stops the writer with the signal's reason. */
  signal?: AbortSignal;
  now?: Date;
  gzip?: Gzip;
}

/** XML whitespace at either end, or a line break, must be marked to survive. */
function keepsSpace(s: string): boolean {
  return s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32 || s.includes('\n');
}

// Any control character or character XML escapes: most texts have none, and
// then one test of the text answers both questions below.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_ESCAPED = /[\u0000-\u001F\uFFFE\uFFFF&<>"]/;

/** `open`: the cell's start tag up to its attributes, `<c r="B3"`. */
function inlineString(open: string, text: string, style: number): string {
  // Longer text makes a file Excel will not open: cut as the last resort.
  const s = cutToCell(text);
  const plain = !CONTROL_OR_ESCAPED.test(s);
  const spaced = plain ? s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32 : keepsSpace(s);
  const t = spaced ? '<t xml:space="preserve">' : '<t>';
  return `${open}${style ? ` s="${style}"` : ''} t="inlineStr"><is>${t}${plain ? s : esc(s)}</t></is></c>`;
}

export class XlsxWriter implements SheetWriter {
  private readonly zip: ZipWriter;
  private readonly styles = new Styles();
  private readonly names: string[] = [];
  /** Per sheet, in order: the rows to repeat at the top of printed pages. */
  private readonly printTitleRows: number[] = [];
  private readonly now: Date;

  constructor(
    sink: ByteSink,
    private readonly options: XlsxWriterOptions = {},
  ) {
    this.now = options.now ?? new Date();
    this.zip = new ZipWriter(sink, this.now, options.gzip);
  }

  async startSheet(head: SheetHead): Promise<SheetStream> {
    const { name, title, columns } = head;
    // Excel's rules: 1-31 characters, none of []:*?/\, no apostrophe at either end, unique ignoring case.
    if (!name || name.length > 31 || /[[\]:*?/\\]|^'|'$/.test(name) || this.names.some((n) => n.toLowerCase() === name.toLowerCase()))
      throw new Error(`invalid or duplicate sheet name: ${name}`);
    this.names.push(name);
    this.printTitleRows.push(headerRowNumber(head));
    const entry: ZipEntry = await this.zip.entry(sheetPath(this.names.length));
    const styles = this.styles;
    const signal = this.options.signal;

    const ySplit = headerRowNumber(head);
    // Each cell's start tag, less its row number: `<c r="B`.
    const opens = columns.map((_, i) => `<c r="${columnLetter(i)}`);
    const open = (i: number) => opens[i] ?? `<c r="${columnLetter(i)}`;
    const bold = styles.id(undefined, true, undefined);
    const formats = columns.map((c) => (c.kind === 'text' ? undefined : NUMBER_FORMATS[c.kind]));
    const plainNumberAttrs = formats.map((f) => styles.id(f, false, undefined)).map((s) => (s ? ` s="${s}"` : ''));
    const boldNumber = formats.map((f) => styles.id(f, true, undefined));
    const textStyles = columns.map((c) => (c.wrap ? styles.id(undefined, false, undefined, true) : 0));
    const wrapped = columns.flatMap((c, i) => (c.wrap ? [i] : []));
    /** A row's height attributes: as many lines as its longest wrapped text takes (see wrappedLines). */
    const height = (cells: readonly OutCell[], all: boolean): string => {
      let lines = 1;
      for (const i of all ? cells.keys() : wrapped) {
        const v = cells[i];
        if (typeof v === 'string' && v.length > 1) lines = Math.max(lines, wrappedLines(v, columns[i]!.width));
      }
      return lines > 1 ? ` ht="${lines * LINE_POINTS}" customHeight="1"` : '';
    };
    const print = printXml(head.print);
    // Columns hidden when no row fills them: whether any did is known when the
    // sheet's start is written, at its first flush (or close). A sheet longer
    // than one flush decides on the rows before it (docs/web.md, Printing).
    const emptyWatch = columns.flatMap((c, i) => (c.hideWhenEmpty ? [i] : []));
    const filled = new Set<number>();
    let started = false;
    const start = () => {
      started = true;
      const cols = columns.map(
        (c, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.hideWhenEmpty && !filled.has(i) ? ' hidden="1"' : ''} customWidth="1"/>`,
      );
      return (
        XML_HEAD +
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        print.sheetPr +
        `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${ySplit}" topLeftCell="A${ySplit + 1}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="A${ySplit + 1}" sqref="A${ySplit + 1}"/></sheetView></sheetViews>` +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        (columns.length ? `<cols>${cols.join('')}</cols>` : '') +
        '<sheetData>'
      );
    };

    const out = new Utf8Buffer();
    let n = 0; // rows written
    const flush = async () => {
      signal?.throwIfAborted();
      if (!started) {
        const head = new Utf8Buffer();
        head.put(start());
        for (const bytes of head.take()) await entry.write(bytes, () => {});
      }
      for (const bytes of out.take()) await entry.write(bytes, () => out.recycle(bytes));
    };
    const row = (cells: readonly OutCell[], look?: RowLook, textStyle?: number, attrs = wrapped.length ? height(cells, false) : '') => {
      const r = String(++n); // once a row, not once a cell
      const isBold = !!look?.bold;
      const fill = look?.fill;
      let xml = `<row r="${r}"${attrs}>`;
      for (let i = 0; i < cells.length; i++) {
        const v = cells[i];
        const fillHere = fill && fill.column === i ? fill.argb : undefined;
        if (v === null || v === undefined) {
          if (fillHere) xml += `${open(i)}${r}" s="${styles.id(undefined, isBold, fillHere)}"/>`;
        } else if (typeof v === 'number') {
          if (!Number.isFinite(v)) continue;
          const s = fillHere ? styles.id(formats[i], isBold, fillHere) : isBold ? (boldNumber[i] ?? bold) : undefined;
          xml += `${open(i)}${r}"${s === undefined ? (plainNumberAttrs[i] ?? '') : s ? ` s="${s}"` : ''}><v>${v}</v></c>`;
        } else {
          const wrap = !!columns[i]?.wrap;
          const s =
            textStyle ??
            (fillHere
              ? styles.id(undefined, isBold, fillHere, wrap)
              : isBold
                ? styles.id(undefined, true, undefined, wrap)
                : (textStyles[i] ?? 0));
          xml += inlineString(`${open(i)}${r}"`, v, s);
        }
      }
      out.put(xml + '</row>');
    };
    if (title) {
      row([title], undefined, styles.id(undefined, 'title', undefined), ' ht="20" customHeight="1"');
      if (head.subtitle) row([head.subtitle], undefined, undefined, '');
    }
    const headers = columns.map((c) => c.header);
    row(headers, undefined, styles.id(undefined, true, HEADER_FILL, true), height(headers, true));

    return {
      addRow(cells, look) {
        if (!started) for (const i of emptyWatch) if (cells[i] !== null && cells[i] !== undefined && cells[i] !== '') filled.add(i);
        row(cells, look);
        if (out.size > FLUSH_AT) return flush();
      },
      async close() {
        out.put(`</sheetData>${print.tail}</worksheet>`);
        await flush();
        await entry.close();
      },
    };
  }

  writeSheet(spec: SheetSpec, onRows?: (done: number) => void): Promise<void> {
    return writeSheetSpec(this, spec, onRows);
  }

  /** Writes styles and the package parts; the workbook is complete after this. */
  async finish(): Promise<void> {
    await this.zip.add('xl/styles.xml', this.styles.xml());
    for (const [path, xml] of packageParts(this.names, this.printTitleRows, this.options.creator ?? 'village-funds', this.now))
      await this.zip.add(path, xml);
    await this.zip.finish();
  }
}
