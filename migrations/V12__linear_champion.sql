-- The champion gate can publish two more methods: the direct linear autoregression the networks are trained against
-- ('linear'), when it beats the baselines significantly on the validation origins, and seasonal naive grown by the
-- last season's mean change ('seasonal_drift'), a baseline for trending seasonal series.
ALTER TABLE forecast_runs DROP CONSTRAINT forecast_runs_champion_check;
ALTER TABLE forecast_runs
    ADD CONSTRAINT forecast_runs_champion_check CHECK (champion IN ('rnn', 'naive', 'seasonal_naive', 'linear', 'seasonal_drift'));
