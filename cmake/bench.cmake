# bench.cmake - helpers of the benchmark (bench/run.sh, README "Benchmark").
# Not installed and not a test.  Included from the end of CMakeLists.txt.

# bench/load_rules: times ng_rules_load() (the CLI has no flag for it).
add_executable(ng_bench_load_rules "${PROJECT_SOURCE_DIR}/bench/load_rules.c")
target_link_libraries(ng_bench_load_rules PRIVATE newsgraph_static ${NG_DEPS}
                      Threads::Threads)
set_target_properties(ng_bench_load_rules PROPERTIES
  OUTPUT_NAME load_rules
  RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/bench")
