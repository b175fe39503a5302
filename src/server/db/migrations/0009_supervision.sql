-- Classified supervision: inspection frequencies by rating level per supervising
-- department and territory, annual and monthly enforcement plans drawn from the
-- ratings with a published seed, and enforcement inspection records with their
-- orders, penalties and re-checks. Enterprise-owned tables are keyed by (enterprise_id, id).

-- A department's and/or a territory's own frequencies (levels left out fall through);
-- the row with neither is the installation-wide default that replaces the shipped one.
CREATE TABLE supervision_frequency (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
  territory_id uuid REFERENCES territory (id) ON DELETE CASCADE,
  -- {"1": {"timesPerYear": 12}, ...}: the domain's Partial<FrequencyConfig>.
  frequency jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);
CREATE UNIQUE INDEX supervision_frequency_scope_idx ON supervision_frequency (
  coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid),
  coalesce(territory_id, '00000000-0000-0000-0000-000000000000'::uuid)
);

-- One plan per department, territory and period; regenerated in place until an inspection is recorded against it.
CREATE TABLE supervision_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
  territory_id uuid NOT NULL REFERENCES territory (id),
  territory_path text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
  -- 0 for an annual plan, so that the period is one unique key.
  month integer NOT NULL CHECK (month BETWEEN 0 AND 12),
  seed text NOT NULL,
  seed_number bigint NOT NULL,
  annual_seed text NOT NULL,
  capacity integer CHECK (capacity >= 0),
  frequency jsonb NOT NULL,
  summary jsonb NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now(),
  generated_by uuid,
  generated_by_name text NOT NULL DEFAULT '',
  UNIQUE (organisation_id, territory_id, year, month)
);
CREATE INDEX supervision_plan_path_idx ON supervision_plan (territory_path text_pattern_ops, year, month);

CREATE TABLE supervision_plan_item (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES supervision_plan (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('mandatory', 'random')),
  level integer NOT NULL CHECK (level BETWEEN 1 AND 4),
  score double precision NOT NULL,
  weight double precision NOT NULL,
  inspections integer NOT NULL CHECK (inspections >= 0),
  months integer[] NOT NULL DEFAULT '{}',
  check_contents_zh jsonb NOT NULL DEFAULT '[]',
  check_contents_en jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (enterprise_id, id),
  UNIQUE (enterprise_id, plan_id, reason)
);
CREATE INDEX supervision_plan_item_plan_idx ON supervision_plan_item (plan_id);

CREATE TABLE enforcement_inspection (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  territory_path text NOT NULL,
  organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
  plan_item_id uuid,
  -- The inspection this one re-checks (same enterprise).
  recheck_of_id uuid,
  inspected_on date NOT NULL,
  inspector_ids uuid[] NOT NULL CHECK (cardinality(inspector_ids) >= 1),
  inspector_names text[] NOT NULL,
  -- [{"content": "...", "result": "ok" | "problem" | "not_checked", "note": "..."}]
  items_checked jsonb NOT NULL,
  findings text NOT NULL DEFAULT '',
  hidden_danger_ids uuid[] NOT NULL DEFAULT '{}',
  rectification_deadline date,
  -- [{"kind": "fine", "amountYuan": 20000, "legalBasis": "..."}]
  penalties jsonb NOT NULL DEFAULT '[]',
  penalty_total_yuan numeric(14, 2) NOT NULL DEFAULT 0 CHECK (penalty_total_yuan >= 0),
  violations integer NOT NULL DEFAULT 0 CHECK (violations >= 0),
  recheck_due date,
  -- Set when the re-check is recorded; a due date without it is an open re-check task.
  recheck_inspection_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (enterprise_id, id),
  FOREIGN KEY (enterprise_id, plan_item_id) REFERENCES supervision_plan_item (enterprise_id, id),
  FOREIGN KEY (enterprise_id, recheck_of_id) REFERENCES enforcement_inspection (enterprise_id, id)
);
CREATE INDEX enforcement_inspection_path_idx ON enforcement_inspection (territory_path text_pattern_ops, inspected_on DESC);
CREATE INDEX enforcement_inspection_recheck_idx ON enforcement_inspection (recheck_due)
  WHERE recheck_due IS NOT NULL AND recheck_inspection_id IS NULL;

-- Violations found by enforcement feed the enterprise's rating (0007_ratings.sql).
CREATE TRIGGER enforcement_inspection_marks_rating AFTER INSERT OR UPDATE OF violations, inspected_on OR DELETE
  ON enforcement_inspection FOR EACH ROW EXECUTE FUNCTION mark_rating_dirty();
