import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { zhCN } from "../i18n/zh-CN";
import { codeLabel, LABELLED_CODES } from "./labels";

describe("code labels", () => {
  it("has words in both languages for every code of every labelled list", () => {
    const missing = Object.entries(LABELLED_CODES).flatMap(([prefix, codes]) =>
      codes.map((code) => `${prefix}.${code}`).filter((key) => !(key in zhCN) || !(key in en)),
    );
    expect(missing).toEqual([]);
  });

  it("shows a code the list does not know as it is", () => {
    const t = (key: string) => `«${key}»`;
    const label = codeLabel("role", ["admin"]);
    expect(label(t as never, "admin")).toBe("«role.admin»");
    expect(label(t as never, "astronaut")).toBe("astronaut");
  });
});
