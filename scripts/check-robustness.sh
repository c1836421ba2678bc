#!/usr/bin/env bash
# The robustness suites of `make check`: the unit tests built with AddressSanitizer +
# UndefinedBehaviorSanitizer (any report fails them), and every fuzz target's seed corpus
# and regression inputs replayed through the same sanitizers (tests/fuzz/README.md). Needs
# only g++: the replay binaries are not libFuzzer builds.
# Each fuzz target counts as one test case. The last line is "RESULT <passed> <failed>";
# exits non-zero when anything failed.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1

started=$SECONDS
passed=0
failed=0
reports=$(mktemp -d /tmp/scim-robustness.XXXXXX)
trap 'rm -rf "$reports"' EXIT

# shellcheck source=scripts/lib/counts.sh
source "$repo/scripts/lib/counts.sh"
finish() {
    echo "robustness: $passed passed, $failed failed in $((SECONDS - started)) s"
    echo "RESULT $passed $failed"
    [ "$failed" -eq 0 ]
    exit
}

echo "== sanitize-tests (ASan + UBSan build)"
if ! make --no-print-directory -j2 sanitize-tests >"$reports/build.log" 2>&1; then
    if ! grep -E 'error|Error|undefined reference|No rule to make' "$reports/build.log" | head -n 40; then
        tail -n 40 "$reports/build.log"
    fi
    echo "sanitize-tests: the build failed"
    count 0 1
    finish
fi

# abort_on_error: so that the replay driver names the input a UBSan report came from.
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1
asan_options=abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1
# LeakSanitizer stops the process's threads with ptrace-like machinery that some sandboxes
# refuse; find out once, on a binary with nothing to leak.
export ASAN_OPTIONS=detect_leaks=1:$asan_options
if build/asan/fuzz/router_replay 2>&1 | grep -q 'LeakSanitizer has encountered a fatal error'; then
    echo "note: LeakSanitizer cannot run here; leak detection is off (detect_leaks=0)"
    export ASAN_OPTIONS=detect_leaks=0:$asan_options
fi

run_boost "unit (asan)" build/asan/unit_tests

# Every target named by a tests/fuzz/<target>_fuzz.cpp replays its corpus and regressions.
echo "== fuzz corpus replay (ASan + UBSan)"
for source in tests/fuzz/*_fuzz.cpp; do
    target=$(basename "$source" _fuzz.cpp)
    binary=build/asan/fuzz/${target}_replay
    dirs=()
    for dir in "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target"; do
        [ -d "$dir" ] && dirs+=("$dir")
    done
    if [ ! -x "$binary" ]; then
        echo "fuzz $target: no replay binary (is it in FUZZ_TARGETS in mk/robustness.mk?)"
        count 0 1
        continue
    fi
    if [ ! -d "tests/fuzz/corpus/$target" ]; then
        echo "fuzz $target: no seed corpus in tests/fuzz/corpus/$target/"
        count 0 1
        continue
    fi
    inputs=$(find "${dirs[@]}" -maxdepth 1 -type f | wc -l)
    if "$binary" "${dirs[@]}" >"$reports/$target.log" 2>&1; then
        echo "fuzz $target: $inputs inputs ok"
        count 1 0
    else
        rc=$?
        grep -E 'ERROR|SUMMARY|runtime error|contract violated|terminate called|what\(\)|replay:' \
            "$reports/$target.log" | grep -v 'replay: [0-9]* inputs' | head -n 20
        echo "fuzz $target: FAILED (exit code $rc); rerun: $binary ${dirs[*]}"
        count 0 1
    fi
done

finish
