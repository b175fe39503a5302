import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import { type Actor, type AuditRecord, recordAuditBatch } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope, storedEnterpriseInScope } from "../../auth/scope";
import type { DB, PersonContact } from "../../db/schema";
import { AppError, conflict } from "../../errors";
import { type ImportIssue, importRejected } from "../../exchange/import-rejection";
import type { TableRows } from "../../exchange/table-file";
import { type ColumnKey, columnLabel, IMPORT_COLUMNS } from "./enterprise-import-format";
import {
  checkEnterprise,
  databaseLookups,
  type EnterpriseInput,
  type EnterpriseLookups,
  type EnterpriseValues,
  rowToValues,
  sameValues,
  toColumns,
} from "./enterprise-rules";

const SCALE_WORDS: Record<string, EnterpriseInput["scale"]> = {
  大型: "large",
  中型: "medium",
  小型: "small",
  微型: "micro",
  large: "large",
  medium: "medium",
  small: "small",
  micro: "micro",
};
const STATUS_WORDS: Record<string, EnterpriseInput["status"]> = {
  正常经营: "operating",
  经营: "operating",
  停产: "suspended",
  停业: "suspended",
  关闭: "closed",
  注销: "closed",
  operating: "operating",
  suspended: "suspended",
  closed: "closed",
};

export interface ImportSummary {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Maps the header row to column keys; unknown headers are reported, missing required ones too. */
function readHeader(header: string[]): { indexes: Partial<Record<ColumnKey, number>>; issues: ImportIssue[] } {
  const indexes: Partial<Record<ColumnKey, number>> = {};
  const issues: ImportIssue[] = [];
  header.forEach((cell, index) => {
    const label = cell.trim().replace(/\s*\*$/, "");
    if (!label) return;
    const column = IMPORT_COLUMNS.find(
      (c) => c.zh === label || c.en.toLowerCase() === label.toLowerCase() || c.key === label,
    );
    if (column) indexes[column.key] = index;
  });
  for (const column of IMPORT_COLUMNS) {
    if (column.required && indexes[column.key] === undefined) {
      issues.push({
        row: 1,
        column: column.key,
        text: text(
          `缺少必填列“${column.zh}”，请使用导入模板`,
          `The required column "${column.en}" is missing; use the import template`,
        ),
      });
    }
  }
  return { indexes, issues };
}

function parsePeople(written: string): PersonContact[] | null {
  if (!written.trim()) return [];
  const people: PersonContact[] = [];
  for (const part of written.split(/[;；]/)) {
    if (!part.trim()) continue;
    const [name, phone = ""] = part.split(/[:：]/).map((s) => s.trim());
    if (!name) return null;
    people.push({ name, phone });
  }
  return people;
}

function readRow(cells: string[], indexes: Partial<Record<ColumnKey, number>>, rowNumber: number) {
  const issues: ImportIssue[] = [];
  const get = (key: ColumnKey) => {
    const index = indexes[key];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const input: EnterpriseInput = {
    uscc: get("uscc"),
    name: get("name"),
    industryCode: get("industryCode"),
    territoryCode: get("territoryCode"),
    address: get("address"),
    principalName: get("principalName"),
    principalPhone: get("principalPhone"),
  };
  const scaleText = get("scale");
  input.scale = SCALE_WORDS[scaleText.toLowerCase()];
  if (!input.scale) {
    issues.push({
      row: rowNumber,
      column: "scale",
      text: text(
        `规模“${scaleText}”无效，应为 大型、中型、小型 或 微型`,
        `Scale "${scaleText}" is not valid; use large, medium, small or micro`,
      ),
    });
  }
  const statusText = get("status");
  if (statusText) {
    input.status = STATUS_WORDS[statusText.toLowerCase()];
    if (!input.status) {
      issues.push({
        row: rowNumber,
        column: "status",
        text: text(
          `状态“${statusText}”无效，应为 正常经营、停产 或 关闭`,
          `Status "${statusText}" is not valid; use operating, suspended or closed`,
        ),
      });
    }
  }
  for (const key of ["lng", "lat"] as const) {
    const written = get(key);
    if (!written) {
      input[key] = null;
      continue;
    }
    const value = Number(written);
    const limit = key === "lng" ? 180 : 90;
    if (!Number.isFinite(value) || Math.abs(value) > limit) {
      issues.push({
        row: rowNumber,
        column: key,
        text: text(
          `“${written}”不是有效的${key === "lng" ? "经度" : "纬度"}（-${limit} 到 ${limit} 的数字）`,
          `"${written}" is not a valid ${key === "lng" ? "longitude" : "latitude"} (a number from -${limit} to ${limit})`,
        ),
      });
    } else input[key] = value;
  }
  const people = parsePeople(get("safetyManagers"));
  if (people === null) {
    issues.push({
      row: rowNumber,
      column: "safetyManagers",
      text: text(
        "安全管理人员格式应为“姓名:电话”，多人用分号分隔",
        'Safety managers must be written "name:phone", several separated by semicolons',
      ),
    });
  } else input.safetyManagers = people;
  return { input, issues };
}

/**
 * Checks every row first and writes nothing unless all rows are valid; then
 * creates or updates by credit code in one transaction. Rows equal to what is
 * stored are left alone, so importing the same file twice changes nothing.
 */
export async function importEnterprises(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  rows: TableRows,
): Promise<ImportSummary> {
  if (rows.length < 2) {
    throw new AppError(
      "IMPORT_REJECTED",
      text(
        "文件中没有数据行：第 1 行为表头，数据从第 2 行开始",
        "The file has no data rows: row 1 is the header, data starts at row 2",
      ),
      { errors: [] },
    );
  }
  const { indexes, issues } = readHeader(rows[0]);
  if (issues.length > 0) throw rejected(issues);

  const lookups = cachedLookups(databaseLookups(db));
  const seen = new Map<string, number>();
  const planned: { row: number; values: EnterpriseValues; existing?: { id: string; values: EnterpriseValues } }[] = [];
  for (let index = 1; index < rows.length; index++) {
    const cells = rows[index];
    if (!cells || cells.every((c) => !c?.trim())) continue;
    const rowNumber = index + 1;
    const { input, issues: rowIssues } = readRow(cells, indexes, rowNumber);
    issues.push(...rowIssues);
    const uscc = input.uscc ?? "";
    const earlier = seen.get(uscc);
    if (uscc && earlier !== undefined) {
      issues.push({
        row: rowNumber,
        column: "uscc",
        text: text(`与第 ${earlier} 行的统一社会信用代码重复`, `The same credit code as row ${earlier}`),
      });
      continue;
    }
    seen.set(uscc, rowNumber);
    const stored = uscc
      ? await db.selectFrom("enterprise").selectAll().where("uscc", "=", uscc).executeTakeFirst()
      : undefined;
    // A row may only change an enterprise the caller already supervises: matching a credit code elsewhere
    // must not move that enterprise into the caller's territory. Nothing of it is shown beyond that fact.
    if (stored && !storedEnterpriseInScope(principal.scope, stored)) {
      issues.push({
        row: rowNumber,
        column: "uscc",
        text: text(
          `统一社会信用代码 ${uscc} 的企业属于其他辖区，导入不能修改或迁入该企业；如需迁入，请联系其现属地监管部门办理`,
          `The enterprise with credit code ${uscc} belongs to another jurisdiction; an import cannot change it or move it here. Ask its present supervising authority to transfer it`,
        ),
      });
      continue;
    }
    const existing = stored ? { id: stored.id, values: rowToValues(stored) } : undefined;
    if (rowIssues.length > 0) continue;
    const checked = await checkEnterprise(lookups, principal, input, existing);
    if (checked.values === null) {
      for (const issue of checked.issues) issues.push({ row: rowNumber, column: issue.field, text: issue.text });
      continue;
    }
    planned.push({ row: rowNumber, values: checked.values, existing });
  }
  if (issues.length > 0) throw rejected(issues);

  const summary: ImportSummary = { total: planned.length, created: 0, updated: 0, unchanged: 0 };
  await db.transaction().execute(async (trx) => {
    // Entries are appended together at the end, so the audit chain's lock is not held while rows are written.
    const audit: { actor: Actor; record: AuditRecord }[] = [];
    for (const plan of planned) {
      if (plan.existing) {
        if (sameValues(plan.existing.values, plan.values)) {
          summary.unchanged++;
          continue;
        }
        // Still in scope now, not only when the file was checked (it may have moved in between).
        const updated = await trx
          .updateTable("enterprise")
          .set({ ...toColumns(plan.values), updated_at: new Date() })
          .where("id", "=", plan.existing.id)
          .where((eb) => enterpriseInScope(eb, principal.scope))
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) {
          throw conflict(
            text(
              `第 ${plan.row} 行的企业在导入期间被移出您的辖区，未导入任何数据，请重新导入`,
              `The enterprise of row ${plan.row} left your jurisdiction during the import; nothing was imported, import again`,
            ),
          );
        }
        audit.push({
          actor,
          record: {
            action: "update",
            entityType: "enterprise",
            entityId: plan.existing.id,
            enterpriseId: plan.existing.id,
            territoryPath: plan.values.territory_path,
            before: plan.existing.values,
            after: plan.values,
          },
        });
        summary.updated++;
      } else {
        const created = await trx
          .insertInto("enterprise")
          .values(toColumns(plan.values))
          .returning("id")
          .executeTakeFirstOrThrow();
        audit.push({
          actor,
          record: {
            action: "create",
            entityType: "enterprise",
            entityId: created.id,
            enterpriseId: created.id,
            territoryPath: plan.values.territory_path,
            after: plan.values,
          },
        });
        summary.created++;
      }
    }
    await recordAuditBatch(trx, audit);
  });
  return summary;
}

function rejected(issues: ImportIssue[]) {
  return importRejected(issues, columnLabel);
}

function cachedLookups(inner: EnterpriseLookups): EnterpriseLookups {
  const cache = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key) as Promise<T>;
  };
  return {
    industrySection: (code) => memo(`i:${code}`, () => inner.industrySection(code)),
    territoryById: (id) => memo(`t:${id}`, () => inner.territoryById(id)),
    territoryByCode: (code) => memo(`c:${code}`, () => inner.territoryByCode(code)),
  };
}
