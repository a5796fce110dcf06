#!/usr/bin/env bash
# Prints what three robustness paths cost on a throwaway PostgreSQL (a measurement, not a test):
#   1. a cycle over UNFIT series of three points each (too short to train): the first cycle, then the next one;
#   2. revising one point in each of SERIES series in one UPDATE, with the shipped triggers and with them disabled;
#   3. NOTIFIES empty notifications from a dashboard login while the service listens, over SERIES trained series:
#      how often the service scanned or probed `series` and how long it took to go quiet.
#   usage: deploy/scripts/robustness-costs.sh [UNFIT=20000] [SERIES=10000] [NOTIFIES=2000]
#   FORECASTER=path/to/forecaster.dll measures another build (default: this tree's Release build, built if missing);
#   PARTS="2 3" runs only some of the measurements.
set -euo pipefail

UNFIT=${1:-20000}
SERIES=${2:-10000}
NOTIFIES=${3:-2000}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PARTS=${PARTS:-1 2 3}

if [[ -z "${FORECASTER_TEST_PG:-}" ]]; then
    exec "$REPO_ROOT/deploy/scripts/with-postgres.sh" "$0" "$@"
fi

FORECASTER=${FORECASTER:-$REPO_ROOT/src/Forecaster.Host/bin/Release/net10.0/forecaster.dll}
if [[ ! -f "$FORECASTER" ]]; then
    dotnet build "$REPO_ROOT/src/Forecaster.Host" -c Release >/dev/null
fi

field() { tr ';' '\n' <<<"$FORECASTER_TEST_PG" | sed -n "s/^$1=//p"; }
export PGHOST=$(field Host) PGPORT=$(field Port) PGUSER=$(field Username) PGPASSWORD=$(field Password)
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$1" "${@:2}"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

new_database() {
    local name="robustness_$1_$$"
    psql_db postgres -c "CREATE DATABASE $name" >/dev/null
    echo "$name"
}

forecaster() {
    local database=$1
    shift
    # exec: started in the background, $! is then the service itself, which the end of the script stops.
    ConnectionStrings__Forecaster="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$database" \
    Forecaster__Telemetry__PrometheusEndpoint= \
        exec dotnet "$FORECASTER" "$@"
}

if [[ " $PARTS " == *" 1 "* ]]; then
echo "== 1. cycles over $UNFIT series of three points (too short to train)"
db=$(new_database unfit)
(forecaster "$db" migrate >/dev/null)
psql_db "$db" -c "INSERT INTO prices SELECT 'short/' || i, timestamptz '2026-01-05Z' + d * interval '1 day', 10 + d FROM generate_series(1, $UNFIT) i, generate_series(0, 2) d"
for cycle in first second; do
    started=$(now)
    (forecaster "$db" train >/dev/null 2>&1) || true
    echo "$cycle cycle: $(seconds "$started" "$(now)") s, run rows $(psql_db "$db" -c 'SELECT count(*) FROM forecast_runs')"
done

fi

if [[ " $PARTS " == *" 2 "* ]]; then
echo "== 2. one UPDATE revising one point in each of $SERIES series"
db=$(new_database revise)
(forecaster "$db" migrate >/dev/null)
psql_db "$db" -c "INSERT INTO prices SELECT 's' || i, timestamptz '2026-01-01Z' + d * interval '1 day', 10 + d FROM generate_series(1, $SERIES) i, generate_series(0, 19) d"
# As shipped; then without the change tracking of V8 (when the build has it); then without any trigger.
tracking=$(psql_db "$db" -c "SELECT count(*) FROM pg_trigger WHERE tgname = 'prices_track_changes_update'")
for setup in shipped untracked bare; do
    case $setup in
        untracked) [[ $tracking -gt 0 ]] || continue; psql_db "$db" -c "ALTER TABLE prices DISABLE TRIGGER prices_track_changes_update" ;;
        bare) psql_db "$db" -c "ALTER TABLE prices DISABLE TRIGGER USER" ;;
    esac
    for run in 1 2 3; do
        psql_db "$db" -c '\timing on' -c "UPDATE prices SET price = price + 1 WHERE ts = '2026-01-10Z'" | sed -n "s/^Time: \(.*\)/$setup, run $run: \1/p"
    done
done
psql_db "$db" -c "ALTER TABLE prices ENABLE TRIGGER USER"
fi

if [[ " $PARTS " == *" 3 "* ]]; then
echo "== 3. $NOTIFIES notifications from a dashboard login, $SERIES trained series"
db=$(new_database notify)
(forecaster "$db" migrate >/dev/null)
psql_db "$db" -c "INSERT INTO prices SELECT 's' || i, timestamptz '2026-01-01Z' + d * interval '1 day', 10 + d FROM generate_series(1, $SERIES) i, generate_series(0, 19) d"
# Trained on everything there is: whatever the wake-up finds, nothing is due.
psql_db "$db" -c "UPDATE series SET last_trained_at = now(), last_watermark = '2026-01-20Z'" \
    -c "DO \$\$ BEGIN UPDATE series SET attempted_version = inputs_version; EXCEPTION WHEN undefined_column THEN NULL; END \$\$" \
    -c "CREATE ROLE flood_$$ LOGIN PASSWORD 'flood' IN ROLE forecaster_dashboard" -c "ANALYZE"
Forecaster__Schedule__Cron="0 0 0 1 1 ? 2099" Forecaster__Schedule__CatchUpOnStart=false Forecaster__Workers__PollInterval=01:00:00 \
    forecaster "$db" run >/dev/null 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
until [[ $(psql_db "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND query LIKE 'LISTEN%'") -gt 0 ]]; do sleep 0.5; done
stats() { sleep 2; psql_db "$db" -c "SELECT coalesce(seq_scan, 0), coalesce(seq_tup_read, 0), coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'series'"; }
IFS='|' read -r seq0 tup0 idx0 <<<"$(stats)"
started=$(now)
for ((i = 0; i < NOTIFIES; i++)); do echo "NOTIFY forecaster_new_data;"; done |
    PGUSER=flood_$$ PGPASSWORD=flood psql -X -q -d "$db" >/dev/null
sent=$(now)
# Quiet: no statement of the service running for two consecutive polls.
quiet=0
last_busy=$sent
while [[ $quiet -lt 2 ]]; do
    busy=$(psql_db "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND state = 'active' AND pid <> pg_backend_pid() AND query NOT LIKE 'LISTEN%'")
    if [[ $busy -eq 0 ]]; then quiet=$((quiet + 1)); else quiet=0; last_busy=$(now); fi
    sleep 0.5
done
IFS='|' read -r seq1 tup1 idx1 <<<"$(stats)"
echo "sent in $(seconds "$started" "$sent") s; the service was last seen busy $(seconds "$started" "$last_busy") s after the first"
echo "series: $((seq1 - seq0)) sequential scans reading $((tup1 - tup0)) rows, $((idx1 - idx0)) index scans"
kill $service
wait $service 2>/dev/null || true
fi
