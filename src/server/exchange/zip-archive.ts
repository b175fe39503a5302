import { createInflateRaw } from "node:zlib";
import { fileTooLarge, malformedFile, megabytes, type TableLimits } from "./table-limits";

/** One file in a zip, as the central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  packedBytes: number;
  unpackedBytes: number;
  /** Where the packed data starts in the archive. */
  dataOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
// APPNOTE.TXT 4.4.1.4: sizes and offsets of 0xFFFFFFFF (counts of 0xFFFF) mean "see the ZIP64 record".
const ZIP64_MARK = 0xffffffff;

const broken = (en: string, zh: string) => malformedFile(zh, en);

/**
 * Reads the central directory (PKWARE APPNOTE 4.3.16 and 4.3.12) and checks
 * the archive against the limits before anything is unpacked: entry count,
 * declared unpacked sizes, and the compression ratio of each large entry.
 */
export function readZipDirectory(archive: Buffer, limits: TableLimits): Map<string, ZipEntry> {
  const end = findEndOfDirectory(archive);
  if (end < 0) throw broken("no zip directory found", "找不到 zip 目录");
  const disk = archive.readUInt16LE(end + 4);
  const totalEntries = archive.readUInt16LE(end + 10);
  const directoryBytes = archive.readUInt32LE(end + 12);
  const directoryOffset = archive.readUInt32LE(end + 16);
  if (disk !== 0) throw broken("a multi-part zip", "分卷 zip 文件");
  if (totalEntries === 0xffff || directoryOffset === ZIP64_MARK) {
    // An archive under the upload limit never needs ZIP64; one that uses it is hand-made.
    throw fileTooLarge("zipEntries", `${limits.zipEntries} 个压缩包条目`, `${limits.zipEntries} zip entries`);
  }
  if (totalEntries > limits.zipEntries) {
    throw fileTooLarge("zipEntries", `${limits.zipEntries} 个压缩包条目`, `${limits.zipEntries} zip entries`, {
      max: limits.zipEntries,
      found: totalEntries,
    });
  }
  if (directoryOffset + directoryBytes > end) throw broken("the zip directory lies outside the file", "zip 目录越界");

  const entries = new Map<string, ZipEntry>();
  let unpackedTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < totalEntries; i++) {
    if (at + 46 > end || archive.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw broken("a damaged zip directory entry", "zip 目录条目损坏");
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const packedBytes = archive.readUInt32LE(at + 20);
    const unpackedBytes = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localOffset = archive.readUInt32LE(at + 42);
    const name = archive.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (packedBytes === ZIP64_MARK || unpackedBytes === ZIP64_MARK || localOffset === ZIP64_MARK) {
      throw fileTooLarge("unpackedBytes", `解压后 ${megabytes(limits.unpackedBytes)}`, megabytes(limits.unpackedBytes));
    }
    unpackedTotal += unpackedBytes;
    if (unpackedTotal > limits.unpackedBytes) {
      throw fileTooLarge(
        "unpackedBytes",
        `解压后共 ${megabytes(limits.unpackedBytes)}`,
        `${megabytes(limits.unpackedBytes)} unpacked`,
        { max: limits.unpackedBytes },
      );
    }
    if (unpackedBytes > limits.ratioFloorBytes && unpackedBytes > packedBytes * limits.compressionRatio) {
      throw fileTooLarge(
        "compressionRatio",
        `压缩比 ${limits.compressionRatio}:1`,
        `compression ratio ${limits.compressionRatio}:1`,
        { entry: name },
      );
    }
    if (flags & 1) throw broken(`the entry ${name} is encrypted`, `条目 ${name} 已加密`);
    if (method !== STORED && method !== DEFLATED)
      throw broken(`the entry ${name} uses compression method ${method}`, `条目 ${name} 使用了不支持的压缩方式`);
    if (entries.has(name)) throw broken(`the entry ${name} appears twice`, `条目 ${name} 重复`);
    if (localOffset + 30 > archive.length || archive.readUInt32LE(localOffset) !== LOCAL_HEADER)
      throw broken(`the entry ${name} has no local header`, `条目 ${name} 缺少本地文件头`);
    const dataOffset =
      localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    if (dataOffset + packedBytes > archive.length)
      throw broken(`the entry ${name} runs past the end of the file`, `条目 ${name} 超出文件末尾`);
    entries.set(name, { name, method, packedBytes, unpackedBytes, dataOffset });
  }
  return entries;
}

function findEndOfDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, archive.length - 22 - 0xffff);
  for (let at = archive.length - 22; at >= lowest; at--) {
    if (archive.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

/**
 * Unpacks one entry chunk by chunk, stopping as soon as it yields more than
 * its declared size: a directory that understates a zip bomb is caught here.
 */
export async function* unpackEntry(archive: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const packed = archive.subarray(entry.dataOffset, entry.dataOffset + entry.packedBytes);
  const overflow = () =>
    fileTooLarge(
      "unpackedBytes",
      `条目 ${entry.name} 解压后超过其声明的 ${entry.unpackedBytes} 字节`,
      `the entry ${entry.name} unpacks to more than the ${entry.unpackedBytes} bytes it declares`,
      { entry: entry.name },
    );
  if (entry.method === STORED) {
    if (packed.length > entry.unpackedBytes) throw overflow();
    yield packed;
    return;
  }
  const inflater = createInflateRaw();
  inflater.end(packed);
  let unpacked = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > entry.unpackedBytes) throw overflow();
      yield chunk;
    }
  } catch (error) {
    if (error instanceof Error && "code" in error && String(error.code).startsWith("Z_"))
      throw broken(`the entry ${entry.name} cannot be unpacked`, `条目 ${entry.name} 无法解压`);
    throw error;
  } finally {
    inflater.destroy();
  }
}

/** Unpacks one entry as UTF-8 text, chunk by chunk; invalid UTF-8 is a broken file. */
export async function* unpackText(archive: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of unpackEntry(archive, entry)) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) throw broken(`${entry.name} is not UTF-8`, `${entry.name} 不是 UTF-8 编码`);
    throw error;
  }
}
