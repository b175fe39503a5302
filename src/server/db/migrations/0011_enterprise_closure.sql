-- Closing an enterprise instead of deleting it: the row and everything recorded against it (registers,
-- hidden dangers, inspections, devices and readings, ratings, enforcement records) stay; the row says when
-- and why it closed. A trigger keeps closed_at in step with the status on every path that writes it
-- (the close action, a change of status, an import, a seed or a restore).
ALTER TABLE enterprise ADD COLUMN closed_at timestamptz;
ALTER TABLE enterprise ADD COLUMN closed_reason text NOT NULL DEFAULT '';

UPDATE enterprise SET closed_at = updated_at WHERE status = 'closed';

CREATE FUNCTION enterprise_closure_in_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'closed' THEN
    IF NEW.closed_at IS NULL THEN
      NEW.closed_at := now();
    END IF;
  ELSE
    NEW.closed_at := NULL;
    NEW.closed_reason := '';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER enterprise_closure_in_step BEFORE INSERT OR UPDATE ON enterprise
  FOR EACH ROW EXECUTE FUNCTION enterprise_closure_in_step();

ALTER TABLE enterprise ADD CONSTRAINT enterprise_closed_at_check CHECK ((status = 'closed') = (closed_at IS NOT NULL));
