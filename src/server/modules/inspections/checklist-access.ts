import { text } from "../../../domain/text";
import type { Principal } from "../../auth/principal";
import { forbidden } from "../../errors";

/** Managing checklists is for the enterprise's own managers. */
export function requireChecklistManager(principal: Principal, enterpriseId: string): void {
  if (
    !(
      principal.scope.kind === "enterprises" &&
      principal.scope.enterpriseIds.includes(enterpriseId) &&
      principal.permissions.includes("hidden-danger:manage")
    )
  ) {
    throw forbidden(text("检查表由企业安全管理人员维护", "Checklists are kept by the enterprise's safety managers"));
  }
}
