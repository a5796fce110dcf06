#!/usr/bin/env bash
# Container health: the service's readiness probe (healthz/ready: database reachable and migrated, scheduler running,
# work loop alive) answers 200. The runtime image has no curl, so bash's /dev/tcp speaks HTTP. An endpoint bound to
# every interface (0.0.0.0, [::]) or a host name is asked over loopback, from inside the container.
set -euo pipefail

endpoint=${Forecaster__Telemetry__PrometheusEndpoint-http://127.0.0.1:9464/}
if [[ -z $endpoint ]]; then
    echo "healthcheck: Forecaster__Telemetry__PrometheusEndpoint is empty, so nothing serves healthz/ready" >&2
    exit 1
fi
authority=${endpoint#http://}
authority=${authority%%/*}
path=/${endpoint#http://*/}
host=${authority%:*}
port=${authority##*:}
[[ $port == "$authority" ]] && port=80
case $host in
    127.* | localhost | '[::1]') ;;
    *) host=127.0.0.1 ;;
esac

exec 3<>"/dev/tcp/$host/$port"
printf 'GET %shealthz/ready HTTP/1.0\r\nHost: %s:%s\r\n\r\n' "$path" "$host" "$port" >&3
read -r -t 5 _ status _ <&3
[[ $status == 200 ]]
