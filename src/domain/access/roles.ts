/** The roles of PRODUCT.md, by their stable identifiers. The public needs no account. */
export const ROLES = [
  "admin",
  "supervisor",
  "department",
  "enterprise_principal",
  "safety_manager",
  "employee",
  "insurer",
  "third_party",
  "integrator",
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "territory:read",
  "territory:write",
  "enterprise:read",
  "enterprise:write",
  "enterprise:create",
  "enterprise:import",
  "organisation:read",
  "organisation:write",
  "user:admin",
  "audit:read",
  "audit:verify",
  "reference:read",
  "reference:write",
  "token:own",
  "account:self",
  "risk:read",
  "risk:write",
  "risk:public-write",
  "risk-settings:write",
  "major-hazard:read",
  "major-hazard:write",
  "major-hazard:decide",
  "calculator:use",
  "webhook:admin",
  "hidden-danger:read",
  "hidden-danger:report",
  "hidden-danger:manage",
  "hidden-danger:supervise",
  "monitoring:read",
  "monitoring:manage",
  "monitoring:ingest",
  "monitoring:operate",
  // Acknowledging and disposing an alarm acts on it: the enterprise's monitoring managers and the supervising government, not readers.
  "alarm:respond",
  "supervision:read",
  "supervision:manage",
  "campaign:manage",
  "campaign:report",
  "cockpit:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Which role may do what. Where a role may act is a separate question, answered
 * by its scope (a territory subtree, optionally limited to industries, or a set
 * of enterprises).
 */
const READ_RISK: readonly Permission[] = ["risk:read", "major-hazard:read", "calculator:use"];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  supervisor: [
    "territory:read",
    "enterprise:read",
    "enterprise:write",
    "enterprise:create",
    "enterprise:import",
    "organisation:read",
    "audit:read",
    "reference:read",
    "token:own",
    "account:self",
    ...READ_RISK,
    "risk:public-write",
    "major-hazard:decide",
    "hidden-danger:read",
    "hidden-danger:report",
    "hidden-danger:supervise",
    "monitoring:read",
    "alarm:respond",
    "supervision:read",
    "supervision:manage",
    "campaign:manage",
    "campaign:report",
    "cockpit:read",
  ],
  department: [
    "territory:read",
    "enterprise:read",
    "organisation:read",
    "audit:read",
    "reference:read",
    "token:own",
    "account:self",
    ...READ_RISK,
    "hidden-danger:read",
    "monitoring:read",
    "supervision:read",
    "supervision:manage",
    "campaign:report",
    "cockpit:read",
  ],
  enterprise_principal: [
    "enterprise:read",
    "enterprise:write",
    "audit:read",
    "reference:read",
    "token:own",
    "account:self",
    ...READ_RISK,
    "risk:write",
    "major-hazard:write",
    "hidden-danger:read",
    "hidden-danger:report",
    "hidden-danger:manage",
    "monitoring:read",
    "monitoring:manage",
    "monitoring:ingest",
    "alarm:respond",
  ],
  safety_manager: [
    "enterprise:read",
    "enterprise:write",
    "reference:read",
    "token:own",
    "account:self",
    ...READ_RISK,
    "risk:write",
    "major-hazard:write",
    "hidden-danger:read",
    "hidden-danger:report",
    "hidden-danger:manage",
    "monitoring:read",
    "monitoring:manage",
    "monitoring:ingest",
    "alarm:respond",
  ],
  employee: [
    "enterprise:read",
    "reference:read",
    "token:own",
    "account:self",
    "risk:read",
    "calculator:use",
    "hidden-danger:read",
    "hidden-danger:report",
    "monitoring:read",
  ],
  insurer: [
    "enterprise:read",
    "reference:read",
    "token:own",
    "account:self",
    ...READ_RISK,
    "hidden-danger:read",
    "monitoring:read",
  ],
  // A third party identifies and assesses under its own signature for the enterprises that entrust it.
  third_party: [
    "enterprise:read",
    "reference:read",
    "token:own",
    "account:self",
    ...READ_RISK,
    "risk:write",
    "hidden-danger:read",
    "hidden-danger:report",
    "monitoring:read",
  ],
  integrator: [
    "territory:read",
    "enterprise:read",
    "organisation:read",
    "reference:read",
    "token:own",
    "account:self",
    ...READ_RISK,
    "hidden-danger:read",
    "monitoring:read",
    "monitoring:ingest",
  ],
};

/**
 * Position in the hierarchy for decisions that need "the level above" (a deadline
 * extension): post < unit head (safety manager) < principal < government.
 */
export const AUTHORITY: Record<Role, number> = {
  employee: 1,
  third_party: 1,
  insurer: 0,
  integrator: 0,
  safety_manager: 2,
  enterprise_principal: 3,
  department: 4,
  supervisor: 4,
  admin: 5,
};

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Roles whose scope is a set of enterprises rather than a territory subtree. */
export const ENTERPRISE_SCOPED_ROLES: readonly Role[] = [
  "enterprise_principal",
  "safety_manager",
  "employee",
  "insurer",
  "third_party",
];

export function isEnterpriseScoped(role: Role): boolean {
  return ENTERPRISE_SCOPED_ROLES.includes(role);
}

/**
 * Permissions over the whole installation (shared reference data, the audit
 * chain): an administrator holds them only when its scope is the whole installation.
 */
export const INSTALLATION_PERMISSIONS: readonly Permission[] = [
  "reference:write",
  "audit:verify",
  "risk-settings:write",
  "monitoring:operate",
];
