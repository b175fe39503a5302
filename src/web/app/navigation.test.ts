import { describe, expect, it } from "vitest";
import { permissionsOf, type Role } from "../../domain/access/roles";
import { menuEntryOf, menuFor } from "./navigation";

const userWith = (role: Role, enterpriseIds: string[] = []) => ({
  role,
  permissions: [...permissionsOf(role)],
  enterpriseIds,
});

const keys = (role: Role, enterpriseIds?: string[]) => menuFor(userWith(role, enterpriseIds)).map((e) => e.key);

describe("menuFor", () => {
  it("gives a supervisor territories, enterprises, risk control and audit but not user administration", () => {
    expect(keys("supervisor")).toEqual([
      "overview",
      "cockpit",
      "map",
      "territories",
      "enterprises",
      "risk",
      "major-hazards",
      "monitoring",
      "hidden-dangers",
      "report-hidden-danger",
      "inspections",
      "hidden-danger-stats",
      "supervision",
      "campaigns",
      "organisations",
      "audit",
      "reference",
      "tokens",
    ]);
  });

  it("gives the cockpit to supervisors and departments, never to enterprise people", () => {
    expect(keys("department")).toContain("cockpit");
    for (const role of ["enterprise_principal", "safety_manager", "employee", "insurer"] as const) {
      expect(keys(role, ["e-1"]), role).not.toContain("cockpit");
    }
  });

  it("gives classified supervision to supervisors and departments, never to enterprise people", () => {
    expect(keys("department")).toContain("supervision");
    for (const role of ["enterprise_principal", "safety_manager", "employee", "insurer", "third_party"] as const) {
      expect(keys(role, ["e-1"]), role).not.toContain("supervision");
    }
  });

  it("gives special actions to supervisors and departments, never to enterprise people", () => {
    expect(keys("department")).toContain("campaigns");
    for (const role of ["enterprise_principal", "safety_manager", "employee", "insurer", "third_party"] as const) {
      expect(keys(role, ["e-1"]), role).not.toContain("campaigns");
    }
  });

  it("gives the one map to territory roles and to insurers, not to people of one enterprise", () => {
    expect(keys("department")).toContain("map");
    expect(keys("insurer", ["e-1"])).toContain("map");
    for (const role of ["enterprise_principal", "safety_manager", "employee"] as const) {
      expect(keys(role, ["e-1"]), role).not.toContain("map");
    }
  });

  it("gives an administrator every page", () => {
    expect(keys("admin")).toContain("users");
    expect(keys("admin")).toContain("audit");
  });

  it("sends a safety manager to its own enterprise instead of a list", () => {
    const menu = menuFor(userWith("safety_manager", ["e-1", "e-2"]));
    expect(menu.map((e) => e.key)).toEqual([
      "overview",
      "my-enterprise",
      "risk",
      "major-hazards",
      "monitoring",
      "hidden-dangers",
      "report-hidden-danger",
      "inspections",
      "hidden-danger-stats",
      "reference",
      "tokens",
    ]);
    expect(menu.find((e) => e.key === "my-enterprise")?.path).toBe("/enterprises/e-1");
  });

  it("lists the entrusted enterprises for an insurer", () => {
    expect(keys("insurer", ["e-1"])).toContain("enterprises");
    expect(keys("insurer", ["e-1"])).not.toContain("my-enterprise");
  });

  it("leaves out My enterprise for an employee linked to no enterprise", () => {
    expect(keys("employee")).toEqual([
      "overview",
      "risk",
      "monitoring",
      "hidden-dangers",
      "report-hidden-danger",
      "inspections",
      "hidden-danger-stats",
      "reference",
      "tokens",
    ]);
  });

  it("gives an employee of an enterprise the phone report page", () => {
    expect(keys("employee", ["e-1"])).toContain("report-hidden-danger");
  });

  it("gives an employee the risk register but not major hazard sources", () => {
    expect(keys("employee", ["e-1"])).toContain("risk");
    expect(keys("employee", ["e-1"])).not.toContain("major-hazards");
  });
});

describe("menuEntryOf", () => {
  const menu = menuFor(userWith("supervisor"));

  it("highlights the list for a detail page below it", () => {
    expect(menuEntryOf(menu, "/enterprises/abc")?.key).toBe("enterprises");
  });

  it("maps the root to the overview", () => {
    expect(menuEntryOf(menu, "/")?.key).toBe("overview");
  });

  it("highlights risk control for a register or a risk point below it", () => {
    expect(menuEntryOf(menu, "/risk/enterprises/abc")?.key).toBe("risk");
    expect(menuEntryOf(menu, "/risk/points/abc")?.key).toBe("risk");
  });

  it("finds the enterprise-scoped home by its exact path", () => {
    const own = menuFor(userWith("safety_manager", ["e-1"]));
    expect(menuEntryOf(own, "/enterprises/e-1")?.key).toBe("my-enterprise");
  });
});
