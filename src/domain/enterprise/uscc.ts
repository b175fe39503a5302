// Unified social credit code (统一社会信用代码), GB 32100-2015.

/** GB 32100-2015 §4.3: the 31 code characters (no I, O, S, V, Z); a character's value is its index. */
export const usccCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** GB 32100-2015 §4.4: weight of positions 1..17 is 3^(i-1) mod 31. */
export const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// GB 32100-2015 registration authority codes: 1–9 for the registering departments, A military, N agriculture, Y other.
export const usccRegistrationAuthorities = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "N", "Y"] as const;

export type UsccProblemReason = "length" | "character" | "registration_authority" | "check_character";

export type UsccValidation =
  | { valid: true }
  | { valid: false; reason: UsccProblemReason; position?: number; expected?: string; found?: string };

const usccLength = 18;
// GB 32100-2015 §4.1: positions 3–8 are the administrative division code (GB/T 2260), digits only.
const divisionCodeFirst = 3;
const divisionCodeLast = 8;

/** The 18th character for the first 17; throws when the input is not 17 code characters. */
export function computeUsccCheckCharacter(first17: string): string {
  if (first17.length !== usccLength - 1) {
    throw new RangeError(`computeUsccCheckCharacter needs 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = usccCharacters.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`"${first17[i]}" at position ${i + 1} is not a code character`);
    sum += value * usccWeights[i];
  }
  // GB 32100-2015 §4.4: C18 = 31 − (Σ mod 31); 31 is written as 0.
  return usccCharacters[(31 - (sum % 31)) % 31];
}

/** Checks length, characters, registration authority, division digits and the check character, in that order. */
export function validateUscc(code: string): UsccValidation {
  if (code.length !== usccLength) {
    return { valid: false, reason: "length", expected: String(usccLength), found: String(code.length) };
  }
  for (let i = 0; i < code.length; i++) {
    if (!usccCharacters.includes(code[i])) {
      return { valid: false, reason: "character", position: i + 1, found: code[i] };
    }
  }
  if (!(usccRegistrationAuthorities as readonly string[]).includes(code[0])) {
    return { valid: false, reason: "registration_authority", position: 1, found: code[0] };
  }
  for (let position = divisionCodeFirst; position <= divisionCodeLast; position++) {
    const character = code[position - 1];
    if (character < "0" || character > "9") {
      return { valid: false, reason: "character", position, found: character };
    }
  }
  const expected = computeUsccCheckCharacter(code.slice(0, usccLength - 1));
  if (code[usccLength - 1] !== expected) {
    return { valid: false, reason: "check_character", position: usccLength, expected, found: code[usccLength - 1] };
  }
  return { valid: true };
}

function isDivisionPosition(position: number | undefined): boolean {
  return position !== undefined && position >= divisionCodeFirst && position <= divisionCodeLast;
}

/** One sentence saying what is wrong with the code and how to fix it, in the user's language. */
export function formatUsccProblem(validation: UsccValidation, locale: "zh-CN" | "en"): string {
  const zh = locale === "zh-CN";
  if (validation.valid) return zh ? "统一社会信用代码有效" : "the unified social credit code is valid";
  const { reason, position, expected, found } = validation;
  switch (reason) {
    case "length":
      return zh
        ? `统一社会信用代码应为18位，实际为${found}位：请核对营业执照上的代码，不要多输或漏输`
        : `a unified social credit code has 18 characters but this one has ${found}: copy the code again from the business licence`;
    case "registration_authority":
      return zh
        ? `第1位登记管理部门代码应为 1–9、A、N 或 Y，实际为 ${found}：请核对营业执照上的代码`
        : `the registration authority code (position 1) must be 1–9, A, N or Y but is ${found}: copy the code again from the business licence`;
    case "character":
      if (isDivisionPosition(position)) {
        return zh
          ? `第${position}位属于第3–8位的行政区划码，只能是数字，实际为 ${found}：请核对营业执照上的代码`
          : `position ${position} is part of the administrative division code (positions 3–8), which is digits only, but is ${found}: copy the code again from the business licence`;
      }
      return zh
        ? `第${position}位字符 ${found} 不允许：代码只由数字和大写字母组成，且不含 I、O、S、V、Z，请核对营业执照上的代码`
        : `the character ${found} at position ${position} is not allowed: the code uses only digits and capital letters other than I, O, S, V and Z; copy it again from the business licence`;
    case "check_character":
      return zh
        ? `第18位校验码应为 ${expected}，实际为 ${found}：请核对营业执照上的代码`
        : `the check character (position 18) should be ${expected} but is ${found}: copy the code again from the business licence`;
  }
}
