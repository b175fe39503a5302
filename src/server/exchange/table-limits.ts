import { AppError } from "../errors";

/**
 * What an uploaded table may cost. Every import goes through these limits
 * before and while it is read, so one file cannot exhaust the server's memory
 * or time (an XLSX is a zip: a few kilobytes can declare a billion cells).
 */
export interface TableLimits {
  /** The uploaded file itself. */
  fileBytes: number;
  /** All zip entries together, unpacked. */
  unpackedBytes: number;
  zipEntries: number;
  /** Unpacked to packed size of one entry, checked for entries above `ratioFloorBytes`. */
  compressionRatio: number;
  ratioFloorBytes: number;
  /** Spreadsheet rows, the header included. */
  rows: number;
  columns: number;
  /** The longest single cell text or XML tag the reader keeps in memory. */
  cellChars: number;
  /** Heap of the worker thread that reads the file. */
  workerMemoryMb: number;
  workerSeconds: number;
}

const MiB = 1024 * 1024;

export const TABLE_LIMITS: TableLimits = {
  fileBytes: 10 * MiB,
  unpackedBytes: 100 * MiB,
  zipEntries: 500,
  compressionRatio: 200,
  ratioFloorBytes: MiB,
  rows: 50_000,
  columns: 200,
  // Excel's own limit on the characters of one cell.
  cellChars: 32_767,
  workerMemoryMb: 256,
  workerSeconds: 30,
};

export const megabytes = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MB`;
const count = (n: number) => n.toLocaleString("en-US");

/** 413: the file, or what it unpacks to, is larger than the server reads. */
export function fileTooLarge(limit: string, zh: string, en: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(
    "FILE_TOO_LARGE",
    {
      "zh-CN": `文件过大（限制：${zh}），未导入任何数据；请拆分为较小的文件或删除多余内容后重新上传`,
      en: `The file is too large (limit: ${en}); nothing was imported. Split it into smaller files or remove what is not needed, then upload again`,
    },
    { limit, ...details },
  );
}

/** 422: the sheet has more rows or columns than an import takes. */
export function tableTooLarge(limit: "rows" | "columns", max: number, found: number): AppError {
  const zh = limit === "rows" ? "行" : "列";
  return new AppError(
    "TABLE_TOO_LARGE",
    {
      "zh-CN": `表格${zh}数过多（限制：最多 ${count(max)} ${zh}，文件达到第 ${count(found)} ${zh}），未导入任何数据；请删除空白${zh}或拆分文件后重新上传`,
      en: `The sheet has too many ${limit} (limit: at most ${count(max)} ${limit}; the file reaches ${limit === "rows" ? "row" : "column"} ${count(found)}); nothing was imported. Delete empty ${limit} or split the file, then upload again`,
    },
    { limit, max, found },
  );
}

/** 422: the file claims to be a spreadsheet but its structure is broken. */
export function malformedFile(zh: string, en: string): AppError {
  return new AppError("MALFORMED_FILE", {
    "zh-CN": `文件已损坏或格式不正确（${zh}），未导入任何数据；请用 Excel 打开后另存为 .xlsx 或 CSV UTF-8 再上传`,
    en: `The file is damaged or not well formed (${en}); nothing was imported. Open it in Excel, save it as .xlsx or CSV UTF-8, and upload again`,
  });
}
