#!/usr/bin/env bash
# Runs every suite of `make check`: the layering check, the unit tests, and the
# integration tests against a private stack (PostgreSQL, workers, nginx with TLS) that
# this script starts in a temporary folder on a free port and stops again.
# Ends with one line "N passed, N failed" and exits non-zero when anything failed.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

passed=0
failed=0
reports=$(mktemp -d /tmp/scim-reports.XXXXXX)

# shellcheck source=scripts/lib/counts.sh
source "$repo/scripts/lib/counts.sh"
# shellcheck source=scripts/lib/free_port.sh
source "$repo/scripts/lib/free_port.sh"

# Layering (shared/DESIGN.md §3): the pure core does no I/O; only fcgi/ sees libfcgi,
# only store/ sees SOCI and libpq.
check_layering() {
    echo "== layering"
    local bad=0
    if grep -rlE '#include [<"](fcgiapp|fcgio|fcgi_stdio)\.h' src | grep -v '^src/fcgi/' | grep -v '^src/main.cpp$'; then
        echo "layering: libfcgi included outside src/fcgi/ and src/main.cpp"; bad=1
    fi
    if grep -rlE '#include [<"](soci/|libpq-fe\.h)' src | grep -v '^src/store/'; then
        echo "layering: SOCI/libpq included outside src/store/"; bad=1
    fi
    if grep -rlE '#include [<"](fcgiapp\.h|soci/|libpq|store/|app/|handlers/|fcgi/|http/)' src/scim; then
        echo "layering: src/scim/ must stay pure (no I/O layers)"; bad=1
    fi
    if [ $bad -eq 0 ]; then echo "layering: ok"; count 1 0; else count 0 1; fi
}


run_integration() {
    echo "== integration (private stack)"
    local var port
    var=$(mktemp -d /tmp/scim-check.XXXXXX)
    port=$(free_port)
    export SCIM_VAR_DIR=$var SCIM_HTTPS_PORT=$port SCIM_WORKERS=2
    # Deadlines short enough for tests/integration/deadlines_test.cpp to meet them quickly.
    export SCIM_STATEMENT_TIMEOUT_MS=3000
    # Cursors that expire within seconds, for cursor_test's expiredCursor case.
    export SCIM_CURSOR_TIMEOUT_SECONDS=8
    # The production zones, but for the per-address rates: every test request comes from
    # 127.0.0.1, so that one bucket would pace the whole suite by how fast this machine
    # runs it. The per-organisation limits, which the tests exercise, stay as shipped.
    export SCIM_RATE_LIMITS_FILE=$var/rate-limits.conf
    sed -E 's/(zone=scim_[a-z_]*per_address:[^ ]+) rate=[^;]+;/\1 rate=1000000r\/s;/' \
        nginx/snippets/scim-rate-limits.conf >"$SCIM_RATE_LIMITS_FILE"
    if ! bash scripts/stack.sh start >"$reports/stack-start.log" 2>&1; then
        cat "$reports/stack-start.log"
        echo "integration: the stack did not start"
        count 0 1
        bash scripts/stack.sh stop >/dev/null 2>&1
        return
    fi
    trap 'bash scripts/stack.sh stop >/dev/null 2>&1' EXIT
    while IFS= read -r line; do
        [ -n "$line" ] && export "${line?}"
    done <"$var/stack.env"
    export SCIMCTL=$repo/build/scimctl SCIM_STACK_SCRIPT=$repo/scripts/stack.sh
    # The portal in headless Chromium, against the same stack (its demo administrator); first,
    # as the integration suite ends by stopping the server (zz_lifecycle_test).
    run_script browser tests/browser/portal_flow_test.py
    run_boost integration build/integration_tests
    bash scripts/stack.sh stop >/dev/null 2>&1
    trap - EXIT
    if [ "$failed" -gt 0 ]; then
        echo "-- last lines of the worker log ($var/log/scim.log)"
        tail -n 20 "$var/log/scim.log" 2>/dev/null
    else
        rm -rf "$var"
    fi
}

# A script that ends with "RESULT <passed> <failed>" adds its counts; one that dies without
# that line counts as one failure.
run_script() {
    local name=$1 script=$2
    echo "== $name"
    local out rc
    # Debian's own Python, where python3-selenium is installed.
    if [[ $script == *.py ]]; then out=$(/usr/bin/python3 "$script" 2>&1); else out=$(bash "$script" 2>&1); fi
    rc=$?
    printf '%s\n' "$out" >"$reports/$name.log"
    printf '%s\n' "$out" | grep -v '^RESULT '
    local result
    result=$(printf '%s\n' "$out" | grep '^RESULT [0-9]* [0-9]*$' | tail -n 1)
    if [ -z "$result" ]; then
        echo "$name: no result (exit code $rc)"
        count 0 1
        return
    fi
    local ok bad
    read -r _ ok bad <<<"$result"
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    echo "$name: $ok passed, $bad failed"
    count "$ok" "$bad"
}

check_layering
run_boost unit build/unit_tests
[ -f scripts/check-robustness.sh ] && run_script robustness scripts/check-robustness.sh
run_script deploy scripts/check-deploy.sh
run_integration
# make deb, then make, make run and make check in a copy; not inside that copy's own check.
if [ -z "${SCIM_CHECK_NESTED:-}" ]; then
    run_script sequence scripts/check-sequence.sh
fi
print_failures
rm -rf "$reports"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
