-- The service login (a member of forecaster_service, DML only) must run the shipped service, migrations aside: its
-- readiness probe and its start-up check ("is every migration of this build applied?") read Evolve's history.
-- Without this grant healthz/ready answered 503 for ever and MigrateOnStart tried (and failed) to migrate.
-- Read-only: only the schema owner records migrations. V11, not V7_1: Evolve refuses a version below the database's
-- last applied one ("out of order pending migration"), and databases of the previous release are at V9.
GRANT SELECT ON changelog TO forecaster_service;
