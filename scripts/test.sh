#!/usr/bin/env bash
# Install what is missing, build, and run every test (ctest).  With $CI
# set, compiler warnings are errors.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh
werror=OFF
[[ -n "${CI:-}" ]] && werror=ON
cmake -S . -B build -DNG_WERROR="$werror" -DNG_BUILD_TESTS=ON
cmake --build build -j2
status=0
ctest --test-dir build --output-on-failure || status=$?
exit "$status"
