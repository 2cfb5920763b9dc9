# python_tests.cmake - the Python binding's pytest suite (python/tests) as
# one ctest test, run by ${NG_PYTHON} (default /usr/bin/python3, which has
# Debian's python3-pytest and python3-networkx) against the library just
# built and the source rules.  Any non-zero exit fails it, including
# pytest's 5 ("no tests collected").  Included at the end of CMakeLists.txt.
if(NG_BUILD_TESTS)
  add_test(NAME python_pytest
           COMMAND ${NG_PYTHON} -m pytest -q -p no:cacheprovider python/tests
           WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
  set_tests_properties(python_pytest PROPERTIES
    TIMEOUT 900
    FAIL_REGULAR_EXPRESSION "no tests ran"
    ENVIRONMENT "NEWSGRAPH_LIBRARY=$<TARGET_FILE:newsgraph>;NEWSGRAPH_RULES=${NG_SOURCE_RULES_DIR};PYTHONPATH=${PROJECT_SOURCE_DIR}/python;NEWSGRAPH_BIN=$<TARGET_FILE:newsgraph_cli>;NEWSGRAPH_SOURCE=${PROJECT_SOURCE_DIR};PYTHONDONTWRITEBYTECODE=1")
endif()
