#!/usr/bin/env bash
# Runs the C# kernel and PyTorch on the reference workload (REFERENCE.md), alternating engines, one thread
# each, and prints per config the median windows/s ratio, each engine's GFLOP/s as a share of this core's
# measured FP32 FMA peak, and which kernel produced every figure: OpenBLAS's core type under PyTorch, the
# vector width of the C# kernel (its widest, plus a row pinned to 128-bit vectors, the width ARM64's NEON has).
# Timings on a shared machine drift by tens of percent between runs: only ratios measured side by side in one
# run mean anything, and the FMA peak is the best of the interleaved probes (contention only lowers it).
#   usage: compare.sh [repetitions=3] [seconds=5]
#   OPENBLAS_CORETYPE=NAME pins OpenBLAS's kernel yourself; otherwise a fallback to Prescott is corrected.
set -euo pipefail

reps="${1:-3}"
seconds="${2:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
artifacts="${ARTIFACTS_PATH:-/tmp/forecaster-bench-artifacts}"
python=/usr/bin/python3 # Debian's, which sees python3-torch; another python may come first on PATH
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
results="$scratch/results.jsonl"

if ! "$python" -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
    apt-get install -y python3-torch libopenblas0-pthread >&2
fi

dotnet build -c Release --artifacts-path "$artifacts" "$here/Forecaster.Benchmarks.csproj" >&2
csharp=("$artifacts/bin/Forecaster.Benchmarks/release/Forecaster.Benchmarks")

# With more than one thread PyTorch and OpenBLAS fight over the cores; both engines get exactly one.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

# The core type OpenBLAS picks in this environment, as its OPENBLAS_VERBOSE=2 line "Core: NAME" says.
blas_core() {
    OPENBLAS_VERBOSE=2 "$python" -c 'import torch; torch.ones(64, 64) @ torch.ones(64, 64)' 2>&1 >/dev/null |
        sed -n 's/^Core: //p' | head -n 1
}

# Debian's OpenBLAS 0.3.21 does not know recent CPUs and silently falls back to its Prescott (SSE3) kernels:
# 3-5x slower matrix products than the CPU allows, which would inflate every ratio. Name the kernel the CPU
# supports instead, then check OpenBLAS took it.
if [[ -n "${OPENBLAS_CORETYPE:-}" ]]; then
    origin="as the caller set it"
else
    detected="$(blas_core)"
    origin="OpenBLAS picked '${detected:-nothing}' by itself"
    if [[ "$detected" == Prescott ]]; then
        flags=" $(grep -m 1 '^flags' /proc/cpuinfo | cut -d: -f2) "
        if [[ "$flags" == *" avx512f "* ]]; then
            export OPENBLAS_CORETYPE=SkylakeX
        elif [[ "$flags" == *" avx2 "* ]]; then
            export OPENBLAS_CORETYPE=Haswell
        fi
    elif [[ -z "$detected" ]]; then
        echo "PyTorch's BLAS reports no OpenBLAS core: its figures are for whatever BLAS libblas.so.3 points to." >&2
    fi
fi
if [[ -n "${OPENBLAS_CORETYPE:-}" ]]; then
    taken="$(blas_core)"
    if [[ "$taken" != "$OPENBLAS_CORETYPE" ]]; then
        echo "OpenBLAS did not take OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE (it reports '${taken:-nothing}')." >&2
        exit 1
    fi
    echo "Running PyTorch with OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE ($origin)." >&2
fi

# torch_rnn_bench.py's JSON line, plus the OpenBLAS core that this very run used.
torch_run() {
    local line core
    line="$(OPENBLAS_VERBOSE=2 "$python" "$here/torch_rnn_bench.py" "$@" 2>"$scratch/stderr")" ||
        { cat "$scratch/stderr" >&2; return 1; }
    core="$(sed -n 's/^Core: //p' "$scratch/stderr" | head -n 1)"
    grep -v '^Core: ' "$scratch/stderr" >&2 || true
    echo "${line%\}}, \"blas_core\": \"${core:-none reported}\"}"
}

echo "load before: $(uptime)" >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "$reps"); do
    echo "rep $rep: FMA peak, sgemm" >&2
    "${csharp[@]}" --mode peak --warmup 0.5 --seconds 1 --rep "$rep" | tee -a "$results" >&2
    torch_run --mode sgemm --threads 1 --seconds "$seconds" --rep "$rep" | tee -a "$results" >&2
    for run in "train S" "train M" "train L" "infer M"; do
        set -- $run
        common=(--mode "$1" --config "$2" --threads 1 --seconds "$seconds" --rep "$rep")
        echo "rep $rep: $1 $2" >&2
        torch_run "${common[@]}" | tee -a "$results" >&2
        "${csharp[@]}" "${common[@]}" | tee -a "$results" >&2
        if [[ "$1" == train ]]; then
            "${csharp[@]}" "${common[@]}" --simd Vector128 | tee -a "$results" >&2
        fi
    done
done
echo "load after: $(uptime)" >&2

"$python" - "$results" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2)" <<'PY'
import json, statistics, sys
from collections import defaultdict

path, load_before, load_after, cpu = sys.argv[1:5]
records = [json.loads(line) for line in open(path)]
peaks = defaultdict(list)  # vector width -> probe GFLOP/s
sgemm = []
torch = {}  # (mode, config, rep) -> record
ours = defaultdict(dict)  # (mode, config, simd, pinned by --simd) -> rep -> record
for r in records:
    if r["engine"] == "fma-probe":
        peaks[r["simd"]].append(r["gflops"])
    elif r["mode"] == "sgemm":
        sgemm.append(r)
    elif r["engine"] == "pytorch":
        torch[(r["mode"], r["config"], r["rep"])] = r
    else:
        ours[(r["mode"], r["config"], r["simd"], r["simd_pinned"])][r["rep"]] = r

best = {width: max(values) for width, values in peaks.items()}
peak = max(best.values())
widest = max(best, key=best.get)
cores = sorted({r["blas_core"] for r in records if "blas_core" in r})

def share(gflops):
    return f"{100 * gflops / peak:.1f} %"

print(f"CPU:{cpu}; load average {load_before} before, {load_after} after")
print(f"FP32 FMA peak of one core (best of {len(peaks[widest])} probe runs): "
      + ", ".join(f"{width} {value:.1f}" for width, value in best.items()) + f" GFLOP/s; peak = {peak:.1f} ({widest})")
print(f"OpenBLAS core under PyTorch: {', '.join(cores)}")
sgemm_gflops = statistics.median(r["gflops"] for r in sgemm)
print(f"OpenBLAS sgemm 2048² ({', '.join(sorted({r['blas_core'] for r in sgemm}))}): {sgemm_gflops:.1f} GFLOP/s "
      f"= {share(sgemm_gflops)} of peak")
print()

targets = {("train", "S"): "30×", ("train", "M"): "8×", ("train", "L"): "2×"}
print("| workload | PyTorch (OpenBLAS core) windows/s | GFLOP/s | % of peak | Forecaster (SIMD) windows/s | GFLOP/s "
      "| % of peak | median ratio | target |")
print("|---|---|---|---|---|---|---|---|---|")
for (mode, config, simd, pinned), by_rep in ours.items():
    pairs = [(torch[(mode, config, rep)], r) for rep, r in by_rep.items() if (mode, config, rep) in torch]
    if not pairs:
        continue
    theirs_wps = statistics.median(t["windows_per_s"] for t, _ in pairs)
    theirs_gflops = statistics.median(t["gflops"] for t, _ in pairs)
    ours_wps = statistics.median(o["windows_per_s"] for _, o in pairs)
    ours_gflops = statistics.median(o["gflops"] for _, o in pairs)
    ratio = statistics.median(o["windows_per_s"] / t["windows_per_s"] for t, o in pairs)
    core = "/".join(sorted({t["blas_core"] for t, _ in pairs}))
    ours_share = share(ours_gflops)
    if pinned and simd in best:
        ours_share += f" ({100 * ours_gflops / best[simd]:.0f} % of the {simd} peak)"
    workload = f"{mode} {config}" + (f", {simd} pinned" if pinned else "")
    print(f"| {workload} | {theirs_wps:,.0f} ({core}) | {theirs_gflops:.1f} | {share(theirs_gflops)} "
          f"| {ours_wps:,.0f} ({simd}) | {ours_gflops:.1f} | {ours_share} | {ratio:.1f}× "
          f"| {'–' if pinned else targets.get((mode, config), '–')} |")
PY
