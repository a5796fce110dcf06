-- Forecaster core schema: price source, per-series scheduling state, runs, forecasts and models.
-- Applied by Evolve (file name V<version>__<description>.sql); an applied file must never change:
-- Evolve stores its checksum and refuses to migrate when it differs. Add a new file instead.

-- The default price source. Any table or view with a key, a timestamp and a value column can replace it
-- (PriceSourceOptions); this one exists so a fresh installation can import and run without extra setup.
CREATE TABLE prices (
    series_key text NOT NULL CHECK (series_key <> ''),
    ts timestamptz NOT NULL,
    -- PostgreSQL orders NaN above every number and lets it equal itself, so it must be excluded by value.
    price double precision NOT NULL CHECK (price NOT IN ('NaN', 'Infinity', '-Infinity')),
    PRIMARY KEY (series_key, ts)
);

-- One row per series: optional model overrides (NULL = the service default) and the scheduler's state.
-- next_due_at NULL means "not scheduled": MarkDue decides from data and model age; a value means someone
-- (the scheduler, a backoff, an operator) already decided when the series is due.
CREATE TABLE series (
    series_key text PRIMARY KEY CHECK (series_key <> ''),
    active boolean NOT NULL DEFAULT true,
    window_size integer CHECK (window_size > 0),
    horizon integer CHECK (horizon > 0),
    hidden_size integer CHECK (hidden_size > 0),
    schedule_cron text,
    schedule_interval interval CHECK (schedule_interval > interval '0'),
    cadence interval CHECK (cadence > interval '0'),
    next_due_at timestamptz,
    due_reason text,
    last_watermark timestamptz,
    last_trained_at timestamptz,
    latest_run_id bigint,
    claimed_by text,
    lease_expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((claimed_by IS NULL) = (lease_expires_at IS NULL))
);

-- The claim query scans only active series in due order.
CREATE INDEX series_due_idx ON series (next_due_at) WHERE active;

CREATE TABLE forecast_runs (
    run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_key text NOT NULL REFERENCES series (series_key) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'skipped')),
    reason_code text,
    error_text text,
    instance_id text NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    data_watermark timestamptz,
    points_used integer CHECK (points_used >= 0),
    window_size integer CHECK (window_size > 0),
    horizon integer CHECK (horizon > 0),
    epochs integer CHECK (epochs >= 0),
    train_loss double precision,
    val_loss double precision,
    val_mae double precision,
    val_rmse double precision,
    val_mase double precision,
    seed bigint,
    hyper_parameters jsonb,
    model_version integer,
    warm_started boolean NOT NULL DEFAULT false,
    CHECK ((status = 'running') = (finished_at IS NULL)),
    -- A success is only recorded together with what it was trained on.
    CHECK (status <> 'succeeded' OR (data_watermark IS NOT NULL AND points_used IS NOT NULL))
);

CREATE INDEX forecast_runs_series_idx ON forecast_runs (series_key, run_id DESC);
CREATE INDEX forecast_runs_succeeded_idx ON forecast_runs (series_key, run_id DESC) WHERE status = 'succeeded';

-- Kept current by the publish transaction, so "latest forecast of X" is a primary-key lookup.
ALTER TABLE series
    ADD CONSTRAINT series_latest_run_fk FOREIGN KEY (latest_run_id) REFERENCES forecast_runs (run_id) ON DELETE SET NULL;

-- Wide rows (one per step) with two central prediction intervals, 80 % and 95 %: the levels every
-- dashboard shows, read without pivoting. Intervals are optional for models that cannot produce them.
CREATE TABLE forecasts (
    run_id bigint NOT NULL REFERENCES forecast_runs (run_id) ON DELETE CASCADE,
    step integer NOT NULL CHECK (step >= 1),
    series_key text NOT NULL,
    target_ts timestamptz NOT NULL,
    value double precision NOT NULL CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')),
    lower_80 double precision,
    upper_80 double precision,
    lower_95 double precision,
    upper_95 double precision,
    PRIMARY KEY (run_id, step),
    CHECK ((lower_80 IS NULL) = (upper_80 IS NULL) AND (lower_95 IS NULL) = (upper_95 IS NULL)),
    CHECK (lower_80 IS NULL OR (lower_80 <= value AND value <= upper_80)),
    CHECK (lower_95 IS NULL OR (lower_95 <= value AND value <= upper_95)),
    CHECK (lower_80 IS NULL OR lower_95 IS NULL OR (lower_95 <= lower_80 AND upper_80 <= upper_95))
);

CREATE TABLE models (
    series_key text NOT NULL REFERENCES series (series_key) ON DELETE CASCADE,
    version integer NOT NULL CHECK (version >= 1),
    format_version integer NOT NULL,
    -- Pruning a run prunes its model; the latest run (and so the latest model) is never pruned.
    run_id bigint NOT NULL UNIQUE REFERENCES forecast_runs (run_id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    blob bytea NOT NULL,
    PRIMARY KEY (series_key, version)
);

-- series_key comes from series so a filter on it is a primary-key lookup there, not a scan of forecasts.
CREATE VIEW latest_forecasts AS
SELECT s.series_key,
       f.run_id,
       f.step,
       f.target_ts,
       f.value,
       f.lower_80,
       f.upper_80,
       f.lower_95,
       f.upper_95,
       r.finished_at AS published_at,
       r.model_version
FROM series s
JOIN forecast_runs r ON r.run_id = s.latest_run_id
JOIN forecasts f ON f.run_id = s.latest_run_id;

-- Any writer of the default table (importer, external ETL, psql) makes new keys appear in series in the
-- same transaction; a configured custom source relies on SyncSeriesAsync instead.
CREATE FUNCTION prices_register_series() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO series (series_key)
    SELECT DISTINCT series_key FROM new_prices
    ON CONFLICT (series_key) DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE TRIGGER prices_register_series
    AFTER INSERT ON prices
    REFERENCING NEW TABLE AS new_prices
    FOR EACH STATEMENT EXECUTE FUNCTION prices_register_series();
