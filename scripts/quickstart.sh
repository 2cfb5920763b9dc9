#!/usr/bin/env bash
# Install what is missing, build, and extract the bundled corpus.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j2 >/dev/null
./build/cli/newsgraph corpus/*.txt
