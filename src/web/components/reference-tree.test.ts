import { describe, expect, it } from "vitest";
import { referenceTree } from "./reference-tree";

const item = (code: string, parentCode: string | null) => ({
  code,
  parentCode,
  nameZh: code,
  nameEn: code,
  attributes: null,
});

describe("referenceTree", () => {
  it("nests divisions under their section and leaves leaves without children", () => {
    const tree = referenceTree([item("C", null), item("26", "C"), item("27", "C"), item("D", null)]);
    expect(tree.map((r) => r.code)).toEqual(["C", "D"]);
    expect(tree[0].children?.map((r) => r.code)).toEqual(["26", "27"]);
    expect(tree[1].children).toBeUndefined();
  });
});
