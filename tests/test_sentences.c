/*
 * test_sentences.c - ng_sentences() over normalised text, ng_sentence_of().
 */
#include "internal.h"
#include "ngtest.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Normalise s and split it; returns the count, or (size_t)-1 on error. */
static size_t split(const char *s, ng_text *t, size_t **starts)
{
    size_t count = 0;

    *starts = NULL;
    if (!NG_CHECK_EQ_INT(ng_normalize(s, strlen(s), t, NULL), NG_OK))
        return (size_t)-1;
    if (!NG_CHECK_EQ_INT(ng_sentences(t, starts, &count), NG_OK)) {
        ng_text_free(t);
        return (size_t)-1;
    }
    return count;
}

/* Compare starts with the expected list. */
static void check_starts(const size_t *starts, size_t count,
                         const size_t *want, size_t nwant)
{
    size_t i;

    if (!NG_CHECK_EQ_SIZE(count, nwant))
        return;
    for (i = 0; i < count; i++)
        NG_CHECK_EQ_SIZE(starts[i], want[i]);
}

/* Every kept '\n' ends a sentence; starts ascend from 0. */
static void check_newlines_end(const ng_text *t, const size_t *starts,
                               size_t count)
{
    size_t i, k = 0;

    if (t->n == 0)
        return;
    NG_CHECK(count > 0 && starts[0] == 0);
    for (i = 1; i < count; i++)
        if (starts[i - 1] >= starts[i] || starts[i] >= t->n)
            break;
    NG_CHECK_EQ_SIZE(i, count); /* ascending, inside the text */
    for (i = 0; i + 1 < t->n; i++) {
        if (t->cp[i] != '\n')
            continue;
        while (k < count && starts[k] < i + 1)
            k++;
        if (k == count || starts[k] != i + 1)
            break;
    }
    /* stops early at a '\n' that no sentence start follows */
    NG_CHECK_EQ_SIZE(i + 1, t->n);
}

static void test_terminators(void)
{
    ng_text t;
    size_t *st, n;
    static const size_t want[] = {0, 4, 8, 12};

    /* 。 ! ? end sentences; the last one needs no terminator */
    n = split("第一句。第二句!第三句?第四句", &t, &st);
    if (n == (size_t)-1)
        return;
    check_starts(st, n, want, 4);
    free(st);
    ng_text_free(&t);
}

/* One sentence is answered without the iterator when no break can come
 * before the end; the answers here are ICU's (checked against the
 * iterator before the shortcut existed), near both sides of that rule. */
static void test_one_sentence(void)
{
    static const struct {
        const char *text;
        size_t n, second;   /* count, and the second start if any */
    } cases[] = {
        {"甲乙丙丁", 1, 0},
        {"甲乙丙。", 1, 0},
        {"甲乙丙。”", 1, 0},          /* closing quote after the end */
        {"甲乙丙。」 ", 1, 0},         /* then a space */
        {"甲乙丙。 ”", 2, 5},         /* a quote after the space opens one */
        {"甲乙丙。”。", 1, 0},
        {"甲。乙丙", 2, 2},
        {"甲乙丙！？", 1, 0},
        {"甲乙丙……", 1, 0},
        {"U.S.A", 1, 0},
        {"He said. she", 1, 0},      /* lower case after ATerm: no break */
        {"甲乙丙. 丁", 2, 5},
        {"甲乙\n丙", 2, 3},
        {"甲乙丙。\xcc\x81", 1, 0},   /* a combining mark in the final run */
        {"甲乙丙;丁", 1, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ng_text t;
        size_t *st, n = split(cases[k].text, &t, &st);
        if (n == (size_t)-1)
            return;
        NG_CHECK_EQ_SIZE(n, cases[k].n);
        if (n == 2 && cases[k].n == 2)
            NG_CHECK_EQ_SIZE(st[1], cases[k].second);
        free(st);
        ng_text_free(&t);
    }
}

static void test_fullwidth_terminators(void)
{
    ng_text t;
    size_t *st, n;
    static const size_t want[] = {0, 4, 7};

    /* ？ and ！ are folded to ASCII first and still end sentences */
    n = split("真的吗？是的！好", &t, &st);
    if (n == (size_t)-1)
        return;
    NG_CHECK_STR(t.u8, "真的吗?是的!好");
    check_starts(st, n, want, 3);
    free(st);
    ng_text_free(&t);
}

static void test_quotes(void)
{
    ng_text t;
    size_t *st, n;
    static const size_t want[] = {0, 7};

    /* the closing quote stays with its sentence */
    n = split("他说:“好。”然后走了。", &t, &st);
    if (n == (size_t)-1)
        return;
    check_starts(st, n, want, 2);
    free(st);
    ng_text_free(&t);
}

static void test_newlines(void)
{
    ng_text t;
    size_t *st, n;
    /* 标题\n | 副标题\n | 正文第一句。| 第二句没有句号\n | 小标题\n | 结尾 */
    static const size_t want[] = {0, 3, 7, 13, 21, 25};

    n = split("标题\n副标题\n正文第一句。第二句没有句号\n小标题\n结尾", &t, &st);
    if (n == (size_t)-1)
        return;
    NG_CHECK_STR(t.u8, "标题\n副标题\n正文第一句。第二句没有句号\n小标题\n结尾");
    check_starts(st, n, want, 6);
    check_newlines_end(&t, st, n);
    free(st);
    ng_text_free(&t);

    /* joined breaks do not split: the name stays in one sentence */
    n = split("会上,主持人介绍了新任馆长王\n\n晓东。他表示感谢。", &t, &st);
    if (n != (size_t)-1) {
        static const size_t want2[] = {0, 17};
        check_starts(st, n, want2, 2);
        free(st);
        ng_text_free(&t);
    }
}

static void test_astral_offsets(void)
{
    ng_text t;
    size_t *st, n;
    static const size_t want[] = {0, 3, 7};

    /* surrogate pairs inside ICU must not shift code-point indices */
    n = split("\xf0\x9f\x98\x80好。\xf0\xa0\x80\x80再见!结束", &t, &st);
    if (n == (size_t)-1)
        return;
    check_starts(st, n, want, 3);
    free(st);
    ng_text_free(&t);
}

static void test_empty(void)
{
    ng_text t;
    size_t *st = NULL, n = 99;

    NG_CHECK_EQ_INT(ng_normalize("", 0, &t, NULL), NG_OK);
    NG_CHECK_EQ_INT(ng_sentences(&t, &st, &n), NG_OK);
    NG_CHECK_EQ_SIZE(n, 0);
    NG_CHECK(st != NULL); /* an array all the same, to free */
    free(st);
    ng_text_free(&t);
    NG_CHECK_EQ_SIZE(ng_sentence_of(NULL, 0, 5), 0);
}

static void test_sentence_of(void)
{
    static const size_t starts[] = {0, 4, 8, 12};
    ng_text t;
    size_t *st, n, i;

    NG_CHECK_EQ_SIZE(ng_sentence_of(starts, 4, 0), 0);
    NG_CHECK_EQ_SIZE(ng_sentence_of(starts, 4, 3), 0);
    NG_CHECK_EQ_SIZE(ng_sentence_of(starts, 4, 4), 1);
    NG_CHECK_EQ_SIZE(ng_sentence_of(starts, 4, 7), 1);
    NG_CHECK_EQ_SIZE(ng_sentence_of(starts, 4, 11), 2);
    NG_CHECK_EQ_SIZE(ng_sentence_of(starts, 4, 12), 3);
    NG_CHECK_EQ_SIZE(ng_sentence_of(starts, 4, 1000), 3);
    NG_CHECK_EQ_SIZE(ng_sentence_of(starts, 1, 1000), 0);

    /* agrees with a linear scan on real output */
    n = split("一。二!三?四\n五。六", &t, &st);
    if (n == (size_t)-1)
        return;
    for (i = 0; i < t.n; i++) {
        size_t k = 0;
        while (k + 1 < n && st[k + 1] <= i)
            k++;
        NG_CHECK_EQ_SIZE(ng_sentence_of(st, n, i), k);
    }
    free(st);
    ng_text_free(&t);
}

static void test_many(void)
{
    size_t reps = 100000, i, len, *st, n = 0;
    const char *piece = "句子。";
    char *s;
    ng_text t;

    len = strlen(piece);
    s = malloc(reps * len + 1);
    if (!NG_CHECK(s != NULL))
        return;
    for (i = 0; i < reps; i++)
        memcpy(s + i * len, piece, len);
    s[reps * len] = '\0';
    if (NG_CHECK_EQ_INT(ng_normalize(s, reps * len, &t, NULL), NG_OK)) {
        if (NG_CHECK_EQ_INT(ng_sentences(&t, &st, &n), NG_OK)) {
            NG_CHECK_EQ_SIZE(n, reps);
            NG_CHECK_EQ_SIZE(st[reps - 1], 3 * (reps - 1));
            free(st);
        }
        ng_text_free(&t);
    }

    /* many kept lines (headings), mixed with joined ones (prose) */
    len = 0;
    for (i = 0; i < reps; i++) {
        const char *l = i % 3 ? "甲," : "乙乙";
        memcpy(s + len, l, strlen(l));
        len += strlen(l);
        s[len++] = '\n';
    }
    if (NG_CHECK_EQ_INT(ng_normalize(s, len, &t, NULL), NG_OK)) {
        if (NG_CHECK_EQ_INT(ng_sentences(&t, &st, &n), NG_OK)) {
            check_newlines_end(&t, st, n);
            free(st);
        }
        ng_text_free(&t);
    }
    free(s);
}

/* Several threads at once get what one thread gets (no shared state). */
typedef struct {
    const char *text;
    size_t len, count, sum;
    int rc;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    int r;

    for (r = 0; r < 20 && j->rc == NG_OK; r++) {
        ng_text t;
        size_t *st, n = 0, i, sum = 0;
        j->rc = ng_normalize(j->text, j->len, &t, NULL);
        if (j->rc != NG_OK)
            break;
        j->rc = ng_sentences(&t, &st, &n);
        if (j->rc == NG_OK) {
            for (i = 0; i < n; i++)
                sum += st[i];
            if (r > 0 && (n != j->count || sum != j->sum))
                j->rc = -1;
            j->count = n;
            j->sum = sum;
            free(st);
        }
        ng_text_free(&t);
    }
    return NULL;
}

static void test_threads(void)
{
    enum { NT = 4 };
    const char *piece = "标题\n正文第一句。第二句!第三句?“引语。”\n";
    size_t plen = strlen(piece), reps = 2000, i;
    char *s = malloc(plen * reps);
    pthread_t th[NT];
    job jobs[NT], ref = {0};

    if (!NG_CHECK(s != NULL))
        return;
    for (i = 0; i < reps; i++)
        memcpy(s + i * plen, piece, plen);
    ref.text = s;
    ref.len = plen * reps;
    run_job(&ref);
    NG_CHECK_EQ_INT(ref.rc, NG_OK);
    NG_CHECK_EQ_SIZE(ref.count, 5 * reps);
    for (i = 0; i < NT; i++) {
        jobs[i] = ref;
        jobs[i].count = jobs[i].sum = 0;
        NG_CHECK_EQ_INT(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    }
    for (i = 0; i < NT; i++) {
        pthread_join(th[i], NULL);
        NG_CHECK_EQ_INT(jobs[i].rc, NG_OK);
        NG_CHECK_EQ_SIZE(jobs[i].count, ref.count);
        NG_CHECK_EQ_SIZE(jobs[i].sum, ref.sum);
    }
    free(s);
}

NG_TEST_MAIN(
    NG_RUN(test_terminators);
    NG_RUN(test_fullwidth_terminators);
    NG_RUN(test_one_sentence);
    NG_RUN(test_quotes);
    NG_RUN(test_newlines);
    NG_RUN(test_astral_offsets);
    NG_RUN(test_empty);
    NG_RUN(test_sentence_of);
    NG_RUN(test_many);
    NG_RUN(test_threads);
)
