import { sql, type Transaction } from "kysely";
import type { DeviceType } from "../../../domain/monitoring/device-types";
import { evaluateSilence, newRuleState, parseRuleState } from "../../../domain/monitoring/evaluate";
import { type AlarmRuleOverride, effectiveRules } from "../../../domain/monitoring/rules";
import type { DB } from "../../db/schema";
import { AlarmBook, type AlarmChange } from "./alarm-book";

/**
 * Inactivity: a device silent for longer than its rule allows raises "monitoring
 * offline" (Work Safety Law art. 36). The devices are locked in a fixed order,
 * as ingestion locks them, and their alarms change in one batch.
 */
export async function evaluateSilences(trx: Transaction<DB>, now: Date): Promise<AlarmChange[]> {
  const devices = await sql<{
    enterprise_id: string;
    id: string;
    name: string;
    device_type: string;
    rule_overrides: unknown;
    rule_state: unknown;
    created_at: Date;
    territory_path: string;
  }>`
    SELECT d.enterprise_id, d.id, d.name, d.device_type, d.rule_overrides, d.rule_state, d.created_at, e.territory_path
      FROM device d JOIN enterprise e ON e.id = d.enterprise_id
     ORDER BY d.enterprise_id, d.id
       FOR UPDATE OF d`.execute(trx);
  const book = await AlarmBook.load(trx, devices.rows);
  const updates: { enterprise_id: string; id: string; state: string }[] = [];
  for (const device of devices.rows) {
    const rules = effectiveRules(device.device_type as DeviceType, device.rule_overrides as AlarmRuleOverride[]).filter(
      (r) => r.enabled !== false && r.kind === "inactivity",
    );
    if (rules.length === 0) continue;
    const all = { ...((device.rule_state ?? {}) as Record<string, unknown>) };
    let changed = false;
    for (const rule of rules) {
      // A device that never reported has been silent since it was registered.
      const state = parseRuleState(all[rule.id]) ?? newRuleState(new Date(device.created_at));
      const result = evaluateSilence(state, rule, now);
      if (JSON.stringify(result.state) !== JSON.stringify(state) || !all[rule.id]) {
        all[rule.id] = result.state;
        changed = true;
      }
      if (result.transition) book.apply(device, rule, result.transition);
    }
    if (changed) updates.push({ enterprise_id: device.enterprise_id, id: device.id, state: JSON.stringify(all) });
  }
  if (updates.length > 0) {
    await sql`
      UPDATE device SET rule_state = v.rule_state
        FROM unnest(${updates.map((u) => u.enterprise_id)}::uuid[], ${updates.map((u) => u.id)}::uuid[],
                    ${updates.map((u) => u.state)}::jsonb[]) AS v(enterprise_id, id, rule_state)
       WHERE device.enterprise_id = v.enterprise_id AND device.id = v.id`.execute(trx);
  }
  return book.flush(trx, new Date());
}
