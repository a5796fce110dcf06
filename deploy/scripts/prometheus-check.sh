#!/usr/bin/env bash
# Scrapes a running Forecaster with a throwaway Prometheus (Debian's "prometheus" package) using the shipped
# alert rules, then prints the training and live-accuracy metrics and every alert rule's state, and stops Prometheus again.
#   usage: deploy/scripts/prometheus-check.sh [HOST:PORT]      (default 127.0.0.1:9464)
# Exits non-zero when the target cannot be scraped or a rule fails to evaluate; finishes within about a minute, or
# within PROMETHEUS_CHECK_TIMEOUT seconds (default 50) on a loaded machine where Prometheus starts slowly.
set -euo pipefail

TARGET=${1:-127.0.0.1:9464}
DEADLINE=$((SECONDS + ${PROMETHEUS_CHECK_TIMEOUT:-50}))
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

for tool in prometheus python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "prometheus-check: '$tool' not found (apt-get install prometheus python3)" >&2
        exit 69
    fi
done

WORK_DIR=$(mktemp -d /tmp/forecaster-prometheus.XXXXXX)
PROMETHEUS_PID=
cleanup() {
    if [[ -n $PROMETHEUS_PID ]]; then
        kill "$PROMETHEUS_PID" 2>/dev/null || true
        wait "$PROMETHEUS_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The shipped configuration with this target and intervals short enough to see a scrape and a rule evaluation.
cp "$REPO_ROOT/deploy/prometheus/alerts.yml" "$WORK_DIR/"
sed -e "s/\"forecaster:9464\"/\"$TARGET\"/" \
    -e 's/scrape_interval: .*/scrape_interval: 2s/' \
    -e 's/evaluation_interval: .*/evaluation_interval: 2s/' \
    "$REPO_ROOT/deploy/prometheus/prometheus.yml" >"$WORK_DIR/prometheus.yml"
grep -q "\"$TARGET\"" "$WORK_DIR/prometheus.yml" || { echo "prometheus-check: cannot set the target in prometheus.yml" >&2; exit 70; }

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
prometheus --config.file="$WORK_DIR/prometheus.yml" --storage.tsdb.path="$WORK_DIR/data" \
    --web.listen-address="127.0.0.1:$PORT" >"$WORK_DIR/prometheus.log" 2>&1 &
PROMETHEUS_PID=$!

export PROMETHEUS_URL="http://127.0.0.1:$PORT"
export DEADLINE_SECONDS=$((DEADLINE - SECONDS))
python3 - <<'PY'
import json, os, re, sys, time, urllib.parse, urllib.request
from datetime import datetime

base = os.environ["PROMETHEUS_URL"]
deadline = time.monotonic() + int(os.environ["DEADLINE_SECONDS"])

def get(path, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)["data"]

def wait_for(what, probe):
    while time.monotonic() < deadline:
        try:
            result = probe()
            if result:
                return result
        except OSError:
            pass  # Prometheus not listening yet.
        time.sleep(1)
    sys.exit(f"prometheus-check: timed out waiting for {what}")

first = wait_for("a scrape", lambda: next(
    (t for t in get("/api/v1/targets")["activeTargets"] if t["health"] != "unknown"), None))
print(f"target {first['scrapeUrl']}: {first['health']} {first['lastError']}".rstrip())
if first["health"] != "up":
    sys.exit("prometheus-check: the target could not be scraped")

def instant(text):
    # Prometheus prints nanoseconds; fromisoformat takes at most microseconds.
    return datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", text).replace("Z", "+00:00"))

# A query or rule evaluation that starts while a scrape is still being stored sees none of it. Scrapes of one target
# never overlap, so once the second scrape has begun the first is stored: queries and evaluations after that see it.
target = wait_for("a second scrape", lambda: next(
    (t for t in get("/api/v1/targets")["activeTargets"] if instant(t["lastScrape"]) > instant(first["lastScrape"])), None))
scraped = instant(target["lastScrape"])

queries = {
    "since last clean cycle (s)": "forecaster_cycle_since_last_success_seconds",
    "series outcomes": "sum by (outcome) (forecaster_series_outcomes_total)",
    "forecast points": "sum(forecaster_forecast_points_total)",
    "trainings": "sum(forecaster_training_duration_seconds_count)",
    "training p95 (s)": "histogram_quantile(0.95, sum by (le) (forecaster_training_duration_seconds_bucket))",
    "mean training loss": "sum(forecaster_training_train_loss_sum) / sum(forecaster_training_train_loss_count)",
    "mean validation loss": "sum(forecaster_training_validation_loss_sum) / sum(forecaster_training_validation_loss_count)",
    "mean validation MASE": "sum(forecaster_training_validation_mase_sum) / sum(forecaster_training_validation_mase_count)",
    "cycles": "sum(forecaster_cycle_duration_seconds_count)",
    "data lag (s)": "max(forecaster_data_lag_seconds)",
    "relative data lag (intervals)": "max(forecaster_data_relative_lag)",
    "accuracy points": "sum by (status) (forecaster_accuracy_points_total)",
    "live relative MASE": "sum(forecaster_accuracy_scaled_error_sum) / sum(forecaster_accuracy_naive_scaled_error_sum)",
    "interval coverage": "sum by (level) (forecaster_accuracy_interval_outcomes_total{covered=\"true\"}) / sum by (level) (forecaster_accuracy_interval_outcomes_total)",
    "series scored": "max(forecaster_accuracy_series_scored)",
    "series demoted": "max(forecaster_accuracy_series_demoted)",
}
print("\nmetrics:")
for title, query in queries.items():
    series = get("/api/v1/query", query=query)["result"]
    if not series:
        print(f"  {title}: (no data yet)")
    for s in series:
        labels = ",".join(f"{k}={v}" for k, v in s["metric"].items() if k not in ("__name__", "job", "instance", "otel_scope_name"))
        print(f"  {title}{' {' + labels + '}' if labels else ''}: {float(s['value'][1]):.6g}")

groups = wait_for("a rule evaluation after the first scrape was stored", lambda: (lambda g: g if all(
    instant(r["lastEvaluation"]) > scraped for grp in g for r in grp["rules"]) else None)(get("/api/v1/rules")["groups"]))
print("\nalert rules:")
broken = []
for group in groups:
    for rule in group["rules"]:
        print(f"  {rule['name']}: {rule['state']} (health {rule['health']}{', ' + rule['lastError'] if rule.get('lastError') else ''})")
        if rule["health"] != "ok":
            broken.append(rule["name"])
if broken:
    sys.exit("prometheus-check: rules failed to evaluate: " + ", ".join(broken))
PY
