import { describe, expect, it } from "vitest";
import { accidentTypes } from "./accident-types";

describe("accidentTypes (GB 6441-1986)", () => {
  it("lists the 20 accident types coded 01 to 20 in the standard's order", () => {
    expect(accidentTypes).toHaveLength(20);
    expect(accidentTypes.map((type) => type.code)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, "0")),
    );
  });

  it("starts with struck by object and ends with other injury", () => {
    expect(accidentTypes[0].nameZh).toBe("物体打击");
    expect(accidentTypes[8].nameZh).toBe("高处坠落");
    expect(accidentTypes[18].nameZh).toBe("中毒和窒息");
    expect(accidentTypes[19].nameZh).toBe("其它伤害");
  });

  it("gives every type a Chinese and an English name", () => {
    for (const type of accidentTypes) {
      expect(type.nameZh).not.toBe("");
      expect(type.nameEn).not.toBe("");
      expect(type.parentCode).toBeNull();
    }
  });
});
