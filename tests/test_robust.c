/*
 * test_robust.c - hostile input never crashes, hangs or loses a document
 * (library level; tests/test_robust.py does the same through the CLI).
 *
 * Each input gives exactly one document.  Repaired input is checked
 * against the text the repair promises (newsgraph.h): invalid UTF-8
 * extracts exactly as the same text with U+FFFD written in, one per
 * maximal invalid subpart (decoded here independently of the library),
 * and C0 controls and NULs exactly as spaces; code point offsets are the
 * same, byte offsets point into the original, and there is a warning per
 * repaired run.  Large inputs (10 MB on one line, 100,000 quotes,
 * 300,000 titles) are checked for shape; their cost is watched by the
 * CLI tests, without timed asserts.  A user pattern with catastrophic
 * backtracking stops at PCRE2's match limit with a warning naming it,
 * and the rest of the document is extracted as without it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "newsgraph.h"
#include "ngtest.h"
#include "ngtest_doc.h"

/*
 * The library reads NUL and other C0 controls as spaces without a
 * warning today, though newsgraph.h says they are "repaired ... and
 * reported as warnings".  Set to 1 once lib/normalize.c warns for them.
 */
#define NUL_WARNING_EXPECTED 0

static ng_rules *rules;

#define S1 "新华社北京11月21日电 国务院总理李强21日在人民大会堂会见了来华访问的法国总统马克龙。"
#define S2 "广东省佛山市南海区桂城街道平东社区党委书记张碧波介绍，平东社区位于桂城。"
#define S3 "本报讯(记者/王伟 李明)南海区委书记陈建国在大沥镇调研，星湖社区党委书记刘芳陪同。"

/* ---- an independent UTF-8 reader ------------------------------------- */

/* Length of the character or maximal invalid subpart at s (n > 0 bytes);
 * *ok says which (Unicode ch. 3, Table 3-7). */
static size_t u8_step(const unsigned char *s, size_t n, int *ok)
{
    unsigned char b = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    *ok = 1;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else {
        *ok = 0;
        return 1;
    }
    for (size_t k = 1; k <= need; k++) {
        unsigned char lo_k = k == 1 ? lo : 0x80, hi_k = k == 1 ? hi : 0xBF;
        if (k >= n || s[k] < lo_k || s[k] > hi_k) {
            *ok = 0;
            return k;
        }
    }
    return need + 1;
}

/*
 * The text the library promises to read for `raw`: each maximal invalid
 * subpart written as U+FFFD, each C0 control but TAB, LF and CR (and
 * DEL) as a space.  Fills cp->byte maps for both texts (n_cps + 1 entries
 * each, malloc'd) and counts the invalid runs (adjacent subparts are one
 * run) and the control characters.
 */
typedef struct {
    char *text;
    size_t len;
    size_t *raw_byte, *rep_byte;   /* byte offset of code point i */
    size_t ncps, bad_runs, controls;
} repaired;

static repaired repair(const char *raw, size_t len)
{
    repaired r;
    memset(&r, 0, sizeof r);
    r.text = malloc(3 * len + 1);
    r.raw_byte = malloc((len + 1) * sizeof *r.raw_byte);
    r.rep_byte = malloc((len + 1) * sizeof *r.rep_byte);
    if (!r.text || !r.raw_byte || !r.rep_byte)
        abort();
    const unsigned char *s = (const unsigned char *)raw;
    size_t i = 0;
    int prev_bad = 0;
    while (i < len) {
        int ok;
        size_t k = u8_step(s + i, len - i, &ok);
        r.raw_byte[r.ncps] = i;
        r.rep_byte[r.ncps] = r.len;
        r.ncps++;
        if (!ok) {
            memcpy(r.text + r.len, "\xEF\xBF\xBD", 3);
            r.len += 3;
            if (!prev_bad)
                r.bad_runs++;
        } else if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ||
                   s[i] == 0x7F) {
            r.text[r.len++] = ' ';
            r.controls++;
        } else {
            memcpy(r.text + r.len, raw + i, k);
            r.len += k;
        }
        prev_bad = !ok;
        i += k;
    }
    r.raw_byte[r.ncps] = len;
    r.rep_byte[r.ncps] = r.len;
    r.text[r.len] = '\0';
    return r;
}

static void repaired_free(repaired *r)
{
    free(r->text);
    free(r->raw_byte);
    free(r->rep_byte);
}

/* ---- checks ------------------------------------------------------------ */

static size_t warnings_with(const ng_doc *d, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < ng_doc_warning_count(d); i++)
        if (strstr(ng_doc_warning(d, i), needle))
            n++;
    return n;
}

/* Every mention's offsets fall on the map and cut its entity's text out
 * of `text` (whitespace dropped; the texts here need no NFKC). */
static void check_offsets(const ng_doc *d, const char *text, size_t len,
                          const size_t *cp_byte, size_t ncps, int cut_text)
{
    size_t ne = ng_doc_entity_count(d), bad = 0;
    char *buf = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < ne; i++) {
        size_t tl;
        const char *t = ng_doc_entity_text(d, i, &tl);
        for (size_t k = 0; k < ng_doc_entity_mention_count(d, i); k++) {
            ng_mention m;
            ng_doc_entity_mention(d, i, k, &m);
            if (!(m.start < m.end && m.end <= ncps && m.byte_end <= len &&
                  m.byte_start == cp_byte[m.start] && m.byte_end == cp_byte[m.end])) {
                if (bad++ < 5)
                    NG_CHECK(!"mention offsets off the code point map");
                continue;
            }
            if (!cut_text)
                continue;
            size_t n = m.byte_end - m.byte_start, o = 0;
            if (n + 1 > cap) {
                cap = n + 1;
                buf = realloc(buf, cap);
            }
            for (size_t b = m.byte_start; b < m.byte_end; b++)
                if (text[b] != ' ' && text[b] != '\t' && text[b] != '\n' && text[b] != '\r')
                    buf[o++] = text[b];
            int same = o == tl && !memcmp(buf, t, tl);
            for (size_t a = 0; !same && a < ng_doc_entity_alias_count(d, i); a++) {
                const char *al = ng_doc_entity_alias(d, i, a);
                same = strlen(al) == o && !memcmp(al, buf, o);
            }
            if (!same && bad++ < 5)
                NG_CHECK(!"a mention does not cut its entity's text");
        }
    }
    free(buf);
    NG_CHECK_EQ_SIZE(bad, 0);
}

/* Extract raw, and its promised repaired text: the same entities,
 * relations and code point offsets; byte offsets each into its own text. */
static void check_as_repaired(const char *raw, size_t len, size_t *nents_out)
{
    repaired r = repair(raw, len);
    ng_error err;
    ng_doc *a = ng_extract(rules, raw, len, "raw", &err);
    ng_doc *b = ng_extract(rules, r.text, r.len, "repaired", &err);
    if (NG_CHECK(a != NULL) && NG_CHECK(b != NULL)) {
        size_t ne = ng_doc_entity_count(a);
        NG_CHECK_EQ_SIZE(ne, ng_doc_entity_count(b));
        NG_CHECK_EQ_SIZE(ng_doc_relation_count(a), ng_doc_relation_count(b));
        NG_CHECK_EQ_SIZE(ng_doc_sentence_count(a), ng_doc_sentence_count(b));
        for (size_t i = 0; i < ne && i < ng_doc_entity_count(b); i++) {
            NG_CHECK_STR(ng_doc_entity_text(a, i, NULL), ng_doc_entity_text(b, i, NULL));
            size_t nm = ng_doc_entity_mention_count(a, i);
            if (!NG_CHECK_EQ_SIZE(nm, ng_doc_entity_mention_count(b, i)))
                continue;
            for (size_t k = 0; k < nm; k++) {
                ng_mention ma, mb;
                ng_doc_entity_mention(a, i, k, &ma);
                ng_doc_entity_mention(b, i, k, &mb);
                if (!(ma.start == mb.start && ma.end == mb.end))
                    NG_CHECK(!"code point offsets differ from the repaired text's");
            }
        }
        for (size_t i = 0; i < ng_doc_relation_count(a) && i < ng_doc_relation_count(b); i++) {
            ng_relation ra, rb;
            ng_doc_relation(a, i, &ra);
            ng_doc_relation(b, i, &rb);
            NG_CHECK(ra.type == rb.type && ra.person == rb.person && ra.org == rb.org &&
                     ra.position == rb.position && ra.child == rb.child &&
                     ra.parent == rb.parent && ra.ev_start == rb.ev_start &&
                     ra.ev_end == rb.ev_end);
        }
        check_offsets(a, raw, len, r.raw_byte, r.ncps, r.bad_runs == 0 && r.controls == 0);
        check_offsets(b, r.text, r.len, r.rep_byte, r.ncps, 1);
        /* a warning per repaired run (the library sums up past 1000) */
        size_t w = warnings_with(a, "invalid UTF-8");
        if (r.bad_runs <= 1000)
            NG_CHECK_EQ_SIZE(w, r.bad_runs);
        else
            NG_CHECK_EQ_SIZE(w, 1001);
        NG_CHECK_EQ_SIZE(warnings_with(b, "invalid UTF-8"), 0);
        if (NUL_WARNING_EXPECTED && r.controls)
            NG_CHECK(ng_doc_warning_count(a) > w);
        char *json = ng_doc_to_json(a, 0, NULL);
        NG_CHECK(json != NULL);
        ng_free(json);
        if (nents_out)
            *nents_out = ne;
    }
    ng_doc_free(a);
    ng_doc_free(b);
    repaired_free(&r);
}

/* Does some mention of `name` start at or after byte `from`? */
static int found_after(const char *raw, size_t len, const char *name, size_t from)
{
    ng_error err;
    ng_doc *d = ng_extract(rules, raw, len, "d", &err);
    int found = 0;
    for (size_t i = 0; d && i < ng_doc_entity_count(d); i++) {
        if (strcmp(ng_doc_entity_text(d, i, NULL), name))
            continue;
        for (size_t k = 0; k < ng_doc_entity_mention_count(d, i); k++) {
            ng_mention m;
            ng_doc_entity_mention(d, i, k, &m);
            if (m.byte_start >= from)
                found = 1;
        }
    }
    ng_doc_free(d);
    return found;
}

/* ---- the inputs ---------------------------------------------------------- */

static void test_invalid_utf8(void)
{
    static const char raw[] =
        "李强" "\xff\xfe" S1 "\xe4\xb8" S2 "\xc0\xaf" S3
        "\xed\xa0\x80" "\xf4\x90\x80\x80" "\xf0\x9f\x98" "李强。";
    size_t len = sizeof raw - 1;
    size_t ne = 0;
    check_as_repaired(raw, len, &ne);
    NG_CHECK(ne > 0);
    /* text right after each bad run is still read */
    const char *after = strstr(raw, "\xe4\xb8");
    NG_CHECK(found_after(raw, len, "张碧波", (size_t)(after - raw)));
    NG_CHECK(found_after(raw, len, "国务院", 6));
    ng_error err;
    ng_doc *d = ng_extract(rules, raw, len, "d", &err);
    if (NG_CHECK(d != NULL)) {
        /* the first warning names the first bad byte */
        NG_CHECK(ng_doc_warning_count(d) >= 1 &&
                 strstr(ng_doc_warning(d, 0), "byte 6") != NULL);
    }
    ng_doc_free(d);
}

static void test_nul_and_controls(void)
{
    static const char raw[] = "李强\0在北京\0\0" S1 "\0" S2 "\x01\x1b\x7f" S3 "\0";
    size_t ne = 0;
    check_as_repaired(raw, sizeof raw - 1, &ne);
    NG_CHECK(ne > 0);
    const char *after = raw + strlen(raw) + 1;   /* past the first NUL */
    NG_CHECK(found_after(raw, sizeof raw - 1, "国务院", (size_t)(after - raw)));
}

static void test_empty(void)
{
    ng_error err;
    const char *texts[] = {"", NULL};
    for (int i = 0; i < 2; i++) {
        ng_doc *d = ng_extract(rules, texts[i], 0, "empty", &err);
        if (!NG_CHECK(d != NULL))
            continue;
        NG_CHECK_EQ_SIZE(ng_doc_entity_count(d), 0);
        NG_CHECK_EQ_SIZE(ng_doc_relation_count(d), 0);
        NG_CHECK_EQ_SIZE(ng_doc_warning_count(d), 0);
        char *json = ng_doc_to_json(d, 0, NULL);
        NG_CHECK(json && strstr(json, "\"doc\":\"empty\""));
        ng_free(json);
        ng_doc_free(d);
    }
}

/* 64 KB of random bytes from a fixed seed, and a 4 KB piece of it. */
static void test_binary(void)
{
    size_t len = 64 * 1024;
    char *b = malloc(len);
    uint64_t s = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < len; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        b[i] = (char)(s >> 24);
    }
    check_as_repaired(b, 4096, NULL);
    check_as_repaired(b, len, NULL);
    free(b);
}

static char *repeat(const char *unit, size_t min_bytes, size_t *len)
{
    size_t ul = strlen(unit), n = (min_bytes + ul - 1) / ul;
    char *p = malloc(n * ul + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(p + i * ul, unit, ul);
    p[n * ul] = '\0';
    *len = n * ul;
    return p;
}

static ng_doc *extract_ok(const char *text, size_t len)
{
    ng_error err;
    ng_doc *d = ng_extract(rules, text, len, "big", &err);
    NG_CHECK(d != NULL);
    if (d) {
        char *json = ng_doc_to_json(d, 0, NULL);
        NG_CHECK(json != NULL);
        ng_free(json);
    }
    return d;
}

/* Code point -> byte map of valid UTF-8. */
static size_t *cp_map(const char *t, size_t len, size_t *ncps)
{
    size_t *m = malloc((len + 1) * sizeof *m), n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)t[i] & 0xC0) != 0x80)
            m[n++] = i;
    m[n] = len;
    *ncps = n;
    return m;
}

/* The bundled stories, their line breaks dropped: real news text. */
static char *corpus_line(void)
{
    static const char *files[] = {
        "corpus/000_568b72c1b1414b0b.txt", "corpus/001_7942e32a0211d9e9.txt",
        "corpus/002_0717fb1b800ec88a.txt", "corpus/003_e2535e8f13aef196.txt",
        "corpus/004_deee6148d358da48.txt",
    };
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        FILE *f = fopen(files[i], "rb");
        if (!f)
            continue;
        int c;
        while ((c = getc(f)) != EOF) {
            if (c == '\n' || c == '\r')
                continue;
            if (len + 2 > cap)
                out = realloc(out, cap *= 2);
            out[len++] = (char)c;
        }
        fclose(f);
    }
    out[len] = '\0';
    return out;
}

static void test_ten_megabytes_one_line(void)
{
    size_t len, ncps;
    char *unit = corpus_line();
    if (!NG_CHECK(strlen(unit) > 1000)) {
        free(unit);
        return;
    }
    char *t = repeat(unit, 10u << 20, &len);
    free(unit);
    NG_CHECK(memchr(t, '\n', len) == NULL);
    ng_doc *d = extract_ok(t, len);
    if (d) {
        NG_CHECK(ng_doc_entity_count(d) > 0);
        NG_CHECK(ng_doc_relation_count(d) > 0);
        size_t *m = cp_map(t, len, &ncps);
        check_offsets(d, t, len, m, ncps, 0);
        free(m);
    }
    ng_doc_free(d);
    free(t);
}

/*
 * A document longer than the window size (lib/window.c) is read in
 * windows and merged: the same text repeated gives the entities and
 * relations of one copy, every mention's offsets are exact in the whole
 * text, sentences count on across windows, and a warning names its byte
 * in the whole document.
 */
static void test_windows(void)
{
    const char *unit = S2 "\n" S3 "\n\n";
    size_t ulen = strlen(unit), len;
    ng_doc *one = extract_ok(unit, ulen);
    char *t = repeat(unit, 3 * NG_WINDOW_BYTES, &len);
    /* an invalid byte in the last window, for the blank line's break */
    size_t bad = len - ulen - 1;
    NG_CHECK(t[bad] == '\n' && t[bad - 1] == '\n');
    t[bad] = (char)0xFF;
    ng_doc *d = extract_ok(t, len);
    if (one && d) {
        size_t ncps;
        size_t *m = cp_map(t, len, &ncps);
        check_offsets(d, t, len, m, ncps, 1);
        free(m);
        NG_CHECK_EQ_SIZE(ng_doc_entity_count(d), ng_doc_entity_count(one));
        NG_CHECK_EQ_SIZE(ng_doc_relation_count(d), ng_doc_relation_count(one));
        NG_CHECK(ng_doc_sentence_count(d) > 3 * ng_doc_sentence_count(one));
        /* a name found in every window is one entity with mentions from
         * the first window to the last, in text order, sentences rising */
        size_t found = 0;
        for (size_t i = 0; i < ng_doc_entity_count(d); i++) {
            if (strcmp(ng_doc_entity_text(d, i, NULL), "张碧波"))
                continue;
            found = 1;
            size_t nm = ng_doc_entity_mention_count(d, i);
            ng_mention a, b, prev;
            ng_doc_entity_mention(d, i, 0, &a);
            ng_doc_entity_mention(d, i, nm - 1, &b);
            NG_CHECK(a.byte_start < NG_WINDOW_BYTES && b.byte_start > 2 * NG_WINDOW_BYTES);
            int rising = 1;
            prev = a;
            for (size_t k = 1; k < nm; k++) {
                ng_mention c;
                ng_doc_entity_mention(d, i, k, &c);
                rising = rising && c.start > prev.start && c.sentence > prev.sentence;
                prev = c;
            }
            NG_CHECK(rising);
            NG_CHECK(b.sentence < ng_doc_sentence_count(d));
        }
        NG_CHECK(found);
        char want[64];
        snprintf(want, sizeof want, "at byte %zu ", bad);
        NG_CHECK_EQ_SIZE(warnings_with(d, want), 1);
    }
    ng_doc_free(one);
    ng_doc_free(d);
    free(t);
}

static void test_runs(void)
{
    static const struct {
        const char *unit;
        size_t count;
    } runs[] = {
        {"“", 100000},          /* opening quotes */
        {"书记", 300000},       /* one title word */
        {"，。、；：？！“”《》（）…—!?.,;:()[]{}<>\"'-", 20000},  /* punctuation only */
        {"\n", 200000},
        {" ", 200000},
        {"(", 100000},
        {"社区", 100000},
        {"a", 200000},
    };
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        size_t len, ncps;
        char *t = repeat(runs[i].unit, strlen(runs[i].unit) * runs[i].count, &len);
        ng_doc *d = extract_ok(t, len);
        if (d) {
            size_t *m = cp_map(t, len, &ncps);
            check_offsets(d, t, len, m, ncps, 1);
            free(m);
            NG_CHECK_EQ_SIZE(ng_doc_warning_count(d), 0);
        }
        ng_doc_free(d);
        free(t);
    }
}

/* ---- rules ------------------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

static char *json_without_warnings(const ng_rules *r, const char *text, size_t len)
{
    char *j = ngt_json_of(r, text, len);
    char *w = j ? strstr(j, ",\"warnings\"") : NULL;
    if (w)
        strcpy(w, "}");
    return j;
}

/*
 * A user pattern with catastrophic backtracking on a long run of 'a'
 * followed by 'b' hits PCRE2's match limit: the rule stops with a
 * warning naming it and its file:line, and the document is otherwise
 * extracted exactly as without the rule.
 */
static void test_hostile_patterns(void)
{
    static const char *evil[] = {
        "evil\t(?<PERSON>(?:a|a)+$)\n",
        "evil\t(?<PERSON>(a+)+$)\n",
        "evil\t(?<PERSON>(a(?1)?b)b)\n",
        "evil\t(?<PERSON>(?:a|a?)+b$)\n",
    };
    char tmpl[] = "/tmp/ngtest-robust-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!NG_CHECK(dir != NULL))
        return;
    size_t len;
    char *run = repeat("a", 5000, &len);
    size_t tlen = strlen(S2) + len + 1 + strlen(S1);
    char *text = malloc(tlen + 1);
    snprintf(text, tlen + 1, "%s%sb%s", S2, run, S1);
    char *expect = json_without_warnings(rules, text, tlen);
    NG_CHECK(expect != NULL && strstr(expect, "张碧波") && strstr(expect, "国务院"));
    for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
        write_file(dir, "patterns.txt", evil[i]);
        const char *dirs[] = {NULL, dir};
        ng_error err;
        ng_rules *r = ng_rules_load_dirs(dirs, 2, &err);
        if (!NG_CHECK(r != NULL)) {
            fprintf(stderr, "  %s: %s\n", evil[i], err.message);
            continue;
        }
        ng_doc *d = ng_extract(r, text, tlen, "doc", &err);
        if (NG_CHECK(d != NULL)) {
            size_t w = warnings_with(d, "rule evil (");
            if (!NG_CHECK_EQ_SIZE(w, 1))
                fprintf(stderr, "  pattern %s", evil[i]);
            NG_CHECK(warnings_with(d, "patterns.txt:1") == 1);
        }
        ng_doc_free(d);
        char *got = json_without_warnings(r, text, tlen);
        NG_CHECK(got && expect && !strcmp(got, expect));
        ng_free(got);
        ng_rules_free(r);
    }
    ng_free(expect);
    free(text);
    free(run);
    remove_file(dir, "patterns.txt");
    rmdir(dir);
}

/* A rules directory that is a file, or missing, is a clear I/O error. */
static void test_rules_dir_errors(void)
{
    ng_error err;
    char tmpl[] = "/tmp/ngtest-robust-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!NG_CHECK(dir != NULL))
        return;
    char file[512];
    snprintf(file, sizeof file, "%s/title.txt", dir);
    write_file(dir, "title.txt", "书记\n");
    NG_CHECK(ng_rules_load(file, &err) == NULL);
    NG_CHECK_EQ_INT(err.code, NG_ERR_IO);
    NG_CHECK(strstr(err.message, file) != NULL);
    /* an over-long lexicon entry names its file and line */
    char *longline = malloc(300 * 3 + 16);
    size_t o = 0;
    o += (size_t)sprintf(longline, "书记\n");
    for (int i = 0; i < 300; i++)
        o += (size_t)sprintf(longline + o, "长");
    strcpy(longline + o, "\n");
    write_file(dir, "title.txt", longline);
    free(longline);
    NG_CHECK(ng_rules_load(dir, &err) == NULL);
    NG_CHECK_EQ_INT(err.code, NG_ERR_RULES);
    NG_CHECK_EQ_INT(err.line, 2);
    NG_CHECK(strstr(err.message, "title.txt:2") != NULL);
    /* a NUL byte in a rules file */
    char path[512];
    snprintf(path, sizeof path, "%s/title.txt", dir);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite("书记\n\0\n", 1, 8, f);
        fclose(f);
    }
    NG_CHECK(ng_rules_load(dir, &err) == NULL);
    NG_CHECK_EQ_INT(err.code, NG_ERR_RULES);
    NG_CHECK(strstr(err.message, "title.txt") != NULL);
    remove_file(dir, "title.txt");
    rmdir(dir);
}

int main(void)
{
    ng_error err;
    rules = ng_rules_load(NULL, &err);
    if (!rules) {
        fprintf(stderr, "cannot load rules: %s\n", err.message);
        return 1;
    }
    NG_RUN(test_invalid_utf8);
    NG_RUN(test_nul_and_controls);
    NG_RUN(test_empty);
    NG_RUN(test_binary);
    NG_RUN(test_runs);
    NG_RUN(test_ten_megabytes_one_line);
    NG_RUN(test_windows);
    NG_RUN(test_hostile_patterns);
    NG_RUN(test_rules_dir_errors);
    ng_rules_free(rules);
    return NG_TEST_END();
}
