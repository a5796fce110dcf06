#!/usr/bin/env bash
# Load test: N synthetic random-walk series x P daily points in PostgreSQL, then a cold cycle (no models)
# and a warm cycle (one new point per series, warm-started models) with the default settings and all cores.
# Prints series/minute, database time vs the rest (training), the service's peak RSS for each cycle, and the cost of
# the cycle's live-accuracy scoring pass (the warm cycle scores every series' first forecast step against the new point).
# Runs N = 1000 and 3000 first (cost growth), then the requested N; LOAD_SIZES="1000 3000" overrides the list.
#   usage: deploy/scripts/load-test.sh [N=10000] [P=2000]
# Needs FORECASTER_TEST_PG (superuser); without it, re-runs itself under with-postgres.sh (throwaway cluster).
set -euo pipefail

N=${1:-10000}
P=${2:-2000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if [[ -z "${FORECASTER_TEST_PG:-}" ]]; then
    exec "$ROOT/deploy/scripts/with-postgres.sh" "$0" "$@"
fi

ART=${LOAD_ARTIFACTS:-/tmp/forecaster-load-artifacts}
dotnet build "$ROOT/src/Forecaster.Host" -c Release --artifacts-path "$ART" -v quiet -nologo >/dev/null
dotnet build "$ROOT/tests/Forecaster.LoadTest" -c Release --artifacts-path "$ART" -v quiet -nologo >/dev/null
SERVICE="$ART/bin/Forecaster.Host/release/forecaster"
LOADGEN="$ART/bin/Forecaster.LoadTest/release/Forecaster.LoadTest"
LOGS=$(mktemp -d /tmp/forecaster-load.XXXXXX)
SIZES=${LOAD_SIZES:-$(printf '%s\n' 1000 3000 "$N" | sort -n -u | tr '\n' ' ')}
DOP=$(nproc)
# No metrics listener: a running service (or another load test) may own the default port.
export Forecaster__Telemetry__PrometheusEndpoint=

# "key=value ..." -> value of one key.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# One cycle of the real executable under /usr/bin/time; prints its figures as one line.
cycle() {
    local label=$1 n=$2 before after start elapsed rss
    before=$(FORECASTER_LOAD_PG=$CONN "$LOADGEN" stats)
    start=$(date +%s.%N)
    ConnectionStrings__Forecaster=$CONN /usr/bin/time -v -o "$LOGS/$label-$n.time" "$SERVICE" train >"$LOGS/$label-$n.out" 2>&1 || {
        echo "cycle $label N=$n failed (exit $?); see $LOGS/$label-$n.out" >&2
        tail -n 20 "$LOGS/$label-$n.out" >&2
        exit 1
    }
    elapsed=$(echo "$(date +%s.%N) - $start" | bc -l)
    after=$(FORECASTER_LOAD_PG=$CONN "$LOADGEN" stats)
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$LOGS/$label-$n.time")
    # The cycle starts by scoring what arrived against the published forecasts (live accuracy); train prints its cost.
    scoring=$(sed -n 's/^live accuracy: //p' "$LOGS/$label-$n.out")
    awk -v label="$label" -v n="$n" -v p="$P" -v dop="$DOP" -v wall="$elapsed" -v rss="$rss" \
        -v db0="$(field db_active_ms "$before")" -v db1="$(field db_active_ms "$after")" \
        -v ok0="$(field succeeded "$before")" -v ok1="$(field succeeded "$after")" \
        -v bad0="$(field not_succeeded "$before")" -v bad1="$(field not_succeeded "$after")" \
        -v warm0="$(field warm "$before")" -v warm1="$(field warm "$after")" 'BEGIN {
            db = (db1 - db0) / 1000; worker = wall * dop
            printf "%-5s N=%-6d P=%-5d wall=%8.1f s  series/min=%8.1f  succeeded=%d other=%d warm=%d  db_time=%7.1f s  training+rest=%8.1f s of %d worker-s (db %4.1f%%)  peak_rss=%6.0f MiB\n",
                label, n, p, wall, (ok1 - ok0 + bad1 - bad0) / wall * 60, ok1 - ok0, bad1 - bad0, warm1 - warm0,
                db, worker - db, worker, 100 * db / worker, rss / 1024 }'
    echo "      scoring pass: ${scoring:-none}"
}

echo "load test: sizes [$SIZES] x $P points, $DOP cores, logs in $LOGS"
for n in $SIZES; do
    CONN=$(FORECASTER_LOAD_PG=$FORECASTER_TEST_PG "$LOADGEN" database "forecaster_load_$n")
    ConnectionStrings__Forecaster=$CONN "$SERVICE" migrate >"$LOGS/migrate-$n.out" 2>&1
    echo "N=$n: $(FORECASTER_LOAD_PG=$CONN "$LOADGEN" seed "$n" "$P")"
    cycle cold "$n"
    echo "N=$n: $(FORECASTER_LOAD_PG=$CONN "$LOADGEN" append)"
    cycle warm "$n"
done
