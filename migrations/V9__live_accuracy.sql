-- Live accuracy: every published forecast is scored against the actuals as they arrive.
--
-- A publish writes one forecast_scores row per step ('pending'), beside the forecasts. Each cycle the scorer
-- (Forecaster.Data.Accuracy.AccuracyScorer) looks only at series whose source has a point newer than their
-- series_accuracy.scored_through watermark (one backward index probe per series), fills in the actual of
-- every pending step whose target has been reached ('scored'), or marks it 'missing' when the source moved
-- past the target without a point there (a holiday, a gap): missing is not an error and carries no error
-- values. Missing steps are looked up again each cycle (a late point scores them), and changes behind the
-- watermark (late inserts, revised values) are queued by a trigger into actual_changes and re-scored.
-- Errors and coverage are generated columns, so every row is computed by one definition.

-- What a run's naive comparison needs, fixed at publication: the last observed value (naive's forecast for
-- every step) and the mean absolute one-step change over the history the model was trained on (the MASE scale).
ALTER TABLE forecast_runs
    ADD COLUMN origin_value double precision,
    ADD COLUMN naive_scale double precision CHECK (naive_scale >= 0);

-- One row per run, step and kind: 'published' is what the run published (forecasts), 'shadow' the network's own
-- forecast when a baseline was published instead, scored alike so the network's live record never stops.
CREATE TABLE forecast_scores (
    run_id bigint NOT NULL REFERENCES forecast_runs (run_id) ON DELETE CASCADE,
    step integer NOT NULL CHECK (step >= 1),
    kind text NOT NULL CHECK (kind IN ('published', 'shadow')),
    series_key text NOT NULL,
    target_ts timestamptz NOT NULL,
    method text,
    forecast double precision NOT NULL,
    lower_80 double precision,
    upper_80 double precision,
    lower_95 double precision,
    upper_95 double precision,
    naive_forecast double precision,
    naive_scale double precision,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'scored', 'missing')),
    actual double precision CHECK (actual NOT IN ('NaN', 'Infinity', '-Infinity')),
    scored_at timestamptz,
    abs_error double precision GENERATED ALWAYS AS (abs(forecast - actual)) STORED,
    scaled_error double precision GENERATED ALWAYS AS (abs(forecast - actual) / nullif(naive_scale, 0)) STORED,
    naive_abs_error double precision GENERATED ALWAYS AS (abs(naive_forecast - actual)) STORED,
    naive_scaled_error double precision GENERATED ALWAYS AS (abs(naive_forecast - actual) / nullif(naive_scale, 0)) STORED,
    covered_80 boolean GENERATED ALWAYS AS (actual BETWEEN lower_80 AND upper_80) STORED,
    covered_95 boolean GENERATED ALWAYS AS (actual BETWEEN lower_95 AND upper_95) STORED,
    PRIMARY KEY (run_id, step, kind),
    CHECK ((status = 'scored') = (actual IS NOT NULL))
);

-- Per series by target: the views, revisions and the demotion test read through it.
CREATE INDEX forecast_scores_target_idx ON forecast_scores (series_key, target_ts);
-- Only the steps still waiting: what a scoring pass looks for, a horizon's worth per series and the odd gap.
CREATE INDEX forecast_scores_pending_idx ON forecast_scores (series_key, target_ts) WHERE status = 'pending';
CREATE INDEX forecast_scores_missing_idx ON forecast_scores (series_key, target_ts) WHERE status = 'missing';

-- Per series: the scorer's watermark (newest source stamp it has looked at) and the live-accuracy demotion.
CREATE TABLE series_accuracy (
    series_key text PRIMARY KEY REFERENCES series (series_key) ON DELETE CASCADE,
    scored_through timestamptz,
    demoted_since timestamptz,
    demotion_reason text,
    -- The last evaluation of the network against naive: scored points compared, test statistic and one-sided p-value.
    evaluated_at timestamptz,
    evaluated_points integer,
    evaluated_statistic double precision,
    evaluated_p_value double precision
);

-- Changes to actuals at or before a series' watermark (late or revised points), for the next scoring pass.
CREATE TABLE actual_changes (
    series_key text NOT NULL,
    ts timestamptz NOT NULL,
    PRIMARY KEY (series_key, ts)
);

-- Arguments: the source's key and timestamp column names, so a custom source can install it too (as the owner
-- of that table allows):
--
--   CREATE TRIGGER my_prices_actuals_insert AFTER INSERT ON my_schema.my_prices REFERENCING NEW TABLE AS new_rows
--       FOR EACH STATEMENT EXECUTE FUNCTION forecaster_queue_actual_changes('my_key', 'my_ts');
--   CREATE TRIGGER my_prices_actuals_update AFTER UPDATE ON my_schema.my_prices REFERENCING NEW TABLE AS new_rows
--       FOR EACH STATEMENT EXECUTE FUNCTION forecaster_queue_actual_changes('my_key', 'my_ts');
--
-- Without it, a custom source still gets late points scored (missing steps are looked up every cycle), but a
-- revision of an already scored point is not seen. New points past the watermark are never queued: the
-- watermark finds those. SECURITY DEFINER: any login that may write the source may queue, and nothing more.
CREATE FUNCTION forecaster_queue_actual_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE format(
        'INSERT INTO actual_changes (series_key, ts)
         SELECT DISTINCT n.%1$I::text, n.%2$I FROM new_rows n
         JOIN series_accuracy a ON a.series_key = n.%1$I::text AND n.%2$I <= a.scored_through
         ON CONFLICT DO NOTHING',
        TG_ARGV[0], TG_ARGV[1]);
    RETURN NULL;
END;
$$;

CREATE TRIGGER prices_queue_actual_changes_insert
    AFTER INSERT ON prices
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forecaster_queue_actual_changes('series_key', 'ts');

CREATE TRIGGER prices_queue_actual_changes_update
    AFTER UPDATE ON prices
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forecaster_queue_actual_changes('series_key', 'ts');

-- Forecasts published before this migration are scored too (without naive comparison: their origin is unknown).
INSERT INTO forecast_scores (run_id, step, kind, series_key, target_ts, method, forecast, lower_80, upper_80, lower_95, upper_95)
SELECT f.run_id, f.step, 'published', f.series_key, f.target_ts, r.champion, f.value, f.lower_80, f.upper_80, f.lower_95, f.upper_95
FROM forecasts f
JOIN forecast_runs r ON r.run_id = f.run_id AND r.status = 'succeeded';

-- What a time-series panel plots: each scored (or missing) step with its intervals and the actual. series_key
-- comes from series so a filter on it starts at a primary-key lookup.
CREATE VIEW forecast_vs_actual AS
SELECT s.series_key,
       sc.run_id,
       sc.step,
       sc.target_ts,
       sc.kind,
       sc.method,
       sc.forecast,
       sc.lower_80,
       sc.upper_80,
       sc.lower_95,
       sc.upper_95,
       sc.actual,
       sc.naive_forecast,
       sc.abs_error,
       sc.scaled_error,
       sc.naive_abs_error,
       sc.naive_scaled_error,
       sc.covered_80,
       sc.covered_95,
       sc.status,
       sc.scored_at
FROM series s
JOIN forecast_scores sc ON sc.series_key = s.series_key
WHERE sc.status <> 'pending';

-- Per series and step over the rolling window of retained runs (Forecaster:Retention): the published forecasts'
-- MAE and MASE, naive's MASE on the same points, interval coverage, missing targets and the last scored stamp.
-- A lateral per series keeps every query an index range per series, never a scan of all scores.
CREATE VIEW forecast_accuracy AS
SELECT s.series_key,
       a.step,
       a.n,
       a.missing,
       a.mae,
       a.mase,
       a.naive_mase,
       a.mase / nullif(a.naive_mase, 0) AS relative_mase,
       a.coverage_80,
       a.coverage_95,
       a.last_scored_ts
FROM series s
CROSS JOIN LATERAL (
    SELECT sc.step,
           count(*) FILTER (WHERE sc.status = 'scored') AS n,
           count(*) FILTER (WHERE sc.status = 'missing') AS missing,
           avg(sc.abs_error) AS mae,
           avg(sc.scaled_error) FILTER (WHERE sc.naive_scaled_error IS NOT NULL) AS mase,
           avg(sc.naive_scaled_error) FILTER (WHERE sc.scaled_error IS NOT NULL) AS naive_mase,
           avg(sc.covered_80::integer) AS coverage_80,
           avg(sc.covered_95::integer) AS coverage_95,
           max(sc.target_ts) FILTER (WHERE sc.status = 'scored') AS last_scored_ts
    FROM forecast_scores sc
    WHERE sc.series_key = s.series_key AND sc.kind = 'published' AND sc.status <> 'pending'
    GROUP BY sc.step
) a;

-- Dashboards read the two views and nothing underneath them.
GRANT SELECT ON forecast_accuracy, forecast_vs_actual TO forecaster_dashboard;
GRANT SELECT, INSERT, UPDATE, DELETE ON forecast_scores, series_accuracy, actual_changes TO forecaster_service;
GRANT SELECT ON forecast_accuracy, forecast_vs_actual TO forecaster_service;
