#!/usr/bin/env bash
# The benchmark: throughput, memory and rules load time of newsgraph on
# ../shared/bench/news_bench.jsonl, beside the jieba peer and `wc -m`.
# README.md, "Benchmark", says what it measures; bench/bench.py does it.
#
#   bench/run.sh [--runs N] [--markdown] [--build DIR] [--no-peer]
#
# It builds the CLI and bench/load_rules in DIR (default build-bench/, a
# Release build of its own) before measuring.  Not a test: the figures
# depend on the machine and on what else runs on it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

build="$root/build-bench"
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --build) [[ $# -ge 2 ]] || { echo "run.sh: --build needs a directory" >&2; exit 2; }
                 build=$2; shift 2 ;;
        --build=*) build=${1#--build=}; shift ;;
        -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) args+=("$1"); shift ;;
    esac
done

data="$root/../shared/bench/news_bench.jsonl"
if [[ ! -d "$root/../shared" ]]; then
    echo "run.sh: $root/../shared is absent: the benchmark reads ../shared/bench/news_bench.jsonl next to the repository" >&2
    exit 2
fi
if [[ ! -r "$data" ]]; then
    echo "run.sh: cannot read $data" >&2
    exit 2
fi

# GNU time (peak RSS) and python3-jieba (the peer) come from scripts/deps.sh.
bash "$root/scripts/deps.sh"
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "run.sh: GNU time is needed at /usr/bin/time (Debian package time)" >&2
    exit 2
fi

if [[ -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" >/dev/null   # an existing build keeps its settings
else
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DNG_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target newsgraph_cli ng_bench_load_rules >/dev/null

exec python3 "$root/bench/bench.py" --root "$root" --build "$build" --data "$data" \
    ${args[@]+"${args[@]}"}
