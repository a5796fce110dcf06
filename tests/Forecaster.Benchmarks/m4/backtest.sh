#!/usr/bin/env bash
# The M4 yardstick of README's "Forecast quality": imports the shared half of M4 Hourly and Weekly (this folder),
# backtests each at the organisers' origin with the real executable pinned to one core, prints each backtest's CPU
# and wall time, and scores both the organisers' way (sMAPE, MASE, OWA, MSIS, coverage). A measurement, not a test.
#   usage: tests/Forecaster.Benchmarks/m4/backtest.sh [OUTDIR=/tmp/forecaster-m4] [extra backtest arguments...]
# Needs FORECASTER_TEST_PG (superuser); without it, re-runs itself under with-postgres.sh (throwaway cluster).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${1:-/tmp/forecaster-m4}
shift $(( $# > 0 ? 1 : 0 ))
if [[ -z "${FORECASTER_TEST_PG:-}" ]]; then
    exec "$ROOT/deploy/scripts/with-postgres.sh" "$0" "$OUT" "$@"
fi
# numpy and scipy for m4.py (Debian's python3 packages, as the deploy checks' dependencies are installed).
PYTHON=${PYTHON:-/usr/bin/python3}
mkdir -p "$OUT"
# shellcheck source=../service-database.sh
source "$HERE/../service-database.sh" forecaster_m4
for freq in Hourly Weekly; do
    "$PYTHON" "$HERE/m4.py" prepare --m4 "$HERE" --out "$OUT/$freq" --freq "$freq" >/dev/null
    "$SERVICE" import "$OUT/$freq/$freq.csv" | tail -n 1
    TIMEFORMAT="$freq backtest: %U s user CPU, %S s system, %R s wall (one core)"
    time taskset -c 0 "$SERVICE" backtest --origins "$OUT/$freq/origins.csv" --out "$OUT/bt-$freq.csv" --level 95 "$@" \
        >"$OUT/bt-$freq.log" 2>&1
done
(head -n 1 "$OUT/bt-Hourly.csv"; tail -n +2 -q "$OUT/bt-Hourly.csv" "$OUT/bt-Weekly.csv") >"$OUT/bt.csv"
"$PYTHON" "$HERE/m4.py" score --m4 "$HERE" --backtest "$OUT/bt.csv" --level 95
