import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { type AuditEntryContent, chainInput, GENESIS_HASH } from "../../domain/audit/hash-chain";
import type { DB } from "../db/schema";

/** Who did something, and from where. */
export interface Actor {
  userId: string | null;
  name: string;
  ip: string;
}

export interface AuditRecord {
  action: "create" | "update" | "delete" | (string & {});
  entityType: string;
  entityId: string;
  enterpriseId?: string | null;
  territoryPath?: string | null;
  before?: unknown;
  after?: unknown;
}

// Serialises appends so that each entry links to the one before it.
const AUDIT_CHAIN_LOCK = 4_242_002;

export const AUDIT_HEAD_KEY = "audit.head";

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Plain JSON (dates as ISO text), so the hashed value equals what jsonb gives back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends an entry to the audit trail inside the caller's transaction, so the
 * change and its record commit or fail together.
 */
export async function recordAudit(trx: Transaction<DB>, actor: Actor, record: AuditRecord): Promise<void> {
  await recordAuditBatch(trx, [{ actor, record }]);
}

// Rows per INSERT: 14 parameters each stays well under PostgreSQL's 65,535 parameters per statement.
const INSERT_BATCH = 500;

/**
 * Appends several entries in one go, in order. The chain lock is held from
 * here until the caller's transaction ends, so a long write (an import)
 * gathers its entries and calls this once, at its end, instead of locking
 * the chain for every other writer from its first row on.
 */
export async function recordAuditBatch(
  trx: Transaction<DB>,
  entries: readonly { actor: Actor; record: AuditRecord }[],
): Promise<void> {
  if (entries.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom("audit_log")
    .select(["seq", "hash", "at"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const now = new Date();
  // Keep time monotonic along the chain even if the clock steps back.
  const at = last && last.at > now ? last.at : now;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map(({ actor, record }) => {
    seq += 1;
    const content: AuditEntryContent = {
      seq,
      at: at.toISOString(),
      actorId: actor.userId,
      actorName: actor.name,
      actorIp: actor.ip,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      enterpriseId: record.enterpriseId ?? null,
      territoryPath: record.territoryPath ?? null,
      before: plain(record.before),
      after: plain(record.after),
    };
    const hash = sha256(chainInput(prevHash, content));
    const row = {
      seq: content.seq,
      at,
      actor_id: content.actorId,
      actor_name: content.actorName,
      actor_ip: content.actorIp,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      enterprise_id: content.enterpriseId,
      territory_path: content.territoryPath,
      before: content.before === null ? null : JSON.stringify(content.before),
      after: content.after === null ? null : JSON.stringify(content.after),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await trx
      .insertInto("audit_log")
      .values(rows.slice(i, i + INSERT_BATCH))
      .execute();
  }
  // The head is kept apart from the chain so that deleting the newest entries is noticed too.
  const head = JSON.stringify({ seq, hash: prevHash });
  await trx
    .insertInto("setting")
    .values({ key: AUDIT_HEAD_KEY, value: head, updated_at: at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: head, updated_at: at }))
    .execute();
}
