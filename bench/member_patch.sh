#!/usr/bin/env bash
# Time of one PATCH that adds (then removes) N members of a group, for N = 2,000 and 20,000,
# and of adding 50,000 members to a group of 100,000, against a running stack:
#   bash scripts/stack.sh start && bash bench/member_patch.sh
# Seeds its own organisation of 150,000 users straight into PostgreSQL (bench/seed_users.sql).
# Reads the stack's settings from ${SCIM_VAR_DIR:-var}/stack.env.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
env_file=${SCIM_VAR_DIR:-$repo/var}/stack.env
while IFS= read -r line; do [ -n "$line" ] && export "${line?}"; done <"$env_file"
origin=${SCIM_BASE_URL%%/orgs/*}
org=$(build/scimctl org create "member-bench-$(date +%s)" | tail -1)
app=$(build/scimctl app create "$org" bench | tail -1)
token=$(build/scimctl token create "$app" | tail -1)
base=$origin/orgs/$org/api/v1/scim/v2
psql "$SCIM_DB" -X -q -v org="$org" -v users=150000 -f bench/seed_users.sql
psql "$SCIM_DB" -X -q -c "VACUUM ANALYZE scim_users"
ids=$(mktemp) body=$(mktemp)
trap 'rm -f "$ids" "$body"' EXIT
psql "$SCIM_DB" -X -A -t -c "SELECT id FROM scim_users WHERE org_id = '$org' ORDER BY id" >"$ids"

# body OP FIRST COUNT: a PatchOp with one operation on "members" naming ids FIRST..FIRST+COUNT-1.
body() {
  python3 - "$1" "$2" "$3" "$ids" >"$body" <<'PY'
import json, sys
op, first, count, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ids = [line.strip() for line in open(path)][first:first + count]
print(json.dumps({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                  "Operations": [{"op": op, "path": "members", "value": [{"value": i} for i in ids]}]}))
PY
}
group() {
  curl -sS -k -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/scim+json" "$base/Groups" \
    -d "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"$1\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
patch() {  # LABEL GROUP
  local result
  result=$(curl -sS -k -o /dev/null -w "%{http_code} %{time_total}" -X PATCH -H "Authorization: Bearer $token" \
    -H "Content-Type: application/scim+json" "$base/Groups/$2" --data-binary @"$body")
  printf '%-44s %s %s s\n' "$1" "${result% *}" "${result#* }"
}
for n in 2000 20000; do
  g=$(group "members-$n")
  body add 0 "$n"; patch "add $n members:" "$g"
  body remove 0 "$n"; patch "remove $n members:" "$g"
done
g=$(group "members-150000")
body add 0 100000; patch "add 100000 members (to an empty group):" "$g"
body add 100000 50000; patch "add 50000 members to a group of 100000:" "$g"
