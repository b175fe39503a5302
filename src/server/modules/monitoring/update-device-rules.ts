import type { Kysely } from "kysely";
import { deviceTypeInfo } from "../../../domain/monitoring/device-types";
import { type AlarmRule, type AlarmRuleOverride, effectiveRules, ruleProblems } from "../../../domain/monitoring/rules";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import { requireDeviceManager } from "./device-checks";
import { findDevice } from "./find-devices";

/**
 * Replaces a device's rule overrides (by rule id; an unknown id adds a rule). An override that would not make a rule
 * that can be evaluated is refused, naming the rule; the rules start their evaluation afresh.
 */
export async function updateDeviceRules(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  deviceId: string,
  overrides: AlarmRuleOverride[],
): Promise<{ overrides: AlarmRuleOverride[]; rules: AlarmRule[] }> {
  const device = await findDevice(db, principal.scope, deviceId);
  requireDeviceManager(principal, device.enterprise_id);
  // Each override as it would apply (effectiveRules falls back to the default for a bad one; here it is refused).
  const defaults = deviceTypeInfo(device.device_type).defaultRules;
  const problems = overrides.flatMap((override) => {
    const base = defaults.find((rule) => rule.id === override.id);
    return ruleProblems((base ? { ...base, ...override } : override) as AlarmRule);
  });
  const rules = effectiveRules(device.device_type, overrides);
  if (problems.length > 0) {
    throw invalidFields(problems.map((p) => ({ field: `overrides.${p.ruleId}`, text: p.message })));
  }
  await db.transaction().execute(async (trx) => {
    // A changed rule starts its evaluation afresh; its open alarm clears on the next reading if the condition is gone.
    await trx
      .updateTable("device")
      .set({ rule_overrides: JSON.stringify(overrides), rule_state: "{}" })
      .where("enterprise_id", "=", device.enterprise_id)
      .where("id", "=", device.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "device_rules",
      entityId: device.id,
      enterpriseId: device.enterprise_id,
      before: device.rule_overrides,
      after: overrides,
    });
  });
  return { overrides, rules };
}
