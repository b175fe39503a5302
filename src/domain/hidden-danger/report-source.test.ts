import { describe, expect, it } from "vitest";
import { reportSourcesFor } from "./report-source";

describe("the source of a hidden-danger report", () => {
  it("is always an employee report for an employee, who cannot choose another", () => {
    expect(reportSourcesFor({ role: "employee", isGovernment: false })).toEqual(["employee_report"]);
  });

  it("is always a third-party report for a third party", () => {
    expect(reportSourcesFor({ role: "third_party", isGovernment: false })).toEqual(["third_party"]);
  });

  it("is government supervision by default for government, which may also record a public report", () => {
    const sources = reportSourcesFor({ role: "supervisor", isGovernment: true });
    expect(sources[0]).toBe("government");
    expect(sources).toContain("public_report");
    expect(sources).not.toContain("employee_report");
  });

  it("is the enterprise's own inspection by default for its managers, never government", () => {
    const sources = reportSourcesFor({ role: "safety_manager", isGovernment: false });
    expect(sources[0]).toBe("inspection");
    expect(sources).not.toContain("government");
  });

  it("allows nothing to a role that does not report", () => {
    expect(reportSourcesFor({ role: "insurer", isGovernment: false })).toEqual([]);
  });
});
