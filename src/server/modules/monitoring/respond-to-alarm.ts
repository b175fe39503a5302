import type { Kysely } from "kysely";
import { type AlarmAction, type AlarmLifecycle, applyAlarmAction } from "../../../domain/monitoring/alarm-lifecycle";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { AppError } from "../../errors";
import { findAlarm, type ScopedAlarm } from "./find-alarms";

/** Acknowledges an alarm in the caller's scope, recording who, when and the note; returns it as it now stands. */
export function acknowledgeAlarm(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  note: string | undefined,
): Promise<ScopedAlarm> {
  return respond(db, principal, actor, id, (by, at) => ({ type: "acknowledge", by, at, note }));
}

/** Records the disposal of an acknowledged or cleared alarm in the caller's scope: the cause and the action taken. */
export function disposeAlarm(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  disposal: { cause: string; actionTaken: string },
): Promise<ScopedAlarm> {
  return respond(db, principal, actor, id, (by, at) => ({ type: "dispose", by, at, ...disposal }));
}

/** Applies an acknowledgement or a disposal through the life cycle's rules and records it. */
async function respond(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  build: (by: string, at: Date) => AlarmAction,
): Promise<ScopedAlarm> {
  const row = await findAlarm(db, principal.scope, id);
  const lifecycle: AlarmLifecycle = {
    status: row.status,
    raisedAt: row.raised_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgeNote: row.acknowledge_note,
    clearedAt: row.cleared_at,
    clearValue: row.clear_value,
    disposals: row.disposals.map((d) => ({ ...d, at: new Date(d.at) })),
  };
  const result = applyAlarmAction(lifecycle, build(principal.displayName, new Date()));
  if (!result.ok) {
    throw new AppError(
      result.error.code === "illegal_transition" ? "CONFLICT" : "VALIDATION_FAILED",
      result.error.message,
    );
  }
  const next = result.alarm;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("alarm")
      .set({
        status: next.status,
        acknowledged_at: next.acknowledgedAt,
        acknowledged_by: next.acknowledgedAt ? principal.userId : null,
        acknowledge_note: next.acknowledgeNote,
        disposals: JSON.stringify(next.disposals),
        changed_at: new Date(),
      })
      .where("enterprise_id", "=", row.enterprise_id)
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, actor, {
      action: next.disposals.length > row.disposals.length ? "dispose" : "acknowledge",
      entityType: "alarm",
      entityId: row.id,
      enterpriseId: row.enterprise_id,
      territoryPath: row.territory_path,
      before: { status: row.status },
      after: { status: next.status, disposals: next.disposals.length, note: next.acknowledgeNote },
    });
  });
  return findAlarm(db, principal.scope, id);
}
