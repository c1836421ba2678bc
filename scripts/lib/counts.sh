# Sourced by the check scripts: test counting shared by every suite.
# REQUIRES: the caller sets passed=0, failed=0 and reports=<a temporary folder>.

count() { passed=$((passed + $1)); failed=$((failed + $2)); }

# Repeats the failure lines of every Boost.Test log at the end of the run, where a CI
# log that keeps only its last lines still shows them.
print_failures() {
    local lines
    lines=$(grep -hE 'error: in|fatal error|failure|memory access violation|Sanitizer' "$reports"/*.log 2>/dev/null | head -n 40)
    [ -n "$lines" ] && printf '== failures\n%s\n' "$lines"
}

# Runs a Boost.Test binary and adds its test-case counts from its XML report; a binary
# that dies before writing the report (every sanitizer report aborts) counts as one failure.
run_boost() {
    local name=$1
    shift
    echo "== $name"
    "$@" --log_level=error --color_output=no --report_format=XML --report_level=short --report_sink="$reports/$name.xml" \
        2>&1 | tee "$reports/$name.log"
    local rc=${PIPESTATUS[0]}
    local ok bad aborted
    ok=$(grep -o 'test_cases_passed="[0-9]*"' "$reports/$name.xml" 2>/dev/null | head -1 | tr -dc 0-9)
    bad=$(grep -o 'test_cases_failed="[0-9]*"' "$reports/$name.xml" 2>/dev/null | head -1 | tr -dc 0-9)
    aborted=$(grep -o 'test_cases_aborted="[0-9]*"' "$reports/$name.xml" 2>/dev/null | head -1 | tr -dc 0-9)
    if [ -z "$ok" ] || [ -z "$bad" ]; then
        echo "$name: no report (exit code $rc)"
        count 0 1
        return
    fi
    bad=$((bad + ${aborted:-0}))
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    echo "$name: $ok passed, $bad failed"
    count "$ok" "$bad"
}
