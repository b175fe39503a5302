import { describe, expect, it } from "vitest";
import { createRandom } from "../geo/random";
import { createMobilePhone, createPersonName } from "./demo-people";

describe("createPersonName", () => {
  it("makes two- or three-character Chinese names", () => {
    const random = createRandom(3);
    for (let i = 0; i < 500; i++) expect(createPersonName(random)).toMatch(/^\p{Script=Han}{2,3}$/u);
  });

  it("favours the most common surnames", () => {
    const random = createRandom(4);
    const names = Array.from({ length: 5_000 }, () => createPersonName(random));
    const wang = names.filter((name) => name.startsWith("王")).length;
    const chang = names.filter((name) => name.startsWith("常")).length;
    expect(wang).toBeGreaterThan(chang * 3);
  });
});

describe("createMobilePhone", () => {
  it("makes 11-digit mainland mobile numbers", () => {
    const random = createRandom(5);
    for (let i = 0; i < 500; i++) expect(createMobilePhone(random)).toMatch(/^1[3-9]\d{9}$/);
  });
});
