-- Champion/challenger: a run publishes the network only when it beat the baselines on the validation tail.
-- champion names the published method; champion_margin is the network's relative MAE advantage over the best
-- baseline (1 - rnn_mae / baseline_mae: negative when the network lost); season_length is the season the
-- seasonal baseline used (0 = none). NULL on runs from before this migration.
ALTER TABLE forecast_runs
    ADD COLUMN champion text CHECK (champion IN ('rnn', 'naive', 'seasonal_naive')),
    ADD COLUMN champion_margin double precision,
    ADD COLUMN season_length integer CHECK (season_length >= 0);

-- Rolling-origin backtests (forecaster backtest): one row per backtest, series, origin, method and step.
-- method 'champion' is what the service would have published at that origin; the others are the raw
-- network ('rnn') and the baselines. lower/upper bound the central interval at interval_level.
CREATE SEQUENCE backtest_id_seq;

CREATE TABLE backtests (
    backtest_id bigint NOT NULL,
    started_at timestamptz NOT NULL,
    series_key text NOT NULL,
    origin_ts timestamptz NOT NULL,
    step integer NOT NULL CHECK (step >= 1),
    target_ts timestamptz NOT NULL CHECK (target_ts > origin_ts),
    method text NOT NULL,
    forecast double precision NOT NULL,
    lower double precision NOT NULL,
    upper double precision NOT NULL,
    actual double precision NOT NULL,
    interval_level double precision NOT NULL CHECK (interval_level > 0 AND interval_level < 1),
    PRIMARY KEY (backtest_id, series_key, origin_ts, method, step)
);

-- Dashboards show the latest backtest first.
CREATE INDEX backtests_started_idx ON backtests (started_at DESC, backtest_id);

GRANT SELECT ON backtests TO forecaster_dashboard;
GRANT SELECT, INSERT, UPDATE, DELETE ON backtests TO forecaster_service;
GRANT USAGE ON SEQUENCE backtest_id_seq TO forecaster_service;
