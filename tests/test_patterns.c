/*
 * test_patterns.c - the literals a pattern needs (lib/rules.c) and the
 * search that skips text without them (lib/patterns.c).
 *
 * The needs must hold for every match PCRE2 finds: each match's text
 * holds one literal of each need, the anchor's literal lies within
 * dmin..dmax code points after the match start, and an entry of the
 * pattern's first class starts there.  And extraction with the needs
 * must give what extraction without them gives.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rules.h"
#include "ngtest.h"
#include "ngtest_doc.h"

/* Patterns whose needs are known; the ORG group only makes them valid. */
static const char tricky[] =
    "t.opt\t(?<PERSON>{NAME})(?:说|讲)?道\n"
    "t.alt\t(?<ORG>(?:甲乙|丙)+)丁\n"
    "t.look\t(?<=前)(?<ORG>后)\n"
    "t.quant\t(?<ORG>a{2,3}b+c?)d\n"
    "t.long\t(?<ORG>一二三四五六七八九十百千)\n"
    "t.many\t(?<ORG>(?:子|丑|寅|卯|辰|巳|午|未|申|酉))年\n"
    "t.esc\t(?<ORG>\\(\\d+\\))号\n"
    "t.class\t(?<ORG>[甲乙][^丙])丁\n"
    "t.named\t(?P<ORG>东)(?'x'西)南\n"
    "t.empty\t(?<ORG>x*)\n"
    "t.nocase\t(?i)(?<ORG>abc)\n"
    "t.quote\t(?<ORG>\\Qa.b\\E)\n"
    "t.accept\t(?<ORG>甲(*ACCEPT)乙)\n"
    "t.backref\t(?<ORG>(甲)\\1)\n"
    "t.brace\t(?<ORG>a{,2}b)\n"
    "t.keep\t(?<ORG>甲\\K乙)\n"
    "t.first\t(?<![a-z])(?:(?<ORG>{TITLE})|{TITLE}{TITLE})+说\n"
    "t.optfirst\t(?<ORG>{TITLE})?说\n";

static const char *texts[] = {
    "张三说道,李四道,王五讲道。",
    "甲乙丙丁,乙丁甲乙甲乙丁,丙丙丁。",
    "前后,后前后。",
    "aabd aaabbbcd abd aabcd",
    "一二三四五六七八九十百千万",
    "子年午年酉年戌年",
    "(12)号,(3)号,()号",
    "甲丁丁,乙乙丁,甲丙丁",
    "东西南北,东西,西南",
    "ABC abc xxx",
    "李四担任某村党支部书记。王五曾任某县县长,张三是某社区的一名医生。",
    "某镇包括东村、西村等,某社区东岗、西岗2个经济社。",
    "某某报讯(记者/张三 李四 通讯员/王五)",
    "书记说,主任主任说,说",
};
#define NTEXTS (sizeof texts / sizeof *texts)

static char tricky_dir[] = "/tmp/ngtest-patterns-XXXXXX";

/* The default rules and the tricky patterns (written once: a rule's name
   in the output holds its file's path). */
static ng_rules *load_with_tricky(void)
{
    static int written;
    char path[600];
    snprintf(path, sizeof path, "%s/patterns.txt", tricky_dir);
    if (!written) {
        if (!NG_CHECK(mkdtemp(tricky_dir) != NULL))
            return NULL;
        snprintf(path, sizeof path, "%s/patterns.txt", tricky_dir);
        FILE *f = fopen(path, "wb");
        if (!NG_CHECK(f != NULL))
            return NULL;
        fputs(tricky, f);
        fclose(f);
        written = 1;
    }
    const char *dirs[2] = {NG_SOURCE_RULES_DIR, tricky_dir};
    ng_error err;
    ng_rules *r = ng_rules_load_dirs(dirs, 2, &err);
    if (!r)
        fprintf(stderr, "load: %s\n", err.message);
    NG_CHECK(r != NULL);
    return r;
}

static void remove_tricky(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/patterns.txt", tricky_dir);
    unlink(path);
    rmdir(tricky_dir);
}

static const ng_pattern *find(const ng_rules *r, const char *name)
{
    for (size_t i = 0; i < r->npatterns; i++)
        if (!strcmp(r->patterns[i].name, name))
            return &r->patterns[i];
    return NULL;
}

static int has_lit(const ng_need *n, const char *s)
{
    for (int i = 0; i < n->nlit; i++)
        if (n->len[i] == strlen(s) && !memcmp(n->lit[i], s, n->len[i]))
            return 1;
    return 0;
}

static void test_needs(void)
{
    ng_rules *r = load_with_tricky();
    if (!r)
        return;
    const ng_pattern *p;
    /* optional words need nothing; the name's length bounds 道 */
    p = find(r, "t.opt");
    if (NG_CHECK(p && p->anchor >= 0)) {
        const ng_need *a = &p->need[p->anchor];
        NG_CHECK(has_lit(a, "道") && a->nlit == 1);
        NG_CHECK_EQ_INT(a->dmin, 2);
        NG_CHECK_EQ_INT(p->first, LX_SURNAME);   /* {NAME} starts with one */
    }
    /* the class every match starts with: through groups, repeats and a
       lookbehind, but not an optional part */
    p = find(r, "t.first");
    NG_CHECK(p && p->first == LX_TITLE);
    p = find(r, "t.optfirst");
    NG_CHECK(p && p->first < 0);
    /* a group repeated once or more needs what its branches need */
    p = find(r, "t.alt");
    NG_CHECK(p && p->nneed == 2 && p->first < 0);
    if (p && p->nneed == 2)
        NG_CHECK(has_lit(&p->need[0], "甲乙") || has_lit(&p->need[1], "甲乙"));
    /* a lookbehind's text is not in the match */
    p = find(r, "t.look");
    NG_CHECK(p && p->nneed == 1 && has_lit(&p->need[0], "后") && p->need[0].dmin == 0 &&
             p->need[0].dmax == 0);
    /* a long run is cut to a prefix */
    p = find(r, "t.long");
    NG_CHECK(p && p->nneed == 1 && p->need[0].len[0] <= NG_NEED_LITLEN &&
             !memcmp(p->need[0].lit[0], "一二三", 9));
    /* ten branches are too many literals; the 年 after them is needed */
    p = find(r, "t.many");
    NG_CHECK(p && p->nneed == 1 && has_lit(&p->need[0], "年") && p->need[0].dmax == 1);
    p = find(r, "t.esc");
    NG_CHECK(p && p->nneed >= 2);
    /* a run ends at a group: three needs */
    p = find(r, "t.named");
    NG_CHECK(p && p->nneed == 3);
    /* what the reading does not know gives no needs */
    static const char *none[] = {"t.empty", "t.nocase", "t.quote", "t.accept",
                                 "t.backref", "t.brace", "t.keep"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        p = find(r, none[i]);
        if (!NG_CHECK(p && p->nneed == 0 && p->anchor < 0))
            fprintf(stderr, "  pattern %s\n", none[i]);
    }
    ng_rules_free(r);
}

static size_t cp_at(const char *s, size_t b)
{
    size_t k = 0;
    for (size_t i = 0; i < b; i++)
        k += ((unsigned char)s[i] & 0xc0) != 0x80;
    return k;
}

/* Does an entry of class cls start at code point s of cps[0..n)? */
static int class_at(const ng_rules *r, const uint32_t *cps, size_t n, size_t s, int cls)
{
    for (size_t len = 1; s + len <= n && len <= 255; len++)
        if (lx_lookup(&r->lx, cps + s, len, cls))
            return 1;
    return 0;
}

/* Every match of p in text satisfies p's needs; the number of matches. */
static size_t check_matches(const ng_rules *r, const ng_pattern *p, const char *text)
{
    uint32_t *cps = NULL;
    size_t ncps = 0;
    if (!NG_CHECK(ng_utf8_decode(text, strlen(text), &cps, &ncps) == 0))
        return 0;
    size_t len = strlen(text), off = 0, count = 0;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(p->code, NULL);
    while (md && off <= len) {
        int rc = pcre2_match(p->code, (PCRE2_SPTR)text, len, off, 0, md, r->mctx);
        if (rc < 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t s = cp_at(text, ov[0]);
        count++;
        if (p->first >= 0 && !NG_CHECK(class_at(r, cps, ncps, s, p->first)))
            fprintf(stderr, "  %s, match at byte %zu of %s\n", p->name, (size_t)ov[0], text);
        for (int k = 0; k < p->nneed; k++) {
            const ng_need *n = &p->need[k];
            int ok = 0;
            for (int j = 0; j < n->nlit && !ok; j++) {
                for (const char *h = text; !ok && (h = memmem(h, len - (size_t)(h - text),
                                                              n->lit[j], n->len[j]));
                     h++) {
                    size_t c = cp_at(text, (size_t)(h - text));
                    ok = k != p->anchor || (c >= s + n->dmin && c - s <= n->dmax);
                }
            }
            if (!NG_CHECK(ok))
                fprintf(stderr, "  %s, need %d, match at byte %zu of %s\n", p->name, k,
                        (size_t)ov[0], text);
        }
        off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
        while (off < len && ((unsigned char)text[off] & 0xc0) == 0x80)
            off++;
    }
    pcre2_match_data_free(md);
    free(cps);
    return count;
}

static void test_needs_hold(void)
{
    ng_rules *r = load_with_tricky();
    if (!r)
        return;
    size_t total = 0;
    for (size_t i = 0; i < r->npatterns; i++)
        for (size_t t = 0; t < NTEXTS; t++)
            total += check_matches(r, &r->patterns[i], texts[t]);
    NG_CHECK(total > 50);   /* the texts do match */
    ng_rules_free(r);
}

/* The same documents with and without the needs. */
static void test_same_output(void)
{
    ng_rules *with = load_with_tricky(), *without = load_with_tricky();
    if (!with || !without)
        return;
    for (size_t i = 0; i < without->npatterns; i++) {
        without->patterns[i].nneed = 0;
        without->patterns[i].anchor = -1;
    }
    static const char *files[] = {
        "corpus/000_568b72c1b1414b0b.txt", "corpus/001_7942e32a0211d9e9.txt",
        "corpus/002_0717fb1b800ec88a.txt", "corpus/003_e2535e8f13aef196.txt",
        "corpus/004_deee6148d358da48.txt",
    };
    for (size_t i = 0; i < NTEXTS + 5; i++) {
        size_t len = 0;
        char *text = i < NTEXTS ? strdup(texts[i]) : ngt_slurp(files[i - NTEXTS], &len);
        if (!NG_CHECK(text != NULL))
            continue;
        if (i < NTEXTS)
            len = strlen(text);
        char *a = ngt_json_of(with, text, len), *b = ngt_json_of(without, text, len);
        if (NG_CHECK(a && b))
            NG_CHECK_STR(a, b);
        ng_free(a);
        ng_free(b);
        free(text);
    }
    ng_rules_free(with);
    ng_rules_free(without);
}

int main(void)
{
    NG_RUN(test_needs);
    NG_RUN(test_needs_hold);
    NG_RUN(test_same_output);
    remove_tricky();
    return NG_TEST_END();
}
