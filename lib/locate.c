/*
 * locate.c - where the default rules are, when the caller names none
 * (include/newsgraph.h, ng_rules_load): $NEWSGRAPH_RULES if set; else the
 * rules installed beside this library, found from the library's own path
 * so that an install tree moved after `cmake --install` still has them;
 * else the path the library was configured with.
 */
#define _GNU_SOURCE   /* dladdr */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#ifndef NG_DEFAULT_RULES_DIR
#define NG_DEFAULT_RULES_DIR "/usr/local/share/newsgraph/rules"
#endif
/* From the installed library's directory to the installed rules
 * (CMakeLists.txt computes it from the install layout). */
#ifndef NG_LIB_TO_RULES
#define NG_LIB_TO_RULES "../share/newsgraph/rules"
#endif

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * NG_LIB_TO_RULES from the directory of the file this code was loaded
 * from (the shared library, or a program the static one is linked
 * into), into buf; 0, or -1 if it cannot be told or is no directory.
 */
static int beside_library(char *buf, size_t size)
{
    Dl_info info;
    if (!dladdr((void *)&ng_rules_load, &info) || !info.dli_fname)
        return -1;
    char *file = realpath(info.dli_fname, NULL);   /* the real libdir */
    if (!file)
        return -1;
    char *slash = strrchr(file, '/');
    int n = -1;
    if (slash) {
        *slash = '\0';
        n = snprintf(buf, size, "%s/%s", file, NG_LIB_TO_RULES);
    }
    free(file);
    return n > 0 && (size_t)n < size && is_dir(buf) ? 0 : -1;
}

const char *ng_rules_default_location(void)
{
    /* One buffer per thread: rules may load in many threads at once. */
    static _Thread_local char buf[PATH_MAX + 64];
    const char *env = getenv("NEWSGRAPH_RULES");
    if (env && *env)
        return env;
    if (beside_library(buf, sizeof buf) == 0)
        return buf;
    return NG_DEFAULT_RULES_DIR;
}
