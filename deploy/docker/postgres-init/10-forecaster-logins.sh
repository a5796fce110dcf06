#!/usr/bin/env bash
# Run by the postgres image once, when it initialises an empty data directory (docker-entrypoint-initdb.d).
# Creates the login users of the stack; the SQL lives in a .psql file, which the entrypoint does not run itself.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v service_user="$FORECASTER_SERVICE_USER" \
    -v service_password="$FORECASTER_SERVICE_PASSWORD" \
    -v dashboard_user="$FORECASTER_DASHBOARD_USER" \
    -v dashboard_password="$FORECASTER_DASHBOARD_PASSWORD" \
    -f "$(dirname "${BASH_SOURCE[0]}")/forecaster-logins.psql"
