/*
 * test_api.c - the public API: rules loading and its errors, extraction
 * and the accessors, user lexicons, and extraction from many threads at
 * once with one shared ng_rules (compared with single-threaded output);
 * workspaces reused across documents and threads give the same output.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "newsgraph.h"
#include "ngtest.h"
#include "ngtest_doc.h"

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
}

static const char *corpus[] = {
    "corpus/000_568b72c1b1414b0b.txt", "corpus/001_7942e32a0211d9e9.txt",
    "corpus/002_0717fb1b800ec88a.txt", "corpus/003_e2535e8f13aef196.txt",
    "corpus/004_deee6148d358da48.txt",
};
#define NDOCS (sizeof corpus / sizeof *corpus)

static ng_rules *rules;
static char *texts[NDOCS];
static size_t lens[NDOCS];
static char *expected[NDOCS];

static void test_load_errors(void)
{
    ng_error err;
    NG_CHECK(ng_rules_load("/nonexistent/rules/dir", &err) == NULL);
    NG_CHECK_EQ_INT(err.code, NG_ERR_IO);
    NG_CHECK(strstr(err.message, "/nonexistent/rules/dir") != NULL);

    char tmpl[] = "/tmp/ngtest-rules-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!NG_CHECK(dir != NULL))
        return;
    /* a bad pattern names its file and line */
    write_file(dir, "patterns.txt", "# comment\ngood\t(?<PERSON>{NAME})\nbad\t(?<PERSON>[\n");
    NG_CHECK(ng_rules_load(dir, &err) == NULL);
    NG_CHECK_EQ_INT(err.code, NG_ERR_PATTERN);
    NG_CHECK_EQ_INT(err.line, 3);
    NG_CHECK(strstr(err.message, "patterns.txt:3") != NULL);
    /* an unknown macro */
    write_file(dir, "patterns.txt", "x\t(?<PERSON>{NOSUCH})\n");
    NG_CHECK(ng_rules_load(dir, &err) == NULL);
    NG_CHECK(strstr(err.message, "NOSUCH") != NULL);
    /* no tab */
    write_file(dir, "patterns.txt", "just-a-name\n");
    NG_CHECK(ng_rules_load(dir, &err) == NULL);
    NG_CHECK_EQ_INT(err.code, NG_ERR_RULES);
    NG_CHECK_EQ_INT(err.line, 1);
    char p[600];
    snprintf(p, sizeof p, "%s/patterns.txt", dir);
    unlink(p);
    /* invalid UTF-8 in a lexicon */
    write_file(dir, "title.txt", "# titles\nok\n\xff\xfe\n");
    NG_CHECK(ng_rules_load(dir, &err) == NULL);
    NG_CHECK_EQ_INT(err.code, NG_ERR_RULES);
    NG_CHECK_EQ_INT(err.line, 3);
    NG_CHECK(strstr(err.file, "title.txt") != NULL);
    snprintf(p, sizeof p, "%s/title.txt", dir);
    unlink(p);
    /* a misspelt file name is an error, not ignored */
    write_file(dir, "titel.txt", "x\n");
    NG_CHECK(ng_rules_load(dir, &err) == NULL);
    NG_CHECK(strstr(err.message, "unknown rules file") != NULL);
    snprintf(p, sizeof p, "%s/titel.txt", dir);
    unlink(p);
    /* a bad field */
    write_file(dir, "org_suffix.txt", "# x\n公司\t!!\n");
    NG_CHECK(ng_rules_load(dir, &err) == NULL);
    NG_CHECK_EQ_INT(err.line, 2);
    snprintf(p, sizeof p, "%s/org_suffix.txt", dir);
    unlink(p);
    rmdir(dir);
    for (int c = 0; c <= NG_ERR_JSON; c++)
        NG_CHECK(ng_strerror((ng_status)c) != NULL);
}

static void test_extract_and_accessors(void)
{
    ng_error err;
    NG_CHECK(ng_extract(NULL, "x", 1, NULL, &err) == NULL);
    NG_CHECK_EQ_INT(err.code, NG_ERR_ARG);
    NG_CHECK(ng_extract(rules, NULL, 3, NULL, &err) == NULL);

    const char *text = "昨日,星湖社区党委书记宋立平介绍,社区今年新建了三处公园。";
    ng_doc *d = ng_extract(rules, text, strlen(text), "t1", &err);
    if (!NG_CHECK(d != NULL))
        return;
    NG_CHECK_STR(ng_doc_id(d), "t1");
    NG_CHECK(ng_doc_sentence_count(d) >= 1);
    long person = -1;
    for (size_t i = 0; i < ng_doc_entity_count(d); i++) {
        size_t len;
        const char *t = ng_doc_entity_text(d, i, &len);
        NG_CHECK_EQ_SIZE(len, strlen(t));
        NG_CHECK(ng_doc_entity_mention_count(d, i) >= 1);
        ng_mention m;
        NG_CHECK_EQ_INT(ng_doc_entity_mention(d, i, 0, &m), NG_OK);
        NG_CHECK(m.rule != NULL && *m.rule);
        /* byte offsets cut the name out of the original text */
        NG_CHECK_MEM(text + m.byte_start, m.byte_end - m.byte_start, t, len);
        if (ng_doc_entity_type(d, i) == NG_PERSON && !strcmp(t, "宋立平")) {
            person = (long)i;
            NG_CHECK_EQ_SIZE(m.start, 11);
            NG_CHECK_EQ_SIZE(m.end, 14);
        }
    }
    NG_CHECK(person >= 0);
    int found = 0;
    for (size_t i = 0; i < ng_doc_relation_count(d); i++) {
        ng_relation r;
        NG_CHECK_EQ_INT(ng_doc_relation(d, i, &r), NG_OK);
        if (r.type == NG_HOLDS_POSITION && r.person == person) {
            found = 1;
            NG_CHECK_STR(ng_doc_entity_text(d, (size_t)r.position, NULL), "党委书记");
            NG_CHECK(r.org >= 0);
            if (r.org >= 0)
                NG_CHECK_STR(ng_doc_entity_text(d, (size_t)r.org, NULL), "星湖社区");
            NG_CHECK(r.ev_start < r.ev_end && r.rule != NULL);
        }
    }
    NG_CHECK(found);
    ng_mention m;
    NG_CHECK_EQ_INT(ng_doc_entity_mention(d, 9999, 0, &m), NG_ERR_ARG);
    ng_relation r;
    NG_CHECK_EQ_INT(ng_doc_relation(d, 9999, &r), NG_ERR_ARG);
    NG_CHECK(ng_doc_entity_text(d, 9999, NULL) == NULL);
    size_t jl;
    char *j = ng_doc_to_json(d, NG_JSON_PRETTY, &jl);
    NG_CHECK(j && jl == strlen(j) && strstr(j, "\"holds_position\""));
    ng_free(j);
    ng_doc_free(d);

    /* invalid UTF-8 is repaired, warned about, and the rest extracted */
    const char bad[] = "\xff\xfe星湖社区党委书记宋立平介绍。";
    d = ng_extract(rules, bad, sizeof bad - 1, NULL, &err);
    if (!NG_CHECK(d != NULL))
        return;
    NG_CHECK(ng_doc_warning_count(d) >= 1);
    NG_CHECK(ng_doc_warning(d, 0) && strstr(ng_doc_warning(d, 0), "byte 0"));
    int person_found = 0;
    for (size_t i = 0; i < ng_doc_entity_count(d); i++) {
        if (!strcmp(ng_doc_entity_text(d, i, NULL), "宋立平")) {
            ng_doc_entity_mention(d, i, 0, &m);
            NG_CHECK_EQ_SIZE(m.start, 10); /* two U+FFFD, then 8 chars */
            NG_CHECK_EQ_SIZE(m.byte_start, 2 + 24);
            person_found = 1;
        }
    }
    NG_CHECK(person_found);
    ng_doc_free(d);

    /* empty and NUL-containing input */
    d = ng_extract(rules, "", 0, NULL, &err);
    NG_CHECK(d && ng_doc_entity_count(d) == 0);
    ng_doc_free(d);
    const char nul[] = "a\0b\0宋立平说";
    d = ng_extract(rules, nul, sizeof nul - 1, NULL, &err);
    NG_CHECK(d != NULL);
    ng_doc_free(d);
}

static void test_user_lexicon(void)
{
    char tmpl[] = "/tmp/ngtest-user-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!NG_CHECK(dir != NULL))
        return;
    write_file(dir, "person.txt", "# people the user knows\n司徒明月\n");
    write_file(dir, "org.txt", "# bodies\n青禾读书会\n");
    const char *dirs[2] = {NULL, dir};
    ng_error err;
    ng_rules *ur = ng_rules_load_dirs(dirs, 2, &err);
    if (!NG_CHECK(ur != NULL)) {
        fprintf(stderr, "%s\n", err.message);
        return;
    }
    const char *text = "今天司徒明月去了青禾读书会。";
    ng_doc *d = ng_extract(ur, text, strlen(text), NULL, &err);
    int person = 0, org = 0;
    for (size_t i = 0; d && i < ng_doc_entity_count(d); i++) {
        ng_mention m;
        ng_doc_entity_mention(d, i, 0, &m);
        const char *t = ng_doc_entity_text(d, i, NULL);
        if (!strcmp(t, "司徒明月") && ng_doc_entity_type(d, i) == NG_PERSON) {
            person = 1;
            NG_CHECK(strstr(m.rule, "person.txt:2") != NULL);
        }
        if (!strcmp(t, "青禾读书会") && ng_doc_entity_type(d, i) == NG_ORG)
            org = 1;
    }
    NG_CHECK(person);
    NG_CHECK(org);
    ng_doc_free(d);
    ng_rules_free(ur);
    char p[600];
    snprintf(p, sizeof p, "%s/person.txt", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/org.txt", dir);
    unlink(p);
    rmdir(dir);
}

typedef struct {
    int mismatches;
    int failures;
} worker_result;

static void *worker(void *arg)
{
    worker_result *res = arg;
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < NDOCS; i++) {
            char *j = ngt_json_of(rules, texts[i], lens[i]);
            if (!j)
                res->failures++;
            else if (strcmp(j, expected[i]))
                res->mismatches++;
            ng_free(j);
        }
    }
    return NULL;
}

static void test_threads(void)
{
    enum { NT = 4 };
    pthread_t th[NT];
    worker_result res[NT];
    memset(res, 0, sizeof res);
    for (int t = 0; t < NT; t++)
        NG_CHECK(pthread_create(&th[t], NULL, worker, &res[t]) == 0);
    for (int t = 0; t < NT; t++) {
        pthread_join(th[t], NULL);
        NG_CHECK_EQ_INT(res[t].failures, 0);
        NG_CHECK_EQ_INT(res[t].mismatches, 0);
    }
}

/* The JSON of `text` through ng_extract_ws() with `ws` and options `o`. */
static char *json_ws(ng_workspace *ws, const char *text, size_t len,
                     const ng_options *o)
{
    ng_error err;
    ng_doc *d = ng_extract_ws(ws, rules, text, len, "doc", o, &err);
    if (!d)
        return NULL;
    char *j = ng_doc_to_json(d, 0, NULL);
    ng_doc_free(d);
    return j;
}

/* One workspace through documents of every size and kind, in an order
 * where each leaves different scratch behind: the same JSON as without. */
static void test_workspace(void)
{
    /* invented texts: short, empty, broken UTF-8 and NUL, traditional */
    static const char short1[] = "记者王小明报道，青禾县政府昨天开会。";
    static const char broken[] = "张三\xff丰\0在北京市。";
    static const char trad[] = "國務院總理李大同在人民大會堂會見了來賓。";
    size_t big_len = 0;
    for (size_t i = 0; i < NDOCS; i++)
        big_len += lens[i];
    big_len *= 40;   /* over NG_WINDOW_BYTES: read in windows */
    char *big = malloc(big_len + 1);
    if (!NG_CHECK(big != NULL))
        return;
    for (size_t at = 0, k = 0; at < big_len; k++) {
        size_t n = lens[k % NDOCS] < big_len - at ? lens[k % NDOCS] : big_len - at;
        memcpy(big + at, texts[k % NDOCS], n);
        at += n;
    }
    const struct {
        const char *t;
        size_t n;
        int script;
    } docs[] = {
        {texts[0], lens[0], 0}, {short1, sizeof short1 - 1, 0}, {"", 0, 0},
        {texts[1], lens[1], 0}, {broken, sizeof broken - 1, 0},
        {trad, sizeof trad - 1, NG_SCRIPT_TRADITIONAL}, {big, big_len, 0},
        {short1, sizeof short1 - 1, 0}, {texts[2], lens[2], 0},
        {trad, sizeof trad - 1, 0}, {texts[0], lens[0], 0},
    };
    ng_workspace *ws = ng_workspace_new();
    if (!NG_CHECK(ws != NULL)) {
        free(big);
        return;
    }
    for (size_t k = 0; k < sizeof docs / sizeof *docs; k++) {
        ng_options o = {(ng_script)docs[k].script};
        char *want = json_ws(NULL, docs[k].t, docs[k].n, &o);
        char *got = json_ws(ws, docs[k].t, docs[k].n, &o);
        if (NG_CHECK(want && got))
            NG_CHECK(strcmp(want, got) == 0);
        ng_free(want);
        ng_free(got);
    }
    /* a document outlives the workspace that made it */
    ng_error err;
    ng_doc *d = ng_extract_ws(ws, rules, texts[3], lens[3], "doc", NULL, &err);
    ng_workspace_free(ws);
    if (NG_CHECK(d != NULL)) {
        char *j = ng_doc_to_json(d, 0, NULL);
        NG_CHECK(j && strcmp(j, expected[3]) == 0);
        ng_free(j);
    }
    ng_doc_free(d);
    ng_workspace_free(NULL);
    free(big);
}

/* Each thread with its own workspace, the documents in its own order. */
static void *ws_worker(void *arg)
{
    worker_result *res = arg;
    ng_workspace *ws = ng_workspace_new();
    if (!ws) {
        res->failures++;
        return NULL;
    }
    size_t step = (size_t)(res->failures + 1);   /* the thread's stride */
    res->failures = 0;
    for (size_t k = 0; k < 3 * NDOCS; k++) {
        size_t i = (k * step) % NDOCS;
        char *j = json_ws(ws, texts[i], lens[i], NULL);
        if (!j)
            res->failures++;
        else if (strcmp(j, expected[i]))
            res->mismatches++;
        ng_free(j);
    }
    ng_workspace_free(ws);
    return NULL;
}

static void test_workspace_threads(void)
{
    enum { NT = 4 };
    pthread_t th[NT];
    worker_result res[NT];
    memset(res, 0, sizeof res);
    for (int t = 0; t < NT; t++) {
        res[t].failures = t;   /* read as the stride (t + 1), then reset */
        NG_CHECK(pthread_create(&th[t], NULL, ws_worker, &res[t]) == 0);
    }
    for (int t = 0; t < NT; t++) {
        pthread_join(th[t], NULL);
        NG_CHECK_EQ_INT(res[t].failures, 0);
        NG_CHECK_EQ_INT(res[t].mismatches, 0);
    }
}

int main(void)
{
    ng_error err;
    rules = ng_rules_load(NULL, &err);
    if (!rules) {
        fprintf(stderr, "cannot load rules: %s\n", err.message);
        return 1;
    }
    NG_CHECK(ng_rules_entry_count(rules) > 1000);
    NG_CHECK(ng_rules_pattern_count(rules) >= 1);
    for (size_t i = 0; i < NDOCS; i++) {
        texts[i] = ngt_slurp(corpus[i], &lens[i]);
        if (!NG_CHECK(texts[i] != NULL))
            return NG_TEST_END();
        expected[i] = ngt_json_of(rules, texts[i], lens[i]);
        NG_CHECK(expected[i] != NULL);
    }
    NG_RUN(test_load_errors);
    NG_RUN(test_extract_and_accessors);
    NG_RUN(test_user_lexicon);
    NG_RUN(test_threads);
    NG_RUN(test_workspace);
    NG_RUN(test_workspace_threads);
    for (size_t i = 0; i < NDOCS; i++) {
        free(texts[i]);
        ng_free(expected[i]);
    }
    ng_rules_free(rules);
    return NG_TEST_END();
}
