// SheetSpec[] -> .xlsx bytes, fast, for the web page's worker.
//
// exceljs's in-memory writer spends ~100 µs a row rendering XML (10 s for a
// 100,000-row result sheet); this writes the same sheets (same columns,
// widths, frozen header, bold title/header/total rows, header fill, number
// formats on numeric cells, status fills) as src/xlsx/write.ts does with
// exceljs, as plain SpreadsheetML strings, zipped with the browser's own
// deflate (CompressionStream). Strings are always written as text (shared
// strings), never as formulas.
import { columnLetter as letter } from '../workbook/cells.js';
import { NUMBER_FORMATS, headerRowNumber, type OutCell, type SheetSpec } from '../workbook/sheet-spec.js';

const HEADER_FILL = 'FFDDEBF7';
const BUILTIN_FORMATS: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '@': 49 };

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function esc(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

class Styles {
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly fillIds = new Map<string, number>();
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIds = new Map<string, number>([['0|0|0', 0]]);

  private fill(argb: string): number {
    let id = this.fillIds.get(argb);
    if (id === undefined) {
      id = this.fills.length;
      this.fills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${esc(argb)}"/><bgColor indexed="64"/></patternFill></fill>`);
      this.fillIds.set(argb, id);
    }
    return id;
  }

  private numFmt(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }

  /** Style index for a number format, bold font and fill colour. */
  id(format: string | undefined, bold: boolean, fill: string | undefined): number {
    const fmt = this.numFmt(format);
    const fillId = fill ? this.fill(fill) : 0;
    const key = `${fmt}|${bold ? 1 : 0}|${fillId}`;
    let id = this.xfIds.get(key);
    if (id === undefined) {
      id = this.xfs.length;
      this.xfs.push(
        `<xf numFmtId="${fmt}" fontId="${bold ? 1 : 0}" fillId="${fillId}" borderId="0" xfId="0"` +
          `${fmt ? ' applyNumberFormat="1"' : ''}${bold ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}/>`,
      );
      this.xfIds.set(key, id);
    }
    return id;
  }

  xml(): string {
    const fmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.join('')}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
      '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  *chunks(): Generator<string> {
    yield (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.list.length}">`
    );
    let buf = '';
    for (const s of this.list) {
      const t = esc(s);
      buf += /^\s|\s$|\n/.test(s) ? `<si><t xml:space="preserve">${t}</t></si>` : `<si><t>${t}</t></si>`;
      if (buf.length > 1 << 16) {
        yield buf;
        buf = '';
      }
    }
    yield buf + '</sst>';
  }
}

export interface WriteOptions {
  /** Called with rows written so far (all sheets) and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between row blocks. */
  signal?: AbortSignal;
  creator?: string;
}

/** The rows of one worksheet as XML chunks. */
function* sheetXml(spec: SheetSpec, styles: Styles, strings: SharedStrings, tick: (n: number) => void): Generator<string> {
  const ySplit = headerRowNumber(spec);
  const cols = spec.columns;
  const letters = cols.map((_, i) => letter(i));
  const lastRow = ySplit + spec.rows.length;
  const width = Math.max(cols.length, ...spec.rows.slice(0, 1).map((r) => r.length), 1);
  const bold = styles.id(undefined, true, undefined);
  const headerStyle = styles.id(undefined, true, HEADER_FILL);
  const formats = cols.map((c) => (c.kind === 'text' ? undefined : NUMBER_FORMATS[c.kind]));
  const plainNumber = formats.map((f) => styles.id(f, false, undefined));
  const boldNumber = formats.map((f) => styles.id(f, true, undefined));
  const totals = new Set(spec.totalRows ?? []);

  let out =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${letter(width - 1)}${Math.max(lastRow, 1)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${ySplit}" topLeftCell="A${ySplit + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${ySplit + 1}" sqref="A${ySplit + 1}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols.length
      ? `<cols>${cols.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols>`
      : '') +
    '<sheetData>';

  const str = (ref: string, s: string, style: number) => `<c r="${ref}"${style ? ` s="${style}"` : ''} t="s"><v>${strings.id(s)}</v></c>`;
  let r = 1;
  if (spec.title) {
    out += `<row r="1">${str('A1', spec.title, bold)}</row>`;
    r = 2;
  }
  out += `<row r="${r}">${cols.map((c, i) => str(`${letters[i]}${r}`, c.header, headerStyle)).join('')}</row>`;

  const rows = spec.rows;
  for (let k = 0; k < rows.length; k++) {
    const n = ySplit + 1 + k;
    const cells: readonly OutCell[] = rows[k]!;
    const isTotal = totals.has(k);
    const fill = spec.fills?.[k];
    let row = `<row r="${n}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined) {
        if (fill && fill.column === i) row += `<c r="${letters[i] ?? letter(i)}${n}" s="${styles.id(undefined, isTotal, fill.argb)}"/>`;
        continue;
      }
      const ref = `${letters[i] ?? letter(i)}${n}`;
      const fillHere = fill && fill.column === i ? fill.argb : undefined;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) continue;
        const s = fillHere ? styles.id(formats[i], isTotal, fillHere) : isTotal ? (boldNumber[i] ?? bold) : (plainNumber[i] ?? 0);
        row += `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${v}</v></c>`;
      } else {
        const s = fillHere ? styles.id(undefined, isTotal, fillHere) : isTotal ? bold : 0;
        row += str(ref, v, s);
      }
    }
    out += row + '</row>';
    if (out.length > 1 << 17) {
      yield out;
      out = '';
      tick(k + 1);
    }
  }
  tick(rows.length);
  yield out + '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
}

// ---------------------------------------------------------------------------
// Zip

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(crc: number, bytes: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

interface ZipEntry {
  name: Uint8Array;
  crc: number;
  size: number;
  compressedSize: number;
  method: number;
  offset: number;
}

const canDeflate = (() => {
  try {
    return typeof CompressionStream === 'function' && !!new CompressionStream('deflate-raw' as CompressionFormat);
  } catch {
    return false;
  }
})();

class ZipBuilder {
  readonly parts: BlobPart[] = [];
  private readonly entries: ZipEntry[] = [];
  private offset = 0;
  private readonly encoder = new TextEncoder();
  private readonly time: number;
  private readonly date: number;

  constructor(now = new Date()) {
    this.time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    this.date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  }

  async add(name: string, chunks: Iterable<string>, signal?: AbortSignal): Promise<void> {
    const nameBytes = this.encoder.encode(name);
    let crc = 0;
    let size = 0;
    const encoder = this.encoder;
    const compressed: Uint8Array[] = [];
    let compressedSize = 0;
    if (canDeflate) {
      const cs = new CompressionStream('deflate-raw' as CompressionFormat);
      const writer = cs.writable.getWriter();
      const reading = (async () => {
        const reader = cs.readable.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          compressed.push(value);
          compressedSize += value.length;
        }
      })();
      for (const s of chunks) {
        signal?.throwIfAborted();
        const bytes = encoder.encode(s);
        crc = crc32(crc, bytes);
        size += bytes.length;
        await writer.write(bytes);
      }
      await writer.close();
      await reading;
    } else {
      for (const s of chunks) {
        const bytes = encoder.encode(s);
        crc = crc32(crc, bytes);
        size += bytes.length;
        compressed.push(bytes);
        compressedSize += bytes.length;
      }
    }
    const method = canDeflate ? 8 : 0;
    const header = new DataView(new ArrayBuffer(30));
    header.setUint32(0, 0x04034b50, true);
    header.setUint16(4, 20, true);
    header.setUint16(6, 0x0800, true); // UTF-8 names
    header.setUint16(8, method, true);
    header.setUint16(10, this.time, true);
    header.setUint16(12, this.date, true);
    header.setUint32(14, crc, true);
    header.setUint32(18, compressedSize, true);
    header.setUint32(22, size, true);
    header.setUint16(26, nameBytes.length, true);
    header.setUint16(28, 0, true);
    this.parts.push(header.buffer, nameBytes as BlobPart, ...(compressed as BlobPart[]));
    this.entries.push({ name: nameBytes, crc, size, compressedSize, method, offset: this.offset });
    this.offset += 30 + nameBytes.length + compressedSize;
  }

  finish(): Blob {
    const start = this.offset;
    let cdSize = 0;
    for (const e of this.entries) {
      const h = new DataView(new ArrayBuffer(46));
      h.setUint32(0, 0x02014b50, true);
      h.setUint16(4, 20, true);
      h.setUint16(6, 20, true);
      h.setUint16(8, 0x0800, true);
      h.setUint16(10, e.method, true);
      h.setUint16(12, this.time, true);
      h.setUint16(14, this.date, true);
      h.setUint32(16, e.crc, true);
      h.setUint32(20, e.compressedSize, true);
      h.setUint32(24, e.size, true);
      h.setUint16(28, e.name.length, true);
      h.setUint32(42, e.offset, true);
      this.parts.push(h.buffer, e.name as BlobPart);
      cdSize += 46 + e.name.length;
    }
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, this.entries.length, true);
    end.setUint16(10, this.entries.length, true);
    end.setUint32(12, cdSize, true);
    end.setUint32(16, start, true);
    this.parts.push(end.buffer);
    return new Blob(this.parts, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }
}

// ---------------------------------------------------------------------------

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Writes the sheets, in order, into one .xlsx workbook. */
export async function writeXlsx(specs: readonly SheetSpec[], options: WriteOptions = {}): Promise<Blob> {
  const names = new Set<string>();
  for (const s of specs) {
    if (!s.name || s.name.length > 31 || /[[\]:*?/\\]/.test(s.name) || names.has(s.name.toLowerCase()))
      throw new Error(`invalid or duplicate sheet name: ${s.name}`);
    names.add(s.name.toLowerCase());
  }
  const zip = new ZipBuilder();
  const styles = new Styles();
  const strings = new SharedStrings();
  const total = specs.reduce((n, s) => n + s.rows.length, 0) || 1;
  let before = 0;
  for (const [i, spec] of specs.entries()) {
    const base = before;
    await zip.add(
      `xl/worksheets/sheet${i + 1}.xml`,
      sheetXml(spec, styles, strings, (n) => options.onProgress?.(base + n, total)),
      options.signal,
    );
    before += spec.rows.length;
  }
  await zip.add('xl/sharedStrings.xml', strings.chunks());
  await zip.add('xl/styles.xml', [styles.xml()]);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await zip.add('[Content_Types].xml', [
    XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      specs
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>',
  ]);
  await zip.add('_rels/.rels', [
    XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
      '</Relationships>',
  ]);
  await zip.add('docProps/core.xml', [
    XML_HEAD +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>${esc(options.creator ?? 'village-funds')}</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
      '</cp:coreProperties>',
  ]);
  await zip.add('docProps/app.xml', [
    XML_HEAD +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>village-funds</Application></Properties>',
  ]);
  await zip.add('xl/workbook.xml', [
    XML_HEAD +
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
      '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="15000"/></bookViews><sheets>' +
      specs.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets><calcPr calcId="191029"/></workbook>',
  ]);
  await zip.add('xl/_rels/workbook.xml.rels', [
    XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      specs.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${specs.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${specs.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
  ]);
  return zip.finish();
}
