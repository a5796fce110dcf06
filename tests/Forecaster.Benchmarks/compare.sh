#!/usr/bin/env bash
# Runs the C# kernel and PyTorch on the reference workload (REFERENCE.md), alternating engines, one thread
# each, and prints the median windows/s ratio per config. Timings on a shared machine drift by tens of
# percent between runs: only ratios measured side by side in one run mean anything.
#   usage: compare.sh [repetitions=3] [seconds=5]
set -euo pipefail

reps="${1:-3}"
seconds="${2:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
artifacts="${ARTIFACTS_PATH:-/tmp/forecaster-bench-artifacts}"
python=/usr/bin/python3 # Debian's, which sees python3-torch; another python may come first on PATH
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

if ! "$python" -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
    apt-get install -y python3-torch libopenblas0-pthread >&2
fi

dotnet build -c Release --artifacts-path "$artifacts" "$here/Forecaster.Benchmarks.csproj" >&2
csharp=("$artifacts/bin/Forecaster.Benchmarks/release/Forecaster.Benchmarks")

# With more than one thread PyTorch and OpenBLAS fight over the cores; both engines get exactly one.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

for rep in $(seq 1 "$reps"); do
    for run in "train S" "train M" "train L" "infer M"; do
        set -- $run
        common=(--mode "$1" --config "$2" --threads 1 --seconds "$seconds" --rep "$rep")
        echo "rep $rep: $1 $2" >&2
        "$python" "$here/torch_rnn_bench.py" "${common[@]}" | tee -a "$results" >&2
        "${csharp[@]}" "${common[@]}" | tee -a "$results" >&2
    done
done

"$python" - "$results" <<'PY'
import json, statistics, sys
from collections import defaultdict

runs = defaultdict(dict)  # (mode, config) -> rep -> engine -> record
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs[(r["mode"], r["config"])].setdefault(r["rep"], {})[r["engine"]] = r

targets = {("train", "S"): 30, ("train", "M"): 8, ("train", "L"): 2}
print(f"{'workload':<10}{'pytorch w/s':>14}{'forecaster w/s':>16}{'GFLOP/s':>9}{'median ratio':>14}{'target':>8}")
for (mode, config), reps in runs.items():
    pairs = [r for r in reps.values() if "pytorch" in r and "forecaster" in r]
    ratios = [p["forecaster"]["windows_per_s"] / p["pytorch"]["windows_per_s"] for p in pairs]
    torch_wps = statistics.median(p["pytorch"]["windows_per_s"] for p in pairs)
    ours = statistics.median(p["forecaster"]["windows_per_s"] for p in pairs)
    gflops = statistics.median(p["forecaster"]["gflops"] for p in pairs)
    target = targets.get((mode, config))
    print(f"{mode + ' ' + config:<10}{torch_wps:>14,.0f}{ours:>16,.0f}{gflops:>9.1f}{statistics.median(ratios):>13.1f}x"
          f"{(str(target) + 'x') if target else '-':>8}")
PY
