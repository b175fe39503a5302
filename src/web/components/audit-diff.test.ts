import { describe, expect, it } from "vitest";
import { diffRecords, showValue } from "./audit-diff";

describe("diffRecords", () => {
  it("puts the changed fields first and marks them", () => {
    const rows = diffRecords({ name: "A", status: "operating" }, { name: "A", status: "suspended" });
    expect(rows[0]).toEqual({ field: "status", before: "operating", after: "suspended", changed: true });
    expect(rows[1].changed).toBe(false);
  });

  it("shows every field of a creation as changed", () => {
    const rows = diffRecords(null, { name: "A", uscc: "X" });
    expect(rows.every((r) => r.changed)).toBe(true);
    expect(rows.map((r) => r.field)).toEqual(["name", "uscc"]);
  });

  it("does not call a field changed when a partial update did not send it", () => {
    const rows = diffRecords({ name: "A", role: "admin" }, { role: "supervisor" });
    expect(rows.find((r) => r.field === "name")?.changed).toBe(false);
    expect(rows.find((r) => r.field === "role")?.changed).toBe(true);
  });

  it("compares non-object states as one value", () => {
    expect(diffRecords([1], [2])).toEqual([{ field: "—", before: [1], after: [2], changed: true }]);
    expect(diffRecords(null, null)).toEqual([]);
  });
});

describe("showValue", () => {
  it("keeps strings and writes the rest as JSON", () => {
    expect(showValue("江北")).toBe("江北");
    expect(showValue([{ name: "张伟" }])).toBe('[{"name":"张伟"}]');
    expect(showValue(undefined)).toBe("");
  });
});
