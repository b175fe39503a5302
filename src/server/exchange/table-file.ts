import type { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError } from "../errors";
import { inspectCsv, parseCsv as parseCsvWithin } from "./csv-reader";
import { fileTooLarge, megabytes, TABLE_LIMITS, type TableLimits } from "./table-limits";
import type { TableJob, TableJobResult } from "./table-worker";
import { inspectXlsx } from "./xlsx-reader";

/**
 * Every import of a spreadsheet or CSV comes through this file: the upload is
 * read up to a size limit, checked against the row, column and zip limits
 * before parsing, and parsed in a worker thread with its own memory cap and
 * a time limit, so no file can take the server (or the embedded database) down.
 */

/** A sheet as rows of cell texts; row 0 is the header. */
export type TableRows = string[][];

/** Parses CSV text within the default limits (see csv-reader for the rules). */
export const parseCsv = (text: string): TableRows => parseCsvWithin(text, TABLE_LIMITS);

export function toCsv(rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  // The BOM makes Excel open the file as UTF-8, so Chinese text survives.
  return `\uFEFF${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

function unreadable() {
  return new AppError("UNSUPPORTED_FILE", {
    "zh-CN": "无法读取文件：请上传 .xlsx（Excel 2007 及以上）或 UTF-8 编码的 .csv 文件，可先下载模板",
    en: "The file could not be read: upload an .xlsx (Excel 2007+) or UTF-8 .csv file; download the template first",
  });
}

const uploadTooLarge = (limits: TableLimits) =>
  fileTooLarge("fileBytes", `上传文件 ${megabytes(limits.fileBytes)}`, `${megabytes(limits.fileBytes)} per upload`, {
    max: limits.fileBytes,
  });

/** Reads the multipart field `file` of an import request and parses it as a table. */
export async function readUploadedTable(request: FastifyRequest, limits = TABLE_LIMITS): Promise<TableRows> {
  const file = request.isMultipart() ? await request.file() : undefined;
  if (!file) {
    throw new AppError("UNSUPPORTED_FILE", {
      "zh-CN": "请以 multipart/form-data 上传文件，字段名为 file",
      en: "Upload the file as multipart/form-data in a field named file",
    });
  }
  const buffer = await readUpload(file.file, limits);
  return parseTableFile(file.filename, file.mimetype, buffer, limits);
}

/** Collects an upload up to the limit; past it the rest is drained and dropped, so the connection stays usable. */
function readUpload(stream: Readable & { truncated?: boolean }, limits: TableLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limits.fileBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    stream.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "FST_REQ_FILE_TOO_LARGE" ? uploadTooLarge(limits) : error),
    );
    stream.once("end", () =>
      total > limits.fileBytes || stream.truncated ? reject(uploadTooLarge(limits)) : resolve(Buffer.concat(chunks)),
    );
  });
}

/** Picks the reader from the file name or content type, checks the limits, then parses in a worker. */
export async function parseTableFile(
  fileName: string,
  mimeType: string,
  buffer: Buffer,
  limits: TableLimits = TABLE_LIMITS,
): Promise<TableRows> {
  if (buffer.length > limits.fileBytes) throw uploadTooLarge(limits);
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx") || mimeType.includes("spreadsheetml")) {
    // Not a zip at all (an old .xls renamed, a PDF): the wrong kind of file rather than a broken one.
    if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw unreadable();
    await inspectXlsx(buffer, limits);
    return readInWorker("xlsx", buffer, limits);
  }
  if (lower.endsWith(".csv") || mimeType.includes("csv") || mimeType.startsWith("text/")) {
    inspectCsv(buffer, limits);
    return readInWorker("csv", buffer, limits);
  }
  throw unreadable();
}

// Each reader may use workerMemoryMb of heap; two at a time keeps a burst of uploads within bounds.
const PARALLEL_READERS = 2;
let readersRunning = 0;
const readersWaiting: (() => void)[] = [];

async function readInWorker(kind: TableJob["kind"], buffer: Buffer, limits: TableLimits): Promise<TableRows> {
  if (readersRunning >= PARALLEL_READERS) await new Promise<void>((resolve) => readersWaiting.push(resolve));
  readersRunning++;
  try {
    return await runReader(kind, buffer, limits);
  } finally {
    readersRunning--;
    readersWaiting.shift()?.();
  }
}

const WORKER_URL = new URL("./table-worker.mjs", import.meta.url);

function runReader(kind: TableJob["kind"], buffer: Buffer, limits: TableLimits): Promise<TableRows> {
  // A copy of exactly the file's bytes, handed over to the worker without a second copy.
  const bytes = new Uint8Array(buffer).buffer;
  const job: TableJob = { kind, bytes, limits };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: job,
      transferList: [bytes],
      resourceLimits: {
        maxOldGenerationSizeMb: limits.workerMemoryMb,
        maxYoungGenerationSizeMb: Math.min(32, limits.workerMemoryMb),
        stackSizeMb: 4,
      },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            fileTooLarge("workerSeconds", `${limits.workerSeconds} 秒内读完`, `read within ${limits.workerSeconds} s`, {
              max: limits.workerSeconds,
            }),
          ),
        ),
      limits.workerSeconds * 1000,
    );
    worker.once("message", (result: TableJobResult) =>
      settle(() => {
        if (result.ok) resolve(result.rows);
        else if ("code" in result) reject(new AppError(result.code, result.text, result.details));
        else reject(new Error(`the table reader failed: ${result.unexpected}`));
      }),
    );
    worker.once("error", (error: NodeJS.ErrnoException) =>
      settle(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? fileTooLarge(
                "workerMemoryMb",
                `读取时内存 ${limits.workerMemoryMb} MB`,
                `${limits.workerMemoryMb} MB of memory while reading`,
                { max: limits.workerMemoryMb },
              )
            : error,
        ),
      ),
    );
    worker.once("exit", (code) => settle(() => reject(new Error(`the table reader stopped with exit code ${code}`))));
  });
}
