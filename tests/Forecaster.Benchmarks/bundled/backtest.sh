#!/usr/bin/env bash
# The bundled data's figures of README's "Forecast quality": imports deploy/data, backtests every series with the
# real executable pinned to one core at the protocol's origins and horizons (protocol.py: 20 origins over the last
# 15 %, h from series_manifest.csv), prints the backtest's CPU and wall time, and scores per family and pooled over the
# price families. A measurement, not a test.
#   usage: tests/Forecaster.Benchmarks/bundled/backtest.sh [OUTDIR=/tmp/forecaster-bundled] [extra backtest arguments...]
# Needs FORECASTER_TEST_PG (superuser); without it, re-runs itself under with-postgres.sh (throwaway cluster).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${1:-/tmp/forecaster-bundled}
shift $(( $# > 0 ? 1 : 0 ))
if [[ -z "${FORECASTER_TEST_PG:-}" ]]; then
    exec "$ROOT/deploy/scripts/with-postgres.sh" "$0" "$OUT" "$@"
fi
PYTHON=${PYTHON:-/usr/bin/python3}
DATA="$ROOT/deploy/data"
mkdir -p "$OUT"
# shellcheck source=../service-database.sh
source "$HERE/../service-database.sh" forecaster_bundled
mapfile -t files < <(ls "$DATA"/*.csv | grep -v '/series_manifest\.csv$')
"$SERVICE" import "${files[@]}" | tail -n 1
"$PYTHON" "$HERE/protocol.py" origins --data "$DATA" --out "$OUT/origins.csv"
TIMEFORMAT="bundled backtest: %U s user CPU, %S s system, %R s wall (one core)"
time taskset -c 0 "$SERVICE" backtest --origins "$OUT/origins.csv" --out "$OUT/bt.csv" --level 80 "$@" >"$OUT/bt.log" 2>&1
"$PYTHON" "$HERE/protocol.py" score --data "$DATA" --backtest "$OUT/bt.csv" --level 80
