#!/usr/bin/env bash
# The build sequence an operator runs, in a temporary copy of the tree: `make deb`, then
# `make`, `make run` (until the stack says it runs; then Ctrl-C) and `make check`. A `make deb`
# once left a build/deb-stage/usr/lib/sysusers.d directory that the dependency include read as
# a file, so that every later make failed; this keeps that class of breakage out.
# The copy starts from this tree's build/ (so only what is stale is rebuilt), runs on its own
# var/ folder and port, and its make check skips this script (SCIM_CHECK_NESTED).
# Last line: "RESULT <passed> <failed>".
set -u
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
tmp=$(mktemp -d /tmp/scim-sequence.XXXXXX)
copy=$tmp/tree
run_pid=
cleanup() {
  [ -n "$run_pid" ] && kill -TERM -- "-$run_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
failed=0
# step NAME COMMAND...: one counted step, run in the copy; its log's tail shown on failure.
step() {
  local name=$1 log=$tmp/$1.log
  shift
  if (cd "$copy" && "$@") >"$log" 2>&1; then
    echo "sequence: ok   $name"
    passed=$((passed + 1))
  else
    echo "sequence: FAIL $name"
    tail -n 30 "$log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

# A make of its own: not the jobserver or the variables of the make that runs this script,
# nor the settings of the stack that scripts/check.sh started before (its folder is gone).
STACK_VARS=(-u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SCIM_VAR_DIR -u SCIM_HTTPS_PORT -u SCIM_WORKERS
  -u SCIM_RATE_LIMITS_FILE -u SCIM_STATEMENT_TIMEOUT_MS -u SCIM_CURSOR_TIMEOUT_SECONDS -u SCIM_REQUEST_TIMEOUT_MS -u SCIM_PG_SETTINGS
  -u SCIM_DB -u SCIM_TOKEN -u SCIM_BASE_URL -u SCIMCTL -u SCIM_STACK_SCRIPT
  -u SCIM_PORTAL_URL -u SCIM_PORTAL_EMAIL -u SCIM_PORTAL_PASSWORD)
mk() { env "${STACK_VARS[@]}" make --no-print-directory "$@"; }

# shellcheck source=scripts/lib/free_port.sh
source "$repo/scripts/lib/free_port.sh"

# make run stays in the foreground; it is stopped once it serves, as Ctrl-C or SIGTERM would
# stop it (SIGTERM: a background job of a script ignores SIGINT), and must leave nothing running.
make_run() {
  local port log=$tmp/run-output.log
  port=$(free_port)
  setsid env "${STACK_VARS[@]}" SCIM_VAR_DIR="$tmp/var" SCIM_HTTPS_PORT="$port" make --no-print-directory run \
    >"$log" 2>&1 &
  run_pid=$!
  local ok=1
  # scripts/stack.sh says "running" once PostgreSQL, the workers and nginx all serve.
  for _ in $(seq 1 240); do
    if grep -q 'running; Ctrl-C stops the stack' "$log"; then
      ok=0
      break
    fi
    kill -0 "$run_pid" 2>/dev/null || break
    sleep 0.5
  done
  grep -q '^SCIM_BASE_URL=' "$log" || ok=1
  kill -TERM -- "-$run_pid" 2>/dev/null
  for _ in $(seq 1 120); do
    kill -0 -- "-$run_pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 -- "-$run_pid" 2>/dev/null; then
    echo "make run did not stop within 60 s of SIGTERM"
    kill -KILL -- "-$run_pid" 2>/dev/null
    ok=1
  fi
  run_pid=
  # PostgreSQL, the workers and nginx run in sessions of their own: none may be left.
  local left
  left=$(pgrep -f -- "$tmp/" || true)
  if [ -n "$left" ]; then
    echo "left running after make run stopped: $left"
    # shellcheck disable=SC2086
    kill -TERM $left 2>/dev/null
    ok=1
  fi
  cat "$log"
  return $ok
}

nested_check() {
  SCIM_CHECK_NESTED=1 mk check >"$tmp/check-output.log" 2>&1
  local rc=$?
  tail -n 5 "$tmp/check-output.log"
  [ $rc -eq 0 ] && tail -n 1 "$tmp/check-output.log" | grep -qE '^[0-9]+ passed, 0 failed$'
}

mkdir -p "$copy"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$copy"
else
  (cd "$repo" && tar --exclude=./build --exclude=./var -cf - .) | tar -xf - -C "$copy"
fi
[ -d "$repo/build" ] && cp -a "$repo/build" "$copy/build"
rm -rf "$copy/build/deb-stage"

step "make deb" mk deb
step "make after make deb" mk
step "make run after make deb" make_run
step "make check after make deb" nested_check
[ -f "$tmp/check-output.log" ] && echo "sequence: the copy's make check said: $(tail -n 1 "$tmp/check-output.log")"

echo "RESULT $passed $failed"
[ "$failed" -eq 0 ]
