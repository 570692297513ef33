#!/usr/bin/env bash
# Build ws2posix and run the whole test suite with ctest: every test/*.c
# Winsock program plus test/special (headers in every include order, C++,
# libc coexistence, exported symbols, installed package).  Works from a
# fresh clone on Debian (installs what is missing).
# BUILD_DIR overrides the build directory (default: build/), BUILD_TYPE the
# CMake build type (default: Release); extra arguments
# go to cmake (e.g. -DWS2POSIX_SANITIZE=ON).  CTEST_ARGS adds ctest options.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ws2p_need_packages "${WS2P_PACKAGES[@]}"
ws2p_configure_build "$WS2P_BUILD" -DCMAKE_BUILD_TYPE="$WS2P_BUILD_TYPE" "$@"

echo "==> ctest (in $WS2P_BUILD)"
cd "$WS2P_BUILD"
# shellcheck disable=SC2086
ctest --output-on-failure -j "$WS2P_JOBS" ${CTEST_ARGS:-}
