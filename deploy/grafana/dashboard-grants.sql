-- Run after the migrations (docker-compose service "dashboard-grants"): the dashboard compares forecasts with
-- actual prices. Migration V3 grants forecaster_dashboard only the service's own result tables, because the
-- price source is configurable; with a custom source, grant that table instead and edit the dashboard's query.
GRANT SELECT ON prices TO forecaster_dashboard;
