import { invalidFields } from "../../errors";

/** A 400 naming each factor that is off the scale, with the values it may take. */
export function assessmentRejected(
  problems: { field: string; found: unknown; allowed: readonly (number | string)[] | undefined; reason: string }[],
) {
  return invalidFields(
    problems.map((p) => ({
      field: p.field,
      text: {
        "zh-CN":
          p.reason === "missing"
            ? `${p.field} 为必填项，可取值：${(p.allowed ?? []).join("、")}`
            : p.reason === "unexpected"
              ? `${p.field} 不属于该评价方法，请删除`
              : `${p.field} 的值 ${JSON.stringify(p.found)} 不在评分表上，可取值：${(p.allowed ?? []).join("、")}`,
        en:
          p.reason === "missing"
            ? `${p.field} is required; allowed values: ${(p.allowed ?? []).join(", ")}`
            : p.reason === "unexpected"
              ? `${p.field} is not a factor of this method; remove it`
              : `${p.field} = ${JSON.stringify(p.found)} is not on the scale; allowed values: ${(p.allowed ?? []).join(", ")}`,
      },
    })),
  );
}
