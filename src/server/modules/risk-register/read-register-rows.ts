import type { Kysely } from "kysely";
import { accidentTypes } from "../../../domain/reference/accident-types";
import { hazardFactors } from "../../../domain/reference/hazard-factors";
import { assessRisk } from "../../../domain/risk/assess-risk";
import { type AssessmentMethod, isAssessmentMethod, METHOD_FACTORS } from "../../../domain/risk/scales";
import type { RiskPointKind } from "../../../domain/risk/vocabulary";
import { text } from "../../../domain/text";
import type { DB } from "../../db/schema";
import type { ImportIssue } from "../../exchange/import-rejection";
import type { TableRows } from "../../exchange/table-file";
import { type ColumnKey, KIND_WORDS, REGISTER_COLUMNS, registerRejected as rejected } from "./register-import-columns";
import { currentBands } from "./risk-bands";

export interface PlannedHazard {
  row: number;
  description: string;
  factorCode: string;
  accidentTypes: string[];
  consequences: string;
  assessment: { method: AssessmentMethod; factors: Record<string, number> } | null;
}

export interface PlannedPoint {
  row: number;
  name: string;
  unit: string;
  kind: RiskPointKind;
  controllingUnit: string;
  responsiblePerson: string;
  hazards: PlannedHazard[];
}

/**
 * Reads and checks every row of an import file: one row per hazard, rows with the same risk point name and unit form
 * one risk point. Every bad cell is reported at once (400); nothing is planned unless all rows are valid.
 */
export async function readRegisterRows(db: Kysely<DB>, rows: TableRows): Promise<PlannedPoint[]> {
  const issues: ImportIssue[] = [];
  const header = rows[0] ?? [];
  const index: Partial<Record<ColumnKey, number>> = {};
  header.forEach((cell, i) => {
    const heading = cell.trim().replace(/\s*\*$/, "");
    const column = REGISTER_COLUMNS.find(
      (c) => c.zh === heading || c.en.toLowerCase() === heading.toLowerCase() || c.key === heading,
    );
    if (column) index[column.key] = i;
  });
  for (const column of REGISTER_COLUMNS.filter((c) => c.required)) {
    if (index[column.key] === undefined) {
      issues.push({
        row: 1,
        column: column.key,
        text: text(
          `缺少必填列“${column.zh}”，请使用导入模板`,
          `The required column "${column.en}" is missing; use the template`,
        ),
      });
    }
  }
  if (issues.length > 0) throw rejected(issues);
  if (rows.length < 2)
    throw rejected([{ row: 2, column: "point", text: text("文件中没有数据行", "The file has no data rows") }]);

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
        text: text("风险点名称为必填项", "The risk point name is required"),
      });
    if (!kind) {
      issues.push({
        row: rowNumber,
        column: "kind",
        text: text(
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
        text: text("危险源描述至少 2 个字", "The hazard description needs at least 2 characters"),
      });
    const factorCode = get("factorCode");
    if (!hazardFactors.some((f) => f.code === factorCode)) {
      issues.push({
        row: rowNumber,
        column: "factorCode",
        text: text(
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
          text: text(
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
        text: text("至少填写一种事故类型", "Give at least one accident type"),
      });
    }
    let assessment: PlannedHazard["assessment"] = null;
    const methodText = get("method").toUpperCase();
    if (methodText) {
      if (!isAssessmentMethod(methodText)) {
        issues.push({
          row: rowNumber,
          column: "method",
          text: text(
            `评价方法“${methodText}”无效，应为 LS、LEC 或 MES`,
            `Method "${methodText}" is not valid; use LS, LEC or MES`,
          ),
        });
      } else {
        const factors: Record<string, unknown> = {};
        for (const factor of METHOD_FACTORS[methodText]) {
          const value = get(factor as ColumnKey);
          factors[factor] = value === "" ? undefined : Number(value);
        }
        const result = assessRisk(methodText, factors, await currentBands(db, methodText));
        if (!result.ok) {
          for (const problem of result.problems) {
            const column = problem.field.replace(/^factors\./, "");
            issues.push({
              row: rowNumber,
              column,
              text: text(
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
        text: text(
          `与第 ${point.row} 行起的同一风险点下危险源重复`,
          "The same hazard appears twice for this risk point",
        ),
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
  return [...points.values()];
}
