// The styles part of a written workbook: one cell style (xf) per look used,
// numbered as they are first asked for.
import { XML_HEAD, esc } from './xml.js';

const BUILTIN_FORMATS: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '@': 49 };

export class Styles {
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly fillIds = new Map<string, number>();
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIds = new Map<string, number>([['0|0|0|0', 0]]);

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

  /**
   * Style index for a number format, font (bold, or 'title': bold and larger), fill colour
   * and wrapped text (top-aligned, so a tall row reads from its top); 0 is the default look.
   */
  id(format: string | undefined, bold: boolean | 'title', fill: string | undefined, wrap = false): number {
    const fmt = this.numFmt(format);
    const fillId = fill ? this.fill(fill) : 0;
    const font = bold === 'title' ? 2 : bold ? 1 : 0;
    const key = `${fmt}|${font}|${fillId}|${wrap ? 1 : 0}`;
    let id = this.xfIds.get(key);
    if (id === undefined) {
      id = this.xfs.length;
      const attrs =
        `numFmtId="${fmt}" fontId="${font}" fillId="${fillId}" borderId="0" xfId="0"` +
        `${fmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}`;
      this.xfs.push(wrap ? `<xf ${attrs} applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` : `<xf ${attrs}/>`);
      this.xfIds.set(key, id);
    }
    return id;
  }

  xml(): string {
    const fmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    const font = (b: string, size = 11) =>
      `<font>${b}<sz val="${size}"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
    return (
      XML_HEAD +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.join('')}</numFmts>` : '') +
      `<fonts count="3">${font('')}${font('<b/>')}${font('<b/>', 14)}</fonts>` +
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
