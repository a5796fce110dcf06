#!/usr/bin/env bash
# Installs the Debian packages the deployment checks need (tests/Forecaster.Deploy.Tests and deploy/scripts):
# promtool and prometheus (python3 drives deploy/scripts/prometheus-check.sh), docker-compose (validates the
# compose file without an engine), systemd-analyze, psql and openssl (the database set-up test signs a server certificate).
# Idempotent: installs only what is missing, so a prepared machine pays nothing.
set -euo pipefail

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
