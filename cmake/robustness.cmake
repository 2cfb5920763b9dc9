# robustness.cmake - sanitizer builds, fuzz targets and the replay of fuzz
# inputs.  Included at the end of CMakeLists.txt, once every target exists.
#
#   -DNG_SANITIZE=ON  AddressSanitizer (with LeakSanitizer) and
#                     UndefinedBehaviorSanitizer on the library, the CLI and
#                     the tests: -fsanitize=address,undefined
#                     -fno-omit-frame-pointer -fno-sanitize-recover=all -g.
#                     GCC or Clang.  The library instrumented is the static
#                     one, which the CLI and every C test link.  The shared
#                     library stays plain: a program that loads it (Python
#                     through ctypes, test_cli's program built against the
#                     installed library) does not bring the sanitizer
#                     runtime, which must come first.  So the Python tests
#                     of the binding (python_pytest) gain nothing here, and
#                     scripts/ci_extra.sh leaves them out of this run.
#   -DNG_FUZZ=ON      the libFuzzer targets fuzz_extract and fuzz_jsonl
#                     (tests/fuzz/), built with -fsanitize=fuzzer,address,
#                     undefined against a copy of the library instrumented
#                     for coverage.  Clang only.
#
# With NG_BUILD_TESTS (any compiler, any options) the same two targets are
# also built with a plain main() (tests/fuzz/replay.c) as
# fuzz_extract_replay and fuzz_jsonl_replay, and ctest replays every file
# of tests/fuzz/regressions/ and of the seed corpora through them
# (fuzz_extract_regressions, fuzz_jsonl_regressions), so an input that
# crashed once stays tested.

option(NG_SANITIZE "Build the library, CLI and tests with ASan and UBSan" OFF)
option(NG_FUZZ "Build the libFuzzer targets (Clang only)" OFF)

set(NG_FUZZ_DIR "${PROJECT_SOURCE_DIR}/tests/fuzz")
set(NG_SANITIZE_FLAGS
  -fsanitize=address,undefined -fno-omit-frame-pointer
  -fno-sanitize-recover=all -g)

# One fuzz target's sources: its driver and the shared setup; the jsonl
# target also needs the CLI's reader.
function(ng_fuzz_sources var name)
  set(src "${NG_FUZZ_DIR}/fuzz_${name}.c" "${NG_FUZZ_DIR}/fuzz_common.c")
  if(name STREQUAL "jsonl")
    list(APPEND src "${PROJECT_SOURCE_DIR}/cli/jsonl.c")
  endif()
  set(${var} ${src} PARENT_SCOPE)
endfunction()

function(ng_fuzz_target_setup target)
  target_include_directories(${target} PRIVATE
    ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/cli)
  target_compile_definitions(${target} PRIVATE
    NG_SOURCE_RULES_DIR="${NG_SOURCE_RULES_DIR}")
  set_target_properties(${target} PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
endfunction()

# ------------------------------------------------------- replay drivers
if(NG_BUILD_TESTS)
  foreach(name extract jsonl)
    ng_fuzz_sources(src ${name})
    add_executable(fuzz_${name}_replay ${src} "${NG_FUZZ_DIR}/replay.c")
    ng_fuzz_target_setup(fuzz_${name}_replay)
    target_link_libraries(fuzz_${name}_replay PRIVATE newsgraph_static ${NG_DEPS}
                          Threads::Threads)
    add_test(NAME fuzz_${name}_regressions
             COMMAND fuzz_${name}_replay "${NG_FUZZ_DIR}/regressions"
                     "${NG_FUZZ_DIR}/corpus_${name}"
             WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
    set_tests_properties(fuzz_${name}_regressions PROPERTIES TIMEOUT 900
      ENVIRONMENT "NEWSGRAPH_RULES=${NG_SOURCE_RULES_DIR}")
  endforeach()
endif()

# ----------------------------------------------------------- sanitizers
if(NG_SANITIZE)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "NG_SANITIZE needs GCC or Clang")
  endif()
  set(ng_sanitized newsgraph_static newsgraph_cli)
  get_property(ng_all_targets DIRECTORY "${PROJECT_SOURCE_DIR}"
               PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS ng_all_targets)
    if(t MATCHES "^(test_|fuzz_.*_replay$)")
      list(APPEND ng_sanitized ${t})
    endif()
  endforeach()
  foreach(t IN LISTS ng_sanitized)
    if(TARGET ${t})
      target_compile_options(${t} PRIVATE ${NG_SANITIZE_FLAGS})
      target_link_options(${t} PRIVATE ${NG_SANITIZE_FLAGS})
    endif()
  endforeach()
  # Whatever else links the static library (benchmarks, targets added
  # after this file) needs the sanitizer runtimes too.
  target_link_options(newsgraph_static INTERFACE ${NG_SANITIZE_FLAGS})
  message(STATUS "newsgraph: ASan and UBSan on the library, CLI and tests")
endif()

# ------------------------------------------------------ libFuzzer targets
if(NG_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "NG_FUZZ needs Clang (libFuzzer): "
                        "configure with CC=clang")
  endif()
  set(ng_fuzz_common -fno-omit-frame-pointer -fno-sanitize-recover=all -g)
  # The library again, instrumented for coverage and the sanitizers.
  add_library(newsgraph_fuzzlib STATIC)
  ng_library_setup(newsgraph_fuzzlib)
  set_target_properties(newsgraph_fuzzlib PROPERTIES
    OUTPUT_NAME newsgraph_fuzz
    ARCHIVE_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
  target_compile_options(newsgraph_fuzzlib PRIVATE
    -fsanitize=fuzzer-no-link,address,undefined ${ng_fuzz_common})
  foreach(name extract jsonl)
    ng_fuzz_sources(src ${name})
    add_executable(fuzz_${name} ${src})
    ng_fuzz_target_setup(fuzz_${name})
    target_compile_options(fuzz_${name} PRIVATE
      -fsanitize=fuzzer,address,undefined ${ng_fuzz_common})
    target_link_options(fuzz_${name} PRIVATE
      -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_${name} PRIVATE newsgraph_fuzzlib ${NG_DEPS}
                          Threads::Threads)
  endforeach()
  message(STATUS "newsgraph: libFuzzer targets fuzz_extract and fuzz_jsonl")
endif()
