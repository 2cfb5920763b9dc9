#!/usr/bin/env bash
# CI after scripts/test.sh (called by .ci/run): the robustness checks.
#
# 1. The whole ctest suite again, built with -DNG_SANITIZE=ON (ASan, UBSan
#    with -fno-sanitize-recover=all) and run with LeakSanitizer on
#    (ASAN_OPTIONS=detect_leaks=1), in build-sanitize/.  Left out: the
#    tests of the Python binding (ctest names python_*), which load the
#    shared library into /usr/bin/python3 through ctypes; an uninstrumented
#    interpreter cannot take an ASan library (the runtime must come
#    first), so the shared library stays plain in this build and running
#    them would only repeat the normal run.  The Python tests that drive
#    the CLI (tests/test_*.py) do run, against the instrumented CLI.
# 2. 60 seconds of libFuzzer in total (fuzz_extract, then fuzz_jsonl, 30 s
#    each; -max_len=65536 -rss_limit_mb=2048 -timeout=10), built with
#    clang -DNG_FUZZ=ON in build-fuzz/, starting from the seed corpora in
#    tests/fuzz/ (copied: the source tree is not written).  A crash, leak,
#    timeout or out-of-memory input is kept in build-fuzz/artifacts/ and
#    fails the run; once fixed, it goes to tests/fuzz/regressions/, which
#    ctest replays on every run.
#
# Environment: NG_CI_SANITIZE_CC (compiler of step 1, default gcc),
# NG_CI_FUZZ_SECONDS (total of step 2, default 60; 0 skips it).
# Exits non-zero if either step failed; both always run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh
werror=OFF
[[ -n "${CI:-}" ]] && werror=ON
status=0

# ------------------------------------------------------------ sanitizers
echo "ci_extra: ctest under ASan + UBSan + LeakSanitizer (build-sanitize/)" >&2
export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if CC="${NG_CI_SANITIZE_CC:-gcc}" cmake -S . -B build-sanitize \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_SANITIZE=ON \
        -DNG_WERROR="$werror" -DNG_BUILD_TESTS=ON >/dev/null &&
   cmake --build build-sanitize -j2; then
    ctest --test-dir build-sanitize --output-on-failure -j2 -E '^python_' ||
        status=1
else
    echo "ci_extra: the sanitizer build failed" >&2
    status=1
fi

# ----------------------------------------------------------------- fuzz
total="${NG_CI_FUZZ_SECONDS:-60}"
if [[ "$total" -gt 0 ]]; then
    echo "ci_extra: fuzzing ${total} s (build-fuzz/)" >&2
    if ! command -v clang >/dev/null 2>&1; then
        echo "ci_extra: clang not found (scripts/deps.sh installs it)" >&2
        exit 1
    fi
    each=$(( total / 2 ))
    art="build-fuzz/artifacts"
    if CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DNG_FUZZ=ON -DNG_BUILD_TESTS=OFF >/dev/null &&
       cmake --build build-fuzz -j2 --target fuzz_extract fuzz_jsonl; then
        rm -rf "$art"
        mkdir -p "$art"
        for t in extract jsonl; do
            work="build-fuzz/corpus/$t"
            mkdir -p "$work"
            cp -n tests/fuzz/corpus_"$t"/* "$work"/ 2>/dev/null || true
            log="build-fuzz/fuzz_$t.log"
            if NEWSGRAPH_RULES="$PWD/rules" "build-fuzz/tests/fuzz_$t" \
                    -max_total_time="$each" -max_len=65536 -rss_limit_mb=2048 \
                    -timeout=10 -print_final_stats=1 \
                    -artifact_prefix="$art/$t-" "$work" >"$log" 2>&1; then
                grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added)' "$log" >&2 || true
            else
                echo "ci_extra: fuzz_$t failed; the end of its log ($log):" >&2
                tail -n 60 "$log" >&2
                status=1
            fi
        done
        if compgen -G "$art/*" >/dev/null; then
            echo "ci_extra: inputs kept in $art/ (fix, then add to tests/fuzz/regressions/):" >&2
            ls -l "$art" >&2
            status=1
        fi
    else
        echo "ci_extra: the fuzz build failed" >&2
        status=1
    fi
fi
exit "$status"
