import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { accidentTypes } from "../../../domain/reference/accident-types";
import { hazardFactors } from "../../../domain/reference/hazard-factors";
import { assessRisk } from "../../../domain/risk/assess-risk";
import { type AssessmentMethod, isAssessmentMethod, METHOD_FACTORS } from "../../../domain/risk/scales";
import { type Actor, type AuditRecord, recordAuditBatch } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB, RiskPointKind } from "../../db/schema";
import type { Locale, LocalisedText } from "../../errors";
import { type ImportIssue, importRejected } from "../../exchange/import-rejection";
import type { TableRows } from "../../exchange/table-file";
import { recordAssessment } from "./record-assessment";
import { auditPlace, type RegisterOwner } from "./register-owner";
import { currentBands } from "./risk-bands";
import { refreshRiskPointLevel } from "./risk-point-queries";

/** One row per hazard; rows with the same risk point name and unit form one risk point. */
export const REGISTER_COLUMNS = [
  { key: "point", zh: "风险点名称", en: "Risk point", required: true, example: "液氯储罐区" },
  { key: "kind", zh: "风险点类型", en: "Kind", required: true, example: "设施设备" },
  { key: "unit", zh: "所属单元", en: "Unit", required: false, example: "储运车间" },
  { key: "controllingUnit", zh: "管控单位", en: "Controlling unit", required: false, example: "储运车间" },
  { key: "responsiblePerson", zh: "责任人", en: "Responsible person", required: false, example: "张三" },
  { key: "hazard", zh: "危险源描述", en: "Hazard", required: true, example: "储罐或管道泄漏，氯气扩散" },
  { key: "factorCode", zh: "危险有害因素代码", en: "Hazard factor code", required: true, example: "22" },
  { key: "accidentTypes", zh: "事故类型", en: "Accident types", required: true, example: "中毒和窒息" },
  { key: "consequences", zh: "可能后果", en: "Consequences", required: false, example: "人员中毒伤亡" },
  { key: "method", zh: "评价方法", en: "Method", required: false, example: "LEC" },
  { key: "l", zh: "L", en: "L", required: false, example: "3" },
  { key: "e", zh: "E", en: "E", required: false, example: "6" },
  { key: "c", zh: "C", en: "C", required: false, example: "40" },
  { key: "m", zh: "M", en: "M", required: false, example: "" },
  { key: "s", zh: "S", en: "S", required: false, example: "" },
] as const;

type ColumnKey = (typeof REGISTER_COLUMNS)[number]["key"];

const KIND_WORDS: Record<string, RiskPointKind> = {
  场所: "place",
  场所区域: "place",
  区域: "place",
  设施: "facility",
  设备: "facility",
  设施设备: "facility",
  工艺: "process",
  工艺流程: "process",
  作业: "operation",
  作业活动: "operation",
  place: "place",
  facility: "facility",
  process: "process",
  operation: "operation",
};

const t = (zh: string, en: string): LocalisedText => ({ "zh-CN": zh, en });

interface PlannedHazard {
  row: number;
  description: string;
  factorCode: string;
  accidentTypes: string[];
  consequences: string;
  assessment: { method: AssessmentMethod; factors: Record<string, number> } | null;
}

interface PlannedPoint {
  row: number;
  name: string;
  unit: string;
  kind: RiskPointKind;
  controllingUnit: string;
  responsiblePerson: string;
  hazards: PlannedHazard[];
}

export interface RegisterImportSummary {
  riskPoints: { created: number; updated: number; unchanged: number };
  hazards: { created: number; updated: number; unchanged: number };
  assessments: number;
}

function label(key: string, locale: Locale) {
  const column = REGISTER_COLUMNS.find((c) => c.key === key);
  return column ? (locale === "en" ? column.en : column.zh) : key;
}

/**
 * Reads and checks every row first; nothing is written unless all rows are
 * valid. Then, in one transaction, creates what is new and changes what
 * differs, so importing the same file again changes nothing.
 */
export async function importRegister(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  owner: RegisterOwner,
  rows: TableRows,
): Promise<RegisterImportSummary> {
  const issues: ImportIssue[] = [];
  const header = rows[0] ?? [];
  const index: Partial<Record<ColumnKey, number>> = {};
  header.forEach((cell, i) => {
    const text = cell.trim().replace(/\s*\*$/, "");
    const column = REGISTER_COLUMNS.find(
      (c) => c.zh === text || c.en.toLowerCase() === text.toLowerCase() || c.key === text,
    );
    if (column) index[column.key] = i;
  });
  for (const column of REGISTER_COLUMNS.filter((c) => c.required)) {
    if (index[column.key] === undefined) {
      issues.push({
        row: 1,
        column: column.key,
        text: t(
          `缺少必填列“${column.zh}”，请使用导入模板`,
          `The required column "${column.en}" is missing; use the template`,
        ),
      });
    }
  }
  if (issues.length > 0) throw rejected(issues);
  if (rows.length < 2)
    throw rejected([{ row: 2, column: "point", text: t("文件中没有数据行", "The file has no data rows") }]);

  const points = new Map<string, PlannedPoint>();
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells || cells.every((c) => !c?.trim())) continue;
    const rowNumber = r + 1;
    const get = (key: ColumnKey) => (index[key] === undefined ? "" : (cells[index[key]!] ?? "").trim());
    const name = get("point");
    const unit = get("unit");
    const kind = KIND_WORDS[get("kind").toLowerCase()];
    if (!name)
      issues.push({
        row: rowNumber,
        column: "point",
        text: t("风险点名称为必填项", "The risk point name is required"),
      });
    if (!kind) {
      issues.push({
        row: rowNumber,
        column: "kind",
        text: t(
          `风险点类型“${get("kind")}”无效，应为 场所区域、设施设备、工艺流程 或 作业活动`,
          `Kind "${get("kind")}" is not valid; use place, facility, process or operation`,
        ),
      });
    }
    const description = get("hazard");
    if (description.length < 2)
      issues.push({
        row: rowNumber,
        column: "hazard",
        text: t("危险源描述至少 2 个字", "The hazard description needs at least 2 characters"),
      });
    const factorCode = get("factorCode");
    if (!hazardFactors.some((f) => f.code === factorCode)) {
      issues.push({
        row: rowNumber,
        column: "factorCode",
        text: t(
          `危险有害因素代码“${factorCode}”不在 GB/T 13861-2022 中（如 11、21、31、41）`,
          `Hazard factor code "${factorCode}" is not in GB/T 13861-2022 (e.g. 11, 21, 31, 41)`,
        ),
      });
    }
    const accidentCodes: string[] = [];
    for (const word of get("accidentTypes")
      .split(/[、,，;；\s]+/)
      .filter(Boolean)) {
      const found = accidentTypes.find(
        (a) => a.code === word.padStart(2, "0") || a.nameZh === word || a.nameEn.toLowerCase() === word.toLowerCase(),
      );
      if (found) accidentCodes.push(found.code);
      else {
        issues.push({
          row: rowNumber,
          column: "accidentTypes",
          text: t(
            `事故类型“${word}”不在 GB 6441 的 20 类中`,
            `Accident type "${word}" is not one of the 20 GB 6441 types`,
          ),
        });
      }
    }
    if (accidentCodes.length === 0 && !issues.some((i) => i.row === rowNumber && i.column === "accidentTypes")) {
      issues.push({
        row: rowNumber,
        column: "accidentTypes",
        text: t("至少填写一种事故类型", "Give at least one accident type"),
      });
    }
    let assessment: PlannedHazard["assessment"] = null;
    const methodText = get("method").toUpperCase();
    if (methodText) {
      if (!isAssessmentMethod(methodText)) {
        issues.push({
          row: rowNumber,
          column: "method",
          text: t(
            `评价方法“${methodText}”无效，应为 LS、LEC 或 MES`,
            `Method "${methodText}" is not valid; use LS, LEC or MES`,
          ),
        });
      } else {
        const factors: Record<string, unknown> = {};
        for (const factor of METHOD_FACTORS[methodText]) {
          const text = get(factor as ColumnKey);
          factors[factor] = text === "" ? undefined : Number(text);
        }
        const result = assessRisk(methodText, factors, await currentBands(db, methodText));
        if (!result.ok) {
          for (const problem of result.problems) {
            const column = problem.field.replace(/^factors\./, "");
            issues.push({
              row: rowNumber,
              column,
              text: t(
                `${methodText} 的 ${column.toUpperCase()} 值“${problem.found ?? ""}”不在评分表上，可取值：${problem.allowed.join("、")}`,
                `${methodText} ${column.toUpperCase()} = "${problem.found ?? ""}" is not on the scale; allowed: ${problem.allowed.join(", ")}`,
              ),
            });
          }
        } else assessment = { method: methodText, factors: factors as Record<string, number> };
      }
    }
    if (!name || !kind) continue;
    const key = `${name}\u0001${unit}`;
    const point = points.get(key) ?? {
      row: rowNumber,
      name,
      unit,
      kind,
      controllingUnit: get("controllingUnit"),
      responsiblePerson: get("responsiblePerson"),
      hazards: [],
    };
    if (point.hazards.some((h) => h.description === description)) {
      issues.push({
        row: rowNumber,
        column: "hazard",
        text: t(`与第 ${point.row} 行起的同一风险点下危险源重复`, "The same hazard appears twice for this risk point"),
      });
    }
    point.hazards.push({
      row: rowNumber,
      description,
      factorCode,
      accidentTypes: accidentCodes,
      consequences: get("consequences"),
      assessment,
    });
    points.set(key, point);
  }
  if (issues.length > 0) throw rejected(issues);

  const summary: RegisterImportSummary = {
    riskPoints: { created: 0, updated: 0, unchanged: 0 },
    hazards: { created: 0, updated: 0, unchanged: 0 },
    assessments: 0,
  };
  await db.transaction().execute(async (trx) => {
    // Entries are appended together at the end, so the audit chain's lock is not held while rows are written.
    const audit: AuditRecord[] = [];
    for (const plan of points.values()) {
      const stored = await trx
        .selectFrom("risk_point")
        .selectAll()
        .where("owner_id", "=", owner.id)
        .where("name", "=", plan.name)
        .where("unit", "=", plan.unit)
        .executeTakeFirst();
      let pointId: string;
      if (!stored) {
        const created = await trx
          .insertInto("risk_point")
          .values({
            owner_id: owner.id,
            owner_kind: owner.kind,
            territory_path: owner.territoryPath,
            kind: plan.kind,
            public_category: owner.kind === "territory" ? "other" : null,
            name: plan.name,
            unit: plan.unit,
            lng: null,
            lat: null,
            area: null,
            control_level: null,
            controlling_unit: plan.controllingUnit,
            responsible_person: plan.responsiblePerson,
            responsible_phone: "",
            emergency_phone: "",
            level: null,
            public_token: randomBytes(12).toString("base64url"),
            updated_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        pointId = created.id;
        summary.riskPoints.created++;
        audit.push({
          action: "import",
          entityType: "risk_point",
          entityId: pointId,
          ...auditPlace(owner),
          after: plan,
        });
      } else {
        pointId = stored.id;
        const changed =
          stored.kind !== plan.kind ||
          stored.controlling_unit !== plan.controllingUnit ||
          stored.responsible_person !== plan.responsiblePerson;
        if (changed) {
          await trx
            .updateTable("risk_point")
            .set({
              kind: plan.kind,
              controlling_unit: plan.controllingUnit,
              responsible_person: plan.responsiblePerson,
              updated_at: new Date(),
            })
            .where("owner_id", "=", owner.id)
            .where("id", "=", pointId)
            .execute();
          summary.riskPoints.updated++;
          audit.push({
            action: "import",
            entityType: "risk_point",
            entityId: pointId,
            ...auditPlace(owner),
            before: stored,
            after: plan,
          });
        } else summary.riskPoints.unchanged++;
      }
      for (const hazardPlan of plan.hazards) {
        const existing = await trx
          .selectFrom("hazard")
          .leftJoin("hazard_assessment", (join) =>
            join
              .onRef("hazard_assessment.owner_id", "=", "hazard.owner_id")
              .onRef("hazard_assessment.id", "=", "hazard.current_assessment_id"),
          )
          .select([
            "hazard.id",
            "hazard.factor_code",
            "hazard.accident_types",
            "hazard.consequences",
            "hazard_assessment.method",
            "hazard_assessment.factors",
          ])
          .where("hazard.owner_id", "=", owner.id)
          .where("hazard.risk_point_id", "=", pointId)
          .where("hazard.description", "=", hazardPlan.description)
          .executeTakeFirst();
        let hazardId: string;
        if (!existing) {
          const created = await trx
            .insertInto("hazard")
            .values({
              owner_id: owner.id,
              risk_point_id: pointId,
              description: hazardPlan.description,
              factor_code: hazardPlan.factorCode,
              accident_types: hazardPlan.accidentTypes,
              consequences: hazardPlan.consequences,
              current_assessment_id: null,
              level: null,
              updated_at: new Date(),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          hazardId = created.id;
          summary.hazards.created++;
        } else {
          hazardId = existing.id;
          const same =
            existing.factor_code === hazardPlan.factorCode &&
            existing.consequences === hazardPlan.consequences &&
            [...existing.accident_types].sort().join() === [...hazardPlan.accidentTypes].sort().join();
          if (same) summary.hazards.unchanged++;
          else {
            await trx
              .updateTable("hazard")
              .set({
                factor_code: hazardPlan.factorCode,
                accident_types: hazardPlan.accidentTypes,
                consequences: hazardPlan.consequences,
                updated_at: new Date(),
              })
              .where("owner_id", "=", owner.id)
              .where("id", "=", hazardId)
              .execute();
            summary.hazards.updated++;
          }
        }
        const wanted = hazardPlan.assessment;
        const sameAssessment =
          wanted &&
          existing?.method === wanted.method &&
          JSON.stringify(Object.entries(existing.factors ?? {}).sort()) ===
            JSON.stringify(Object.entries(wanted.factors).sort());
        if (wanted && !sameAssessment) {
          const outcome = await recordAssessment(
            trx,
            principal,
            { ownerId: owner.id, id: hazardId },
            { ...wanted, note: "import" },
          );
          if (outcome.ok) summary.assessments++;
        }
      }
      await refreshRiskPointLevel(trx, owner.id, pointId);
    }
    await recordAuditBatch(
      trx,
      audit.map((record) => ({ actor, record })),
    );
  });
  return summary;
}

function rejected(issues: ImportIssue[]) {
  return importRejected(issues, label);
}

/** The register import template: headers, an example row, and the code lists. */
export async function buildRegisterTemplate(locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "DualGuard";
  const zh = locale !== "en";
  const sheet = workbook.addWorksheet(zh ? "风险点与危险源" : "Risk points and hazards");
  sheet.addRow(REGISTER_COLUMNS.map((c) => `${zh ? c.zh : c.en}${c.required ? " *" : ""}`)).font = { bold: true };
  sheet.addRow(REGISTER_COLUMNS.map((c) => c.example));
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  sheet.getCell("A2").note = zh
    ? "每行一个危险源；同名同单元的行归入同一风险点。评价方法填 LS（L、S）、LEC（L、E、C）或 MES（M、E、S）"
    : "One hazard per row; rows with the same risk point and unit form one risk point. Method LS (L, S), LEC (L, E, C) or MES (M, E, S)";
  const factors = workbook.addWorksheet(zh ? "危险有害因素代码" : "Hazard factors");
  factors.addRow(zh ? ["代码", "名称"] : ["Code", "Name"]).font = { bold: true };
  for (const f of hazardFactors) factors.addRow([f.code, zh ? f.nameZh : f.nameEn]);
  const accidents = workbook.addWorksheet(zh ? "事故类型" : "Accident types");
  accidents.addRow(zh ? ["代码", "名称"] : ["Code", "Name"]).font = { bold: true };
  for (const a of accidentTypes) accidents.addRow([a.code, zh ? a.nameZh : a.nameEn]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
