-- New data wakes the service early: after each statement that inserts or updates source rows, one
-- pg_notify('forecaster_new_data', key) per distinct series key, delivered when the transaction commits.
-- A notification payload must stay under 8000 bytes and a bulk import touches thousands of keys, so past
-- 64 keys (or with a key too long for a payload) a single notification without payload is sent instead:
-- listeners then check every series against its watermark.
--
-- The function takes the key column's name as its argument, so a custom source table can use it too. Where
-- its owner allows a trigger (PostgreSQL needs one trigger per event when transition tables are used):
--
--   CREATE TRIGGER my_prices_notify_insert AFTER INSERT ON my_schema.my_prices
--       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forecaster_notify_new_data('my_key_column');
--   CREATE TRIGGER my_prices_notify_update AFTER UPDATE ON my_schema.my_prices
--       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forecaster_notify_new_data('my_key_column');
--
-- and set Forecaster:Schedule:ListenForNewData = true. Without it a custom source is picked up by the schedule.
CREATE FUNCTION forecaster_notify_new_data() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    keys text[];
    series_key text;
BEGIN
    -- The transition table must be named new_rows; dynamic SQL because the key column differs per source.
    EXECUTE format('SELECT array_agg(DISTINCT %I::text) FROM new_rows', TG_ARGV[0]) INTO keys;
    IF keys IS NULL THEN
        RETURN NULL;
    END IF;

    IF cardinality(keys) > 64 OR EXISTS (SELECT 1 FROM unnest(keys) AS k WHERE octet_length(k) > 7000) THEN
        PERFORM pg_notify('forecaster_new_data', '');
    ELSE
        FOREACH series_key IN ARRAY keys LOOP
            PERFORM pg_notify('forecaster_new_data', series_key);
        END LOOP;
    END IF;

    RETURN NULL;
END;
$$;

CREATE TRIGGER prices_notify_new_data_insert
    AFTER INSERT ON prices
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forecaster_notify_new_data('series_key');

CREATE TRIGGER prices_notify_new_data_update
    AFTER UPDATE ON prices
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forecaster_notify_new_data('series_key');
