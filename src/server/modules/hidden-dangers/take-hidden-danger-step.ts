import type { Kysely } from "kysely";
import { applyTransition, type HiddenDangerAction } from "../../../domain/hidden-danger/lifecycle";
import type { HiddenDangerActionType } from "../../../domain/hidden-danger/vocabulary";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { requireUser } from "../../auth/require-user";
import type { DB } from "../../db/schema";
import { forbidden, invalidFields } from "../../errors";
import { notify } from "../../notifications/notify";
import { requirePhotos } from "../attachments/require-photos";
import { finderSupervisors, mayAskFor, transitionContext } from "./hidden-danger-access";
import { findHiddenDanger, type HiddenDangerRow } from "./hidden-danger-queries";
import type { ActionBody } from "./schema";
import { stateFromJson } from "./state-codec";
import { refusal, storeTransition } from "./store-hidden-danger";
import { supervisingUsers } from "./supervising-users";

// Rectification steps belong to the responsible person; managers may act for them.
const RECTIFIER_STEPS: readonly HiddenDangerActionType[] = [
  "start_rectification",
  "submit_rectification",
  "request_extension",
  "report_progress",
];

/** The action as the state machine takes it: instants as Dates. */
function toAction(body: ActionBody): HiddenDangerAction {
  const action = { ...body } as Record<string, unknown>;
  for (const key of ["deadline", "newDeadline"] as const) if (body[key]) action[key] = new Date(body[key]);
  if (body.plan) action.plan = { ...body.plan, timeLimit: new Date(body.plan.timeLimit) };
  return action as HiddenDangerAction;
}

/** The people and photos a step names must be real and the enterprise's own, before anything is stored. */
async function checkNamedIds(db: Kysely<DB>, row: HiddenDangerRow, body: ActionBody): Promise<void> {
  if (body.type === "confirm" && !(body.categoryCode ?? row.category_code)) {
    throw invalidFields([
      {
        field: "categoryCode",
        text: text(
          "确认隐患须填写隐患类别（GB/T 13861：1 人、2 物、3 环境、4 管理）",
          "Confirming needs the category (GB/T 13861: 1 human, 2 material, 3 environmental, 4 management)",
        ),
      },
    ]);
  }
  const staffOf = { kind: "enterprise", enterpriseId: row.enterprise_id } as const;
  if (body.type === "confirm" && body.responsiblePersonId) {
    await requireUser(db, "responsiblePersonId", body.responsiblePersonId, staffOf);
  }
  if (body.type === "close_on_spot" && body.rectifierId) {
    await requireUser(db, "rectifierId", body.rectifierId, staffOf);
  }
  for (const field of ["photoIds", "beforePhotoIds", "afterPhotoIds"] as const) {
    await requirePhotos(db, row.enterprise_id, field, body[field]);
  }
}

/**
 * One step of a hidden danger's life cycle (confirm, dismiss, rectify, verify, extend, list for supervision, close on
 * the spot …): the caller must be allowed to ask for it, the state machine decides whether it is legal now, and the
 * new state, its event and the audit entry are stored together under the row's lock. A major hidden danger, once
 * confirmed, is announced to the supervising government.
 */
export async function takeHiddenDangerStep(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  body: ActionBody,
): Promise<void> {
  if (!mayAskFor(principal, body.type)) throw forbidden();
  const row = await findHiddenDanger(db, principal.scope, id);
  if (
    RECTIFIER_STEPS.includes(body.type) &&
    !principal.permissions.includes("hidden-danger:manage") &&
    row.responsible_user_id !== principal.userId
  ) {
    throw forbidden(
      text(
        "只有整改责任人（或企业安全管理人员）可以办理此步骤",
        "Only the person responsible for the rectification (or the enterprise's safety managers) may take this step",
      ),
    );
  }
  const now = new Date();
  const action = toAction(body);
  await checkNamedIds(db, row, body);
  const supervisors =
    body.type === "close_on_spot" && row.finder_user_id
      ? await finderSupervisors(db, row.enterprise_id, row.finder_user_id)
      : [];
  await db.transaction().execute(async (trx) => {
    // Serialise steps on one hidden danger.
    const locked = await trx
      .selectFrom("hidden_danger")
      .select("state")
      .where("enterprise_id", "=", row.enterprise_id)
      .where("id", "=", row.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const state = stateFromJson(locked.state);
    const result = applyTransition(state, action, transitionContext(principal, now, supervisors));
    if (!result.ok) throw refusal(result.error);
    await storeTransition(trx, row, result.state, result.event, principal.displayName, {
      ...(body.categoryCode ? { category_code: body.categoryCode } : {}),
      ...(body.funds !== undefined ? { funds: body.funds } : {}),
      ...(body.type === "submit_rectification" ? { photo_after_ids: body.photoIds ?? [] } : {}),
      ...(body.type === "close_on_spot" ? { photo_after_ids: body.afterPhotoIds ?? [] } : {}),
    });
    await recordAudit(trx, actor, {
      action: body.type,
      entityType: "hidden_danger",
      entityId: row.id,
      enterpriseId: row.enterprise_id,
      territoryPath: row.territory_path,
      before: { status: state.status },
      after: { status: result.state.status, ...body },
    });
    if (body.type === "confirm" && result.state.level === "major") {
      await notify(trx, {
        userIds: await supervisingUsers(trx, row),
        kind: "hidden_danger.major_reported",
        dedupeKey: `hd:${row.id}:major`,
        title: text(
          `重大事故隐患 ${row.code}（${row.enterprise_name}）`,
          `Major hidden danger ${row.code} (${row.enterprise_name})`,
        ),
        body: text(row.description, row.description),
        link: `/hidden-dangers/${row.id}`,
        severity: "critical",
        enterpriseId: row.enterprise_id,
        territoryPath: row.territory_path,
        at: now,
      });
    }
  });
}
