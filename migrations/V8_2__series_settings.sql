-- Per-series settings that the schema promised do something now, or are gone (issue 13, items 10 and 11).
--   time_zone          new: IANA name the series' calendar is read in (weekdays, days, month ends); NULL = UTC.
--   cadence            honoured: a declared cadence overrides inference (whole months, or a duration without months).
--   schedule_interval  honoured: the series is trained at most once per interval; a change arriving sooner waits.
--   schedule_cron      dropped: a cron per series would be a second scheduler beside the service's own; nothing read it.
ALTER TABLE series DROP COLUMN schedule_cron;
ALTER TABLE series ADD COLUMN time_zone text;

-- Validated against PostgreSQL's copy of the IANA database when set or changed. A CHECK constraint would run on every
-- update of the row (claims, lease renewals); this trigger runs only when time_zone itself is written.
CREATE FUNCTION series_check_time_zone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = NEW.time_zone) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation',
            MESSAGE = format('series %s: time zone %L is not in the IANA time zone database', NEW.series_key, NEW.time_zone),
            HINT = 'Use a name such as Europe/Berlin or America/New_York (SELECT name FROM pg_timezone_names), or NULL for UTC.';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER series_time_zone_valid
    BEFORE INSERT OR UPDATE OF time_zone ON series
    FOR EACH ROW WHEN (NEW.time_zone IS NOT NULL)
    EXECUTE FUNCTION series_check_time_zone();

-- Whole months ('1 mon', '3 mons', '1 year') or a duration without months ('1 day', '7 days', '15 minutes'): a mix has
-- no calendar meaning. NOT VALID: rows from before are not re-checked (the service fails such a series with a reason).
ALTER TABLE series ADD CONSTRAINT series_cadence_months_or_duration
    CHECK (cadence IS NULL OR date_trunc('month', cadence) = cadence OR date_trunc('month', cadence) = interval '0') NOT VALID;

-- A changed setting is a changed input: the series trains again with it (V8's inputs_version).
CREATE FUNCTION series_settings_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.inputs_version := OLD.inputs_version + 1;
    RETURN NEW;
END;
$$;

CREATE TRIGGER series_settings_changed
    BEFORE UPDATE OF window_size, horizon, hidden_size, cadence, schedule_interval, time_zone ON series
    FOR EACH ROW
    WHEN ((OLD.window_size, OLD.horizon, OLD.hidden_size, OLD.cadence, OLD.schedule_interval, OLD.time_zone)
          IS DISTINCT FROM (NEW.window_size, NEW.horizon, NEW.hidden_size, NEW.cadence, NEW.schedule_interval, NEW.time_zone))
    EXECUTE FUNCTION series_settings_changed();
