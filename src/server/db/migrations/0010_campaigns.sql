-- Special actions (专项行动): a campaign run by a territory over a scope and a
-- period, its tasks, its participants (the direct subordinate territories and
-- the departments taking part) and their progress reports, every version kept.

CREATE TABLE campaign (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  basis text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  -- The territory that runs the campaign (the creator's) and its path, for scope filters.
  owner_territory_id uuid REFERENCES territory (id),
  owner_path text NOT NULL,
  scope_territory_ids uuid[] NOT NULL,
  industries text[] NOT NULL DEFAULT '{}',
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date),
  schedule jsonb NOT NULL,
  final_report boolean NOT NULL DEFAULT true,
  reminder_days integer NOT NULL DEFAULT 2 CHECK (reminder_days BETWEEN 0 AND 30),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  created_by uuid REFERENCES app_user (id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  closed_at timestamptz
);
CREATE INDEX campaign_owner_path_idx ON campaign (owner_path text_pattern_ops);
CREATE INDEX campaign_status_idx ON campaign (status);

CREATE TABLE campaign_task (
  campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  seq integer NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  kind text NOT NULL,
  target_figure text,
  target double precision CHECK (target IS NULL OR target > 0),
  PRIMARY KEY (campaign_id, id)
);

CREATE TABLE campaign_participant (
  campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('territory', 'organisation')),
  territory_id uuid REFERENCES territory (id),
  organisation_id uuid REFERENCES organisation (id),
  name text NOT NULL,
  name_en text NOT NULL DEFAULT '',
  -- The territory path of the node, or of the department's territory: what a cockpit filters by.
  path text NOT NULL,
  PRIMARY KEY (campaign_id, id),
  CHECK ((kind = 'territory') = (territory_id IS NOT NULL AND organisation_id IS NULL)),
  CHECK ((kind = 'organisation') = (organisation_id IS NOT NULL))
);
CREATE UNIQUE INDEX campaign_participant_territory_idx ON campaign_participant (campaign_id, territory_id)
  WHERE territory_id IS NOT NULL AND organisation_id IS NULL;
CREATE UNIQUE INDEX campaign_participant_organisation_idx ON campaign_participant (campaign_id, organisation_id)
  WHERE organisation_id IS NOT NULL;
CREATE INDEX campaign_participant_path_idx ON campaign_participant (path text_pattern_ops);

-- A resubmission for the same due date adds a version; the highest version counts, the first dates it.
CREATE TABLE campaign_report (
  campaign_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  due_date date NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  text text NOT NULL,
  figures jsonb NOT NULL,
  attachment_ids uuid[] NOT NULL DEFAULT '{}',
  submitted_by uuid REFERENCES app_user (id),
  submitted_by_name text NOT NULL,
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (campaign_id, participant_id, due_date, version),
  FOREIGN KEY (campaign_id, participant_id) REFERENCES campaign_participant (campaign_id, id) ON DELETE CASCADE
);
