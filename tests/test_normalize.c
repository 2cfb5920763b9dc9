/*
 * test_normalize.c - ng_normalize(): UTF-8 repair, control characters,
 * NFKC with its offset map, line joining, and the UTF-8 index.
 *
 * Expected counts for invalid UTF-8 were checked against Python 3:
 * len(b.decode("utf-8", "replace")).
 */
#include "internal.h"
#include "ngtest.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Normalise a NUL-terminated literal (no embedded NULs). */
static int norm(const char *s, ng_text *t, ng_strlist *w)
{
    return ng_normalize(s, strlen(s), t, w);
}

/* Check working code point i's map to original cps and bytes. */
#define CHECK_MAP(t, i, c0, c1, b0, b1)                 \
    do {                                                \
        NG_CHECK_EQ_SIZE((t).src_cp[i], (c0));          \
        NG_CHECK_EQ_SIZE((t).src_cp_end[i], (c1));      \
        NG_CHECK_EQ_SIZE((t).src_byte[i], (b0));        \
        NG_CHECK_EQ_SIZE((t).src_byte_end[i], (b1));    \
    } while (0)

/* Invariants every result must satisfy, whatever the input. */
static void check_consistent(const ng_text *t, size_t len)
{
    size_t i, o = 0;

    NG_CHECK_EQ_SIZE(t->orig_bytes, len);
    if (!NG_CHECK(t->cp && t->u8 && t->u8_off))
        return;
    NG_CHECK_EQ_INT(t->cp[t->n], 0);
    NG_CHECK_EQ_SIZE(t->u8_off[0], 0);
    NG_CHECK_EQ_SIZE(t->u8_off[t->n], t->u8len);
    NG_CHECK_EQ_SIZE(strlen(t->u8), t->u8len); /* no NUL inside */
    for (i = 0; i < t->n; i++) {
        uint8_t buf[4];
        utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)t->cp[i],
                                                  buf);
        int ok = t->u8_off[i] == o &&
                 memcmp(t->u8 + o, buf, (size_t)k) == 0 &&
                 t->src_cp[i] < t->src_cp_end[i] &&
                 t->src_byte[i] < t->src_byte_end[i] &&
                 t->src_cp_end[i] <= t->orig_cps &&
                 t->src_byte_end[i] <= len &&
                 (i == 0 || t->src_cp[i] >= t->src_cp[i - 1]);
        if (!ok) {
            NG_CHECK_EQ_SIZE(i, SIZE_MAX); /* report which one */
            return;
        }
        o += (size_t)k;
    }
    NG_CHECK_EQ_SIZE(o, t->u8len);
}

static void test_empty(void)
{
    ng_text t;
    ng_strlist w = {0};

    NG_CHECK_EQ_INT(ng_normalize("", 0, &t, &w), NG_OK);
    NG_CHECK_EQ_SIZE(t.n, 0);
    NG_CHECK_EQ_SIZE(t.orig_cps, 0);
    NG_CHECK_STR(t.u8, "");
    NG_CHECK_EQ_SIZE(t.u8len, 0);
    check_consistent(&t, 0);
    NG_CHECK_EQ_SIZE(ng_text_cp_of_u8(&t, 0), 0);
    NG_CHECK_EQ_SIZE(w.count, 0);
    ng_text_free(&t);
    ng_text_free(&t); /* freeing twice is harmless: it was zeroed */

    NG_CHECK_EQ_INT(ng_normalize(NULL, 0, &t, NULL), NG_OK);
    NG_CHECK_EQ_SIZE(t.n, 0);
    check_consistent(&t, 0);
    ng_text_free(&t);
}

static void test_fullwidth(void)
{
    /* ＡＢ，（中）：１２　！ -> AB,(中):12 ! ; each 3 bytes, one to one */
    const char *s = "ＡＢ，（中）：１２　！";
    ng_text t;
    size_t i;

    NG_CHECK_EQ_INT(norm(s, &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "AB,(中):12 !");
    NG_CHECK_EQ_SIZE(t.n, 11);
    NG_CHECK_EQ_SIZE(t.orig_cps, 11);
    for (i = 0; i < t.n; i++)
        CHECK_MAP(t, i, i, i + 1, 3 * i, 3 * i + 3);
    check_consistent(&t, strlen(s));
    ng_text_free(&t);

    /* halfwidth forms fold too: ｡ -> 。, ｶﾞ -> ガ (two cps into one) */
    NG_CHECK_EQ_INT(norm("ｶﾞ｡", &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "ガ。");
    NG_CHECK_EQ_SIZE(t.n, 2);
    CHECK_MAP(t, 0, 0, 2, 0, 6);
    CHECK_MAP(t, 1, 2, 3, 6, 9);
    ng_text_free(&t);
}

static void test_expansion(void)
{
    /* ﬁ -> fi, … -> ..., ① -> 1: every output cp carries the whole source */
    const char *s = "xﬁ…①y";
    ng_text t;

    NG_CHECK_EQ_INT(norm(s, &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "xfi...1y");
    NG_CHECK_EQ_SIZE(t.orig_cps, 5);
    CHECK_MAP(t, 0, 0, 1, 0, 1);
    CHECK_MAP(t, 1, 1, 2, 1, 4); /* f */
    CHECK_MAP(t, 2, 1, 2, 1, 4); /* i */
    CHECK_MAP(t, 3, 2, 3, 4, 7); /* . */
    CHECK_MAP(t, 5, 2, 3, 4, 7); /* . */
    CHECK_MAP(t, 6, 3, 4, 7, 10); /* 1 */
    CHECK_MAP(t, 7, 4, 5, 10, 11);
    check_consistent(&t, strlen(s));
    ng_text_free(&t);
}

static void test_combining(void)
{
    ng_text t;

    /* e + U+0301 -> é: one working cp from two original ones */
    NG_CHECK_EQ_INT(norm("ce\xcc\x81x", &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "c\xc3\xa9x");
    NG_CHECK_EQ_SIZE(t.n, 3);
    NG_CHECK_EQ_SIZE(t.orig_cps, 4);
    NG_CHECK_EQ_INT(t.cp[1], 0xE9);
    CHECK_MAP(t, 1, 1, 3, 1, 4);
    CHECK_MAP(t, 2, 3, 4, 4, 5);
    check_consistent(&t, 5);
    ng_text_free(&t);

    /* marks out of canonical order get sorted: a + dot below + acute */
    NG_CHECK_EQ_INT(norm("a\xcc\x81\xcc\xa3", &t, NULL), NG_OK);
    NG_CHECK_EQ_SIZE(t.n, 2); /* ạ + U+0301 */
    NG_CHECK_EQ_INT(t.cp[0], 0x1EA1);
    NG_CHECK_EQ_INT(t.cp[1], 0x301);
    CHECK_MAP(t, 0, 0, 3, 0, 5);
    CHECK_MAP(t, 1, 0, 3, 0, 5);
    ng_text_free(&t);

    /* conjoining jamo compose into one syllable: 한 */
    NG_CHECK_EQ_INT(norm("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", &t, NULL),
                    NG_OK);
    NG_CHECK_EQ_SIZE(t.n, 1);
    NG_CHECK_EQ_INT(t.cp[0], 0xD55C);
    CHECK_MAP(t, 0, 0, 3, 0, 9);
    ng_text_free(&t);

    /* compatibility jamo ㄱ ㅏ -> 가 (NFKC composes across them) */
    NG_CHECK_EQ_INT(norm("ㄱㅏ", &t, NULL), NG_OK);
    NG_CHECK_EQ_SIZE(t.n, 1);
    NG_CHECK_EQ_INT(t.cp[0], 0xAC00);
    CHECK_MAP(t, 0, 0, 2, 0, 6);
    ng_text_free(&t);

    /* a combining mark at the very start stands alone */
    NG_CHECK_EQ_INT(norm("\xcc\x81" "a", &t, NULL), NG_OK);
    NG_CHECK_EQ_SIZE(t.n, 2);
    CHECK_MAP(t, 0, 0, 1, 0, 2);
    CHECK_MAP(t, 1, 1, 2, 2, 3);
    ng_text_free(&t);
}

static void test_astral(void)
{
    ng_text t;

    NG_CHECK_EQ_INT(norm("a\xf0\x9f\x98\x80中b", &t, NULL), NG_OK);
    NG_CHECK_EQ_SIZE(t.n, 4);
    NG_CHECK_EQ_SIZE(t.orig_cps, 4);
    NG_CHECK_EQ_INT(t.cp[1], 0x1F600);
    CHECK_MAP(t, 1, 1, 2, 1, 5);
    CHECK_MAP(t, 2, 2, 3, 5, 8);
    NG_CHECK_EQ_SIZE(t.u8_off[2], 5);
    NG_CHECK_EQ_SIZE(t.u8len, 9);
    /* byte offsets of u8 back to code points, inside characters too */
    NG_CHECK_EQ_SIZE(ng_text_cp_of_u8(&t, 0), 0);
    NG_CHECK_EQ_SIZE(ng_text_cp_of_u8(&t, 1), 1);
    NG_CHECK_EQ_SIZE(ng_text_cp_of_u8(&t, 3), 1);
    NG_CHECK_EQ_SIZE(ng_text_cp_of_u8(&t, 5), 2);
    NG_CHECK_EQ_SIZE(ng_text_cp_of_u8(&t, 7), 2);
    NG_CHECK_EQ_SIZE(ng_text_cp_of_u8(&t, 8), 3);
    NG_CHECK_EQ_SIZE(ng_text_cp_of_u8(&t, 9), 4);
    check_consistent(&t, 9);
    ng_text_free(&t);
}

/* One case of invalid input: bytes, and Python's replace-decoded length. */
typedef struct {
    const char *bytes;
    size_t len;
    size_t cps; /* len(b.decode("utf-8", "replace")) */
    size_t fffd;
    size_t at; /* byte the warning names */
} bad_case;

static void test_invalid_utf8(void)
{
    static const bad_case cases[] = {
        {"\xe4\xb8" "A", 3, 2, 1, 0},         /* truncated 3-byte form */
        {"\xed\xa0\x80", 3, 3, 3, 0},         /* surrogate: each byte alone */
        {"\xc0\x80", 2, 2, 2, 0},             /* overlong NUL */
        {"\xff", 1, 1, 1, 0},
        {"\xf0\x9f\x98", 3, 1, 1, 0},         /* truncated 4-byte form */
        {"\xf4\x90\x80\x80", 4, 4, 4, 0},     /* above U+10FFFF */
        {"\xe0\x80\x80", 3, 3, 3, 0},         /* overlong 3-byte */
        {"\xf0\x80\x80\x80", 4, 4, 4, 0},     /* overlong 4-byte */
        {"\x80\x80", 2, 2, 2, 0},             /* lone continuations */
        {"\xf5\x80", 2, 2, 2, 0},
        {"\xe0\xa0", 2, 1, 1, 0},
        {"\xf1\x80\x80\xe4\xb8\xad", 6, 2, 1, 0}, /* then 中 */
        {"\xdf\xbf\xc2" "A", 4, 3, 1, 2},
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        const bad_case *c = &cases[k];
        ng_text t;
        ng_strlist w = {0};
        size_t i, nf = 0;

        if (!NG_CHECK_EQ_INT(ng_normalize(c->bytes, c->len, &t, &w), NG_OK))
            continue;
        NG_CHECK_EQ_SIZE(t.orig_cps, c->cps);
        NG_CHECK_EQ_SIZE(t.n, c->cps);
        for (i = 0; i < t.n; i++)
            nf += t.cp[i] == 0xFFFD;
        NG_CHECK_EQ_SIZE(nf, c->fffd);
        NG_CHECK_EQ_SIZE(w.count, 1);
        if (w.count) {
            char want[64];
            int wl = snprintf(want, sizeof want, "invalid UTF-8 at byte %zu (",
                              c->at);
            NG_CHECK(strncmp(w.items[0], want, (size_t)wl) == 0);
        }
        /* every byte belongs to exactly one working code point */
        NG_CHECK_EQ_SIZE(t.src_byte[0], 0);
        for (i = 1; i < t.n; i++)
            NG_CHECK_EQ_SIZE(t.src_byte[i], t.src_byte_end[i - 1]);
        NG_CHECK_EQ_SIZE(t.src_byte_end[t.n - 1], c->len);
        check_consistent(&t, c->len);
        ng_text_free(&t);
        ng_strlist_free(&w);
    }

    /* positions in the middle of text; one warning per run */
    {
        const char s[] = "中\xff文\xe4\xb8";
        ng_text t;
        ng_strlist w = {0};

        NG_CHECK_EQ_INT(ng_normalize(s, sizeof s - 1, &t, &w), NG_OK);
        NG_CHECK_EQ_SIZE(t.orig_cps, 4);
        NG_CHECK_EQ_INT(t.cp[1], 0xFFFD);
        CHECK_MAP(t, 1, 1, 2, 3, 4);
        CHECK_MAP(t, 2, 2, 3, 4, 7);
        CHECK_MAP(t, 3, 3, 4, 7, 9);
        if (NG_CHECK_EQ_SIZE(w.count, 2)) {
            NG_CHECK_STR(w.items[0],
                         "invalid UTF-8 at byte 3 (1 byte) replaced by U+FFFD");
            NG_CHECK_STR(w.items[1],
                         "invalid UTF-8 at byte 7 (2 bytes) replaced by U+FFFD");
        }
        ng_text_free(&t);
        ng_strlist_free(&w);
    }

    /* warnings already in the list stay; hostile input is summed up */
    {
        size_t runs = 1500, i;
        char *s = malloc(2 * runs);
        ng_text t;
        ng_strlist w = {0};

        if (!NG_CHECK(s != NULL))
            return;
        for (i = 0; i < runs; i++) {
            s[2 * i] = 'A';
            s[2 * i + 1] = (char)0xFF;
        }
        NG_CHECK_EQ_INT(ng_strlist_addf(&w, "earlier %d", 1), NG_OK);
        NG_CHECK_EQ_INT(ng_normalize(s, 2 * runs, &t, &w), NG_OK);
        NG_CHECK_EQ_SIZE(t.orig_cps, 2 * runs);
        NG_CHECK_EQ_SIZE(w.count, 1 + 1000 + 1);
        NG_CHECK_STR(w.items[0], "earlier 1");
        NG_CHECK_STR(w.items[w.count - 1],
                     "invalid UTF-8: 500 more runs (500 bytes) replaced by "
                     "U+FFFD, not listed");
        ng_text_free(&t);
        ng_strlist_free(&w);
        free(s);
    }
}

static void test_controls(void)
{
    /* NUL, C0, DEL and C1 (U+0085) are spaces, one for one; TAB stays */
    const char s[] = "a\0b\x01" "c\x7f\xc2\x85" "d\te";
    ng_text t;

    NG_CHECK_EQ_INT(ng_normalize(s, sizeof s - 1, &t, NULL), NG_OK);
    NG_CHECK_EQ_SIZE(t.orig_cps, 10);
    NG_CHECK_EQ_SIZE(t.n, 10);
    NG_CHECK_STR(t.u8, "a b c  d\te");
    CHECK_MAP(t, 1, 1, 2, 1, 2);
    CHECK_MAP(t, 6, 6, 7, 6, 8);
    check_consistent(&t, sizeof s - 1);
    ng_text_free(&t);
}

static void test_crlf(void)
{
    const char *s = "第一句。\r\n第二句。\r第三句。\n";
    ng_text t;

    NG_CHECK_EQ_INT(norm(s, &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "第一句。\n第二句。\n第三句。\n");
    NG_CHECK_EQ_SIZE(t.orig_cps, 16);
    /* the first '\n' stands for CR LF, the second for a lone CR */
    CHECK_MAP(t, 4, 4, 6, 12, 14);
    CHECK_MAP(t, 9, 10, 11, 26, 27);
    CHECK_MAP(t, 14, 15, 16, 39, 40);
    check_consistent(&t, strlen(s));
    ng_text_free(&t);
}

static void test_join_broken_words(void)
{
    ng_text t;

    /* a name cut across a blank line: both lines are prose */
    NG_CHECK_EQ_INT(norm("会上,主持人介绍了新任馆长王\n\n晓东的履历,大家鼓掌欢迎。",
                         &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "会上,主持人介绍了新任馆长王晓东的履历,大家鼓掌欢迎。");
    ng_text_free(&t);

    /* a word cut by a single break; offsets skip the break */
    NG_CHECK_EQ_INT(norm("今年以来,该镇着力发展农村集\n体经济,村民收入增加。",
                         &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "今年以来,该镇着力发展农村集体经济,村民收入增加。");
    NG_CHECK_EQ_INT(t.cp[14], 0x4F53); /* 体 */
    CHECK_MAP(t, 13, 13, 14, 37, 40);  /* 集 */
    CHECK_MAP(t, 14, 15, 16, 41, 44);  /* 体, after the removed '\n' */
    ng_text_free(&t);

    /* unbalanced quotes make a short line prose, not a heading */
    NG_CHECK_EQ_INT(norm("他说:“这件事\n我们一定办好。”", &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "他说:“这件事我们一定办好。”");
    ng_text_free(&t);

    /* between ASCII letters or digits a space keeps the words apart */
    NG_CHECK_EQ_INT(norm("报告称,该公司CEO\nJohn表示,收入增长了12\n 3个百分点。",
                         &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "报告称,该公司CEO John表示,收入增长了12 3个百分点。");
    CHECK_MAP(t, 10, 10, 11, 22, 23); /* the space is the '\n' */
    ng_text_free(&t);

    /* full-width commas count as punctuation after folding */
    NG_CHECK_EQ_INT(norm("记者走访了社区，看到居民李\r\n\r\n小红正在，打扫卫生。", &t,
                         NULL), NG_OK);
    NG_CHECK_STR(t.u8, "记者走访了社区,看到居民李小红正在,打扫卫生。");
    ng_text_free(&t);
}

static void test_join_kept(void)
{
    const char *s = "强化组织建设\n\n推动基层治理\n现代化\n\n"
                    "今年以来,某街道坚持党建引领,成效明显。  \n\n  "
                    "下一句继续,没有结束\n的句子被连上了。";
    ng_text t;

    NG_CHECK_EQ_INT(norm(s, &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "强化组织建设\n推动基层治理\n现代化\n"
                       "今年以来,某街道坚持党建引领,成效明显。\n"
                       "下一句继续,没有结束的句子被连上了。");
    /* the kept break after 。 maps to the first '\n', past the spaces */
    {
        size_t i = 0;
        while (i < t.n && t.cp[i] != 0x3002)
            i++;
        if (NG_CHECK(i + 1 < t.n)) {
            NG_CHECK_EQ_INT(t.cp[i + 1], '\n');
            NG_CHECK_EQ_SIZE(t.src_cp[i + 1], t.src_cp_end[i] + 2);
            NG_CHECK_EQ_SIZE(t.src_cp_end[i + 1], t.src_cp_end[i] + 3);
        }
    }
    check_consistent(&t, strlen(s));
    ng_text_free(&t);

    /* breaks at the start and the end are kept, as one '\n' each */
    NG_CHECK_EQ_INT(norm("\n \n标题\n\n", &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "\n标题\n");
    CHECK_MAP(t, 0, 0, 1, 0, 1);
    CHECK_MAP(t, 3, 5, 6, 9, 10);
    ng_text_free(&t);

    /* a break after each final mark: 。!?;:” and ASCII . ) */
    NG_CHECK_EQ_INT(norm("甲说,好。\n乙说,好!\n丙说,好?\n丁说,如下:\n"
                         "戊说,“好”\n己说,好.\n庚说,好)\n辛说,好,", &t, NULL),
                    NG_OK);
    NG_CHECK_STR(t.u8, "甲说,好。\n乙说,好!\n丙说,好?\n丁说,如下:\n"
                       "戊说,“好”\n己说,好.\n庚说,好)\n辛说,好,");
    ng_text_free(&t);

    /* a heading-like line after prose keeps the break before it */
    NG_CHECK_EQ_INT(norm("他们说,这个项目还在推进\n下一步工作\n", &t, NULL),
                    NG_OK);
    NG_CHECK_STR(t.u8, "他们说,这个项目还在推进\n下一步工作\n");
    ng_text_free(&t);

    /* spaces without a line break are left as they are (folded) */
    NG_CHECK_EQ_INT(norm("文/本报记者 张三　通讯员  李四", &t, NULL), NG_OK);
    NG_CHECK_STR(t.u8, "文/本报记者 张三 通讯员  李四");
    ng_text_free(&t);
}

static void test_long_inputs(void)
{
    size_t reps = (10u << 20) / 35, i, len; /* 35 bytes a piece: 10 MB */
    const char *piece = "中文测试,没有换行的 文字";
    char *s;
    ng_text t;

    len = strlen(piece);
    NG_CHECK_EQ_SIZE(len, 35);
    s = malloc(reps * len);
    if (!NG_CHECK(s != NULL))
        return;

    /* one line of 10 MB */
    for (i = 0; i < reps; i++)
        memcpy(s + i * len, piece, len);
    NG_CHECK_EQ_INT(ng_normalize(s, reps * len, &t, NULL), NG_OK);
    NG_CHECK_EQ_SIZE(t.n, reps * 13);
    NG_CHECK_EQ_SIZE(t.orig_cps, reps * 13);
    NG_CHECK_EQ_SIZE(t.u8len, reps * len);
    NG_CHECK(memcmp(t.u8, s, reps * len) == 0);
    ng_text_free(&t);

    /* 100,000 prose lines: every break goes */
    {
        const char *l = "长句,继续写下去\n";
        size_t ll = strlen(l), lines = 100000;
        char *m = malloc(ll * lines);
        if (NG_CHECK(m != NULL)) {
            for (i = 0; i < lines; i++)
                memcpy(m + i * ll, l, ll);
            NG_CHECK_EQ_INT(ng_normalize(m, ll * lines, &t, NULL), NG_OK);
            /* 8 cps a line, and the final '\n' (text end) stays */
            NG_CHECK_EQ_SIZE(t.n, lines * 8 + 1);
            NG_CHECK_EQ_INT(t.cp[t.n - 1], '\n');
            ng_text_free(&t);
        }
        free(m);
    }
    /* 100,000 heading lines: every break stays */
    {
        const char *l = "小标题\n";
        size_t ll = strlen(l), lines = 100000;
        char *m = malloc(ll * lines);
        if (NG_CHECK(m != NULL)) {
            for (i = 0; i < lines; i++)
                memcpy(m + i * ll, l, ll);
            NG_CHECK_EQ_INT(ng_normalize(m, ll * lines, &t, NULL), NG_OK);
            NG_CHECK_EQ_SIZE(t.n, lines * 4);
            NG_CHECK_EQ_SIZE(t.u8len, ll * lines);
            ng_text_free(&t);
        }
        free(m);
    }
    free(s);
}

/*
 * The map's promise: each group of working code points sharing a span is
 * the NFKC of exactly that original text (no line breaks involved here).
 */
static void test_mapping_invariant(void)
{
    static const char *const texts[] = {
        "（北京）１２月３日電　記者ＡＢＣ報道",
        "Cafe\xcc\x81 ﬁne ①② ㍱ ½ Ⅳ ｶﾞｷﾞ ㈱",
        "a\xcc\x81\xcc\xa3\xcc\x88 o\xcc\x9b\xcc\x81 \xe1\x84\x92\xe1\x85\xa1"
        "\xe1\x86\xab 가\xe1\x86\xa8",
        "emoji \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 ok "
        "\xef\xb7\xba \xe2\x84\xab \xe2\x84\xa6",
        "\xe0\xad\x87\xe0\xac\xbe \xe0\xa6\x95\xe0\xa7\x87\xe0\xa6\xbe",
    };
    size_t k;

    for (k = 0; k < sizeof texts / sizeof *texts; k++) {
        const char *s = texts[k];
        size_t len = strlen(s), i = 0, prev_end_cp = 0, prev_end_b = 0;
        ng_text t;

        if (!NG_CHECK_EQ_INT(norm(s, &t, NULL), NG_OK))
            continue;
        check_consistent(&t, len);
        while (i < t.n) {
            size_t j = i;
            utf8proc_uint8_t *want;
            const char *got;
            size_t gotlen;

            while (j < t.n && t.src_cp[j] == t.src_cp[i])
                j++;
            /* groups tile the original */
            NG_CHECK_EQ_SIZE(t.src_cp[i], prev_end_cp);
            NG_CHECK_EQ_SIZE(t.src_byte[i], prev_end_b);
            prev_end_cp = t.src_cp_end[i];
            prev_end_b = t.src_byte_end[i];

            {
                size_t blen = t.src_byte_end[i] - t.src_byte[i];
                char *cut = malloc(blen + 1);
                if (!NG_CHECK(cut != NULL))
                    break;
                memcpy(cut, s + t.src_byte[i], blen);
                cut[blen] = '\0';
                want = utf8proc_NFKC((const utf8proc_uint8_t *)cut);
                free(cut);
            }
            got = t.u8 + t.u8_off[i];
            gotlen = t.u8_off[j] - t.u8_off[i];
            if (!NG_CHECK(want != NULL))
                break;
            if (!NG_CHECK_MEM(got, gotlen, want, strlen((char *)want)))
                fprintf(stderr, "    text %zu, working cps %zu..%zu\n", k, i,
                        j);
            free(want);
            i = j;
        }
        NG_CHECK_EQ_SIZE(prev_end_cp, t.orig_cps);
        NG_CHECK_EQ_SIZE(prev_end_b, len);
        /* and the whole: NFKC of the text */
        {
            utf8proc_uint8_t *all = utf8proc_NFKC((const utf8proc_uint8_t *)s);
            if (NG_CHECK(all != NULL))
                NG_CHECK_STR(t.u8, (char *)all);
            free(all);
        }
        ng_text_free(&t);
    }
}

static void test_cp_of_u8(void)
{
    ng_text t;
    size_t b;

    NG_CHECK_EQ_INT(norm("ab中文é\xf0\x9f\x98\x80z", &t, NULL), NG_OK);
    for (b = 0; b <= t.u8len; b++) {
        size_t i = ng_text_cp_of_u8(&t, b);
        /* the character that holds byte b, or n at the end */
        if (b == t.u8len)
            NG_CHECK_EQ_SIZE(i, t.n);
        else
            NG_CHECK(t.u8_off[i] <= b && b < t.u8_off[i + 1]);
    }
    ng_text_free(&t);
}

static void test_util(void)
{
    ng_error e;
    ng_strlist l = {0};
    int i;

    ng_set_error(&e, NG_ERR_RULES, "rules/zh/titles.txt", 12, "bad entry %s",
                 "x");
    NG_CHECK_EQ_INT(e.code, NG_ERR_RULES);
    NG_CHECK_STR(e.message, "rules/zh/titles.txt:12: bad entry x");
    NG_CHECK_STR(e.file, "rules/zh/titles.txt");
    NG_CHECK_EQ_INT(e.line, 12);
    ng_set_error(&e, NG_ERR_NOMEM, NULL, 0, "out of memory");
    NG_CHECK_STR(e.message, "out of memory");
    NG_CHECK_STR(e.file, "");
    NG_CHECK_EQ_INT(e.line, 0);
    ng_set_error(NULL, NG_ERR_ARG, NULL, 0, "ignored");

    for (i = 0; i < 100; i++)
        NG_CHECK_EQ_INT(ng_strlist_addf(&l, "w%d", i), NG_OK);
    NG_CHECK_EQ_SIZE(l.count, 100);
    NG_CHECK_STR(l.items[99], "w99");
    ng_strlist_free(&l);
    NG_CHECK_EQ_SIZE(l.count, 0);
}

NG_TEST_MAIN(
    NG_RUN(test_empty);
    NG_RUN(test_fullwidth);
    NG_RUN(test_expansion);
    NG_RUN(test_combining);
    NG_RUN(test_astral);
    NG_RUN(test_invalid_utf8);
    NG_RUN(test_controls);
    NG_RUN(test_crlf);
    NG_RUN(test_join_broken_words);
    NG_RUN(test_join_kept);
    NG_RUN(test_long_inputs);
    NG_RUN(test_mapping_invariant);
    NG_RUN(test_cp_of_u8);
    NG_RUN(test_util);
)
