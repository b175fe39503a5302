-- Scheduled jobs under a lease (safe with several server processes), the
-- in-app notification centre, webhook subscriptions, and an outbox of
-- webhook calls and e-mails delivered with retries.

CREATE TABLE job_lease (
  name text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_error text
);

CREATE TABLE notification (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  -- The same event notifies a user once, however often the job that raises it runs.
  dedupe_key text NOT NULL,
  title_zh text NOT NULL,
  title_en text NOT NULL,
  body_zh text NOT NULL DEFAULT '',
  body_en text NOT NULL DEFAULT '',
  link text,
  severity text NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'critical')),
  enterprise_id uuid,
  territory_path text,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  PRIMARY KEY (user_id, id),
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notification_unread_idx ON notification (user_id, created_at DESC) WHERE read_at IS NULL;

CREATE TABLE webhook (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  event_kinds text[] NOT NULL,
  territory_path text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbound_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('webhook', 'email')),
  target text NOT NULL,
  webhook_id uuid REFERENCES webhook (id) ON DELETE CASCADE,
  payload jsonb NOT NULL,
  dedupe_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbound_message_due_idx ON outbound_message (next_attempt_at) WHERE status = 'pending';
