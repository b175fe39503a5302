-- Platform foundation: reference data, territories, organisations, enterprises,
-- users, sessions, API tokens, login throttling, settings and the audit trail.

CREATE TABLE reference_set (
  kind text NOT NULL,
  version text NOT NULL,
  title text NOT NULL,
  source text NOT NULL,
  is_current boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, version)
);

CREATE TABLE reference_item (
  kind text NOT NULL,
  version text NOT NULL,
  code text NOT NULL,
  parent_code text,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  attributes jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (kind, version, code),
  FOREIGN KEY (kind, version) REFERENCES reference_set (kind, version)
);

-- Risk level -> organisational control level; practice varies (no national text fixes it), so it is data.
CREATE TABLE control_level_mapping (
  risk_level integer PRIMARY KEY CHECK (risk_level BETWEEN 1 AND 4),
  control_level text NOT NULL CHECK (control_level IN ('company', 'department', 'workshop', 'team', 'post')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);

CREATE TABLE territory (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  name_en text NOT NULL DEFAULT '',
  level text NOT NULL CHECK (level IN ('city', 'district', 'town', 'grid')),
  parent_id uuid REFERENCES territory (id),
  -- Materialised path of codes, '/990100/990101/', so a subtree is one prefix match.
  path text NOT NULL UNIQUE,
  boundary jsonb,
  min_lng double precision,
  min_lat double precision,
  max_lng double precision,
  max_lat double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX territory_parent_idx ON territory (parent_id);
CREATE INDEX territory_path_idx ON territory (path text_pattern_ops);

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('emergency_management', 'industry_department', 'insurer', 'third_party')),
  name text NOT NULL,
  territory_id uuid REFERENCES territory (id),
  industries text[] NOT NULL DEFAULT '{}',
  phone text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprise (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  uscc text NOT NULL UNIQUE CHECK (length(uscc) = 18),
  industry_code text NOT NULL,
  industry_section text NOT NULL,
  scale text NOT NULL CHECK (scale IN ('large', 'medium', 'small', 'micro')),
  address text NOT NULL DEFAULT '',
  lng double precision,
  lat double precision,
  territory_id uuid NOT NULL REFERENCES territory (id),
  territory_path text NOT NULL,
  principal_name text NOT NULL DEFAULT '',
  principal_phone text NOT NULL DEFAULT '',
  safety_managers jsonb NOT NULL DEFAULT '[]',
  contacts jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'operating' CHECK (status IN ('operating', 'suspended', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_scope_idx ON enterprise (territory_path text_pattern_ops, name, id);
CREATE INDEX enterprise_name_idx ON enterprise (name, id);
CREATE INDEX enterprise_industry_idx ON enterprise (industry_code);
CREATE INDEX enterprise_territory_idx ON enterprise (territory_id);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'department', 'enterprise_principal', 'safety_manager', 'employee', 'insurer', 'third_party', 'integrator')),
  territory_id uuid REFERENCES territory (id),
  industries text[] NOT NULL DEFAULT '{}',
  organisation_id uuid REFERENCES organisation (id),
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Enterprises an enterprise-scoped user may act for (own staff, insurer's clients, third party's entrustments).
CREATE TABLE user_enterprise (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  PRIMARY KEY (enterprise_id, user_id)
);
CREATE INDEX user_enterprise_user_idx ON user_enterprise (user_id);

CREATE TABLE session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  ip text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX session_user_idx ON session (user_id);

CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

CREATE TABLE login_failure (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  throttle_key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_key_idx ON login_failure (throttle_key, at);

CREATE TABLE setting (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);

-- Append-only, hash-chained: each row's hash covers the previous row's hash.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  actor_ip text NOT NULL DEFAULT '',
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  enterprise_id uuid,
  territory_path text,
  before jsonb,
  after jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq);
CREATE INDEX audit_log_enterprise_idx ON audit_log (enterprise_id, seq);
CREATE INDEX audit_log_territory_idx ON audit_log (territory_path text_pattern_ops, seq);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
