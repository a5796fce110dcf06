#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the local tool in .config/dotnet-tools.json): mutates Forecaster.Core against
# Forecaster.Core.Tests and Forecaster.Data against Forecaster.Data.Tests (under with-postgres.sh: those tests need a
# real PostgreSQL), each with the stryker-config.json of its test project, and prints each project's mutation score,
# mutant counts and run time. A measurement, not a test: it is not part of the test count.
#
#   usage: deploy/scripts/mutation.sh [--since [REF]] [--concurrency N] [--budget SECONDS] [core] [data]
#
#   full mode (default)  every mutant of the projects named (both when none is named); tens of minutes to hours here.
#   --since [REF]        fast mode: only the mutants of source files changed against REF (Stryker's --since), plus
#                        those covered by changed test files. Without REF: the merge base with main, or HEAD~1 when
#                        HEAD is main itself (as on a clean clone of main). A project none of whose C# files changed
#                        is skipped without building anything.
#   --concurrency N      parallel test sessions (default 2; the machine has 2 shared cores).
#   --budget SECONDS     time for the whole script: a project still running then is stopped and reported unfinished
#                        (no score, not a failure), and one that has not started is skipped.
#
# The inner loops of the SIMD kernels and of the reference network (src/Forecaster.Core/Rnn, files marked "Stryker
# disable all") are not mutated. Stryker compiles every mutant into the assembly behind a check that runs each time the
# code does, so with them the coverage pass over the training tests did not finish in 15 minutes here (5 without
# them), and each kernel mutant would need the whole training suite again. The agreement tests (every SIMD width
# against ReferenceRnn) and the finite-difference gradient tests guard them instead.
#
# Reports (html, json) go to StrykerOutput/<time>/<project>/reports/. Exit status: 0 when every project that ran
# reached the "break" threshold of its stryker-config.json (or was skipped or unfinished), 4 when one fell below it,
# 3 when Stryker could not run at all (no score: not a threshold breach), 2 on a usage error.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"

since=0 since_ref="" concurrency=2 budget=0 projects=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --since) since=1
                 if [[ $# -gt 1 && $2 != -* && $2 != core && $2 != data ]]; then since_ref=$2; shift; fi ;;
        --since=*) since=1; since_ref=${1#--since=} ;;
        --concurrency) concurrency=${2:?--concurrency needs a number}; shift ;;
        --budget) budget=${2:?--budget needs seconds}; shift ;;
        core|data) projects+=("$1") ;;
        -h|--help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "mutation: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[[ ${#projects[@]} -gt 0 ]] || projects=(core data)

# A run that is interrupted leaves the mutated assembly in the test project's bin (Stryker keeps the original beside
# it as *.stryker-unchanged and restores it only when it finishes); the next dotnet test would then test a mutant.
restore_assemblies() {
    local kept
    while IFS= read -r -d '' kept; do
        mv -f "$kept" "${kept%.stryker-unchanged}"
    done < <(find "$REPO_ROOT"/tests/*/bin -name '*.stryker-unchanged' -print0 2>/dev/null)
}
trap restore_assemblies EXIT

if [[ $since -eq 1 && -n $since_ref ]]; then
    # Stryker finds branches, tags and full commit ids, not abbreviated ones ("No branch or tag or commit found").
    given=$since_ref
    since_ref=$(git rev-parse -q --verify "$given^{commit}") || { echo "mutation: --since $given is not a commit" >&2; exit 2; }
fi
if [[ $since -eq 1 && -z $since_ref ]]; then
    base_branch=main
    git rev-parse -q --verify "$base_branch^{commit}" >/dev/null || base_branch=origin/main
    merge_base=$(git merge-base HEAD "$base_branch" 2>/dev/null || true)
    if [[ -n $merge_base && $merge_base != "$(git rev-parse HEAD)" ]]; then
        since_ref=$merge_base
    elif git rev-parse -q --verify 'HEAD~1^{commit}' >/dev/null; then
        since_ref=$(git rev-parse 'HEAD~1')
    else
        echo "mutation: no base to compare with (no main and no parent commit: a shallow clone?); nothing mutated"
        exit 0
    fi
fi

dotnet tool restore >/dev/null

stamp=$(date -u +%Y%m%dT%H%M%SZ)
deadline=$((SECONDS + budget))
status=0
for project in "${projects[@]}"; do
    case $project in
        core) name=Forecaster.Core runner=() ;;
        data) name=Forecaster.Data runner=("$REPO_ROOT/deploy/scripts/with-postgres.sh") ;;
    esac
    test_dir="$REPO_ROOT/tests/$name.Tests"
    out="$REPO_ROOT/StrykerOutput/$stamp/$name"
    args=(--skip-version-check --concurrency "$concurrency" --output "$out")
    if [[ $since -eq 1 ]]; then
        changed=$(git diff --name-only "$since_ref" -- "src/$name/*.cs" "tests/$name.Tests/*.cs" | wc -l)
        if [[ $changed -eq 0 ]]; then
            echo "mutation: $name skipped: no C# file of it or its tests changed since ${since_ref:0:12}"
            continue
        fi
        args+=("--since:$since_ref")
    fi

    left=$((deadline - SECONDS))
    if [[ $budget -gt 0 && $left -lt 60 ]]; then
        echo "mutation: $name not run: the ${budget}s budget is spent"
        continue
    fi

    echo "mutation: $name ($([[ $since -eq 1 ]] && echo "changed since ${since_ref:0:12}" || echo full), concurrency $concurrency)..."
    log="$out.log"
    mkdir -p "$(dirname "$log")"
    started=$SECONDS
    set +e
    if [[ $budget -gt 0 ]]; then
        (cd "$test_dir" && timeout --signal=INT --kill-after=60 "$left" "${runner[@]}" dotnet stryker "${args[@]}") >"$log" 2>&1
    else
        (cd "$test_dir" && "${runner[@]}" dotnet stryker "${args[@]}") >"$log" 2>&1
    fi
    code=$?
    set -e
    restore_assemblies
    elapsed=$((SECONDS - started))
    took="$((elapsed / 60))m$((elapsed % 60))s"

    if [[ $budget -gt 0 && ($code -eq 124 || $code -eq 137) ]]; then
        echo "mutation: $name unfinished: stopped after the ${budget}s budget ($took); no score (log: $log)"
        continue
    fi
    report="$out/reports/mutation-report.json"
    if [[ ! -f $report ]]; then
        echo "mutation: $name: Stryker did not finish (exit $code, $took); no score. Last lines of $log:" >&2
        tail -n 15 "$log" >&2
        [[ $status -eq 4 ]] || status=3
        continue
    fi

    count() { grep -oE "\"status\": *\"$1\"" "$report" | wc -l; }
    killed=$(count Killed) survived=$(count Survived) timeout=$(count Timeout) nocoverage=$(count NoCoverage)
    # Stryker's score: (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and ignored
    # mutants do not count.
    detected=$((killed + timeout)) valid=$((killed + timeout + survived + nocoverage))
    break_at=$(sed -n 's/.*"break": *\([0-9]*\).*/\1/p' "$test_dir/stryker-config.json")
    if [[ $valid -eq 0 ]]; then
        echo "mutation: $name: no mutant to test in the changed code ($took)"
        continue
    fi
    score=$(awk -v d="$detected" -v v="$valid" 'BEGIN { printf "%.2f", 100 * d / v }')
    echo "mutation: $name score $score % (killed $killed, timeout $timeout, survived $survived, no coverage $nocoverage)" \
        "in $took; break at ${break_at:-0} %; report $out/reports/mutation-report.html"
    if awk -v s="$score" -v b="${break_at:-0}" 'BEGIN { exit !(s < b) }'; then
        echo "mutation: $name is below its break threshold (${break_at} %): see the survivors in the report" >&2
        status=4
    fi
done
exit $status
