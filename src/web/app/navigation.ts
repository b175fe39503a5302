import { isEnterpriseScoped, type Permission, type Role } from "../../domain/access/roles";
import type { Me } from "../api/types";
import type { MessageKey } from "../i18n";

export type MenuKey =
  | "overview"
  | "cockpit"
  | "map"
  | "territories"
  | "enterprises"
  | "my-enterprise"
  | "risk"
  | "major-hazards"
  | "monitoring"
  | "hidden-dangers"
  | "report-hidden-danger"
  | "inspections"
  | "hidden-danger-stats"
  | "supervision"
  | "campaigns"
  | "organisations"
  | "users"
  | "audit"
  | "reference"
  | "tokens";

export type MenuEntry = { key: MenuKey; path: string; label: MessageKey };

/** Roles that work inside their own enterprise and so get "My enterprise" instead of a list. */
const OWN_ENTERPRISE_ROLES: readonly Role[] = ["enterprise_principal", "safety_manager", "employee"];

export function hasPermission(me: Pick<Me, "permissions">, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** The side menu of a signed-in user: what its role may do, pointed at its own scope. */
export function menuFor(me: Pick<Me, "role" | "permissions" | "enterpriseIds">): MenuEntry[] {
  const can = (permission: Permission) => hasPermission(me, permission);
  const entries: MenuEntry[] = [{ key: "overview", path: "/", label: "menu.overview" }];
  // What government opens every morning comes right after the home page.
  if (can("cockpit:read")) entries.push({ key: "cockpit", path: "/cockpit", label: "menu.cockpit" });
  // The one map: supervisors and departments see their territory; insurers and service organisations their enterprises.
  if (can("territory:read") || (can("enterprise:read") && !OWN_ENTERPRISE_ROLES.includes(me.role)))
    entries.push({ key: "map", path: "/map", label: "menu.map" });
  if (can("territory:read")) entries.push({ key: "territories", path: "/territories", label: "menu.territories" });
  if (can("enterprise:read")) {
    if (OWN_ENTERPRISE_ROLES.includes(me.role)) {
      // A person of one enterprise goes straight to it; with several, the first is home and the list is one click away.
      const first = me.enterpriseIds[0];
      if (first) entries.push({ key: "my-enterprise", path: `/enterprises/${first}`, label: "menu.myEnterprise" });
    } else {
      // Territory-scoped roles see their territory's enterprises; insurers and third parties those entrusted to them.
      entries.push({ key: "enterprises", path: "/enterprises", label: "menu.enterprises" });
    }
  }
  // Enterprise people land on their own register from /risk; everyone else sees the registers in scope.
  if (can("risk:read")) entries.push({ key: "risk", path: "/risk", label: "menu.risk" });
  if (can("major-hazard:read"))
    entries.push({ key: "major-hazards", path: "/major-hazards", label: "menu.majorHazards" });
  // One entry for the alarm console and the devices; the pages switch between them.
  if (can("monitoring:read")) entries.push({ key: "monitoring", path: "/monitoring", label: "menu.monitoring" });
  if (can("hidden-danger:read")) {
    entries.push({ key: "hidden-dangers", path: "/hidden-dangers", label: "menu.hiddenDangers" });
  }
  if (can("hidden-danger:report"))
    entries.push({ key: "report-hidden-danger", path: "/hidden-dangers/report", label: "menu.reportHiddenDanger" });
  if (can("hidden-danger:read")) {
    entries.push({ key: "inspections", path: "/inspections", label: "menu.inspections" });
    entries.push({ key: "hidden-danger-stats", path: "/hidden-danger-stats", label: "menu.hiddenDangerStats" });
  }
  if (can("supervision:read")) entries.push({ key: "supervision", path: "/supervision", label: "menu.supervision" });
  if (can("campaign:manage") || can("campaign:report"))
    entries.push({ key: "campaigns", path: "/campaigns", label: "menu.campaigns" });
  if (can("organisation:read"))
    entries.push({ key: "organisations", path: "/organisations", label: "menu.organisations" });
  if (can("user:admin")) entries.push({ key: "users", path: "/users", label: "menu.users" });
  if (can("audit:read")) entries.push({ key: "audit", path: "/audit", label: "menu.audit" });
  if (can("reference:read")) entries.push({ key: "reference", path: "/reference", label: "menu.reference" });
  if (can("token:own")) entries.push({ key: "tokens", path: "/tokens", label: "menu.tokens" });
  return entries;
}

/** Whether the user's scope is a territory subtree (supervisors, departments, admins, integrators). */
export function isTerritoryScoped(me: Pick<Me, "role">): boolean {
  return !isEnterpriseScoped(me.role);
}

/** The menu entry a path belongs to, for highlighting the menu and the breadcrumb. */
export function menuEntryOf(entries: readonly MenuEntry[], pathname: string): MenuEntry | undefined {
  if (pathname === "/") return entries.find((e) => e.key === "overview");
  const exact = entries.find((e) => e.path === pathname);
  if (exact) return exact;
  return entries
    .filter((e) => e.path !== "/" && pathname.startsWith(`${e.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
