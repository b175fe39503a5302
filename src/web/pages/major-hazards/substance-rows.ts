import { ApiError } from "../../api/client";
import type { Gb18218Substance, MajorHazardSubstance, MajorHazardUnitInput } from "../../api/types";

/** One line of the unit form: a substance named in GB 18218 table 1, or an unnamed one by its hazard class. */
export type SubstanceRow = {
  mode: "named" | "class";
  /** Key of a named substance: its CAS number, or `name:<Chinese name>` for one without (coal gas). */
  pick?: string;
  hazardClass?: string;
  name?: string;
  quantityTonnes?: number | null;
};

export const substanceKey = (substance: Pick<Gb18218Substance, "cas" | "nameZh">) =>
  substance.cas ?? `name:${substance.nameZh}`;

/** The API's substance lines from the form's rows. */
export function substancesForApi(rows: readonly SubstanceRow[]): MajorHazardUnitInput["substances"] {
  return rows.map((row) => {
    const quantityTonnes = row.quantityTonnes ?? Number.NaN;
    if (row.mode === "class") {
      return { hazardClass: row.hazardClass, ...(row.name?.trim() ? { name: row.name.trim() } : {}), quantityTonnes };
    }
    if (row.pick?.startsWith("name:")) return { name: row.pick.slice(5), quantityTonnes };
    return { cas: row.pick, quantityTonnes };
  });
}

/** The form's rows for a stored unit: a stored class without a table entry is an unnamed substance. */
export function rowsFromUnit(substances: readonly MajorHazardSubstance[], table: readonly Gb18218Substance[]) {
  return substances.map((s): SubstanceRow => {
    const named = table.find((entry) => (s.cas ? entry.cas === s.cas : s.name && entry.nameZh === s.name));
    if (named && !s.hazardClass) return { mode: "named", pick: substanceKey(named), quantityTonnes: s.quantityTonnes };
    return {
      mode: "class",
      hazardClass: s.hazardClass ?? undefined,
      name: s.name ?? s.cas ?? undefined,
      quantityTonnes: s.quantityTonnes,
    };
  });
}

/**
 * The server names substance lines `substances[1].cas`; the form's fields are `substances.1.pick` and so on.
 * Returns the error with its field names translated, so the reasons land under the right inputs.
 */
export function withFormFieldNames(error: unknown, rows: readonly SubstanceRow[]): unknown {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return error;
  const details = (error.details as { field?: string; message?: string }[]).map((detail) => {
    const match = /^substances\[(\d+)\]\.(\w+)$/.exec(detail.field ?? "");
    if (!match) return detail;
    const index = Number(match[1]);
    const row = rows[index];
    const field =
      match[2] === "quantityTonnes"
        ? "quantityTonnes"
        : row?.mode === "class"
          ? match[2] === "hazardClass"
            ? "hazardClass"
            : "name"
          : "pick";
    return { ...detail, field: `substances.${index}.${field}` };
  });
  return new ApiError(error.status, error.code, error.message, details);
}
