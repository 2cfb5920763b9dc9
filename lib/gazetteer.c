/*
 * gazetteer.c - where an entry of a mined gazetteer may stand.
 *
 * place_mined.txt and org_mined.txt (scripts/gen_mined_gazetteer.py) hold
 * strings that annotators of public NER data marked as names wherever
 * they were written.  Elsewhere such a string may be the middle of other
 * words (岭南特色 holds 南特, 叠北爱车 holds 北爱), so a mined entry stands
 * only where a word may start: at the text's start, after a character
 * that is not Han, or where a word the lexicons know ends (a stop word,
 * an ordinary word, a title, a cue, a suffix, another name).  A mined
 * organisation that is a bare organ word (镇委, 市委) names nothing on its
 * own, as with the suffix rules.
 */
#include <pthread.h>
#include "extract.h"

/* Does a word of a class that bounds names end at j? */
static int word_ends(const xctx *x, size_t j)
{
    static const int cls[] = {LX_STOP, LX_COMMON, LX_TITLE, LX_CUE_AFTER, LX_CUE_BEFORE,
                              LX_STATUS_WORD, LX_PLACE_SUFFIX, LX_ORG_SUFFIX, LX_PLACE,
                              LX_ORG, LX_FORMER};
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        const lx_entry *e = x_entry(x, &x->m[x->end_idx[k]]);
        for (size_t i = 0; i < sizeof cls / sizeof *cls; i++)
            if (e->cls == cls[i] && !(e->flags & LF_MINED))
                return 1;
    }
    return 0;
}

int gaz_mined_ok(const xctx *x, const lx_match *m)
{
    const lx_entry *e = x_entry(x, m);
    if (e->cls == LX_ORG &&
        lx_lookup(&x->r->lx, x->t.cp + m->s, m->e - m->s, LX_ORG_SUFFIX))
        return 0;
    if (m->s == 0 || !is_han(x->t.cp[m->s - 1]))
        return 1;
    return word_ends(x, m->s);
}

/*
 * One-character abbreviations of countries and places (中美两国, 在京举行,
 * 驻华大使): a pair of country abbreviations before a word of bilateral
 * relations, or one abbreviation right after a verb of travel or stay,
 * is a place of its own (rule place.abbrev).  The tables are short and
 * general: no corpus string.
 */
static const char *const ABBR_COUNTRY = "中美日俄英法德意韩朝印巴越泰澳加以埃";
static const char *const ABBR_PLACE = "京华美日台港沪津俄英法德意韩澳";
static const char *const ABBR_VERB = "在进来访驻赴抵离返";
static const char *const ABBR_AFTER[] = {"两国", "关系", "双方", "首脑", "和平", "三国", "签署",
                                         "合作", "友好", "会谈", "贸易", "之间", "经贸", "建交",
                                         "联合", "两国间"};

/* Every character of the tables is a 3-byte UTF-8 Han character. */
static uint32_t han3(const unsigned char *p)
{
    return ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
}

/*
 * cp_in() is asked at every position of every document, so the tables are
 * decoded once (pthread_once; read-only afterwards, so threads share them)
 * into one bitmap of the CJK block per table.
 */
enum { CJK_LO = 0x4E00, CJK_HI = 0x9FFF, CJK_WORDS = (CJK_HI - CJK_LO + 64) / 64 };
static const char *const *const cp_tables[] = {&ABBR_COUNTRY, &ABBR_PLACE, &ABBR_VERB};
static uint64_t cp_bits[sizeof cp_tables / sizeof *cp_tables][CJK_WORDS];
static pthread_once_t cp_once = PTHREAD_ONCE_INIT;

static void cp_decode(void)
{
    for (size_t t = 0; t < sizeof cp_tables / sizeof *cp_tables; t++)
        for (const unsigned char *p = (const unsigned char *)*cp_tables[t]; *p; p += 3) {
            uint32_t v = han3(p) - CJK_LO;
            cp_bits[t][v / 64] |= (uint64_t)1 << (v % 64);
        }
}

static int cp_in(uint32_t c, const char *set)
{
    pthread_once(&cp_once, cp_decode);
    for (size_t t = 0; t < sizeof cp_tables / sizeof *cp_tables; t++)
        if (*cp_tables[t] == set) {
            if (c < CJK_LO || c > CJK_HI)
                return 0;
            return (int)(cp_bits[t][(c - CJK_LO) / 64] >> ((c - CJK_LO) % 64) & 1);
        }
    for (const unsigned char *p = (const unsigned char *)set; *p; p += 3)
        if (han3(p) == c) /* a table not decoded above */
            return 1;
    return 0;
}

static int word_at(const uint32_t *w, size_t n, size_t i, const char *word)
{
    const unsigned char *p = (const unsigned char *)word;
    for (; *p; p += 3, i++) {
        uint32_t v = ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
        if (i >= n || w[i] != v)
            return 0;
    }
    return 1;
}

static int covered_at(const xctx *x, size_t i)
{
    return x_covered(x, i); /* candidates ending near i, not all of them */
}

static void add_abbr(xctx *x, size_t i)
{
    if (covered_at(x, i))
        return;
    cand c = {0};
    c.s = (uint32_t)i;
    c.e = (uint32_t)(i + 1);
    c.type = NG_PLACE;
    c.src = SRC_RULE;
    c.parent = -1;
    c.entry = LX_NONE;
    c.pattern = -1;
    c.rule = "place.abbrev";
    x_add_cand(x, &c);
}

void gaz_abbrev(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    for (size_t i = 0; i + 1 < n; i++) {
        /* 中美两国, 中美日三国 */
        if (cp_in(w[i], ABBR_COUNTRY) && cp_in(w[i + 1], ABBR_COUNTRY) && w[i] != w[i + 1]) {
            size_t j = i + 2;
            if (j < n && cp_in(w[j], ABBR_COUNTRY) && w[j] != w[i + 1])
                j++;
            for (size_t k = 0; k < sizeof ABBR_AFTER / sizeof *ABBR_AFTER; k++)
                if (word_at(w, n, j, ABBR_AFTER[k])) {
                    for (size_t q = i; q < j; q++)
                        add_abbr(x, q);
                    break;
                }
            i = j - 1;
            continue;
        }
        /* 在京, 访华, 驻华: not inside a longer word or name */
        if (cp_in(w[i], ABBR_VERB) && cp_in(w[i + 1], ABBR_PLACE) &&
            (i + 2 >= n || !x_longest_at(x, i + 1, LX_COMMON)) && !covered_at(x, i + 1) &&
            (i + 2 >= n || !covered_at(x, i + 2)))
            add_abbr(x, i + 1);
    }
}
