import { invalidFields } from "../../errors";

export interface MajorHazardProblem {
  field: string;
  found: unknown;
  reason: string;
  allowed?: readonly string[];
}

/** A 400 naming each substance line that cannot be identified, with what would be accepted. */
export function majorHazardRejected(problems: MajorHazardProblem[]) {
  return invalidFields(
    problems.map((p) => {
      const allowed = p.allowed?.length ? p.allowed.join(", ") : "";
      switch (p.reason) {
        case "negative_quantity":
          return {
            field: p.field,
            text: { "zh-CN": `${p.field} 不能为负数（吨）`, en: `${p.field} cannot be negative (tonnes)` },
          };
        case "unknown_substance":
          return {
            field: p.field,
            text: {
              "zh-CN": `${p.field}：${JSON.stringify(p.found)} 不在 GB 18218 临界量表中；请填写 CAS 号或名称，或给出危险性类别 hazardClass（${allowed}）`,
              en: `${p.field}: ${JSON.stringify(p.found)} is not in the GB 18218 threshold table; give its CAS number or name, or a hazardClass (${allowed})`,
            },
          };
        case "invalid_quantity":
          return {
            field: p.field,
            text: {
              "zh-CN": `${p.field} 应为吨数（数字），实际为 ${JSON.stringify(p.found)}`,
              en: `${p.field} must be a number of tonnes, not ${JSON.stringify(p.found)}`,
            },
          };
        case "unknown_hazard_class":
          return {
            field: p.field,
            text: {
              "zh-CN": `${p.field}：危险性类别 ${JSON.stringify(p.found)} 无效，可取值：${allowed}`,
              en: `${p.field}: hazard class ${JSON.stringify(p.found)} is not valid; allowed: ${allowed}`,
            },
          };
        case "invalid_population":
          return {
            field: p.field,
            text: {
              "zh-CN": `${p.field} 应为不小于 0 的整数（500 米内常住人口）`,
              en: `${p.field} must be a whole number ≥ 0 (residents within 500 m)`,
            },
          };
        default:
          return {
            field: p.field,
            text: {
              "zh-CN": `${p.field} 不能为空：请至少列出一种危险化学品`,
              en: `${p.field} is empty: list at least one hazardous chemical`,
            },
          };
      }
    }),
  );
}
