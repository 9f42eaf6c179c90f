#!/bin/sh
# Builds the libFuzzer harness (tools/fuzz/fuzz_loader.cpp) in build-fuzz and runs it on the seed
# corpus for a bounded time.
# usage: tools/fuzz/run.sh [SECONDS]    (default 60)
# Exits non-zero on a crash, a leak, undefined behaviour, or an input that takes over 5 s; the
# input that did it is saved in build-fuzz/ (crash-*, leak-*, timeout-*).
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-fuzz"
if [ ! -f "$build/build.ninja" ]; then
  CXX=clang++ meson setup "$build" "$root" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false
fi
ninja -C "$build" tools/fuzz/fuzz_loader
# Inputs the run finds go to a scratch directory, so the committed seeds stay as written.
found=$(mktemp -d)
trap 'rm -rf "$found"' EXIT
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$build/tools/fuzz/fuzz_loader" \
  -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=4096 \
  -artifact_prefix="$build/" "$found" "$root/tools/fuzz/corpus"
