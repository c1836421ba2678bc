#!/usr/bin/env bash
# Upstream keep-alive under load: a private stack with 2 workers and limits too wide to
# trigger (bench/rate-limits.conf), wrk with 8 and 32 connections on a cheap request, then
# how many FastCGI connections the workers accepted for all those requests.
# To compare with one connection per request, set `fastcgi_keep_conn off;` in
# nginx/snippets/scim-fastcgi.conf and run it again.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
fi
export SCIM_VAR_DIR=${SCIM_BENCH_VAR:-/tmp/scim-bench-keepalive} SCIM_HTTPS_PORT=${SCIM_BENCH_PORT:-28555}
export SCIM_WORKERS=2 SCIM_RATE_LIMITS_FILE=$repo/bench/rate-limits.conf
seconds=${SCIM_BENCH_SECONDS:-10}
bash scripts/stack.sh start >/dev/null
trap 'bash scripts/stack.sh stop >/dev/null 2>&1' EXIT
while IFS= read -r line; do [[ -n $line ]] && export "${line?}"; done <"$SCIM_VAR_DIR/stack.env"
for connections in 8 32; do
  echo "== GET /Users?count=1, $connections connections, ${seconds}s"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $SCIM_TOKEN" \
    "$SCIM_BASE_URL/Users?count=1" | grep -E 'Requests/sec|^ +(50|99)%|timeout|Non-2xx'
done
curl -sk "https://127.0.0.1:$SCIM_HTTPS_PORT/metrics" | grep '^scim_fastcgi_connections_total'
