#!/usr/bin/env bash
# The first command to run: builds Forecaster (Release) and starts it in demo mode.
#   - ConnectionStrings__Forecaster set: that database is used.
#   - otherwise a throwaway local PostgreSQL is started (deploy/scripts/with-postgres.sh; installs the server
#     with apt-get when run as root on a machine without it) and removed again when the demo stops.
# Demo mode migrates the database, imports the bundled real prices (deploy/data/*.csv) when the source is
# empty, holding back the newest points of every series, trains every series once, feeds the held-back points
# in and runs a second cycle (which scores the first forecasts against them), prints the forecasts, the live
# accuracy table, the SQL to query them and the metrics address, and then keeps running on its schedule until Ctrl-C. Extra arguments go to `forecaster run`, e.g.
#   deploy/scripts/demo.sh --Forecaster:Workers:DegreeOfParallelism 1
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ARTIFACTS="${FORECASTER_DEMO_ARTIFACTS:-${TMPDIR:-/tmp}/forecaster-demo}"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "demo: the .NET SDK (10.0) is required: https://learn.microsoft.com/dotnet/core/install/linux" >&2
    exit 69
fi

echo "demo: building Release into $ARTIFACTS ..." >&2
dotnet build "$REPO_ROOT/src/Forecaster.Host" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet >&2
FORECASTER=("dotnet" "$ARTIFACTS/bin/Forecaster.Host/release/forecaster.dll")
DEMO_ARGS=(run --demo --demo-data "$REPO_ROOT/deploy/data" "$@")

if [[ -n "${ConnectionStrings__Forecaster:-}" ]]; then
    exec "${FORECASTER[@]}" "${DEMO_ARGS[@]}"
fi

# with-postgres.sh exports FORECASTER_TEST_PG for the command it runs; that becomes the connection string.
exec "$REPO_ROOT/deploy/scripts/with-postgres.sh" \
    bash -c 'ConnectionStrings__Forecaster="$FORECASTER_TEST_PG" exec "$@"' demo \
    "${FORECASTER[@]}" "${DEMO_ARGS[@]}"
