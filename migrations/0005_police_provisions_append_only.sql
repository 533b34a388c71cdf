-- The internal police provision log (DOMAIN rule 38) is append-only: a disclosure to the police,
-- once recorded, cannot be rewritten or erased by the application.
CREATE TRIGGER police_provisions_no_update BEFORE UPDATE ON police_provisions
BEGIN
  SELECT RAISE(ABORT, 'police_provisions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER police_provisions_no_delete BEFORE DELETE ON police_provisions
BEGIN
  SELECT RAISE(ABORT, 'police_provisions is append-only');
END;
