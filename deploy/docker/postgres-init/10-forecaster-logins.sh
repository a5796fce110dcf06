#!/usr/bin/env bash
# Run by the postgres image once, when it initialises an empty data directory (docker-entrypoint-initdb.d).
# Creates the login users of the stack; the SQL lives in a .psql file, which the entrypoint does not run itself.
# The names and passwords are in this container's environment (FORECASTER_SERVICE_USER, …), where the .psql reads them.
set -euo pipefail

psql -X -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -f "$(dirname "${BASH_SOURCE[0]}")/forecaster-logins.psql"
