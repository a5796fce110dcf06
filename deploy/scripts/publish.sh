#!/usr/bin/env bash
# Publishes the service executable for one target.
#   usage: deploy/scripts/publish.sh [framework-dependent|self-contained] [linux-x64|win-x64] [-o DIR] [-- DOTNET-ARGS...]
# framework-dependent (default) needs the .NET 10 runtime on the target; self-contained is one file with the
# runtime inside. Output: artifacts/publish/<mode>-<rid>/ unless -o is given. The runtime packs a RID needs
# come from NuGet on first use.
set -euo pipefail

usage() {
    echo "usage: $0 [framework-dependent|self-contained] [linux-x64|win-x64] [-o DIR] [-- DOTNET-ARGS...]" >&2
    exit 64
}

mode=framework-dependent
rid=linux-x64
output=
# Passed on to dotnet publish, e.g. "-- --artifacts-path /tmp/x" to keep intermediate files out of src/.
dotnet_args=()
while [[ $# -gt 0 ]]; do
    case $1 in
        framework-dependent | self-contained) mode=$1 ;;
        linux-x64 | win-x64) rid=$1 ;;
        -o)
            [[ $# -ge 2 ]] || usage
            output=$2
            shift
            ;;
        --)
            shift
            dotnet_args=("$@")
            break
            ;;
        *) usage ;;
    esac
    shift
done

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
output=${output:-$REPO_ROOT/artifacts/publish/$mode-$rid}

if [[ $mode == self-contained ]]; then
    # Native libraries stay inside the single file and are extracted on first run only if any exist.
    packaging=(--self-contained true -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true)
else
    packaging=(--self-contained false)
fi

dotnet publish "$REPO_ROOT/src/Forecaster.Host/Forecaster.Host.csproj" -c Release -r "$rid" "${packaging[@]}" -o "$output" "${dotnet_args[@]}"

executable=forecaster
[[ $rid == win-* ]] && executable=forecaster.exe
if [[ ! -f $output/$executable ]]; then
    echo "publish: $output/$executable was not produced" >&2
    exit 1
fi
echo "published $mode $rid: $output/$executable"
