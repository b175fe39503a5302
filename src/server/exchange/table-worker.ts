import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../errors";
import { parseCsv } from "./csv-reader";
import type { TableLimits } from "./table-limits";
import { readXlsx } from "./xlsx-reader";

/** What the request thread hands over: the file's bytes (transferred, not copied) and the limits. */
export interface TableJob {
  kind: "xlsx" | "csv";
  bytes: ArrayBuffer;
  limits: TableLimits;
}

export type TableJobResult =
  | { ok: true; rows: string[][] }
  | { ok: false; code: AppError["code"]; text: AppError["text"]; details: unknown }
  | { ok: false; unexpected: string };

async function read(job: TableJob): Promise<string[][]> {
  if (job.kind === "xlsx") return readXlsx(Buffer.from(job.bytes), job.limits);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(job.bytes);
  } catch {
    throw new AppError("UNSUPPORTED_FILE", {
      "zh-CN": "CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8”后再上传",
      en: "The CSV file is not UTF-8: save it as 'CSV UTF-8' in Excel and upload again",
    });
  }
  return parseCsv(text, job.limits);
}

let result: TableJobResult;
try {
  result = { ok: true, rows: await read(workerData as TableJob) };
} catch (error) {
  result =
    error instanceof AppError
      ? { ok: false, code: error.code, text: error.text, details: error.details }
      : { ok: false, unexpected: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(result);
