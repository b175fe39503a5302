-- Alarms raised by device rules and by management data, with their life cycle,
-- escalation steps and the CAP messages published for them.

CREATE TABLE alarm (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  territory_path text NOT NULL,
  -- 'device' alarms come from a device rule; 'management' ones from the records (overdue, missed, calibration).
  source text NOT NULL CHECK (source IN ('device', 'management')),
  device_id uuid,
  rule_id text NOT NULL,
  rule_kind text NOT NULL,
  severity integer NOT NULL CHECK (severity BETWEEN 1 AND 4),
  status text NOT NULL CHECK (status IN ('active_unacknowledged', 'acknowledged', 'cleared_unacknowledged', 'cleared')),
  raised_at timestamptz NOT NULL,
  last_value double precision,
  peak double precision,
  last_update_at timestamptz NOT NULL,
  message_zh text NOT NULL,
  message_en text NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  acknowledge_note text,
  cleared_at timestamptz,
  clear_value double precision,
  disposals jsonb NOT NULL DEFAULT '[]',
  escalation_steps integer[] NOT NULL DEFAULT '{}',
  cap_messages jsonb NOT NULL DEFAULT '[]',
  -- Any change (raise, update, clear, acknowledge, dispose): what the live console follows.
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, id)
);
CREATE INDEX alarm_changed_idx ON alarm (changed_at);
-- One alarm per (device, rule) while its condition lasts: updated, never duplicated.
CREATE UNIQUE INDEX alarm_one_open_idx ON alarm (enterprise_id, rule_id, device_id) NULLS NOT DISTINCT
  WHERE status IN ('active_unacknowledged', 'acknowledged');
CREATE INDEX alarm_scope_idx ON alarm (territory_path text_pattern_ops, status);
