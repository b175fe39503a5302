import type { MessageKey } from "../../i18n";

/** The seeded demo accounts (all with the same demo password), one per role of PRODUCT.md. */
export const DEMO_PASSWORD = "Demo@2026";

export const DEMO_ACCOUNTS: readonly { username: string; description: MessageKey }[] = [
  { username: "admin", description: "login.demo.admin" },
  { username: "city.supervisor", description: "login.demo.citySupervisor" },
  { username: "jiangbei.supervisor", description: "login.demo.districtSupervisor" },
  { username: "housing.dept", description: "login.demo.department" },
  { username: "chem.principal", description: "login.demo.principal" },
  { username: "chem.safety", description: "login.demo.safetyManager" },
  { username: "chem.worker", description: "login.demo.employee" },
  { username: "insurer", description: "login.demo.insurer" },
  { username: "expert", description: "login.demo.thirdParty" },
  { username: "integrator", description: "login.demo.integrator" },
];
