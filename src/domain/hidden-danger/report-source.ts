import type { Role } from "../access/roles";
import type { HiddenDangerSource } from "./vocabulary";

/**
 * The sources a reporter may record, the first being the one recorded when
 * none is given. Where a report came from follows from who made it: an
 * employee's report is an employee report and a third party's is a third
 * party's, whatever the request says, so statistics by source (and the
 * rewards some enterprises pay for employee reports) cannot be gamed.
 * Government records its own supervision findings, and may also take down a
 * public report or one found by an accident investigation; an enterprise's
 * managers record their own inspections and what employees or the public told
 * them.
 */
export function reportSourcesFor(reporter: { role: Role; isGovernment: boolean }): readonly HiddenDangerSource[] {
  if (reporter.isGovernment) return ["government", "public_report", "accident_investigation"];
  switch (reporter.role) {
    case "employee":
      return ["employee_report"];
    case "third_party":
      return ["third_party"];
    case "enterprise_principal":
    case "safety_manager":
      return ["inspection", "employee_report", "public_report", "accident_investigation"];
    default:
      return [];
  }
}
