import { randomBytes } from "node:crypto";
import { sql, type Transaction } from "kysely";
import {
  type HiddenDangerError,
  type HiddenDangerState,
  type ReportHiddenDangerInput,
  reportHiddenDanger,
  type TransitionEvent,
} from "../../../domain/hidden-danger/lifecycle";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { AppError } from "../../errors";
import { transitionContext } from "./hidden-danger-access";
import { stateToJson } from "./state-codec";

/** A step the life cycle refused: an illegal transition is a conflict, anything else a field to correct. */
export function refusal(error: HiddenDangerError): AppError {
  return new AppError(
    error.code === "illegal_transition" ? "CONFLICT" : "VALIDATION_FAILED",
    error.text,
    (error.fields ?? []).map((field) => ({ field, text: error.text })),
  );
}

/** The columns that mirror the state machine's state, so lists can filter on them. */
function stateColumns(state: HiddenDangerState) {
  return {
    status: state.status,
    level: state.level ?? "general",
    responsible_unit: state.responsibleUnit ?? "",
    responsible_user_id: state.responsiblePersonId,
    measures: state.measures ?? "",
    deadline: state.deadline,
    rectifier_user_id: state.rectifierId,
    closed_at: state.closedAt,
    state: stateToJson(state),
  };
}

function eventColumns(
  row: { enterprise_id: string; id: string },
  seq: number,
  event: TransitionEvent,
  actorName: string,
  comment = event.comment ?? "",
) {
  return {
    enterprise_id: row.enterprise_id,
    hidden_danger_id: row.id,
    seq,
    action: event.action,
    from_status: event.from,
    to_status: event.to,
    actor_id: event.actorId,
    actor_name: actorName,
    at: event.at,
    comment,
    photo_ids: event.photoIds,
    data: JSON.stringify(event.payload),
  };
}

/**
 * A newly found hidden danger, checked by the life cycle and stored as one row with its first ("report") event, in
 * the caller's transaction. What is recorded besides (audit, notices) is the caller's.
 */
export async function storeReportedHiddenDanger(
  trx: Transaction<DB>,
  options: {
    principal: Principal;
    enterprise: { id: string; territory_path: string };
    report: Omit<ReportHiddenDangerInput, "finderId">;
    place?: string;
    riskPointId?: string | null;
    categoryCode?: string;
    /** The first event's comment; the description unless given. */
    comment?: string;
    now: Date;
  },
): Promise<{ enterprise_id: string; id: string; code: string }> {
  const { principal, enterprise, report, now } = options;
  const reported = reportHiddenDanger({ ...report, finderId: principal.userId }, transitionContext(principal, now));
  if (!reported.ok) throw refusal(reported.error);
  const code = `YH${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(3).toString("hex").toUpperCase()}`;
  const created = await trx
    .insertInto("hidden_danger")
    .values({
      enterprise_id: enterprise.id,
      code,
      territory_path: enterprise.territory_path,
      source: reported.state.source,
      description: report.description,
      place: options.place ?? "",
      risk_point_id: options.riskPointId ?? null,
      category_code: options.categoryCode ?? "",
      photo_before_ids: [...(report.photoIds ?? [])],
      finder_user_id: principal.userId,
      found_at: now,
      updated_at: now,
      ...stateColumns(reported.state),
    })
    .returning(["enterprise_id", "id", "code"])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("hidden_danger_event")
    .values(eventColumns(created, 1, reported.event, principal.displayName, options.comment))
    .execute();
  return created;
}

/** Writes a step's new state and its event, in the caller's transaction (which holds the row's lock). */
export async function storeTransition(
  trx: Transaction<DB>,
  row: { enterprise_id: string; id: string },
  state: HiddenDangerState,
  event: TransitionEvent,
  actorName: string,
  extra: Partial<{ category_code: string; funds: number | null; photo_after_ids: string[] }> = {},
): Promise<void> {
  const last = await trx
    .selectFrom("hidden_danger_event")
    .select(sql<number>`coalesce(max(seq), 0)`.as("seq"))
    .where("enterprise_id", "=", row.enterprise_id)
    .where("hidden_danger_id", "=", row.id)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("hidden_danger")
    .set({ ...stateColumns(state), updated_at: event.at, ...extra })
    .where("enterprise_id", "=", row.enterprise_id)
    .where("id", "=", row.id)
    .execute();
  await trx
    .insertInto("hidden_danger_event")
    .values(eventColumns(row, Number(last.seq) + 1, event, actorName))
    .execute();
}
