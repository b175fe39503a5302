-- Enterprise overall risk rating: the current rating with its inputs and
-- explanation, its history, and a queue of enterprises whose inputs changed.

CREATE TABLE enterprise_rating (
  enterprise_id uuid PRIMARY KEY REFERENCES enterprise (id) ON DELETE CASCADE,
  score double precision NOT NULL,
  level integer NOT NULL CHECK (level BETWEEN 1 AND 4),
  inputs jsonb NOT NULL,
  contributions jsonb NOT NULL,
  explanation_zh text NOT NULL,
  explanation_en text NOT NULL,
  weights_version text NOT NULL,
  computed_at timestamptz NOT NULL
);
CREATE INDEX enterprise_rating_level_idx ON enterprise_rating (level, score DESC);

CREATE TABLE enterprise_rating_history (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
  computed_at timestamptz NOT NULL,
  score double precision NOT NULL,
  level integer NOT NULL,
  explanation_zh text NOT NULL,
  explanation_en text NOT NULL,
  PRIMARY KEY (enterprise_id, computed_at)
);

-- Any change to an input marks the enterprise; a job re-rates marked enterprises within seconds.
CREATE TABLE rating_dirty (
  enterprise_id uuid PRIMARY KEY,
  marked_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION mark_rating_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
BEGIN
  IF TG_TABLE_NAME = 'risk_point' THEN
    IF (CASE WHEN TG_OP = 'DELETE' THEN OLD.owner_kind ELSE NEW.owner_kind END) <> 'enterprise' THEN
      RETURN NULL;
    END IF;
    target := CASE WHEN TG_OP = 'DELETE' THEN OLD.owner_id ELSE NEW.owner_id END;
  ELSIF TG_TABLE_NAME = 'enterprise' THEN
    target := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.id END;
  ELSE
    target := CASE WHEN TG_OP = 'DELETE' THEN OLD.enterprise_id ELSE NEW.enterprise_id END;
  END IF;
  IF target IS NOT NULL THEN
    INSERT INTO rating_dirty (enterprise_id) VALUES (target) ON CONFLICT (enterprise_id) DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER risk_point_marks_rating AFTER INSERT OR UPDATE OF level, kind OR DELETE ON risk_point
  FOR EACH ROW EXECUTE FUNCTION mark_rating_dirty();
CREATE TRIGGER hidden_danger_marks_rating AFTER INSERT OR UPDATE OF status, level, deadline OR DELETE ON hidden_danger
  FOR EACH ROW EXECUTE FUNCTION mark_rating_dirty();
CREATE TRIGGER major_hazard_unit_marks_rating AFTER INSERT OR UPDATE OF level, is_major OR DELETE ON major_hazard_unit
  FOR EACH ROW EXECUTE FUNCTION mark_rating_dirty();
CREATE TRIGGER alarm_marks_rating AFTER INSERT ON alarm
  FOR EACH ROW EXECUTE FUNCTION mark_rating_dirty();
CREATE TRIGGER enterprise_marks_rating AFTER UPDATE OF industry_code, scale ON enterprise
  FOR EACH ROW EXECUTE FUNCTION mark_rating_dirty();
