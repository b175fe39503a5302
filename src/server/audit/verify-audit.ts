import type { Kysely } from "kysely";
import { type ChainProblem, checkLink, type StoredAuditEntry } from "../../domain/audit/hash-chain";
import type { DB } from "../db/schema";
import { AUDIT_HEAD_KEY, sha256 } from "./record-audit";

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem: ChainProblem | null;
}

const PAGE = 2000;

/** Walks the whole chain in order and stops at the first entry that does not fit. */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditVerification> {
  let previous: StoredAuditEntry | null = null;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", previous?.seq ?? 0)
      .orderBy("seq")
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const entry: StoredAuditEntry = {
        seq: row.seq,
        at: row.at.toISOString(),
        actorId: row.actor_id,
        actorName: row.actor_name,
        actorIp: row.actor_ip,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        enterpriseId: row.enterprise_id,
        territoryPath: row.territory_path,
        before: row.before,
        after: row.after,
        prevHash: row.prev_hash,
        hash: row.hash,
      };
      const problem = checkLink(previous, entry, sha256);
      if (problem) return { ok: false, checked, problem };
      previous = entry;
      checked++;
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.selectFrom("setting").select("value").where("key", "=", AUDIT_HEAD_KEY).executeTakeFirst();
  const recorded = head?.value as { seq: number; hash: string } | undefined;
  if (recorded && (recorded.seq !== (previous?.seq ?? 0) || recorded.hash !== previous?.hash)) {
    return { ok: false, checked, problem: { seq: (previous?.seq ?? 0) + 1, kind: "truncated", headSeq: recorded.seq } };
  }
  return { ok: true, checked, problem: null };
}

export function describeProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case "altered":
      return `audit entry ${problem.seq} was altered: its content no longer matches its hash`;
    case "broken_link":
      return `audit entry ${problem.seq} does not link to the entry before it: an entry before it was altered or removed`;
    case "out_of_order":
      return `audit entry ${problem.seq} is out of order: expected entry ${problem.expectedSeq} (an entry was deleted or inserted)`;
    case "time_reversed":
      return `audit entry ${problem.seq} is dated before the entry that precedes it: inserted out of order`;
    case "truncated":
      return `audit entries ${problem.seq} to ${problem.headSeq} are missing: the newest entries were deleted`;
  }
}
