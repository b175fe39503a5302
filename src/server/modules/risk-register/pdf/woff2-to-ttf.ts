import { brotliDecompressSync } from "node:zlib";

/**
 * Decodes a WOFF2 font into a plain TrueType font (W3C WOFF2 §5). fontkit
 * reads WOFF2 but, when pdfkit asks it for a subset to embed, copies glyph
 * bytes out of the *transformed* glyf table and so embeds garbage outlines;
 * fed the TrueType font this returns, it embeds correct ones.
 */
export function woff2ToTtf(woff2: Uint8Array): Uint8Array {
  const header = new Reader(woff2);
  if (header.u32() !== 0x774f4632) throw new Error("not a WOFF2 font");
  const flavor = header.u32();
  if (flavor === 0x74746366) throw new Error("WOFF2 font collections are not supported");
  header.skip(4); // length
  const numTables = header.u16();
  header.skip(2 + 4); // reserved, totalSfntSize
  const compressedSize = header.u32();
  header.skip(24); // version, metadata and private blocks

  const entries: { tag: string; length: number; transformed: boolean }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = header.u8();
    const tag = (flags & 0x3f) === 0x3f ? header.tag() : KNOWN_TAGS[flags & 0x3f];
    const originalLength = header.base128();
    const version = flags >> 6;
    // glyf and loca are transformed unless their version is 3; any other table is transformed unless it is 0.
    const transformed = tag === "glyf" || tag === "loca" ? version === 0 : version !== 0;
    entries.push({ tag, length: transformed ? header.base128() : originalLength, transformed });
  }
  const data = brotliDecompressSync(woff2.subarray(header.offset, header.offset + compressedSize));

  const tables = new Map<string, Uint8Array>();
  let offset = 0;
  for (const entry of entries) {
    const bytes = data.subarray(offset, offset + entry.length);
    offset += entry.length;
    if (entry.tag === "loca") continue; // rebuilt with glyf
    if (entry.tag === "glyf" && entry.transformed) {
      const { glyf, loca } = reconstructGlyf(bytes);
      tables.set("glyf", glyf);
      tables.set("loca", loca);
    } else if (entry.transformed) {
      throw new Error(`WOFF2 transform of table ${entry.tag} is not supported`);
    } else {
      tables.set(entry.tag, bytes);
    }
  }
  return assembleSfnt(flavor, tables);
}

// WOFF2 §4.2: table tags by their 6-bit index.
const KNOWN_TAGS = [
  "cmap",
  "head",
  "hhea",
  "hmtx",
  "maxp",
  "name",
  "OS/2",
  "post",
  "cvt ",
  "fpgm",
  "glyf",
  "loca",
  "prep",
  "CFF ",
  "VORG",
  "EBDT",
  "EBLC",
  "gasp",
  "hdmx",
  "kern",
  "LTSH",
  "PCLT",
  "VDMX",
  "vhea",
  "vmtx",
  "BASE",
  "GDEF",
  "GPOS",
  "GSUB",
  "EBSC",
  "JSTF",
  "MATH",
  "CBDT",
  "CBLC",
  "COLR",
  "CPAL",
  "SVG ",
  "sbix",
  "acnt",
  "avar",
  "bdat",
  "bloc",
  "bsln",
  "cvar",
  "fdsc",
  "feat",
  "fmtx",
  "fvar",
  "gvar",
  "hsty",
  "just",
  "lcar",
  "mort",
  "morx",
  "opbd",
  "prop",
  "trak",
  "Zapf",
  "Silf",
  "Glat",
  "Gloc",
  "Feat",
  "Sill",
];

class Reader {
  offset = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  skip(count: number) {
    this.offset += count;
  }
  u8() {
    return this.view.getUint8(this.offset++);
  }
  u16() {
    const value = this.view.getUint16(this.offset);
    this.offset += 2;
    return value;
  }
  i16() {
    const value = this.view.getInt16(this.offset);
    this.offset += 2;
    return value;
  }
  u32() {
    const value = this.view.getUint32(this.offset);
    this.offset += 4;
    return value;
  }
  tag() {
    return String.fromCharCode(this.u8(), this.u8(), this.u8(), this.u8());
  }
  take(count: number) {
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }
  /** UIntBase128 (WOFF2 §6.1.1). */
  base128() {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = this.u8();
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error("bad UIntBase128 in WOFF2 font");
  }
  /** 255UInt16 (WOFF2 §6.1.2). */
  u255() {
    const code = this.u8();
    if (code === 253) return this.u16();
    if (code === 255) return this.u8() + 253;
    if (code === 254) return this.u8() + 506;
    return code;
  }
}

class Writer {
  readonly bytes: number[] = [];
  u8(value: number) {
    this.bytes.push(value & 0xff);
  }
  u16(value: number) {
    this.bytes.push((value >> 8) & 0xff, value & 0xff);
  }
  u32(value: number) {
    this.u16(Math.floor(value / 0x10000));
    this.u16(value % 0x10000);
  }
  append(bytes: ArrayLike<number>) {
    for (let i = 0; i < bytes.length; i++) this.bytes.push(bytes[i]);
  }
  padTo(multiple: number) {
    while (this.bytes.length % multiple) this.bytes.push(0);
  }
}

/** Rebuilds the standard glyf and loca tables from the transformed glyf table (WOFF2 §5.1). */
function reconstructGlyf(transformed: Uint8Array): { glyf: Uint8Array; loca: Uint8Array } {
  const header = new Reader(transformed);
  header.skip(2); // reserved
  header.skip(2); // optionFlags: the overlap bitmap only matters to variable fonts
  const numGlyphs = header.u16();
  const indexFormat = header.u16();
  const sizes = Array.from({ length: 7 }, () => header.u32());
  const [nContours, nPoints, flags, glyphs, composites, bboxes, instructions] = sizes.map(
    (size) => new Reader(header.take(size)),
  );
  const bboxBitmap = bboxes.take(((numGlyphs + 31) >> 5) << 2);

  const glyf = new Writer();
  const offsets: number[] = [];
  for (let glyph = 0; glyph < numGlyphs; glyph++) {
    offsets.push(glyf.bytes.length);
    const contours = nContours.i16();
    const hasBbox = (bboxBitmap[glyph >> 3] & (0x80 >> (glyph & 7))) !== 0;
    if (contours === 0) continue;
    if (contours > 0) {
      const endPoints: number[] = [];
      let total = 0;
      for (let c = 0; c < contours; c++) {
        total += nPoints.u255();
        endPoints.push(total - 1);
      }
      const points = decodeTriplets(flags, glyphs, total);
      const program = instructions.take(glyphs.u255());
      const box = hasBbox ? [bboxes.i16(), bboxes.i16(), bboxes.i16(), bboxes.i16()] : boundsOf(points);
      writeSimpleGlyph(glyf, endPoints, points, program, box);
    } else {
      const start = composites.offset;
      let haveInstructions = false;
      for (let more = true; more; ) {
        const componentFlags = composites.u16();
        composites.skip(2); // glyph index
        composites.skip(componentFlags & 0x0001 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
        if (componentFlags & 0x0008)
          composites.skip(2); // WE_HAVE_A_SCALE
        else if (componentFlags & 0x0040)
          composites.skip(4); // WE_HAVE_AN_X_AND_Y_SCALE
        else if (componentFlags & 0x0080) composites.skip(8); // WE_HAVE_A_TWO_BY_TWO
        if (componentFlags & 0x0100) haveInstructions = true;
        more = (componentFlags & 0x0020) !== 0; // MORE_COMPONENTS
      }
      glyf.u16(0xffff); // numberOfContours = -1
      for (let i = 0; i < 4; i++) glyf.u16(bboxes.i16() & 0xffff);
      glyf.append(composites.bytes.subarray(start, composites.offset));
      if (haveInstructions) {
        const program = instructions.take(glyphs.u255());
        glyf.u16(program.length);
        glyf.append(program);
      }
    }
    glyf.padTo(4);
  }
  offsets.push(glyf.bytes.length);

  const loca = new Writer();
  for (const at of offsets) {
    if (indexFormat === 0) loca.u16(at / 2);
    else loca.u32(at);
  }
  return { glyf: Uint8Array.from(glyf.bytes), loca: Uint8Array.from(loca.bytes) };
}

interface Point {
  x: number;
  y: number;
  onCurve: boolean;
}

/** Point coordinates from the flag and glyph streams (WOFF2 §5.2, triplet encoding). */
function decodeTriplets(flags: Reader, data: Reader, count: number): Point[] {
  const withSign = (flag: number, value: number) => (flag & 1 ? value : -value);
  const points: Point[] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < count; i++) {
    let flag = flags.u8();
    const onCurve = flag >> 7 === 0;
    flag &= 0x7f;
    let dx: number;
    let dy: number;
    if (flag < 10) {
      dx = 0;
      dy = withSign(flag, ((flag & 14) << 7) + data.u8());
    } else if (flag < 20) {
      dx = withSign(flag, (((flag - 10) & 14) << 7) + data.u8());
      dy = 0;
    } else if (flag < 84) {
      const b0 = flag - 20;
      const b1 = data.u8();
      dx = withSign(flag, 1 + (b0 & 0x30) + (b1 >> 4));
      dy = withSign(flag >> 1, 1 + ((b0 & 0x0c) << 2) + (b1 & 0x0f));
    } else if (flag < 120) {
      const b0 = flag - 84;
      dx = withSign(flag, 1 + (Math.floor(b0 / 12) << 8) + data.u8());
      dy = withSign(flag >> 1, 1 + (((b0 % 12) >> 2) << 8) + data.u8());
    } else if (flag < 124) {
      const b1 = data.u8();
      const b2 = data.u8();
      dx = withSign(flag, (b1 << 4) + (b2 >> 4));
      dy = withSign(flag >> 1, ((b2 & 0x0f) << 8) + data.u8());
    } else {
      dx = withSign(flag, data.u16());
      dy = withSign(flag >> 1, data.u16());
    }
    x += dx;
    y += dy;
    points.push({ x, y, onCurve });
  }
  return points;
}

function boundsOf(points: Point[]): number[] {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A simple glyph in the TrueType glyf format, coordinates as short deltas where they fit. */
function writeSimpleGlyph(out: Writer, endPoints: number[], points: Point[], program: Uint8Array, box: number[]) {
  out.u16(endPoints.length);
  for (const value of box) out.u16(value & 0xffff);
  for (const end of endPoints) out.u16(end);
  out.u16(program.length);
  out.append(program);
  const xs = new Writer();
  const ys = new Writer();
  let previous = { x: 0, y: 0 };
  for (const point of points) {
    let flag = point.onCurve ? 0x01 : 0;
    flag |= delta(xs, point.x - previous.x, 0x02, 0x10);
    flag |= delta(ys, point.y - previous.y, 0x04, 0x20);
    out.u8(flag);
    previous = point;
  }
  out.append(xs.bytes);
  out.append(ys.bytes);
}

/** Writes one coordinate delta and returns its flag bits (short flag, same-or-positive flag). */
function delta(out: Writer, value: number, short: number, sameOrPositive: number): number {
  if (value === 0) return sameOrPositive;
  if (Math.abs(value) < 256) {
    out.u8(Math.abs(value));
    return short | (value > 0 ? sameOrPositive : 0);
  }
  out.u16(value & 0xffff);
  return 0;
}

/** An OpenType file: the offset table, table records sorted by tag, and the tables 4-byte aligned. */
function assembleSfnt(flavor: number, tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const entrySelector = Math.floor(Math.log2(tags.length));
  const searchRange = 2 ** entrySelector * 16;
  const out = new Writer();
  out.u32(flavor);
  out.u16(tags.length);
  out.u16(searchRange);
  out.u16(entrySelector);
  out.u16(tags.length * 16 - searchRange);
  let offset = 12 + 16 * tags.length;
  for (const tag of tags) {
    const bytes = tables.get(tag)!;
    for (let i = 0; i < 4; i++) out.u8(tag.charCodeAt(i));
    out.u32(checksum(bytes));
    out.u32(offset);
    out.u32(bytes.length);
    offset += Math.ceil(bytes.length / 4) * 4;
  }
  for (const tag of tags) {
    out.append(tables.get(tag)!);
    out.padTo(4);
  }
  return Uint8Array.from(out.bytes);
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    sum = (sum + ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3])) >>> 0;
  }
  return sum;
}
