import type { AlarmStatus } from "../../../domain/monitoring/alarm-lifecycle";
import type { AlarmSeverity } from "../../../domain/monitoring/device-types";
import { type AlarmEscalationStep, escalationDue } from "../../../domain/monitoring/escalation";
import type { Job } from "../../jobs/job-runner";
import { notify } from "../../notifications/notify";
import { supervisingUsers } from "../hidden-dangers/supervising-users";
import { evaluateSilences } from "./evaluate-alarms";
import { evaluateManagementAlarms } from "./evaluate-management-alarms";

/** Devices gone silent raise "monitoring offline" (Work Safety Law (2021) art. 36); a running check, not a reading, has to notice silence. */
export function inactivityJob(): Job {
  return {
    name: "monitoring-inactivity",
    everySeconds: 30,
    run: ({ db, clock }) => db.transaction().execute((trx) => evaluateSilences(trx, clock.now())),
  };
}

/** Unacknowledged alarms climb: the enterprise safety manager, then the principal person, then the territory supervisor. */
export function alarmEscalationJob(): Job {
  return {
    name: "alarm-escalation",
    everySeconds: 60,
    async run({ db, clock }) {
      const now = clock.now();
      const alarms = await db
        .selectFrom("alarm")
        .innerJoin("enterprise", "enterprise.id", "alarm.enterprise_id")
        .select([
          "alarm.enterprise_id",
          "alarm.id",
          "alarm.status",
          "alarm.raised_at",
          "alarm.severity",
          "alarm.escalation_steps",
          "alarm.message_zh",
          "alarm.message_en",
          "alarm.territory_path",
          "enterprise.name as enterprise_name",
          "enterprise.industry_code",
          "enterprise.industry_section",
        ])
        .where("alarm.status", "=", "active_unacknowledged")
        .execute();
      let sent = 0;
      for (const alarm of alarms) {
        const due = escalationDue(
          {
            raisedAt: alarm.raised_at,
            status: alarm.status as AlarmStatus,
            stepsSent: alarm.escalation_steps as AlarmEscalationStep[],
            severity: alarm.severity as AlarmSeverity,
          },
          now,
        );
        for (const step of due) {
          const staff = await db
            .selectFrom("user_enterprise")
            .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
            .select(["app_user.id", "app_user.role"])
            .where("user_enterprise.enterprise_id", "=", alarm.enterprise_id)
            .execute();
          const userIds =
            step.target === "territory_supervisor"
              ? await supervisingUsers(db, alarm)
              : staff
                  .filter((s) => s.role === (step.target === "principal" ? "enterprise_principal" : "safety_manager"))
                  .map((s) => s.id);
          await db.transaction().execute(async (trx) => {
            await notify(trx, {
              userIds,
              kind: "alarm.escalated",
              dedupeKey: `alarm:${alarm.id}:escalation:${step.step}`,
              title: {
                "zh-CN": `报警未确认（${alarm.enterprise_name}）：${alarm.message_zh}`,
                en: `Alarm not acknowledged (${alarm.enterprise_name}): ${alarm.message_en}`,
              },
              link: `/alarms/${alarm.id}`,
              severity: alarm.severity <= 2 ? "critical" : "warning",
              enterpriseId: alarm.enterprise_id,
              territoryPath: alarm.territory_path,
              at: now,
            });
            await trx
              .updateTable("alarm")
              .set({ escalation_steps: [...alarm.escalation_steps, Number(step.step)] })
              .where("enterprise_id", "=", alarm.enterprise_id)
              .where("id", "=", alarm.id)
              .execute();
          });
          alarm.escalation_steps = [...alarm.escalation_steps, Number(step.step)];
          sent++;
        }
      }
      return { checked: alarms.length, sent };
    },
  };
}

/** Alarms on management records (overdue major hidden dangers, missed inspections, calibration, blind major hazards). */
export function managementAlarmJob(): Job {
  return {
    name: "management-alarms",
    everySeconds: 300,
    run: ({ db, clock, log }) => evaluateManagementAlarms(db, clock.now(), log),
  };
}
