# shellcheck shell=bash
# Sourced by the backtest measurements (m4/backtest.sh, bundled/backtest.sh) after they set OUT and ROOT: builds the
# service and the load generator into $OUT/artifacts, creates database $1 on FORECASTER_TEST_PG, exports its connection
# string, migrates it, and sets SERVICE to the executable. Without FORECASTER_TEST_PG the caller re-runs itself under
# with-postgres.sh first (a throwaway cluster).
ART="$OUT/artifacts"
dotnet build "$ROOT/src/Forecaster.Host" -c Release --artifacts-path "$ART" -v quiet -nologo >/dev/null
dotnet build "$ROOT/tests/Forecaster.LoadTest" -c Release --artifacts-path "$ART" -v quiet -nologo >/dev/null
SERVICE="$ART/bin/Forecaster.Host/release/forecaster"
CONN=$(FORECASTER_LOAD_PG=$FORECASTER_TEST_PG "$ART/bin/Forecaster.LoadTest/release/Forecaster.LoadTest" database "$1")
export ConnectionStrings__Forecaster=$CONN Forecaster__Telemetry__PrometheusEndpoint=
"$SERVICE" migrate >/dev/null
