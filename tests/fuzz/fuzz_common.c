/*
 * fuzz_common.c - the setup the fuzz targets share (see fuzz_common.h).
 * Linked into every target, libFuzzer's and the replay driver's alike.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"

#ifndef NG_SOURCE_RULES_DIR
#define NG_SOURCE_RULES_DIR "rules"
#endif

static ng_rules *rules;

static void free_rules(void)
{
    ng_rules_free(rules);
    rules = NULL;
}

const ng_rules *ng_fuzz_rules(void)
{
    if (rules)
        return rules;
    const char *dir = getenv("NEWSGRAPH_RULES");
    if (!dir || !*dir)
        dir = NG_SOURCE_RULES_DIR;
    ng_error err;
    rules = ng_rules_load(dir, &err);
    if (!rules) {
        fprintf(stderr, "fuzz: cannot load rules from %s: %s\n", dir,
                err.message);
        exit(2);
    }
    atexit(free_rules);
    return rules;
}

void ng_fuzz_broken(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, what);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ng_fuzz_rules();
    return 0;
}
