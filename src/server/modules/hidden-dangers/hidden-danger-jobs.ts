import type { Kysely, Transaction } from "kysely";
import {
  ESCALATION_TARGETS,
  type EscalationStep,
  escalationFor,
  progressReportDueAt,
  remindersDue,
} from "../../../domain/hidden-danger/deadlines";
import type { HiddenDangerState } from "../../../domain/hidden-danger/lifecycle";
import { DEADLINE_RUNNING_STATUSES } from "../../../domain/hidden-danger/vocabulary";
import { type LocalisedText, text } from "../../../domain/text";
import type { DB } from "../../db/schema";
import type { Job } from "../../jobs/job-runner";
import { runEachIsolated } from "../../jobs/run-each-isolated";
import { notify } from "../../notifications/notify";
import { stateFromJson } from "./state-codec";
import { supervisingUsers } from "./supervising-users";

/**
 * Reminders before a deadline and, once overdue, escalation up the line: the
 * unit head, then the principal person, then (for a major hidden danger) the
 * supervising government. What was sent is stored per deadline, so the job can
 * run as often as it likes and an approved extension starts afresh.
 */
export function hiddenDangerDeadlineJob(): Job {
  return {
    name: "hidden-danger-deadlines",
    everySeconds: 300,
    async run({ db, clock, log }) {
      const now = clock.now();
      const open = await db
        .selectFrom("hidden_danger")
        .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
        .select([
          "hidden_danger.enterprise_id",
          "hidden_danger.id",
          "hidden_danger.code",
          "hidden_danger.description",
          "hidden_danger.state",
          "hidden_danger.territory_path",
          "hidden_danger.responsible_user_id",
          "enterprise.name as enterprise_name",
          "enterprise.industry_code",
          "enterprise.industry_section",
        ])
        .where("hidden_danger.status", "in", [...DEADLINE_RUNNING_STATUSES, "awaiting_verification"])
        // The most urgent first.
        .orderBy("hidden_danger.deadline")
        .orderBy("hidden_danger.id")
        .execute();
      let sent = 0;
      const { failed } = await runEachIsolated(
        open,
        {
          job: "hidden-danger-deadlines",
          log,
          describe: (danger) => ({ hiddenDangerId: danger.id, code: danger.code }),
        },
        async (danger) => {
          sent += await remindAndEscalate(db, danger, now);
        },
      );
      return { checked: open.length, sent, failed };
    },
  };
}

type OpenHiddenDanger = {
  enterprise_id: string;
  id: string;
  code: string;
  description: string;
  state: unknown;
  territory_path: string;
  responsible_user_id: string | null;
  enterprise_name: string;
  industry_code: string;
  industry_section: string;
};

/** The notices one hidden danger is owed now; returns how many were sent. */
async function remindAndEscalate(db: Kysely<DB>, danger: OpenHiddenDanger, now: Date): Promise<number> {
  let sent = 0;
  const state: HiddenDangerState = stateFromJson(danger.state);
  // Only the enterprise's active people are told; a responsible person since disabled, deleted or moved away is not.
  const staff = await db
    .selectFrom("user_enterprise")
    .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
    .select(["app_user.id", "app_user.role"])
    .where("user_enterprise.enterprise_id", "=", danger.enterprise_id)
    .where("app_user.disabled", "=", false)
    .execute();
  const byRole = (role: string) => staff.filter((s) => s.role === role).map((s) => s.id);
  const responsible = staff.some((s) => s.id === danger.responsible_user_id) ? [danger.responsible_user_id!] : [];
  // A danger listed for supervision owes progress reports at the interval government set.
  const progressDue = progressReportDueAt(state.supervision);
  if (progressDue && progressDue <= now) {
    await db.transaction().execute((trx) =>
      notify(trx, {
        userIds: [...byRole("safety_manager"), ...byRole("enterprise_principal")],
        kind: "hidden_danger.progress_report_due",
        dedupeKey: `hd:${danger.id}:progress@${progressDue.toISOString()}`,
        title: {
          "zh-CN": `挂牌督办隐患 ${danger.code} 须报送整改进展`,
          en: `Progress report due for supervised hidden danger ${danger.code}`,
        },
        body: { "zh-CN": danger.description, en: danger.description },
        link: `/hidden-dangers/${danger.id}`,
        severity: "warning",
        enterpriseId: danger.enterprise_id,
        territoryPath: danger.territory_path,
        at: now,
      }),
    );
  }
  if (!state.deadline || !(DEADLINE_RUNNING_STATUSES as readonly string[]).includes(state.status)) return sent;
  const deadline = state.deadline;
  const tag = deadline.toISOString();
  const done = await db
    .selectFrom("hidden_danger_escalation")
    .select("step")
    .where("enterprise_id", "=", danger.enterprise_id)
    .where("hidden_danger_id", "=", danger.id)
    .where("step", "like", `%@${tag}`)
    .execute();
  const sentSteps = done.map((d) => d.step.split("@")[0]);
  const reminders = remindersDue(
    deadline,
    now,
    sentSteps.filter((s) => s.startsWith("reminder:")).map((s) => Number(s.slice(9))),
  );
  const escalation = escalationFor(
    {
      status: state.status,
      level: state.level,
      deadline,
      stepsSent: sentSteps.filter((s) => s.startsWith("escalation:")).map((s) => Number(s.slice(11)) as EscalationStep),
    },
    now,
  );
  if (reminders.length === 0 && escalation.unsent.length === 0) return sent;
  await db.transaction().execute(async (trx) => {
    for (const reminder of reminders) {
      await sendOnce(trx, danger, now, `reminder:${reminder.daysBefore}@${tag}`, {
        userIds: [...responsible, ...byRole("safety_manager")],
        kind: "hidden_danger.reminder",
        title: text(
          `隐患 ${danger.code} 将于 ${reminder.daysBefore} 天后到期`,
          `Hidden danger ${danger.code} is due in ${reminder.daysBefore} day(s)`,
        ),
        severity: "info",
      });
      sent++;
    }
    for (const step of escalation.unsent) {
      const target = ESCALATION_TARGETS[step];
      const userIds =
        target === "unit_head"
          ? byRole("safety_manager")
          : target === "principal"
            ? byRole("enterprise_principal")
            : await supervisingUsers(trx, danger);
      await sendOnce(trx, danger, now, `escalation:${step}@${tag}`, {
        userIds,
        kind: "hidden_danger.overdue",
        title: text(
          `隐患 ${danger.code} 已逾期未整改（${danger.enterprise_name}）`,
          `Hidden danger ${danger.code} is overdue (${danger.enterprise_name})`,
        ),
        severity: step === 3 ? "critical" : "warning",
      });
      sent++;
    }
  });
  return sent;
}

/** Sends one of a danger's reminders or escalations and records the step as sent, so it is never sent twice. */
async function sendOnce(
  trx: Transaction<DB>,
  danger: OpenHiddenDanger,
  now: Date,
  step: string,
  notice: { userIds: string[]; kind: string; title: LocalisedText; severity: "info" | "warning" | "critical" },
): Promise<void> {
  await notify(trx, {
    ...notice,
    dedupeKey: `hd:${danger.id}:${step}`,
    body: text(danger.description, danger.description),
    link: `/hidden-dangers/${danger.id}`,
    enterpriseId: danger.enterprise_id,
    territoryPath: danger.territory_path,
    at: now,
  });
  await trx
    .insertInto("hidden_danger_escalation")
    .values({ enterprise_id: danger.enterprise_id, hidden_danger_id: danger.id, step, sent_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
