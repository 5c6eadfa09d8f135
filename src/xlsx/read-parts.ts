// Reading SpreadsheetML parts, host-independent: text in, plain values out.
import { isDateFormat } from '../workbook/cells.js';

// Only what the workbook layer needs: sheet names and order, shared strings,
// which cell styles are dates, and the rows of cells (read-sheet.ts).
// Elements may carry a namespace prefix (<x:row>), as some writers emit.

/**
 * Decodes text as XML and Excel mean it: raw line ends normalised first (CR LF
 * and a lone CR are one LF, as XML requires, so Excel's CR LF written as
 * `_x000D_` and a raw CR LF is CR LF, not CR CR LF), then entities (&#13; is a
 * CR), then Excel's _xHHHH_ escapes (_x000D_ is a carriage return).
 */
export function decodeText(s: string): string {
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (s.includes('&'))
    s = s.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g, (_, dec, hex, name) =>
      name ? NAMED[name as string]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex as string, 16)),
    );
  if (s.includes('_x')) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex as string, 16)));
  return s;
}

const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

/** XML text with its CDATA sections (<t><![CDATA[a<b]]></t>) written as escaped text, which the readers then decode. */
export function withoutCdata(xml: string): string {
  return xml.includes('<![CDATA[') ? xml.replace(CDATA, (_, text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')) : xml;
}
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The value of one attribute (`name` is a regular expression) in a start tag's attribute text, decoded. */
export function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeText(m[1] ?? m[2]!) : undefined;
}

const T = /<(?:\w+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g;
const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

/** The text of a shared string or inline string: its runs joined, phonetic guides (<rPh>) left out. */
export function stringText(inner: string): string {
  // Most strings are one plain run, <t>text</t>: no regular expression needed.
  if (inner.startsWith('<t>') && inner.indexOf('<', 3) === inner.length - 4 && inner.endsWith('</t>'))
    return decodeText(inner.slice(3, -4));
  if (inner.includes('rPh')) inner = inner.replace(PHONETIC, '');
  let s = '';
  for (const m of inner.matchAll(T)) s += m[1] ?? '';
  return decodeText(s);
}

/**
 * Cuts a part's text, arriving in pieces, at the end of its last complete
 * `element`, so each piece handed on holds whole elements only. The closing
 * tag's prefix is learnt from the `root` element's start tag.
 */
export class ElementCutter {
  private pending = '';
  /** The element's closing tag, once the root's start tag has been seen. */
  closeTag: string | undefined;
  constructor(
    private readonly root: string,
    private readonly element: string,
  ) {}

  push(text: string): string {
    this.pending += text;
    if (this.closeTag === undefined) {
      const m = new RegExp(`<(\\w+:)?${this.root}[\\s>/]`).exec(this.pending);
      if (!m) return '';
      this.closeTag = `</${m[1] ?? ''}${this.element}>`;
    }
    const end = this.pending.lastIndexOf(this.closeTag);
    if (end < 0) return '';
    const cut = end + this.closeTag.length;
    const whole = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return whole;
  }

  /** What is left at the end of the part (self-closing elements after the last closing tag). */
  finish(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }
}

const SI = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;

/** Shared strings, in pieces as a part arrives. */
export function sharedStringsReader(): { push(text: string): void; finish(): string[] } {
  const cut = new ElementCutter('sst', 'si');
  const out: string[] = [];
  const take = (xml: string) => {
    xml = withoutCdata(xml);
    let at = 0;
    for (;;) {
      // The usual <si><t>text</t></si> by string search: reading them is what the first rows wait for.
      if (xml.startsWith('<si><t>', at)) {
        const end = xml.indexOf('<', at + 7);
        if (end >= 0 && xml.startsWith('</t></si>', end)) {
          out.push(decodeText(xml.slice(at + 7, end)));
          at = end + 9;
          continue;
        }
      }
      SI.lastIndex = at;
      const m = SI.exec(xml);
      if (!m) return;
      out.push(m[1] === undefined ? '' : stringText(m[1]));
      at = SI.lastIndex;
    }
  };
  return { push: (text) => take(cut.push(text)), finish: () => (take(cut.finish()), out) };
}

// Excel's built-in number formats that show dates or times.
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** For each cell style (cellXfs index), whether it shows a date. */
export function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const id = Number(attribute(m[1]!, 'numFmtId'));
    const code = attribute(m[1]!, 'formatCode');
    if (code !== undefined) custom.set(id, code);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attribute(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id));
  }
  return out;
}

export interface Relationship {
  type: string;
  /** The target part's path inside the package, without a leading slash. */
  part: string;
}

/** A part's relationships by id, targets resolved against the part's folder. */
export function relationships(relsXml: string, partPath: string): Map<string, Relationship> {
  const dir = partPath.includes('/') ? partPath.slice(0, partPath.lastIndexOf('/') + 1) : '';
  const out = new Map<string, Relationship>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attribute(m[1]!, 'Id');
    const target = attribute(m[1]!, 'Target');
    if (id === undefined || target === undefined || attribute(m[1]!, 'TargetMode') === 'External') continue;
    out.set(id, { type: attribute(m[1]!, 'Type') ?? '', part: resolvePart(dir, target) });
  }
  return out;
}

function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The relationships part that belongs to a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels. */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

export interface WorkbookInfo {
  /** Worksheets in tab order, with their relationship ids (chart sheets included; the caller filters by type). */
  sheets: { name: string; rid: string }[];
  /** Dates count from 1904 (old Mac workbooks). */
  date1904: boolean;
}

export function workbookInfo(workbookXml: string): WorkbookInfo {
  const sheets = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = attribute(m[1]!, 'name');
    const rid = attribute(m[1]!, '\\w+:id'); // r:id, whatever the prefix
    if (name !== undefined && rid !== undefined) sheets.push({ name, rid });
  }
  const pr = /<(?:\w+:)?workbookPr\b([^>]*?)\/?>/.exec(workbookXml);
  const d = pr ? attribute(pr[1]!, 'date1904') : undefined;
  return { sheets, date1904: d === '1' || d === 'true' };
}
