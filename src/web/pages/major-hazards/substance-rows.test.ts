import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import type { Gb18218Substance } from "../../api/types";
import { rowsFromUnit, substancesForApi, withFormFieldNames } from "./substance-rows";

const chlorine: Gb18218Substance = {
  cas: "7782-50-5",
  nameZh: "氯",
  nameEn: "Chlorine",
  aliases: ["液氯"],
  thresholdTonnes: 5,
  hazardClass: "J1",
  betaToxicGas: 4,
};
const coalGas: Gb18218Substance = {
  cas: null,
  nameZh: "煤气",
  nameEn: "Coal gas",
  aliases: [],
  thresholdTonnes: 20,
  hazardClass: "J1",
};

describe("substancesForApi", () => {
  it("sends a named substance by CAS, one without CAS by name, an unnamed one by class", () => {
    expect(
      substancesForApi([
        { mode: "named", pick: "7782-50-5", quantityTonnes: 30 },
        { mode: "named", pick: "name:煤气", quantityTonnes: 2 },
        { mode: "class", hazardClass: "W5.1", name: " 混合溶剂 ", quantityTonnes: 12 },
      ]),
    ).toEqual([
      { cas: "7782-50-5", quantityTonnes: 30 },
      { name: "煤气", quantityTonnes: 2 },
      { hazardClass: "W5.1", name: "混合溶剂", quantityTonnes: 12 },
    ]);
  });
});

describe("rowsFromUnit", () => {
  it("recognises stored named substances and keeps unnamed ones by class", () => {
    const rows = rowsFromUnit(
      [
        { cas: "7782-50-5", name: null, hazardClass: null, quantityTonnes: 30 },
        { cas: null, name: "煤气", hazardClass: null, quantityTonnes: 2 },
        { cas: null, name: "混合溶剂", hazardClass: "W5.1", quantityTonnes: 12 },
      ],
      [chlorine, coalGas],
    );
    expect(rows.map((r) => [r.mode, r.pick ?? r.hazardClass])).toEqual([
      ["named", "7782-50-5"],
      ["named", "name:煤气"],
      ["class", "W5.1"],
    ]);
  });
});

describe("withFormFieldNames", () => {
  it("puts a rejected CAS under the picker of its line", () => {
    const error = new ApiError(400, "VALIDATION_FAILED", "check", [
      { field: "substances[1].cas", message: "not in the table" },
      { field: "exposedPopulation", message: "whole number" },
    ]);
    const translated = withFormFieldNames(error, [{ mode: "named" }, { mode: "named" }]) as ApiError;
    expect((translated.details as { field: string }[]).map((d) => d.field)).toEqual([
      "substances.1.pick",
      "exposedPopulation",
    ]);
  });
});
