// A plain zip builder for tests that need packages no spreadsheet program
// writes for us: stored (uncompressed) entries, Zip64 directories, odd parts.
// Deliberately not our writer (src/xlsx/zip.ts), so the reader is not only
// tested against the code that wrote its input.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipBuildOptions {
  /** Deflate entries (method 8) instead of storing them. */
  deflate?: boolean;
  /** Write Zip64 sizes and directory records, as writers of very large files do. */
  zip64?: boolean;
  /** Mark entries as encrypted (flag bit 0), without encrypting anything. */
  encryptedFlag?: boolean;
  /** The unpacked size the central directory declares for each entry, or for the entries named (a zip bomb's claim), instead of the real one. */
  declaredSize?: number | Record<string, number>;
  /** Write a CRC-32 that does not match the entry's bytes (a damaged entry). */
  badCrc?: boolean;
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

export function buildZip(parts: Record<string, string>, options: ZipBuildOptions = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const z64 = !!options.zip64;
  const method = options.deflate ? 8 : 0;
  const flags = options.encryptedFlag ? 1 : 0;
  for (const [name, text] of Object.entries(parts)) {
    const raw = Buffer.from(text, 'utf8');
    const data = method === 8 ? deflateRawSync(raw) : raw;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = (crc32(raw) ^ (options.badCrc ? 1 : 0)) >>> 0;
    const version = u16(z64 ? 45 : 20);
    const claim = options.declaredSize;
    const declared = (typeof claim === 'object' ? claim[name] : claim) ?? raw.length;
    // The fields local headers and directory entries share: flags to the name's length.
    const shared = (size: number) => [
      u16(flags),
      u16(method),
      u32(0), // DOS time and date
      u32(crc),
      u32(z64 ? 0xffffffff : data.length),
      u32(z64 ? 0xffffffff : size),
      u16(nameBytes.length),
    ];
    const localExtra = z64 ? Buffer.concat([u16(1), u16(16), u64(raw.length), u64(data.length)]) : Buffer.alloc(0);
    const local = Buffer.concat([u32(0x04034b50), version, ...shared(raw.length), u16(localExtra.length), nameBytes, localExtra]);
    const extra = z64 ? Buffer.concat([u16(1), u16(24), u64(declared), u64(data.length), u64(offset)]) : Buffer.alloc(0);
    central.push(
      Buffer.concat([
        u32(0x02014b50),
        version, // made by
        version, // needed
        ...shared(declared),
        u16(extra.length),
        u16(0), // comment length
        u16(0), // disk
        u16(0), // internal attributes
        u32(0), // external attributes
        u32(z64 ? 0xffffffff : offset),
        nameBytes,
        extra,
      ]),
    );
    chunks.push(local, data);
    offset += local.length + data.length;
  }
  const dir = Buffer.concat(central);
  const count = central.length;
  const tail: Buffer[] = [];
  if (z64) {
    const recAt = offset + dir.length;
    tail.push(
      Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(dir.length), u64(offset)]),
      Buffer.concat([u32(0x07064b50), u32(0), u64(recAt), u32(1)]),
    );
  }
  tail.push(
    Buffer.concat([
      u32(0x06054b50),
      u16(0),
      u16(0),
      u16(z64 ? 0xffff : count),
      u16(z64 ? 0xffff : count),
      u32(z64 ? 0xffffffff : dir.length),
      u32(z64 ? 0xffffffff : offset),
      u16(0),
    ]),
  );
  return Buffer.concat([...chunks, dir, ...tail]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook package: sheets as sheetData XML, in tab order (parts for buildZip). */
export function minimalPackage(
  sheets: { name: string; data: string; part?: string }[],
  extra: { sharedStrings?: string; styles?: string; workbookPr?: string; prefix?: string; extraRels?: string; extraSheets?: string } = {},
): Record<string, string> {
  const p = extra.prefix ?? '';
  const parts: Record<string, string> = {
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<${p}workbook ${p ? `xmlns:${p.slice(0, -1)}` : 'xmlns'}="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">${extra.workbookPr ?? ''}<${p}sheets>${sheets
      .map((s, i) => `<${p}sheet name="${s.name}" sheetId="${i + 1}" r:id="rIdS${i}"/>`)
      .join('')}${extra.extraSheets ?? ''}</${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((s, i) => `<Relationship Id="rIdS${i}" Type="${REL}/worksheet" Target="${s.part ?? `worksheets/sheet${i + 1}.xml`}"/>`)
      .join('')}${extra.sharedStrings ? `<Relationship Id="rIdSS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}${
      extra.styles ? `<Relationship Id="rIdST" Type="${REL}/styles" Target="styles.xml"/>` : ''
    }${extra.extraRels ?? ''}</Relationships>`,
  };
  sheets.forEach((s, i) => {
    const path = s.part ? `xl/${s.part}` : `xl/worksheets/sheet${i + 1}.xml`;
    parts[path] =
      `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${p ? `xmlns:${p.slice(0, -1)}` : 'xmlns'}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}sheetData>${s.data}</${p}sheetData></${p}worksheet>`;
  });
  if (extra.sharedStrings) parts['xl/sharedStrings.xml'] = `<sst ${NS}>${extra.sharedStrings}</sst>`;
  if (extra.styles) parts['xl/styles.xml'] = `<styleSheet ${NS}>${extra.styles}</styleSheet>`;
  return parts;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A workbook as Excel saves one with a chart on its own sheet: a worksheet of figures and a chart sheet. */
export function chartWorkbook(): Buffer {
  return buildZip({
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="图表1" sheetId="2" r:id="rId2"/><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>月份</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>100</v></c></row></sheetData></worksheet>`,
    'xl/chartsheets/sheet1.xml': `<chartsheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`,
  });
}
