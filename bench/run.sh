#!/usr/bin/env bash
# make bench: a private stack, then each request through nginx (TLS, keep-alive) with wrk.
# Per scenario: requests/s, p50, p99, non-2xx answers, the CPU each request cost nginx, the
# workers and PostgreSQL (from /proc of the stack's processes), and the statements and round
# trips it sent to PostgreSQL (pg_stat_statements). Then the plans of the list queries.
#
# Data: a new organisation of 20,000 users seeded over the API on every run (the comparison
# the performance issue names: wrk -t2 -c32), one of 10,000 and one of 1,000,000 users (with
# groups of 100,000 and 10 members and a user in 1,000 groups) seeded straight into
# PostgreSQL once and kept, and 100,000 users with the same userNames in a fourth one.
#   SCIM_BENCH_USERS (default 1000000), SCIM_BENCH_SECONDS per scenario (default 10),
#   SCIM_BENCH_CONNECTIONS (default 4, for the 1,000,000-user scenarios), SCIM_BENCH_VAR
#   (default /tmp/scim-bench), SCIM_BENCH_ONLY=main (only the 20,000-user comparison) or
#   =equality (that and the 10,000 against 1,000,000 equality filters), =paging (those, then
#   paging 1,000,000 users by cursor and by startIndex, and Bulk against single POSTs), or
#   =rest (everything but paging and Bulk), SCIM_WORKERS (4).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
USERS=${SCIM_BENCH_USERS:-1000000}
SECONDS_EACH=${SCIM_BENCH_SECONDS:-10}
CONNECTIONS=${SCIM_BENCH_CONNECTIONS:-4}
MAIN_USERS=20000
export SCIM_VAR_DIR=${SCIM_BENCH_VAR:-/tmp/scim-bench}
export SCIM_HTTPS_PORT=${SCIM_BENCH_PORT:-28743}
export SCIM_WORKERS=${SCIM_WORKERS:-4}
export SCIM_RATE_LIMITS_FILE=$repo/bench/rate-limits.conf
export SCIM_PG_SETTINGS="shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top"

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
sql -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null

# ---------------------------------------------------------------- measuring

# CPU ticks of a process tree: the root and its children, plus what its exited children
# used (cutime, cstime). nginx, the scim-server master and the postmaster each fork their
# workers or backends directly.
ticks() {
    local root=$1 child
    {
        awk '{print $14 + $15 + $16 + $17}' "/proc/$root/stat"
        for child in $(pgrep -P "$root"); do awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || true; done
    } | awk '{s += $1} END {print s + 0}'
}
nginx_pid=$(tr -dc 0-9 <"$SCIM_VAR_DIR/nginx/nginx.pid")
server_pid=$(tr -dc 0-9 <"$SCIM_VAR_DIR/run/scim-server.pid")
pg_pid=$(head -n 1 "$SCIM_VAR_DIR/pg/postmaster.pid")
hz=$(getconf CLK_TCK)
# Statements PostgreSQL ran (pg_stat_statements), and the round trips the workers made for
# them (statements, prepares and transaction commands; scim_database_round_trips_total).
statements() { sql -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements"; }
round_trips() {
    curl -sk "https://127.0.0.1:$SCIM_HTTPS_PORT/metrics" | awk '$1 == "scim_database_round_trips_total" {print $2}'
}
snapshot() { echo "$(ticks "$nginx_pid") $(ticks "$server_pid") $(ticks "$pg_pid") $(statements) $(round_trips)"; }

printf '\n%-46s %4s %9s %9s %9s %5s %7s %7s %7s %6s %6s\n' scenario conn "req/s" p50 p99 non2xx \
    "nginx" "workers" "pg" "stmts" "trips"
printf '%-46s %4s %9s %9s %9s %5s %7s %7s %7s %6s %6s\n' "" "" "" "" "" "" "µs/req" "µs/req" "µs/req" "/req" "/req"
# measure NAME CONNECTIONS THREADS URL [wrk arguments...]
measure() {
    local name=$1 conn=$2 threads=$3 url=$4
    shift 4
    local before after out started elapsed
    before=$(snapshot)
    started=$(date +%s%N)
    if [[ -n ${UNTIL_SQL:-} ]]; then
        # wrk waits out -d even when its threads stopped: interrupt it (it then reports)
        # once the statement says the work is done.
        local log pid
        log=$(mktemp)
        wrk -t"$threads" -c"$conn" -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $TOKEN" "$@" "$url" >"$log" 2>&1 &
        pid=$!
        until [[ $(sql -c "$UNTIL_SQL") == t ]] || ! kill -0 "$pid" 2>/dev/null; do sleep 0.25; done
        kill -INT "$pid" 2>/dev/null || true
        wait "$pid" || true
        out=$(cat "$log")
        rm -f "$log"
    else
        out=$(wrk -t"$threads" -c"$conn" -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $TOKEN" "$@" "$url" 2>&1)
    fi
    elapsed=$(( $(date +%s%N) - started ))
    after=$(snapshot)
    # requests/s over the wall time: a run whose threads stop early (seeding) ends before -d.
    awk -v name="$name" -v conn="$conn" -v hz="$hz" -v before="$before" -v after="$after" -v ns="$elapsed" '
        $1 == "50%" {p50 = $2}
        $1 == "99%" {p99 = $2}
        /requests in/ {n = $1}
        /Non-2xx or 3xx/ {bad = $5}
        END {
            split(before, b, " "); split(after, a, " ")
            us = 1e6 / hz
            if (n == 0) n = 1
            rps = sprintf("%.1f", n * 1e9 / ns)
            # the first snapshot'\''s own query is counted in the second
            st = (a[4] - b[4] - 1) / n; trips = (a[5] - b[5]) / n
            printf "%-46s %4s %9s %9s %9s %5s %7.0f %7.0f %7.0f %6.2f %6.2f\n", name, conn, rps, p50, p99, bad + 0,
                (a[1] - b[1]) * us / n, (a[2] - b[2]) * us / n, (a[3] - b[3]) * us / n, st, trips
        }' <<<"$out"
}
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
origin="https://127.0.0.1:$SCIM_HTTPS_PORT"
flt() { printf '%s/Users?filter=%s' "$1" "$(enc "$2")"; }

# ---------------------------------------------------------------- the 20,000-user comparison

run_id=$(date +%s)
if [[ ${SCIM_BENCH_ONLY:-} != paging ]]; then
ORG=$(ctl org create "bench-main-$run_id")
TOKEN=$(ctl token create "$(ctl app create "$ORG" bench)")
export SCIM_BENCH_TOKEN=$TOKEN
base="$origin/orgs/$ORG/api/v1/scim/v2"
# Seeding over the API: 2 threads of 16 connections, each stopping after half the users.
UNTIL_SQL="SELECT count(*) >= $MAIN_USERS FROM scim_users WHERE org_id = '$ORG'" \
SCIM_BENCH_RUN=$run_id-seed SCIM_BENCH_PATH="/orgs/$ORG/api/v1/scim/v2/Users" SCIM_BENCH_LIMIT=$((MAIN_USERS / 2)) SECONDS_EACH=300 \
    measure "seed $MAIN_USERS users over the API (POST)" 32 2 "$base/Users" -s bench/post_users.lua
created=$(sql -c "SELECT count(*) FROM scim_users WHERE org_id = '$ORG'")
echo "  (created $created users)"
# What autovacuum would do after the seeding, now rather than during a measurement.
sql -c "VACUUM ANALYZE scim_users" -c "VACUUM ANALYZE audit_log" -c "VACUUM ANALYZE scim_resource_counts"
ids=$SCIM_VAR_DIR/bench-ids.txt
sql -c "SELECT id FROM scim_users WHERE org_id = '$ORG' ORDER BY id" >"$ids"
some_id=$(sed -n '4242p' "$ids")
some_name=$(sql -c "SELECT user_name FROM scim_users WHERE org_id = '$ORG' AND id = '$some_id'")
wrk -t2 -c32 -d3s -H "Authorization: Bearer $TOKEN" "$base/Users/$some_id" >/dev/null 2>&1
# The stack's own limit: a fixed body from a worker, through the same nginx and TLS.
measure "GET /healthz (fixed body, no database)" 32 2 "$origin/healthz"
measure "GET /Users/{id}" 32 2 "$base/Users/$some_id"
measure "filter=userName eq" 32 2 "$(flt "$base" "userName eq \"$some_name\"")"
measure "page of 100 (startIndex=1&count=100)" 32 2 "$base/Users?startIndex=1&count=100"
measure "page of 100 (startIndex=10001&count=100)" 32 2 "$base/Users?startIndex=10001&count=100"
SCIM_BENCH_PATH="/orgs/$ORG/api/v1/scim/v2/Users" SCIM_BENCH_IDS=$ids \
    measure "PATCH replace active, name.givenName" 32 2 "$base/Users" -s bench/patch_users.lua
SCIM_BENCH_RUN=$run_id-post SCIM_BENCH_PATH="/orgs/$ORG/api/v1/scim/v2/Users" \
    measure "POST /Users" 32 2 "$base/Users" -s bench/post_users.lua
fi
[[ ${SCIM_BENCH_ONLY:-} == main ]] && exit 0

# ---------------------------------------------------------------- 10,000 and 1,000,000 users

state=$SCIM_VAR_DIR/bench-$USERS.env
if [ ! -f "$state" ]; then
    echo "seeding $USERS, $((USERS / 10)) and 10,000 users straight into PostgreSQL ..."
    org_a=$(ctl org create bench-a)
    org_b=$(ctl org create bench-b)
    org_s=$(ctl org create bench-small)
    token_a=$(ctl token create "$(ctl app create "$org_a" bench)")
    token_s=$(ctl token create "$(ctl app create "$org_s" bench)")
    start=$(date +%s)
    sql -v org="$org_a" -v users="$USERS" -f bench/seed_users.sql
    sql -v org="$org_b" -v users="$((USERS / 10))" -f bench/seed_users.sql
    sql -v org="$org_s" -v users=10000 -f bench/seed_users.sql
    sql -v org="$org_a" -f bench/seed_groups.sql
    sql -c "ANALYZE scim_users" -c "ANALYZE scim_groups" -c "ANALYZE scim_group_members"
    echo "seeded in $(($(date +%s) - start)) s"
    printf 'ORG_A=%s\nTOKEN_A=%s\nORG_S=%s\nTOKEN_S=%s\n' "$org_a" "$token_a" "$org_s" "$token_s" >"$state"
fi
# shellcheck disable=SC1090
source "$state"
small="$origin/orgs/$ORG_S/api/v1/scim/v2"
base="$origin/orgs/$ORG_A/api/v1/scim/v2"

if [[ ${SCIM_BENCH_ONLY:-} != paging ]]; then
echo
echo "Equality filters, 10,000 against 1,000,000 users (each a user in no group):"
for users in 10000 $USERS; do
    # The first 100,000 users of the large organisation are members of a group.
    if [[ $users == 10000 ]]; then TOKEN=$TOKEN_S url=$small n=4242; else TOKEN=$TOKEN_A url=$base n=424242; fi
    wrk -t2 -c32 -d3s -H "Authorization: Bearer $TOKEN" "$(flt "$url" "userName eq \"user$n@example.com\"")" >/dev/null 2>&1
    measure "userName eq ($users users)" 32 2 "$(flt "$url" "userName eq \"user$n@example.com\"")"
    measure "externalId eq ($users users)" 32 2 "$(flt "$url" "externalId eq \"ext-$n\"")"
    measure "emails.value eq ($users users)" 32 2 "$(flt "$url" "emails.value eq \"user$n@example.com\"")"
done

fi
[[ ${SCIM_BENCH_ONLY:-} == equality ]] && exit 0

# ---------------------------------------------------------------- paging and Bulk (RFC 9865, RFC 7644 §3.7)
if [[ ${SCIM_BENCH_ONLY:-} != rest ]]; then
    echo
    echo "Paging through $USERS users with count=100, one request at a time:"
    python3 bench/paging.py "$base" "$TOKEN_A" "$USERS"
    echo
    echo "1,000 user creates, single POSTs against one Bulk request (a new organisation):"
    org_bulk=$(ctl org create "bench-bulk-$run_id")
    python3 bench/bulk.py "$origin/orgs/$org_bulk/api/v1/scim/v2" "$(ctl token create "$(ctl app create "$org_bulk" bench)")"
fi
[[ ${SCIM_BENCH_ONLY:-} == paging ]] && exit 0
TOKEN=$TOKEN_A
export SCIM_BENCH_TOKEN=$TOKEN
user_id=$(sql -c "SELECT id FROM scim_users WHERE org_id = '$ORG_A' AND user_name = 'user1@example.com'")
plain_id=$(sql -c "SELECT id FROM scim_users WHERE org_id = '$ORG_A' AND user_name = 'user2@example.com'")
big=$(sql -c "SELECT id FROM scim_groups WHERE org_id = '$ORG_A' AND display_name = 'Big'")
small_group=$(sql -c "SELECT id FROM scim_groups WHERE org_id = '$ORG_A' AND display_name = 'Small'")
outsider=$(sql -c "SELECT id FROM scim_users WHERE org_id = '$ORG_A' AND user_name = 'user$USERS@example.com'")
C=$CONNECTIONS
echo
echo "1,000,000 users:"
measure "GET /Users/{id}" $C 1 "$base/Users/$plain_id"
measure "userName eq (missing)" $C 1 "$(flt "$base" 'userName eq "nobody@example.com"')"
measure "userName sw (111 matches, 100 returned)" $C 1 "$(flt "$base" 'userName sw "user4242"')"
measure "name.familyName co (200 matches, 100 returned)" $C 1 "$(flt "$base" 'name.familyName co "ily4242"')&count=100"
measure "compound and/or" $C 1 "$(flt "$base" '(userName eq "user7@example.com" or externalId eq "ext-8") and active eq true')"
measure "page of 100 by userName, startIndex 1" $C 1 "$base/Users?sortBy=userName&count=100&startIndex=1"
measure "count=0 total" $C 1 "$base/Users?count=0"
measure "GET group of 100,000, excludedAttributes=members" $C 1 "$base/Groups/$big?excludedAttributes=members"
measure "GET user in 1,000 groups" $C 1 "$base/Users/$user_id"
# Writes to one resource serialize on its row lock: one client, as an IdP syncing one group.
measure "GET user in 1,000 groups" 1 1 "$base/Users/$user_id"
export SCIM_BENCH_PATH="/orgs/$ORG_A/api/v1/scim/v2/Groups/$big" SCIM_BENCH_MEMBER=$outsider
measure "PATCH add/remove member, group of 100,000" 1 1 "$base/Groups/$big" -s bench/toggle_member.lua
export SCIM_BENCH_PATH="/orgs/$ORG_A/api/v1/scim/v2/Groups/$small_group"
measure "PATCH add/remove member, group of 10" 1 1 "$base/Groups/$small_group" -s bench/toggle_member.lua
export SCIM_BENCH_PATH="/orgs/$ORG_A/api/v1/scim/v2/Users/$outsider"
measure "PATCH replace active (Okta shape)" 1 1 "$base/Users/$outsider" -s bench/patch_user.lua
# Slow requests last, each followed by a pause: wrk stops sending at the deadline, but the
# server still finishes the requests in flight, which would weigh on the next scenario.
measure "page of 100 by userName, startIndex $((USERS / 2))" $C 1 "$base/Users?sortBy=userName&count=100&startIndex=$((USERS / 2))"
sleep 15
measure "GET group of 100,000 with members" $C 1 "$base/Groups/$big"
sleep 15
start=$(date +%s%N)
curl -sk -o /dev/null -X POST "$base/Groups" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/scim+json' \
    --data-binary @<(sql -c "SELECT json_build_object('schemas', json_build_array('urn:ietf:params:scim:schemas:core:2.0:Group'),
        'displayName', 'Bulk ' || now(), 'members', json_agg(json_build_object('value', id))) FROM
        (SELECT id FROM scim_users WHERE org_id = '$ORG_A' LIMIT 10000) s")
printf '%-46s %4s %9s %9s\n' "POST group with 10,000 members (one request)" 1 "-" "$(( ($(date +%s%N) - start) / 1000000 ))ms"

echo
echo "PostgreSQL plans of the generated queries (EXPLAIN ANALYZE):"
for f in 'userName eq "user4242@example.com"' 'externalId eq "ext-4242"' 'emails.value eq "user4242@example.com"' \
         'emails[type eq "work"].value eq "user4242@example.com"' 'emails[type eq "work" and value eq "user4242@example.com"]' \
         'userName sw "user4242"' 'name.familyName co "ily4242"' \
         '(userName eq "user7@example.com" or externalId eq "ext-8") and active eq true' \
         'meta.lastModified gt "2030-01-01T00:00:00Z"'; do
    echo "== filter: $f"
    build/scimctl explain "$ORG_A" Users "$f" "" 100 1 | grep -vE '^\s*(Planning|Buffers: shared hit=[0-9]+$)'
done
echo "== sortBy=userName, startIndex 1"
build/scimctl explain "$ORG_A" Users "" userName 100 1
