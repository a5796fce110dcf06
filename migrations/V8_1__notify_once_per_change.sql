-- New data wakes the service through the change tracking of V8 instead of per-key notifications. V5's triggers sent
-- one notification per distinct key (or an empty one meaning "check every series"); now every statement that changes
-- series' rows sends one empty notification (PostgreSQL delivers identical notifications of a transaction once), and
-- the service reads the series with a pending change through series_pending_idx (now on a stored flag, below). The receiving side therefore costs
-- the same whoever notifies and however often: any login can NOTIFY any channel, PostgreSQL cannot restrict it.
-- forecaster_notify_new_data (V5) stays for custom sources that installed it: their keys are still honoured.
DROP TRIGGER prices_notify_new_data_insert ON prices;
DROP TRIGGER prices_notify_new_data_update ON prices;

-- The planner cannot know that two columns are nearly always equal (it guesses "<>" true for 99.5 % of rows and scans
-- the table); a stored flag has statistics, so the wake-up reads the partial index.
ALTER TABLE series ADD COLUMN pending_change boolean GENERATED ALWAYS AS (inputs_version <> attempted_version) STORED;
DROP INDEX series_pending_idx;
CREATE INDEX series_pending_idx ON series (series_key) WHERE pending_change;

CREATE OR REPLACE FUNCTION forecaster_track_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed_keys_sql text;
    changed integer;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE series SET inputs_version = inputs_version + 1;
    ELSE
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
    END IF;

    GET DIAGNOSTICS changed = ROW_COUNT;
    IF changed > 0 THEN
        PERFORM pg_notify('forecaster_new_data', '');
    END IF;
    RETURN NULL;
END;
$$;
