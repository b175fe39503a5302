-- Monitoring: devices with their own credentials, readings partitioned by
-- month (idempotent on device and timestamp), alarms with their life cycle.

CREATE TABLE device (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The device's own identifier, as it appears in MQTT topics and payloads.
  code text NOT NULL,
  name text NOT NULL,
  device_type text NOT NULL CHECK (device_type IN ('combustible_gas', 'toxic_gas', 'oxygen', 'temperature', 'pressure', 'liquid_level', 'flow', 'switch_state')),
  unit text NOT NULL,
  risk_point_id uuid,
  major_hazard_unit_id uuid,
  lng double precision,
  lat double precision,
  install_date date,
  calibration_due date,
  credential_hash text NOT NULL UNIQUE,
  rule_overrides jsonb NOT NULL DEFAULT '[]',
  -- Rule evaluation state, so durations and inactivity timers resume after a restart.
  rule_state jsonb NOT NULL DEFAULT '{}',
  last_value double precision,
  last_ts timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, id),
  UNIQUE (enterprise_id, code)
);

CREATE TABLE reading (
  enterprise_id uuid NOT NULL,
  device_id uuid NOT NULL,
  ts timestamptz NOT NULL,
  value double precision NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, device_id, ts)
) PARTITION BY RANGE (ts);
-- Catches readings outside the monthly partitions the maintenance job creates ahead of time.
CREATE TABLE reading_default PARTITION OF reading DEFAULT;

CREATE TABLE ingest_counter (
  day date NOT NULL,
  channel text NOT NULL,
  outcome text NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, channel, outcome)
);
