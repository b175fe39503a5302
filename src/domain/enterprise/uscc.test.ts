import { describe, expect, it } from "vitest";
import { computeUsccCheckCharacter, formatUsccProblem, validateUscc } from "./uscc";

function usccFrom(first17: string): string {
  return first17 + computeUsccCheckCharacter(first17);
}

describe("computeUsccCheckCharacter", () => {
  it("gives the check character of published codes", () => {
    expect(computeUsccCheckCharacter("91350100M000100Y4")).toBe("3");
    expect(computeUsccCheckCharacter("91440300192203821")).toBe("6");
  });

  it("writes a check value of 31 as 0", () => {
    // A weighted sum of 0 gives 31 − 0 = 31, which the standard writes as 0.
    expect(computeUsccCheckCharacter("0".repeat(17))).toBe("0");
  });

  it("refuses input that is not 17 code characters", () => {
    expect(() => computeUsccCheckCharacter("9135010")).toThrow(RangeError);
    expect(() => computeUsccCheckCharacter("91350100I000100Y4")).toThrow(RangeError);
  });
});

describe("validateUscc", () => {
  it("accepts codes built with the check function", () => {
    for (const first17 of ["91990101MA1234567", "52990105500000001", "12990103000000009", "Y1990102L00000000"]) {
      expect(validateUscc(usccFrom(first17))).toEqual({ valid: true });
    }
  });

  it("accepts a published code", () => {
    expect(validateUscc("91350100M000100Y43")).toEqual({ valid: true });
  });

  it("rejects a code that is not 18 characters long", () => {
    expect(validateUscc("91350100M000100Y4")).toEqual({ valid: false, reason: "length", expected: "18", found: "17" });
    expect(validateUscc("")).toMatchObject({ reason: "length", found: "0" });
  });

  it("rejects surrounding spaces rather than trimming them", () => {
    expect(validateUscc(" 91350100M000100Y4")).toMatchObject({ reason: "character", position: 1, found: " " });
  });

  it("rejects lower-case letters instead of normalising them", () => {
    expect(validateUscc("91350100m000100Y43")).toEqual({ valid: false, reason: "character", position: 9, found: "m" });
  });

  it("rejects the letters the standard leaves out (I, O, S, V, Z)", () => {
    for (const letter of ["I", "O", "S", "V", "Z"]) {
      expect(validateUscc(`91350100${letter}000100Y43`)).toMatchObject({ reason: "character", position: 9 });
    }
  });

  it("rejects a registration authority code outside GB 32100's 1–9, A, N and Y", () => {
    const code = usccFrom("B1350100M000100Y4");
    expect(validateUscc(code)).toEqual({ valid: false, reason: "registration_authority", position: 1, found: "B" });
  });

  it("rejects a letter inside the administrative division code (positions 3–8)", () => {
    const code = usccFrom("9135A100M000100Y4");
    expect(validateUscc(code)).toEqual({ valid: false, reason: "character", position: 5, found: "A" });
  });

  it("rejects a code whose check character is wrong", () => {
    expect(validateUscc("91350100M000100Y44")).toEqual({
      valid: false,
      reason: "check_character",
      position: 18,
      expected: "3",
      found: "4",
    });
  });

  it("catches a single mistyped character through the check character", () => {
    expect(validateUscc("91350100M000200Y43")).toMatchObject({ valid: false, reason: "check_character" });
  });
});

describe("formatUsccProblem", () => {
  it("names the expected and found check character in Chinese", () => {
    const message = formatUsccProblem(validateUscc("91350100M000100Y44"), "zh-CN");
    expect(message).toBe("第18位校验码应为 3，实际为 4：请核对营业执照上的代码");
  });

  it("names the expected and found check character in English", () => {
    const message = formatUsccProblem(validateUscc("91350100M000100Y44"), "en");
    expect(message).toBe(
      "the check character (position 18) should be 3 but is 4: copy the code again from the business licence",
    );
  });

  it("says how long the code is when the length is wrong", () => {
    expect(formatUsccProblem(validateUscc("9135"), "zh-CN")).toContain("实际为4位");
    expect(formatUsccProblem(validateUscc("9135"), "en")).toContain("this one has 4");
  });

  it("points at the offending position for a bad character", () => {
    const invalid = validateUscc("91350100m000100Y43");
    expect(formatUsccProblem(invalid, "zh-CN")).toContain("第9位字符 m");
    expect(formatUsccProblem(invalid, "en")).toContain("position 9");
  });

  it("explains that the division code is digits only", () => {
    const invalid = validateUscc(usccFrom("9135A100M000100Y4"));
    expect(formatUsccProblem(invalid, "zh-CN")).toContain("行政区划码");
    expect(formatUsccProblem(invalid, "en")).toContain("administrative division code");
  });

  it("lists the allowed registration authority codes", () => {
    const invalid = validateUscc(usccFrom("B1350100M000100Y4"));
    expect(formatUsccProblem(invalid, "zh-CN")).toContain("1–9、A、N 或 Y");
    expect(formatUsccProblem(invalid, "en")).toContain("1–9, A, N or Y");
  });

  it("says a valid code is valid", () => {
    expect(formatUsccProblem({ valid: true }, "en")).toBe("the unified social credit code is valid");
  });
});
