import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { availableActions } from "../../../domain/hidden-danger/lifecycle";
import {
  type HiddenDangerActionType,
  type HiddenDangerSource,
  type HiddenDangerStatus,
  isOverdue,
} from "../../../domain/hidden-danger/vocabulary";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { finderSupervisors, mayAskFor, transitionContext } from "./hidden-danger-access";
import type { HiddenDangerRow } from "./hidden-danger-queries";
import type { HiddenDanger } from "./schema";
import { stateFromJson } from "./state-codec";

type HiddenDangerAnswer = Static<typeof HiddenDanger>;

const iso = (at: Date | null) => at?.toISOString() ?? null;

/**
 * A hidden danger as the API answers it. With its history, it also carries the steps the caller may take now:
 * those the state machine allows this caller and the caller's permissions let it ask for. In lists both are empty.
 */
export async function presentHiddenDanger(
  db: Kysely<DB>,
  row: HiddenDangerRow,
  principal: Principal,
  withHistory: boolean,
): Promise<HiddenDangerAnswer> {
  const state = stateFromJson(row.state);
  const now = new Date();
  const events = withHistory
    ? await db
        .selectFrom("hidden_danger_event")
        .selectAll()
        .where("enterprise_id", "=", row.enterprise_id)
        .where("hidden_danger_id", "=", row.id)
        .orderBy("seq")
        .execute()
    : [];
  const supervisors =
    withHistory && row.finder_user_id ? await finderSupervisors(db, row.enterprise_id, row.finder_user_id) : [];
  return {
    id: row.id,
    code: row.code,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    source: row.source as HiddenDangerSource,
    status: row.status as HiddenDangerStatus,
    level: row.level,
    description: row.description,
    place: row.place,
    riskPointId: row.risk_point_id,
    categoryCode: row.category_code,
    photoBeforeIds: row.photo_before_ids,
    photoAfterIds: row.photo_after_ids,
    responsibleUnit: row.responsible_unit,
    responsibleUserId: row.responsible_user_id,
    responsibleUserName: row.responsible_name,
    finderUserId: row.finder_user_id,
    finderName: row.finder_name,
    measures: row.measures,
    funds: row.funds,
    deadline: iso(row.deadline),
    overdue: isOverdue(row.status, row.deadline, now),
    foundAt: row.found_at.toISOString(),
    closedAt: iso(row.closed_at),
    plan: state.plan && {
      ...state.plan,
      responsiblePeople: [...state.plan.responsiblePeople],
      timeLimit: state.plan.timeLimit.toISOString(),
    },
    supervision: {
      ...state.supervision,
      listedAt: iso(state.supervision.listedAt),
      lastProgressReportAt: iso(state.supervision.lastProgressReportAt),
      delistedAt: iso(state.supervision.delistedAt),
    },
    pendingExtension: state.pendingExtension && {
      ...state.pendingExtension,
      requestedAt: state.pendingExtension.requestedAt.toISOString(),
      newDeadline: state.pendingExtension.newDeadline.toISOString(),
    },
    availableActions: withHistory
      ? availableActions(state, transitionContext(principal, now, supervisors)).filter((action) =>
          mayAskFor(principal, action),
        )
      : [],
    events: events.map((e) => ({
      seq: e.seq,
      action: e.action as HiddenDangerActionType | "report",
      from: e.from_status as HiddenDangerStatus | null,
      to: e.to_status as HiddenDangerStatus,
      actorName: e.actor_name,
      at: e.at.toISOString(),
      comment: e.comment,
      photoIds: e.photo_ids,
    })),
  };
}
