#!/usr/bin/env bash
# The whole test suite, as CI runs it: builds what is missing, runs every test in a normal build
# and in an AddressSanitizer/UndefinedBehaviorSanitizer build, then fuzzes the document loader
# for a bounded time. Ends with one line "tests: N passed, M failed".
#
#   tools/test.sh [--quick]      --quick: normal build only, no sanitizers, no fuzzing
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# cae refuses plugin libraries that group or others may write; under a umask such as 002 the
# example plugin the tests load would be one.
umask 022
quick=0
[[ ${1:-} == --quick ]] && quick=1
fuzz_seconds="${CAE_FUZZ_SECONDS:-60}"

passed=0
failed=0
count_results() {  # adds the results of one meson test run to the totals
  local log="$1/meson-logs/testlog.json"
  [[ -f $log ]] || { failed=$((failed + 1)); return; }
  local ok bad
  ok=$(grep -c '"result": "OK"' "$log")
  bad=$(grep -c -E '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log")
  passed=$((passed + ok))
  failed=$((failed + bad))
}

run_suite() {  # BUILD_DIR [MESON_OPTION...]
  local build="$1"
  shift
  echo "== $build: build and test" >&2
  if ! tools/setup.sh "$build" "$@"; then
    echo "== $build: build failed" >&2
    failed=$((failed + 1))
    return
  fi
  meson test -C "$build" --print-errorlogs --num-processes 2 || true
  count_results "$build"
}

run_suite build
if ((!quick)); then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$root/tools/lsan-libwebsockets.supp" \
    run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
  if [[ -x tools/fuzz/run.sh ]]; then
    echo "== fuzzing the loader for ${fuzz_seconds} s" >&2
    if tools/fuzz/run.sh "$fuzz_seconds"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
    fi
  fi
fi

echo "tests: $passed passed, $failed failed"
((failed == 0))
