#!/usr/bin/env bash
# Installs the Debian packages the deployment checks need (tests/Forecaster.Deploy.Tests and deploy/scripts):
# promtool and prometheus (python3 drives deploy/scripts/prometheus-check.sh), docker-compose (validates the
# compose file without an engine), systemd-analyze, psql and openssl (the database set-up test signs a server certificate);
# and pwsh, PowerShell 7 from NuGet as a .NET tool (Debian has no package), which parses the Windows scripts.
# Idempotent: installs only what is missing, so a prepared machine pays nothing.
set -euo pipefail

# 7.6.10 pinned: it restores here, and an unpinned install takes a newer build that does not.
POWERSHELL_VERSION=7.6.10
POWERSHELL_DIR=/opt/forecaster-test-tools/powershell-$POWERSHELL_VERSION
install_pwsh() {
    if [[ $(id -u) -ne 0 ]]; then
        echo "install-test-deps: missing pwsh; run as root, or: dotnet tool install PowerShell --version $POWERSHELL_VERSION --tool-path DIR and put DIR on PATH" >&2
        exit 69
    fi
    echo "install-test-deps: installing PowerShell $POWERSHELL_VERSION (dotnet tool) into $POWERSHELL_DIR" >&2
    dotnet tool install PowerShell --version "$POWERSHELL_VERSION" --tool-path "$POWERSHELL_DIR" >&2
    # A wrapper, not a symlink: the tool's launcher finds its files next to where it really lives.
    printf '#!/bin/sh\nexec %s/pwsh "$@"\n' "$POWERSHELL_DIR" >/usr/local/bin/pwsh
    chmod 755 /usr/local/bin/pwsh
}
if ! command -v pwsh >/dev/null 2>&1; then
    install_pwsh
fi

declare -A package_of=([promtool]=prometheus [prometheus]=prometheus [docker-compose]=docker-compose [systemd-analyze]=systemd [psql]=postgresql-client [python3]=python3 [openssl]=openssl)
missing=()
for tool in "${!package_of[@]}"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        missing+=("${package_of[$tool]}")
    fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
if [[ $(id -u) -ne 0 ]]; then
    echo "install-test-deps: missing ${packages[*]}; run as root or: sudo apt-get install -y ${packages[*]}" >&2
    exit 69
fi
echo "install-test-deps: installing ${packages[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
