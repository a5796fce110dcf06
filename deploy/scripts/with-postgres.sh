#!/usr/bin/env bash
# Runs a command with FORECASTER_TEST_PG pointing at a PostgreSQL superuser connection.
# When the variable is already set (a CI service, a developer's own server) the command just runs.
# Otherwise a throwaway cluster is created for the duration of the command and always removed afterwards,
# so tests never depend on (or damage) a machine's real database.
#   usage: deploy/scripts/with-postgres.sh CMD [ARGS...]
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 64
fi

if [[ -n "${FORECASTER_TEST_PG:-}" ]]; then
    exec "$@"
fi

find_pg_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z "$initdb" ]] && command -v initdb >/dev/null 2>&1; then
        initdb=$(command -v initdb)
    fi
    [[ -n "$initdb" ]] && dirname "$initdb"
}

PG_BIN=$(find_pg_bin || true)
if [[ -z "$PG_BIN" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "with-postgres: PostgreSQL server binaries not found; install Debian's 'postgresql' package or set FORECASTER_TEST_PG" >&2
        exit 69
    fi
    echo "with-postgres: installing PostgreSQL (apt-get)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # The package's own cluster is not used; only its binaries are.
    apt-get install -y -qq --no-install-recommends postgresql >&2
    PG_BIN=$(find_pg_bin)
fi

# initdb/postgres refuse to run as root, so as root the cluster belongs to the 'postgres' account.
if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
    fi
    as_owner() { runuser -u postgres -- "$@"; }
else
    as_owner() { "$@"; }
fi

# A directory the cluster owner can read; /root or a private home would make postgres fail to start.
CLUSTER_DIR=$(mktemp -d /tmp/forecaster-pg.XXXXXX)
PG_STARTED=0
cleanup() {
    if [[ $PG_STARTED -eq 1 ]]; then
        as_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$CLUSTER_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$CLUSTER_DIR"
fi
chmod 700 "$CLUSTER_DIR"

free_port() {
    python3 - <<'PY' 2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

PG_USER=forecaster_test_admin
PG_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
PWFILE="$CLUSTER_DIR/pwfile"
printf '%s\n' "$PG_PASSWORD" > "$PWFILE"
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PWFILE"; fi
chmod 600 "$PWFILE"

(cd "$CLUSTER_DIR" && as_owner "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U "$PG_USER" --pwfile="$PWFILE" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$CLUSTER_DIR/initdb.log" 2>&1) || {
    cat "$CLUSTER_DIR/initdb.log" >&2
    exit 70
}
rm -f "$PWFILE"

# A port picked as free can be taken before postgres binds it, so a failed start retries on another one.
for attempt in 1 2 3 4 5; do
    PG_PORT=$(free_port)
    if (cd "$CLUSTER_DIR" && as_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/postgres.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $PG_PORT -k $CLUSTER_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null); then
        PG_STARTED=1
        break
    fi
    echo "with-postgres: start on port $PG_PORT failed (attempt $attempt)" >&2
done
if [[ $PG_STARTED -ne 1 ]]; then
    cat "$CLUSTER_DIR/postgres.log" >&2 || true
    exit 70
fi

export FORECASTER_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=postgres"
echo "with-postgres: throwaway PostgreSQL on 127.0.0.1:$PG_PORT ($CLUSTER_DIR)" >&2

# Not exec: the EXIT trap must still remove the cluster, and CMD's exit code is returned.
set +e
"$@"
status=$?
set -e
exit $status
