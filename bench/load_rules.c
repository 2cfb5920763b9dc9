/*
 * load_rules.c - how long ng_rules_load() takes (bench/run.sh).
 *
 *   load_rules [--runs N] [DIR]
 *
 * Loads the rules in DIR (default: $NEWSGRAPH_RULES, else the installed
 * rules, as ng_rules_load(NULL) does) N times (default 10), timing each
 * load and free with CLOCK_MONOTONIC, and prints one line:
 *
 *   12.345 ms median of 10 loads (min 12.001, max 13.210; 104477 entries, 8 patterns)
 *
 * Only the load is timed; freeing the rules is outside the measure.
 * Exit status 2 when the rules do not load.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsgraph.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    long runs = 10;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
            char *end;
            runs = strtol(argv[++i], &end, 10);
            if (*end || runs < 1 || runs > 100000) {
                fprintf(stderr, "load_rules: --runs takes a count from 1\n");
                return 2;
            }
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            puts("usage: load_rules [--runs N] [DIR]");
            return 0;
        } else if (argv[i][0] == '-' || dir) {
            fprintf(stderr, "usage: load_rules [--runs N] [DIR]\n");
            return 2;
        } else {
            dir = argv[i];
        }
    }

    double *ms = malloc((size_t)runs * sizeof *ms);
    if (!ms)
        return 2;
    size_t entries = 0, patterns = 0;
    for (long r = 0; r < runs; r++) {
        ng_error err;
        double t0 = now_ms();
        ng_rules *rules = ng_rules_load(dir, &err);
        ms[r] = now_ms() - t0;
        if (!rules) {
            fprintf(stderr, "load_rules: %s\n", err.message);
            free(ms);
            return 2;
        }
        entries = ng_rules_entry_count(rules);
        patterns = ng_rules_pattern_count(rules);
        ng_rules_free(rules);
    }
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    printf("%.3f ms median of %ld loads (min %.3f, max %.3f; %zu entries, %zu patterns)\n",
           median, runs, ms[0], ms[runs - 1], entries, patterns);
    free(ms);
    return 0;
}
