-- Hidden-danger investigation and governance: checklists built from the
-- control measures, inspection tasks, results, hidden dangers with their
-- life-cycle events, escalations and signed periodic summaries.
-- Enterprise-owned tables are keyed by (enterprise_id, id).

CREATE TABLE checklist_item (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  source text NOT NULL CHECK (source IN ('measure', 'template', 'custom')),
  control_measure_id uuid,
  risk_point_id uuid,
  template_kind text CHECK (template_kind IN ('daily', 'weekly', 'monthly', 'seasonal', 'holiday', 'special', 'comprehensive')),
  content text NOT NULL,
  check_frequency text NOT NULL CHECK (check_frequency IN ('shift', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
  control_level text CHECK (control_level IN ('company', 'department', 'workshop', 'team', 'post')),
  responsible_person text NOT NULL DEFAULT '',
  inspector_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, id),
  UNIQUE (enterprise_id, control_measure_id)
);

CREATE TABLE inspection_task (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- One task per schedule and period, so generating twice creates nothing new.
  schedule_key text NOT NULL,
  title text NOT NULL,
  frequency text NOT NULL,
  control_level text,
  period_start timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  inspector_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'missed')),
  completed_at timestamptz,
  completed_by uuid,
  lng double precision,
  lat double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, id),
  UNIQUE (enterprise_id, schedule_key, period_start)
);
CREATE INDEX inspection_task_due_idx ON inspection_task (status, due_at);

CREATE TABLE inspection_task_item (
  enterprise_id uuid NOT NULL,
  task_id uuid NOT NULL,
  checklist_item_id uuid NOT NULL,
  outcome text CHECK (outcome IN ('pass', 'fail', 'not_applicable')),
  note text NOT NULL DEFAULT '',
  photo_ids uuid[] NOT NULL DEFAULT '{}',
  lng double precision,
  lat double precision,
  recorded_at timestamptz,
  recorded_by uuid,
  hidden_danger_id uuid,
  PRIMARY KEY (enterprise_id, task_id, checklist_item_id),
  FOREIGN KEY (enterprise_id, task_id) REFERENCES inspection_task (enterprise_id, id) ON DELETE CASCADE
);

CREATE TABLE hidden_danger (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  territory_path text NOT NULL,
  source text NOT NULL,
  status text NOT NULL,
  level text NOT NULL CHECK (level IN ('general', 'major')),
  description text NOT NULL,
  place text NOT NULL DEFAULT '',
  risk_point_id uuid,
  category_code text NOT NULL,
  photo_before_ids uuid[] NOT NULL DEFAULT '{}',
  photo_after_ids uuid[] NOT NULL DEFAULT '{}',
  responsible_unit text NOT NULL DEFAULT '',
  responsible_user_id uuid,
  measures text NOT NULL DEFAULT '',
  funds double precision,
  deadline timestamptz,
  finder_user_id uuid,
  rectifier_user_id uuid,
  -- The pure state machine's state beyond the columns above (plan, supervision, pending extension).
  state jsonb NOT NULL DEFAULT '{}',
  found_at timestamptz NOT NULL,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, id)
);
CREATE INDEX hidden_danger_scope_idx ON hidden_danger (territory_path text_pattern_ops, status);
CREATE INDEX hidden_danger_deadline_idx ON hidden_danger (status, deadline);

CREATE TABLE hidden_danger_event (
  enterprise_id uuid NOT NULL,
  hidden_danger_id uuid NOT NULL,
  seq integer NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  at timestamptz NOT NULL,
  comment text NOT NULL DEFAULT '',
  photo_ids uuid[] NOT NULL DEFAULT '{}',
  data jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (enterprise_id, hidden_danger_id, seq),
  FOREIGN KEY (enterprise_id, hidden_danger_id) REFERENCES hidden_danger (enterprise_id, id) ON DELETE CASCADE
);

CREATE TABLE hidden_danger_escalation (
  enterprise_id uuid NOT NULL,
  hidden_danger_id uuid NOT NULL,
  step text NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (enterprise_id, hidden_danger_id, step)
);

CREATE TABLE hidden_danger_summary (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  period text NOT NULL,
  figures jsonb NOT NULL,
  signed_by uuid NOT NULL,
  signed_name text NOT NULL,
  signed_at timestamptz NOT NULL,
  PRIMARY KEY (enterprise_id, period)
);
