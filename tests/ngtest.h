/*
 * ngtest.h - a tiny harness for newsgraph's C tests.
 *
 *   #include "ngtest.h"
 *
 *   static void test_fold(void)
 *   {
 *       NG_CHECK(x != NULL);
 *       NG_CHECK_EQ_SIZE(t.n, 3);
 *       NG_CHECK_STR(t.u8, "A,B");
 *   }
 *
 *   int main(void)
 *   {
 *       NG_RUN(test_fold);
 *       return NG_TEST_END();
 *   }
 *
 * or, the same main() written by the header:
 *
 *   NG_TEST_MAIN(NG_RUN(test_fold); NG_RUN(test_other);)
 *
 * A failed check prints file:line, the expression and the values, and the
 * test goes on (each check returns 1 if it passed, 0 if not, so a test
 * can stop early: `if (!NG_CHECK(p)) return;`).  NG_TEST_END() prints
 * "N passed, N failed" alone on a line and yields main's exit status:
 * 0 when nothing failed.  The counters are per executable (one test
 * file), kept inside a function so that the header needs no .c file.
 */
#ifndef NGTEST_H
#define NGTEST_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    unsigned long passed, failed;
    const char *test; /* name of the running test, for messages */
} ngt_state;

static inline ngt_state *ngt_get(void)
{
    static ngt_state s;
    return &s;
}

/* Count a check; print where it failed (what, and the values if any). */
static inline int ngt_report(int ok, const char *file, int line,
                             const char *what, const char *values)
{
    ngt_state *s = ngt_get();

    if (ok) {
        s->passed++;
        return 1;
    }
    s->failed++;
    fprintf(stderr, "%s:%d: %s%s%sFAILED: %s%s%s\n", file, line,
            s->test ? "in " : "", s->test ? s->test : "",
            s->test ? ": " : "", what, values ? "\n    " : "",
            values ? values : "");
    return 0;
}

static inline int ngt_eq_size(size_t a, size_t b, const char *file,
                              int line, const char *what)
{
    char v[96];
    snprintf(v, sizeof v, "%zu != %zu", a, b);
    return ngt_report(a == b, file, line, what, v);
}

static inline int ngt_eq_long(long long a, long long b, const char *file,
                              int line, const char *what)
{
    char v[96];
    snprintf(v, sizeof v, "%lld != %lld", a, b);
    return ngt_report(a == b, file, line, what, v);
}

/* Strings: NULL equals only NULL; printed quoted, cut at 200 bytes. */
static inline int ngt_eq_str(const char *a, const char *b, const char *file,
                             int line, const char *what)
{
    char v[480];
    int ok = (a && b) ? strcmp(a, b) == 0 : a == b;
    snprintf(v, sizeof v, "\"%.200s\"%s\n    != \"%.200s\"%s",
             a ? a : "(null)", a && strlen(a) > 200 ? "..." : "",
             b ? b : "(null)", b && strlen(b) > 200 ? "..." : "");
    return ngt_report(ok, file, line, what, ok ? NULL : v);
}

/* Byte buffers of explicit length (may hold NULs). */
static inline int ngt_eq_mem(const void *a, size_t alen, const void *b,
                             size_t blen, const char *file, int line,
                             const char *what)
{
    char v[96];
    size_t i = 0;
    const unsigned char *x = a, *y = b;
    while (i < alen && i < blen && x[i] == y[i])
        i++;
    snprintf(v, sizeof v, "lengths %zu, %zu; first difference at byte %zu",
             alen, blen, i);
    return ngt_report(alen == blen && i == alen, file, line, what, v);
}

/* Pass if cond is true. */
#define NG_CHECK(cond) \
    ngt_report((cond) ? 1 : 0, __FILE__, __LINE__, #cond, NULL)
/* Pass if two size_t (or any unsigned) values are equal. */
#define NG_CHECK_EQ_SIZE(a, b) \
    ngt_eq_size((size_t)(a), (size_t)(b), __FILE__, __LINE__, #a " == " #b)
/* Pass if two integer values are equal (as long long). */
#define NG_CHECK_EQ_INT(a, b) \
    ngt_eq_long((long long)(a), (long long)(b), __FILE__, __LINE__, \
                #a " == " #b)
/* Pass if two NUL-terminated strings are equal. */
#define NG_CHECK_STR(a, b) \
    ngt_eq_str((a), (b), __FILE__, __LINE__, #a " == " #b)
/* Pass if two byte buffers have the same length and bytes. */
#define NG_CHECK_MEM(a, alen, b, blen) \
    ngt_eq_mem((a), (alen), (b), (blen), __FILE__, __LINE__, \
               #a " == " #b)

/* Run one test function (void f(void)), naming it in failure messages. */
#define NG_RUN(fn)                   \
    do {                             \
        ngt_get()->test = #fn;       \
        fn();                        \
        ngt_get()->test = NULL;      \
    } while (0)

/* Print the summary; evaluates to main's return value. */
#define NG_TEST_END()                                                   \
    (printf("%lu passed, %lu failed\n", ngt_get()->passed,              \
            ngt_get()->failed),                                         \
     fflush(stdout), ngt_get()->failed ? 1 : 0)

/* Define main(): run the statements given, then NG_TEST_END(). */
#define NG_TEST_MAIN(...)         \
    int main(void)                \
    {                             \
        __VA_ARGS__               \
        return NG_TEST_END();     \
    }

#endif /* NGTEST_H */
