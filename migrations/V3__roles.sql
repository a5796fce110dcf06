-- Group roles that deployments grant to their login users (GRANT forecaster_service TO some_login).
-- NOLOGIN: nobody connects as these roles directly, and no password lives in a migration.
-- Roles are cluster-wide while this script runs once per database, so creation tolerates a role that
-- already exists, including one created at the same moment by a migration of another database.
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['forecaster_dashboard', 'forecaster_service'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END;
$$;

-- Neither role gets CREATE. On PostgreSQL 14 and older PUBLIC still has CREATE on schema public; revoking it
-- here could break other applications sharing the database, so that stays a DBA decision.
GRANT USAGE ON SCHEMA public TO forecaster_dashboard, forecaster_service;

-- Dashboard: read the published results and the scheduling overview, nothing else.
GRANT SELECT ON forecasts, forecast_runs, latest_forecasts, series TO forecaster_dashboard;

-- Service: data manipulation on its own tables, no DDL (it owns nothing, so it cannot ALTER or DROP).
GRANT SELECT, INSERT, UPDATE, DELETE ON
    prices, series, forecast_runs, forecasts, models,
    qrtz_job_details, qrtz_triggers, qrtz_simple_triggers, qrtz_cron_triggers, qrtz_simprop_triggers,
    qrtz_blob_triggers, qrtz_calendars, qrtz_paused_trigger_grps, qrtz_paused_job_grps,
    qrtz_fired_triggers, qrtz_scheduler_state, qrtz_locks, qrtz_execution_history,
    qrtz_misfire_history, qrtz_job_status
    TO forecaster_service;
GRANT SELECT ON latest_forecasts TO forecaster_service;
