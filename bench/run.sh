#!/usr/bin/env bash
# make bench: seeds a private stack (1,000,000 users in one organisation, 100,000 with
# overlapping userNames in another, groups of 100,000 and 10 members, a user in 1,000
# groups), then measures each request through nginx with wrk and prints requests/s,
# p50 and p99, followed by the PostgreSQL plans of the generated list queries.
#   SCIM_BENCH_USERS (default 1000000), SCIM_BENCH_SECONDS per scenario (default 10),
#   SCIM_BENCH_CONNECTIONS (default 4), SCIM_BENCH_VAR (default /tmp/scim-bench; kept so
#   that a second run does not seed again).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
USERS=${SCIM_BENCH_USERS:-1000000}
USERS_B=$((USERS / 10))
SECONDS_EACH=${SCIM_BENCH_SECONDS:-10}
CONNECTIONS=${SCIM_BENCH_CONNECTIONS:-4}
export SCIM_VAR_DIR=${SCIM_BENCH_VAR:-/tmp/scim-bench}
export SCIM_HTTPS_PORT=${SCIM_BENCH_PORT:-28743}
export SCIM_WORKERS=${SCIM_WORKERS:-4}
export SCIM_RATE_LIMITS_FILE=$repo/bench/rate-limits.conf

if ! command -v wrk >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

bash scripts/stack.sh start >/dev/null
trap 'bash scripts/stack.sh stop >/dev/null 2>&1' EXIT
SCIM_DB=$(sed -n 's/^SCIM_DB=//p' "$SCIM_VAR_DIR/stack.env")
export SCIM_DB
ctl() { build/scimctl "$@" | tail -n 1; }
psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
sql() { "$psql_bin" -X -q -t -A "$SCIM_DB" "$@"; }

state=$SCIM_VAR_DIR/bench-$USERS.env
if [ ! -f "$state" ]; then
    echo "seeding $USERS users (+ $USERS_B in a second organisation) ..."
    org_a=$(ctl org create bench-a)
    org_b=$(ctl org create bench-b)
    token=$(ctl token create "$(ctl app create "$org_a" bench)")
    start=$(date +%s)
    sql -v org_a="$org_a" -v org_b="$org_b" -v users="$USERS" -v users_b="$USERS_B" -f bench/seed.sql
    echo "seeded in $(($(date +%s) - start)) s"
    printf 'ORG_A=%s\nTOKEN=%s\n' "$org_a" "$token" >"$state"
fi
# shellcheck disable=SC1090
source "$state"
base="https://127.0.0.1:$SCIM_HTTPS_PORT/orgs/$ORG_A/api/v1/scim/v2"
export SCIM_BENCH_TOKEN=$TOKEN
user_id=$(sql -c "SELECT id FROM scim_users WHERE org_id = '$ORG_A' AND user_name = 'user1@example.com'")
plain_id=$(sql -c "SELECT id FROM scim_users WHERE org_id = '$ORG_A' AND user_name = 'user2@example.com'")
big=$(sql -c "SELECT id FROM scim_groups WHERE org_id = '$ORG_A' AND display_name = 'Big'")
small=$(sql -c "SELECT id FROM scim_groups WHERE org_id = '$ORG_A' AND display_name = 'Small'")
outsider=$(sql -c "SELECT id FROM scim_users WHERE org_id = '$ORG_A' AND user_name = 'user$USERS@example.com'")
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1" 2>/dev/null ||
        printf '%s' "$1" | sed 's/ /%20/g; s/"/%22/g'; }

printf '\n%-44s %10s %9s %9s %6s\n' scenario "req/s" "p50" "p99" "errors"
run() {  # name, URL, then more wrk arguments; CONNECTIONS may be overridden per call
    local name=$1 url=$2
    shift 2
    local out
    out=$(wrk -t1 -c"${CONN:-$CONNECTIONS}" -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $TOKEN" "$@" "$url" 2>&1)
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")
    printf '%-44s %10s %9s %9s %6s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
}
flt() { printf '%s/Users?filter=%s' "$base" "$(enc "$1")"; }

# Warm the caches and the workers' connections before anything is measured.
wrk -t1 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $TOKEN" "$(flt 'userName eq "user4242@example.com"')" >/dev/null 2>&1
run "GET /Users/{id}" "$base/Users/$plain_id"
run "userName eq (existing)" "$(flt 'userName eq "user4242@example.com"')"
run "userName eq (missing)" "$(flt 'userName eq "nobody@example.com"')"
run "externalId eq" "$(flt 'externalId eq "ext-4242"')"
run "emails.value eq" "$(flt 'emails.value eq "user4242@example.com"')"
run "userName sw" "$(flt 'userName sw "user4242"')"
run "name.familyName co" "$(flt 'name.familyName co "ily4242"')&count=100"
run "compound and/or" "$(flt '(userName eq "user7@example.com" or externalId eq "ext-8") and active eq true')"
run "page of 100 by userName, startIndex 1" "$base/Users?sortBy=userName&count=100&startIndex=1"
run "count=0 total" "$base/Users?count=0"
run "GET group of 100,000, excludedAttributes=members" "$base/Groups/$big?excludedAttributes=members"
run "GET user in 1,000 groups" "$base/Users/$user_id"
# Writes to one resource serialize on its row lock: one client, as an IdP syncing one group.
CONN=1 run "GET user in 1,000 groups (1 connection)" "$base/Users/$user_id"
export SCIM_BENCH_PATH="/orgs/$ORG_A/api/v1/scim/v2/Groups/$big" SCIM_BENCH_MEMBER=$outsider
CONN=1 run "PATCH add/remove member, group of 100,000" "$base/Groups/$big" -s bench/toggle_member.lua
export SCIM_BENCH_PATH="/orgs/$ORG_A/api/v1/scim/v2/Groups/$small"
CONN=1 run "PATCH add/remove member, group of 10" "$base/Groups/$small" -s bench/toggle_member.lua
export SCIM_BENCH_PATH="/orgs/$ORG_A/api/v1/scim/v2/Users/$outsider"
CONN=1 run "PATCH replace active" "$base/Users/$outsider" -s bench/patch_user.lua
# Slow requests last, each followed by a pause: wrk stops sending at the deadline, but the
# server still finishes the requests in flight, which would weigh on the next scenario.
run "page of 100 by userName, startIndex $((USERS / 2))" "$base/Users?sortBy=userName&count=100&startIndex=$((USERS / 2))"
sleep 15
run "GET group of 100,000 with members" "$base/Groups/$big"
sleep 15
start=$(date +%s%N)
curl -sk -o /dev/null -X POST "$base/Groups" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/scim+json' \
    --data-binary @<(sql -c "SELECT json_build_object('schemas', json_build_array('urn:ietf:params:scim:schemas:core:2.0:Group'),
        'displayName', 'Bulk ' || now(), 'members', json_agg(json_build_object('value', id))) FROM
        (SELECT id FROM scim_users WHERE org_id = '$ORG_A' LIMIT 10000) s")
printf '%-44s %10s %9s\n' "POST group with 10,000 members (one request)" "-" "$(( ($(date +%s%N) - start) / 1000000 ))ms"

echo
echo "PostgreSQL plans of the generated queries (EXPLAIN ANALYZE):"
for f in 'userName eq "user4242@example.com"' 'externalId eq "ext-4242"' 'emails.value eq "user4242@example.com"' \
         'userName sw "user4242"' 'name.familyName co "ily4242"' \
         '(userName eq "user7@example.com" or externalId eq "ext-8") and active eq true' \
         'meta.lastModified gt "2030-01-01T00:00:00Z"'; do
    echo "== filter: $f"
    build/scimctl explain "$ORG_A" Users "$f" "" 100 1 | grep -vE '^\s*(Planning|Buffers: shared hit=[0-9]+$)'
done
echo "== sortBy=userName, startIndex 1"
build/scimctl explain "$ORG_A" Users "" userName 100 1
