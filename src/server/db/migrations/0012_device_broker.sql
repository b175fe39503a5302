-- Devices publish to a durable queue through a broker that authenticates each
-- of them: the broker keeps a salted hash of the device credential, and a
-- credential can be rotated or revoked. Messages that can never be stored are
-- kept as dead letters for the enterprise to see.

ALTER TABLE device ALTER COLUMN credential_hash DROP NOT NULL;
-- RabbitMQ's own salted SHA-256 of the credential (rabbit_password_hashing_sha256), so that the broker's account
-- can be recreated from the database without the credential itself.
ALTER TABLE device ADD COLUMN broker_password_hash text;
ALTER TABLE device ADD COLUMN credential_rotated_at timestamptz;
ALTER TABLE device ADD COLUMN credential_revoked_at timestamptz;
-- Gateways name devices by code.
CREATE INDEX device_code_idx ON device (code);

CREATE TABLE ingest_dead_letter (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  device_code text NOT NULL,
  channel text NOT NULL,
  reason text NOT NULL,
  detail text,
  payload_excerpt text NOT NULL,
  -- Repeats of the same problem within an hour count in one row.
  hour timestamptz NOT NULL,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 1,
  PRIMARY KEY (enterprise_id, id),
  UNIQUE (enterprise_id, device_code, reason, hour)
);
CREATE INDEX ingest_dead_letter_recent_idx ON ingest_dead_letter (enterprise_id, last_at DESC);
