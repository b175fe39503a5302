import type { Selectable } from "kysely";
import type { Static } from "typebox";
import { describeProblem, type AuditVerification as Verification } from "../../audit/verify-audit";
import type { AuditLogTable } from "../../db/schema";
import type { AuditEntry, AuditVerification } from "./schema";

export function presentAuditEntry(row: Selectable<AuditLogTable>): Static<typeof AuditEntry> {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorName: row.actor_name,
    actorIp: row.actor_ip,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    hash: row.hash,
  };
}

/** The walk of the hash chain: how many entries were checked and the first one that was tampered with. */
export function presentVerification(result: Verification): Static<typeof AuditVerification> {
  return {
    ok: result.ok,
    checked: result.checked,
    firstBadSeq: result.problem?.seq ?? null,
    reason: result.problem ? describeProblem(result.problem) : null,
  };
}
