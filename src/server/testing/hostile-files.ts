import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";

/**
 * Hand-made zip and XLSX files for the import limit tests: honest ones, and
 * the kinds an attacker sends (zip bombs, lying directories, huge sheets).
 */
export interface ZipPart {
  name: string;
  /** The unpacked content; deflated here unless `packed` is given. */
  content?: Buffer;
  /** Already deflated bytes, for contents too large to hold unpacked. */
  packed?: Buffer;
  /** What the directory claims the unpacked size is (defaults to the truth). */
  declaredBytes?: number;
}

/** A zip archive (PKWARE APPNOTE: local headers, data, central directory, end record). */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const packed = part.packed ?? deflateRawSync(part.content ?? Buffer.alloc(0));
    const unpacked = part.declaredBytes ?? part.content?.length ?? 0;
    const crc = part.content ? crc32(part.content) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(unpacked, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(unpacked, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    directory.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const directoryBytes = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

/** Deflates `times` copies of `chunk` without ever holding them all: a real zip bomb payload. */
export async function deflateRepeated(chunk: Buffer, times: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on("data", (d: Buffer) => out.push(d));
  const done = new Promise((resolve) => deflater.on("end", resolve));
  for (let i = 0; i < times; i++) {
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once("drain", resolve));
  }
  deflater.end();
  await done;
  return Buffer.concat(out);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts around one worksheet that make a valid XLSX package. */
export function workbookParts(sheet: ZipPart): ZipPart[] {
  const text = (name: string, content: string): ZipPart => ({ name, content: Buffer.from(content) });
  return [
    text(
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    text(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    text(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    text(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    { ...sheet, name: "xl/worksheets/sheet1.xml" },
  ];
}

/** A worksheet's XML around the given `<sheetData>` content. */
export function sheetXml(rows: string, dimension = "A1"): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><dimension ref="${dimension}"/><sheetData>${rows}</sheetData></worksheet>`;
}

/** An XLSX whose only sheet holds the given rows of inline strings. */
export function xlsxOfRows(rows: string[][], dimension?: string): Buffer {
  const column = (i: number) => String.fromCharCode(65 + i);
  const data = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells.map((c, i) => `<c r="${column(i)}${r + 1}" t="inlineStr"><is><t>${c}</t></is></c>`).join("")}</row>`,
    )
    .join("");
  return zipOf(workbookParts({ name: "", content: Buffer.from(sheetXml(data, dimension)) }));
}
