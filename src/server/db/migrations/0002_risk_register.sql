-- Risk classification control: risk points, hazards, assessments, control
-- measures, assessment bands, photos, and GB 18218 major hazard sources with filings.
--
-- Register tables are keyed by (owner_id, id): the owner is the enterprise for
-- an enterprise's register, or the territory for a public-area register
-- (docs/decisions/0002-register-owner.md). Citus distributes them by owner_id.

CREATE TABLE attachment (
  owner_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  data bytea NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, id)
);

-- Assessment bands are configuration; an assessment stores the bands it was made with.
CREATE TABLE risk_bands (
  method text NOT NULL CHECK (method IN ('LS', 'LEC', 'MES')),
  version text NOT NULL,
  thresholds jsonb NOT NULL,
  is_current boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (method, version)
);

CREATE TABLE risk_point (
  owner_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_kind text NOT NULL CHECK (owner_kind IN ('enterprise', 'territory')),
  territory_path text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('place', 'facility', 'process', 'operation')),
  public_category text CHECK (public_category IN ('crowded_place', 'gas_pipeline', 'construction_site', 'traffic', 'water', 'other')),
  name text NOT NULL,
  unit text NOT NULL DEFAULT '',
  lng double precision,
  lat double precision,
  area jsonb,
  photo_ids uuid[] NOT NULL DEFAULT '{}',
  control_level text CHECK (control_level IN ('company', 'department', 'workshop', 'team', 'post')),
  control_level_set_by_user boolean NOT NULL DEFAULT false,
  controlling_unit text NOT NULL DEFAULT '',
  responsible_person text NOT NULL DEFAULT '',
  responsible_phone text NOT NULL DEFAULT '',
  emergency_phone text NOT NULL DEFAULT '',
  -- The most severe current level of its hazards (1 red … 4 blue), null until assessed.
  level integer CHECK (level BETWEEN 1 AND 4),
  public_token text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, id)
);
CREATE INDEX risk_point_scope_idx ON risk_point (territory_path text_pattern_ops);
CREATE INDEX risk_point_level_idx ON risk_point (owner_id, level);

CREATE TABLE hazard (
  owner_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  risk_point_id uuid NOT NULL,
  description text NOT NULL,
  factor_code text NOT NULL,
  accident_types text[] NOT NULL,
  consequences text NOT NULL DEFAULT '',
  current_assessment_id uuid,
  level integer CHECK (level BETWEEN 1 AND 4),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, id),
  FOREIGN KEY (owner_id, risk_point_id) REFERENCES risk_point (owner_id, id) ON DELETE CASCADE
);
CREATE INDEX hazard_point_idx ON hazard (owner_id, risk_point_id);

-- Every assessment is kept: reassessment adds a row and moves the hazard's current pointer.
CREATE TABLE hazard_assessment (
  owner_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  hazard_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('LS', 'LEC', 'MES')),
  factors jsonb NOT NULL,
  score double precision NOT NULL,
  level integer NOT NULL CHECK (level BETWEEN 1 AND 4),
  colour text NOT NULL CHECK (colour IN ('red', 'orange', 'yellow', 'blue')),
  bands_version text NOT NULL,
  bands jsonb NOT NULL,
  assessor_user_id uuid,
  assessor_name text NOT NULL,
  assessor_organisation_id uuid,
  note text NOT NULL DEFAULT '',
  assessed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, id),
  FOREIGN KEY (owner_id, hazard_id) REFERENCES hazard (owner_id, id) ON DELETE CASCADE
);
CREATE INDEX hazard_assessment_hazard_idx ON hazard_assessment (owner_id, hazard_id, assessed_at);

CREATE TABLE control_measure (
  owner_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  risk_point_id uuid NOT NULL,
  hazard_id uuid,
  kind text NOT NULL CHECK (kind IN ('engineering', 'management', 'training', 'protection', 'emergency')),
  content text NOT NULL,
  check_content text NOT NULL DEFAULT '',
  check_frequency text NOT NULL CHECK (check_frequency IN ('shift', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
  responsible_person text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, id),
  FOREIGN KEY (owner_id, risk_point_id) REFERENCES risk_point (owner_id, id) ON DELETE CASCADE
);
CREATE INDEX control_measure_point_idx ON control_measure (owner_id, risk_point_id);

-- GB 18218-2018 threshold table, versioned: adding a substance makes a new version.
CREATE TABLE gb18218_version (
  version text PRIMARY KEY,
  based_on text,
  note text NOT NULL DEFAULT '',
  is_current boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid
);

CREATE TABLE gb18218_substance (
  version text NOT NULL REFERENCES gb18218_version (version),
  key text NOT NULL,
  cas text,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  other_cas text[] NOT NULL DEFAULT '{}',
  aliases text[] NOT NULL DEFAULT '{}',
  threshold_tonnes double precision NOT NULL CHECK (threshold_tonnes > 0),
  hazard_class text NOT NULL,
  beta_toxic_gas double precision,
  PRIMARY KEY (version, key)
);

CREATE TABLE gb18218_class (
  version text NOT NULL REFERENCES gb18218_version (version),
  code text NOT NULL,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  threshold_tonnes double precision NOT NULL CHECK (threshold_tonnes > 0),
  beta double precision NOT NULL CHECK (beta > 0),
  PRIMARY KEY (version, code)
);

CREATE TABLE major_hazard_unit (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  unit_kind text NOT NULL CHECK (unit_kind IN ('plant', 'storage')),
  exposed_population integer NOT NULL CHECK (exposed_population >= 0),
  lng double precision,
  lat double precision,
  -- The latest identification, with the table version it used.
  table_version text,
  s double precision,
  r double precision,
  alpha double precision,
  is_major boolean,
  level integer CHECK (level BETWEEN 1 AND 4),
  terms jsonb,
  computed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, id)
);

CREATE TABLE major_hazard_substance (
  enterprise_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL,
  cas text,
  name text,
  hazard_class text,
  quantity_tonnes double precision NOT NULL CHECK (quantity_tonnes >= 0),
  PRIMARY KEY (enterprise_id, id),
  FOREIGN KEY (enterprise_id, unit_id) REFERENCES major_hazard_unit (enterprise_id, id) ON DELETE CASCADE
);

-- Work Safety Law art. 40: filing with the local emergency management department.
CREATE TABLE major_hazard_filing (
  enterprise_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL,
  territory_path text NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted', 'accepted', 'returned')),
  safety_measures text NOT NULL,
  emergency_measures text NOT NULL,
  snapshot jsonb NOT NULL,
  submitted_by uuid,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_at timestamptz,
  decision_reason text,
  PRIMARY KEY (enterprise_id, id),
  FOREIGN KEY (enterprise_id, unit_id) REFERENCES major_hazard_unit (enterprise_id, id) ON DELETE CASCADE
);
CREATE INDEX major_hazard_filing_scope_idx ON major_hazard_filing (territory_path text_pattern_ops, status);
