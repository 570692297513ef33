#!/usr/bin/env bash
# Build the libFuzzer targets (fuzz/*.c) with clang and run each over its
# seed corpus (fuzz/corpus/<target>/, read only: new inputs go to a
# scratch directory).  Exits 0 without running when clang has no libFuzzer.
#   fuzz/run.sh                       a smoke run: FUZZ_RUNS (20000) inputs each
#   FUZZ_TIME=3600 fuzz/run.sh        a long run: an hour per target
#   FUZZ_KEEP=1 ...                   copy what the run found into fuzz/corpus/
# FUZZ_BUILD_DIR overrides the build directory (default: build-fuzz/); a crashing
# input is kept there (fuzz/<target>-crash-...).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
cc=${FUZZ_CC:-clang}

probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }' >"$probe/p.c"
if ! command -v "$cc" >/dev/null || ! "$cc" -fsanitize=fuzzer,address "$probe/p.c" -o "$probe/p" 2>/dev/null; then
    echo "fuzz: $cc with libFuzzer not available: skipped"
    exit 0
fi

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER="$cc" -DWS2POSIX_FUZZ=ON -DWS2POSIX_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "${WS2P_JOBS:-2}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
limit=(-runs="${FUZZ_RUNS:-20000}")
[ -n "${FUZZ_TIME:-}" ] && limit=(-max_total_time="$FUZZ_TIME")
failed=0
for exe in "$build"/fuzz/fuzz_*; do
    name=${exe##*/fuzz_}
    seeds=$root/fuzz/corpus/$name
    found=$probe/$name
    mkdir -p "$found" "$seeds"
    echo "==> fuzz_$name ${limit[*]}"
    if ! (cd "$probe" && "$exe" "${limit[@]}" -max_len=256 -timeout=10 -print_final_stats=1 -artifact_prefix="$build/fuzz/$name-" "$found" "$seeds" 2>&1 | tail -n 15); then
        failed=1
    fi
    if [ "$failed" = 0 ] && [ -n "${FUZZ_KEEP:-}" ]; then
        "$exe" -merge=1 "$seeds" "$found" >/dev/null 2>&1
    fi
done
exit "$failed"
