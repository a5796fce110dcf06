#!/usr/bin/env bash
# Creates Forecaster's database on a PostgreSQL server outside docker-compose: the schema owner login (runs the
# migrations), the service and dashboard logins with their group roles, the database and its connect rights.
# deploy/SERVICE.md ("Database setup") gives the whole procedure: TLS, this script, migrate, grants, the service.
#
# Connects with the standard libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass, PGSSLMODE,
# PGSSLROOTCERT, …) as a superuser or a role with CREATEROLE and CREATEDB; needs psql 15 or newer. Passwords are read
# from the environment, never from the command line (where other users of the machine could see them):
#   FORECASTER_OWNER_PASSWORD, FORECASTER_SERVICE_PASSWORD, FORECASTER_DASHBOARD_PASSWORD   (required)
#   FORECASTER_DATABASE (forecaster), FORECASTER_OWNER_USER (forecaster_owner),
#   FORECASTER_SERVICE_USER (forecaster_svc), FORECASTER_DASHBOARD_USER (forecaster_grafana)   (optional)
# Re-runnable: existing roles and the database are kept; the logins get the passwords given.
set -euo pipefail

export FORECASTER_DATABASE=${FORECASTER_DATABASE:-forecaster}
export FORECASTER_OWNER_USER=${FORECASTER_OWNER_USER:-forecaster_owner}
export FORECASTER_SERVICE_USER=${FORECASTER_SERVICE_USER:-forecaster_svc}
export FORECASTER_DASHBOARD_USER=${FORECASTER_DASHBOARD_USER:-forecaster_grafana}
for secret in FORECASTER_OWNER_PASSWORD FORECASTER_SERVICE_PASSWORD FORECASTER_DASHBOARD_PASSWORD; do
    if [[ -z ${!secret:-} ]]; then
        echo "setup-database: $secret is not set (read it without echo: read -rs $secret; export $secret)" >&2
        exit 64
    fi
done
if ! command -v psql >/dev/null 2>&1; then
    echo "setup-database: psql not found (apt-get install postgresql-client)" >&2
    exit 69
fi

exec psql -X -q --dbname "${PGDATABASE:-postgres}" -f "$(dirname "${BASH_SOURCE[0]}")/setup-database.psql"
