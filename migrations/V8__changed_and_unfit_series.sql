-- A series is due when its inputs changed since its last attempt, not only when a point newer than its watermark
-- arrived: price corrections (UPDATE), removals (DELETE, TRUNCATE) and back-filled history count too. And a series
-- that cannot train on its data (too short, constant, too many invalid values) waits for changed data or the maximum
-- model age instead of being retried, and recorded, every cycle.
--
-- inputs_version counts changes of a series' source rows (statement-level triggers below: one UPDATE of series per
-- statement, whatever the number of rows); attempted_version is the inputs_version the last finished attempt (a
-- publish, or an "unfit" verdict) started from. They differ exactly while a change waits to be trained on. The
-- unfit_* columns say why the series could not train, since when, and up to which source point it was judged.
ALTER TABLE series
    ADD COLUMN inputs_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN attempted_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN unfit_at timestamptz,
    ADD COLUMN unfit_watermark timestamptz,
    ADD COLUMN unfit_reason text,
    ADD COLUMN unfit_detail text;

-- The wake-up on new data reads only series with a pending change, through this (normally tiny) index.
CREATE INDEX series_pending_idx ON series (series_key) WHERE inputs_version <> attempted_version;

-- Statement-level, with transition tables: the cost is one set-based UPDATE of series per statement. An UPDATE counts
-- only for series whose rows really changed (rewriting a price with the same value changes nothing). TRUNCATE has no
-- transition table, so it counts as a change of every series. The key column's name is the trigger's argument, so a
-- custom source table can use the function too (see migrations/README.md): its writers then need UPDATE on series.
CREATE FUNCTION forecaster_track_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed_keys_sql text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE series SET inputs_version = inputs_version + 1;
        RETURN NULL;
    END IF;

    changed_keys_sql := CASE TG_OP
        WHEN 'INSERT' THEN format('SELECT %I::text AS k FROM new_rows', TG_ARGV[0])
        WHEN 'DELETE' THEN format('SELECT %I::text AS k FROM old_rows', TG_ARGV[0])
        -- Whole rows compared as text: works for any column types, and a key moved to another series counts for both.
        ELSE format(
            '(SELECT %1$I::text AS k, changed_row::text AS r FROM new_rows changed_row EXCEPT SELECT %1$I::text, changed_row::text FROM old_rows changed_row) '
            'UNION ALL '
            '(SELECT %1$I::text, changed_row::text FROM old_rows changed_row EXCEPT SELECT %1$I::text, changed_row::text FROM new_rows changed_row)',
            TG_ARGV[0])
        END;
    EXECUTE format(
        'UPDATE series s SET inputs_version = s.inputs_version + 1 FROM (SELECT DISTINCT k FROM (%s) keyed) changed WHERE s.series_key = changed.k',
        changed_keys_sql);
    RETURN NULL;
END;
$$;

-- Named to fire after prices_register_series (triggers of one event fire in name order), so new keys count too.
CREATE TRIGGER prices_track_changes_insert
    AFTER INSERT ON prices REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forecaster_track_changes('series_key');

CREATE TRIGGER prices_track_changes_update
    AFTER UPDATE ON prices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forecaster_track_changes('series_key');

CREATE TRIGGER prices_track_changes_delete
    AFTER DELETE ON prices REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forecaster_track_changes('series_key');

CREATE TRIGGER prices_track_changes_truncate
    AFTER TRUNCATE ON prices
    FOR EACH STATEMENT EXECUTE FUNCTION forecaster_track_changes('series_key');
