#!/usr/bin/env bash
# Container health: the Prometheus endpoint answers 200. The runtime image has no curl, so bash's /dev/tcp
# speaks HTTP. The request must carry the configured host name: the HttpListener answers 404 to any other.
set -euo pipefail

endpoint=${Forecaster__Telemetry__PrometheusEndpoint:-http://127.0.0.1:9464/}
authority=${endpoint#http://}
authority=${authority%%/*}
path=/${endpoint#http://*/}
host=${authority%:*}
port=${authority##*:}
[[ $port == "$authority" ]] && port=80

exec 3<>"/dev/tcp/$host/$port"
printf 'GET %smetrics HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$authority" >&3
read -r -t 5 _ status _ <&3
[[ $status == 200 ]]
