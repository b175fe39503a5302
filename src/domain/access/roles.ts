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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Which role may do what. Where a role may act is a separate question, answered
 * by its scope (a territory subtree, optionally limited to industries, or a set
 * of enterprises).
 */
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
  ],
  department: [
    "territory:read",
    "enterprise:read",
    "organisation:read",
    "audit:read",
    "reference:read",
    "token:own",
    "account:self",
  ],
  enterprise_principal: [
    "enterprise:read",
    "enterprise:write",
    "audit:read",
    "reference:read",
    "token:own",
    "account:self",
  ],
  safety_manager: ["enterprise:read", "enterprise:write", "reference:read", "token:own", "account:self"],
  employee: ["enterprise:read", "reference:read", "token:own", "account:self"],
  insurer: ["enterprise:read", "reference:read", "token:own", "account:self"],
  third_party: ["enterprise:read", "reference:read", "token:own", "account:self"],
  integrator: ["territory:read", "enterprise:read", "organisation:read", "reference:read", "token:own", "account:self"],
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
export const INSTALLATION_PERMISSIONS: readonly Permission[] = ["reference:write", "audit:verify"];
