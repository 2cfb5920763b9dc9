/*
 * fuzz_common.h - what the fuzz targets share (fuzz_common.c): the rules,
 * loaded once, and REQUIRE, which aborts on a broken promise so that
 * libFuzzer reports it as a crash.
 */
#ifndef NG_FUZZ_COMMON_H
#define NG_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"

/*
 * The rules every input is extracted with: $NEWSGRAPH_RULES if set, else
 * the source tree's rules/ (NG_SOURCE_RULES_DIR).  Loaded on the first
 * call (LLVMFuzzerInitialize makes it), freed at exit; exits 2 when they
 * cannot be loaded.
 */
const ng_rules *ng_fuzz_rules(void);

/* Print "FILE:LINE: broken promise: WHAT" to stderr and abort. */
void ng_fuzz_broken(const char *file, int line, const char *what);

#define REQUIRE(cond)                                                      \
    do {                                                                   \
        if (!(cond))                                                       \
            ng_fuzz_broken(__FILE__, __LINE__, #cond);                     \
    } while (0)

/* libFuzzer's entry points, defined by fuzz_common.c and each target. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif /* NG_FUZZ_COMMON_H */
