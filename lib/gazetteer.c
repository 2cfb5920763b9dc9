/*
 * gazetteer.c - where an entry of a mined gazetteer may stand.
 *
 * place_mined.txt and org_mined.txt (scripts/gen_mined_gazetteer.py) hold
 * strings that annotators of public NER data marked as names wherever
 * they were written.  Elsewhere such a string may be the middle of other
 * words (岭南特色 holds 南特, 叠北爱车 holds 北爱), so a mined entry stands
 * only where a word may start: at the text's start, after a character
 * that is not Han, or where a word the lexicons know ends (a stop word,
 * an ordinary word, a title, a cue, a suffix, another name) -- or, after
 * a one-character word no lexicon knows (胜+某队, 受注盘+某队), where no
 * known word runs across either of its edges and, for a place, a word,
 * punctuation or the text's end follows (叠北爱车 has 爱车 across 北爱's
 * end; 岭南特色 has 岭南 across 南特's start).  A mined
 * organisation that is a bare organ word (镇委, 市委) names nothing on its
 * own, as with the suffix rules.  A mined place of three or more
 * characters, or one after a verb of travel or a date, needs no such edge
 * (measured on lines 60-80% of MSRA and People's Daily).
 */
#include <pthread.h>
#include <stdlib.h>
#include "extract.h"

/* translit_char.txt ratios: every character of a mined entry at least
 * TRANSLIT_IN, the one after it at least TRANSLIT_ON, for the entry to be
 * read as the start of a longer transliterated name */
#define TRANSLIT_IN 0.05
#define TRANSLIT_ON 0.1

/* Does a word of a class that bounds names end at j? */
static int word_ends(const xctx *x, size_t j)
{
    static const int cls[] = {LX_STOP, LX_COMMON, LX_TITLE, LX_CUE_AFTER, LX_CUE_BEFORE,
                              LX_STATUS_WORD, LX_PLACE_SUFFIX, LX_ORG_SUFFIX, LX_PLACE,
                              LX_ORG, LX_FORMER};
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        const lx_entry *e = x_entry(x, &x->m[x->end_idx[k]]);
        for (size_t i = 0; i < sizeof cls / sizeof *cls; i++)
            if (e->cls == cls[i] && (!(e->flags & LF_MINED) || (e->flags & LF_DIVISION)))
                return 1;
    }
    return 0;
}

/* Does a word a lexicon knows run across position b (start before it,
 * end after)? */
static int word_across(const xctx *x, size_t b)
{
    return x_word_across(x, b, 6,
                         1u << LX_STOP | 1u << LX_COMMON | 1u << LX_PLACE | 1u << LX_ORG |
                             1u << LX_TITLE,
                         1) != 0;
}

/* Does a word that bounds names start at j (or the text end there, or a
 * character that is not Han)? */
static int word_starts(const xctx *x, size_t j)
{
    if (j >= x->t.n || !is_han(x->t.cp[j]))
        return 1;
    static const int cls[] = {LX_STOP, LX_COMMON, LX_TITLE, LX_CUE_AFTER, LX_ORG_SUFFIX};
    for (uint32_t k = x->by_start[j]; k < x->by_start[j + 1]; k++) {
        const lx_entry *e = x_entry(x, &x->m[k]);
        for (size_t i = 0; i < sizeof cls / sizeof *cls; i++)
            if (e->cls == cls[i] && !(e->flags & LF_MINED))
                return 1;
    }
    return 0;
}

/* Verbs of travel (抵 赴 访 到 至 往 经 飞 离 返 驻), the ends of dates
 * (七月, 月底, 14日, 1998年) that a place's name is written right after
 * at p: its left edge though they end no word the lexicons know. */
static int place_lead(const uint32_t *w, size_t p)
{
    static const uint32_t lead[] = {0x62b5, 0x8d74, 0x8bbf, 0x5230, 0x81f3, 0x5f80, 0x7ecf,
                                    0x98de, 0x79bb, 0x8fd4, 0x9a7b, 0x6708, 0x5e95};
    uint32_t c = w[p - 1];
    for (size_t k = 0; k < sizeof lead / sizeof *lead; k++)
        if (c == lead[k])
            return 1;
    return (c == 0x65e5 /* 日 */ || c == 0x5e74 /* 年 */) && p >= 2 && w[p - 2] >= '0' &&
           w[p - 2] <= '9';
}

/* How often the character at i is part of a transliterated name (0 where
 * translit_char.txt does not list it). */
static double translit_ratio(const xctx *x, size_t i)
{
    const lx_entry *g = x_entry_at(x, i, 1, LX_TRANSLIT);
    return g ? (double)g->weight : 0.0;
}

/*
 * Does a transliterated name run on past the mined entry's end?  Data mark
 * truncated forms (a club's short form that is the first characters of a
 * city's name), and such an entry, written of transliteration characters
 * only, is then the start of a longer name no lexicon lists: its last
 * character and the one after it are both characters of foreign names,
 * and the one after starts no word.
 */
static int translit_runs_on(const xctx *x, const lx_match *m)
{
    const uint32_t *w = x->t.cp;
    if (m->e >= x->t.n || !is_han(w[m->e]) || m->e - m->s < 2 ||
        translit_ratio(x, m->e) < TRANSLIT_ON)
        return 0;
    for (size_t i = m->s; i < m->e; i++)
        if (!is_han(w[i]) || translit_ratio(x, i) < TRANSLIT_IN)
            return 0;
    return !word_starts(x, m->e);
}

size_t gaz_mined_run_on(const xctx *x, const lx_match *m)
{
    if (!(x_entry(x, m)->flags & LF_MINED) || x_entry(x, m)->cls != LX_ORG ||
        !translit_runs_on(x, m))
        return m->e;
    /* the one character that runs on, and a second one only where a word
     * or the text's end follows it */
    size_t e = m->e + 1;
    if (e < x->t.n && is_han(x->t.cp[e]) && translit_ratio(x, e) >= TRANSLIT_ON &&
        !word_starts(x, e) && word_starts(x, e + 1))
        e++;
    return e;
}

int gaz_mined_ok(const xctx *x, const lx_match *m)
{
    const lx_entry *e = x_entry(x, m);
    if (e->flags & LF_DIVISION)
        return 1; /* a division's name, as its short form stood */
    if (e->cls == LX_ORG &&
        x_entry_at(x, m->s, m->e - m->s, LX_ORG_SUFFIX))
        return 0;
    /* a Latin token (bet365, WCG) stands only whole: no letter or digit
     * right before or after it */
    const uint32_t *w = x->t.cp;
    if ((is_ascii_alnum(w[m->s]) && m->s > 0 && is_ascii_alnum(w[m->s - 1])) ||
        (is_ascii_alnum(w[m->e - 1]) && m->e < x->t.n && is_ascii_alnum(w[m->e])))
        return 0;
    if (translit_runs_on(x, m) && e->cls != LX_ORG)
        return 0; /* an organisation runs on (gaz_mined_run_on) */
    if (m->s == 0 || !is_han(x->t.cp[m->s - 1]))
        return 1;
    /* a mined place of three or more characters (柬埔寨, 维也纳) is rarely
     * the middle of other words: it stands wherever it is written; a
     * two-character one after a verb of travel or a date too (抵+某某) */
    if (e->cls == LX_PLACE && (m->e - m->s >= 3 || place_lead(x->t.cp, m->s)))
        return 1;
    if (word_ends(x, m->s))
        return 1;
    /* after a one-character word no lexicon knows (胜+某队, 输+某队): no
     * known word across either edge, and for a place a word, punctuation
     * or the text's end after it */
    return !word_across(x, m->s) && !word_across(x, m->e) &&
           (e->cls == LX_ORG || word_starts(x, m->e));
}

/*
 * One-character abbreviations of countries and places (中美两国, 在京举行,
 * 驻华大使, 印巴冲突, 以方, 德、法、英): two or three country
 * abbreviations written together (before a word of bilateral relations,
 * or anywhere no word runs across them), one before 方 (side), one in a
 * 、 list of them, or one right after a verb of travel or stay, is a place
 * of its own (rule place.abbrev).  MSRA marks these; People's Daily
 * mostly does not (its figure moves down a little).  The tables are short
 * and general: no corpus string.
 */
static const char *const ABBR_COUNTRY = "中美日俄英法德意韩朝印巴越泰澳加以埃厄苏欧亚伊叙塞墨古葡菲孟黎非";
static const char *const ABBR_PLACE = "京华美日台港沪津俄英法德意韩澳";
/* abbreviations that are also function words or verbs (以, 加, 意, 非 of
 * 非洲): only before a word of relations */
static const char *const ABBR_FUNCTION = "以加意非";
static const char *const ABBR_VERB = "在进来访驻赴抵离返";
static const char *const ABBR_AFTER[] = {"两国", "关系", "双方", "首脑", "和平", "三国", "签署",
                                         "合作", "友好", "会谈", "贸易", "之间", "经贸", "建交",
                                         "联合", "两国间", "睦邻", "边界", "边境", "谈判", "和谈",
                                         "友谊", "双边", "会晤", "峰会", "战略", "外长",
                                         "青年", "经济", "文化", "企业", "金融", "国家",
                                         "政府", "市场", "股市", "领导", "两军",
                                         "对抗", "围棋", "足球", "球队", "大陆"};
/* 对华政策, 反华势力, 援俄贷款, 抗日战争: a verb of stance before an
 * abbreviation and a word of policy or conflict after it */
static const char *const ABBR_STANCE = "对反援侵抗";
static const char *const ABBR_STANCE_AFTER[] = {"政策", "关系", "投资", "制裁", "贸易", "出口",
                                                "援助", "态度", "势力", "战争", "逆流", "接触",
                                                "进行", "作出", "合作", "友好", "经济", "军事",
                                                "外交", "贷款", "救亡", "斗争", "根据地"};
/* a country's organs and officers written after its one-character
 * abbreviation (巴政府, 以总理, 美总统, 俄军方): the abbreviation is a place
 * where it stands after punctuation or a function word */
static const char *const ABBR_ORGAN_FIRST = "政总警军外首国大议当"; /* their first characters */
static const char *const ABBR_ORGANS[] = {"政府", "总统", "总理", "警方", "军方", "外长", "首相",
                                          "外交部", "国防部", "大使", "议会", "当局"};

/* Every character of the tables is a 3-byte UTF-8 Han character. */
static uint32_t han3(const unsigned char *p)
{
    return ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
}

/*
 * cp_bit() is asked at every position of every document, so the tables are
 * decoded once (pthread_once, in gaz_abbrev; read-only afterwards, so
 * threads share them) into one bitmap of the CJK block per table, named
 * by the table's name and _T.
 */
enum { CJK_LO = 0x4E00, CJK_HI = 0x9FFF, CJK_WORDS = (CJK_HI - CJK_LO + 64) / 64 };
enum { ABBR_COUNTRY_T, ABBR_PLACE_T, ABBR_FUNCTION_T, ABBR_VERB_T, ABBR_ORGAN_FIRST_T,
       ABBR_STANCE_T, ABBR_TABLES };
static const char *const *const cp_tables[ABBR_TABLES] = {
    [ABBR_COUNTRY_T] = &ABBR_COUNTRY, [ABBR_PLACE_T] = &ABBR_PLACE,
    [ABBR_FUNCTION_T] = &ABBR_FUNCTION, [ABBR_VERB_T] = &ABBR_VERB,
    [ABBR_ORGAN_FIRST_T] = &ABBR_ORGAN_FIRST, [ABBR_STANCE_T] = &ABBR_STANCE};
static uint64_t cp_bits[ABBR_TABLES][CJK_WORDS];
static pthread_once_t cp_once = PTHREAD_ONCE_INIT;

static void cp_decode(void)
{
    for (size_t t = 0; t < ABBR_TABLES; t++)
        for (const unsigned char *p = (const unsigned char *)*cp_tables[t]; *p; p += 3) {
            uint32_t v = han3(p) - CJK_LO;
            cp_bits[t][v / 64] |= (uint64_t)1 << (v % 64);
        }
}

static inline int cp_bit(uint32_t c, int t)
{
    if (c < CJK_LO || c > CJK_HI)
        return 0;
    return (int)(cp_bits[t][(c - CJK_LO) / 64] >> ((c - CJK_LO) % 64) & 1);
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
    cand c = x_rule_cand(i, i + 1, NG_PLACE, LX_NONE,
                          "place.abbrev");
    x_add_cand(x, &c);
}

/* A gazetteer place written exactly as a pair of abbreviations before a
 * word of relations (中非+合作) is the pair, not that place. */
static void drop_pair_place(xctx *x, size_t i, size_t j)
{
    /* only where a function-word abbreviation is in it (非 of 中非): the
     * gazetteer reading stands otherwise (中亚+国家, 巴黎+股市) */
    int fn = 0;
    for (size_t q = i; q < j; q++)
        fn |= cp_bit(x->t.cp[q], ABBR_FUNCTION_T);
    if (!fn)
        return;
    for (int32_t k = x->cend[j]; k >= 0; k = x->c[k].next_end) {
        cand *c = &x->c[k];
        if (c->s == i && c->type == NG_PLACE && c->src == SRC_LEXICON)
            c->flags |= CF_DROPPED;
    }
}

/* Is the character at i a word of its own: no word of the lexicons holds
 * it (but the one word [i, word_end), when word_end is given: 中方 is a
 * word of jieba's), no candidate covers it, and (unless function_ok) it
 * is no function-word abbreviation? */
static int lone_char(const xctx *x, size_t i, int function_ok, size_t word_end)
{
    size_t from = i > 3 ? i - 3 : 0;
    for (size_t a = from; a <= i; a++)
        for (uint32_t k = x->by_start[a]; k < x->by_start[a + 1]; k++) {
            const lx_match *m = &x->m[k];
            if (m->e > i && m->e - m->s >= 2 && !(m->s == i && m->e == word_end))
                return 0;
        }
    return !covered_at(x, i) && (function_ok || !cp_bit(x->t.cp[i], ABBR_FUNCTION_T));
}

/* Two or three country abbreviations written together (印巴, 中俄, 埃厄)
 * with no word across them or inside them: a word that holds the pair
 * (中日 is one), starts at its last character (中美+元) or ends at its
 * first (集中+美) makes it no pair; nor does a name around it, nor one of
 * ABBR_FUNCTION (某某意+以). */
static int pair_alone(const xctx *x, size_t i, size_t j)
{
    static const int cls[] = {LX_COMMON, LX_STOP, LX_PLACE, LX_ORG, LX_TITLE, LX_BLOCK};
    size_t from = i > 3 ? i - 3 : 0;
    for (size_t a = from; a < j; a++)
        for (uint32_t k = x->by_start[a]; k < x->by_start[a + 1]; k++) {
            const lx_match *m = &x->m[k];
            int c = x_entry(x, m)->cls;
            for (size_t q = 0; q < sizeof cls / sizeof *cls; q++)
                if (c == cls[q] && m->e > i && m->e - m->s >= 2)
                    return 0;
        }
    for (size_t q = i; q < j; q++)
        if (covered_at(x, q) || cp_bit(x->t.cp[q], ABBR_FUNCTION_T))
            return 0;
    if ((i > 0 && covered_at(x, i - 1)) || (j < x->t.n && covered_at(x, j)))
        return 0;
    return 1;
}

void gaz_abbrev(xctx *x)
{
    pthread_once(&cp_once, cp_decode);
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    for (size_t i = 0; i + 1 < n; i++) {
        /* every rule below starts with one of these (most characters are
           none: one look at each table, not one per rule) */
        if (!cp_bit(w[i], ABBR_COUNTRY_T) && !cp_bit(w[i], ABBR_STANCE_T) &&
            !cp_bit(w[i], ABBR_VERB_T))
            continue;
        /* 中美两国, 中美日三国 */
        if (cp_bit(w[i], ABBR_COUNTRY_T) && cp_bit(w[i + 1], ABBR_COUNTRY_T) && w[i] != w[i + 1]) {
            size_t j = i + 2;
            if (j < n && cp_bit(w[j], ABBR_COUNTRY_T) && w[j] != w[i + 1])
                j++;
            int done = 0;
            for (size_t k = 0; k < sizeof ABBR_AFTER / sizeof *ABBR_AFTER; k++)
                if (word_at(w, n, j, ABBR_AFTER[k])) {
                    /* 中非+经贸: China and Africa, not the country 中非 */
                    drop_pair_place(x, i, j);
                    for (size_t q = i; q < j; q++)
                        add_abbr(x, q);
                    done = 1;
                    break;
                }
            if (!done && pair_alone(x, i, j))
                for (size_t q = i; q < j; q++)
                    add_abbr(x, q);
            i = j - 1;
            continue;
        }
        /* 中方, 以方: a country abbreviation before 方 (side), where 方 starts
         * no word (方面, 方案) and no word runs across the abbreviation */
        if (cp_bit(w[i], ABBR_COUNTRY_T) && w[i + 1] == 0x65b9 /* 方 */ &&
            !x_has_at(x, i + 1, LX_COMMON, 2) && !x_has_at(x, i + 1, LX_STOP, 2) &&
            lone_char(x, i, 1, i + 2)) {
            add_abbr(x, i);
            continue;
        }
        /* ，巴政府, 以总理: after an edge or a stop word */
        if (cp_bit(w[i], ABBR_COUNTRY_T) && cp_bit(w[i + 1], ABBR_ORGAN_FIRST_T)) {
            int hit = 0;
            for (size_t k = 0; k < sizeof ABBR_ORGANS / sizeof *ABBR_ORGANS && !hit; k++)
                hit = word_at(w, n, i + 1, ABBR_ORGANS[k]);
            if (hit && (i == 0 || !is_han(w[i - 1]) || x_longest_ending(x, i, LX_STOP)) &&
                lone_char(x, i, 0, 0) && !x_longest_at(x, i, LX_COMMON) && !covered_at(x, i + 1)) {
                add_abbr(x, i);
                continue;
            }
        }
        /* 德、法、英: abbreviations in a list of their own */
        if (cp_bit(w[i], ABBR_COUNTRY_T) && w[i + 1] == 0x3001 && i + 2 < n &&
            cp_bit(w[i + 2], ABBR_COUNTRY_T) && lone_char(x, i, 0, 0) && lone_char(x, i + 2, 0, 0) &&
            (i + 3 >= n || !is_han(w[i + 3]) || cp_bit(w[i + 3], ABBR_COUNTRY_T) ||
             x_has_at(x, i + 3, LX_COMMON, 2) || x_has_at(x, i + 3, LX_STOP, 1))) {
            add_abbr(x, i);
            add_abbr(x, i + 2);
            continue;
        }
        /* 对华+政策, 抗日+战争 */
        if (cp_bit(w[i], ABBR_STANCE_T) && cp_bit(w[i + 1], ABBR_PLACE_T) && !covered_at(x, i + 1)) {
            int hit = 0;
            for (size_t k = 0; k < sizeof ABBR_STANCE_AFTER / sizeof *ABBR_STANCE_AFTER && !hit; k++)
                hit = word_at(w, n, i + 2, ABBR_STANCE_AFTER[k]);
            if (hit) {
                add_abbr(x, i + 1);
                continue;
            }
        }
        /* 在京, 访华, 驻华: not inside a longer word or name */
        if (cp_bit(w[i], ABBR_VERB_T) && cp_bit(w[i + 1], ABBR_PLACE_T) &&
            (i + 2 >= n || !x_longest_at(x, i + 1, LX_COMMON)) && !covered_at(x, i + 1) &&
            (i + 2 >= n || !covered_at(x, i + 2)))
            add_abbr(x, i + 1);
    }
}

/*
 * A known body right after a place is that place's body, one name
 * (苏丹+卫生部, 法国+农业部, 某省+某某厅): the public NER sets all mark the
 * whole as one organisation (rule org.place_prefix; the inner names are
 * dropped as nested).  The place is a gazetteer entry or a division found
 * by its suffix; the body a lexicon organisation that is not a bare organ
 * word.  Not where the body's name already runs on into a longer
 * candidate, nor after a one-character abbreviation (中美+...).
 */
/* A place's team (巴西队, 上海队): a place of two or more characters, from
 * a gazetteer, right before 队 where 队 starts no word (队员, 队伍) and
 * no candidate covers it yet (rule org.team). */
static void place_teams(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        const cand *p = &x->c[k];
        if (p->type != NG_PLACE || p->src != SRC_LEXICON ||
            (p->flags & (CF_DROPPED | CF_GENERIC)) || p->e - p->s < 2 || p->e >= x->t.n ||
            w[p->e] != 0x961f /* 队 */ || x_has_at(x, p->e, LX_COMMON, 2) ||
            x_has_at(x, p->e, LX_TITLE, 2) || x_has_at(x, p->e, LX_STOP, 2) ||
            (p->entry != LX_NONE && (x->r->lx.entries[p->entry].flags & LF_SHORT) &&
             x->r->lx.entries[p->entry].kind == LK_TOWN))
            continue;
        if (covered_at(x, p->e))
            continue;
        cand c = *p;
        c.e = p->e + 1;
        c.type = NG_ORG;
        c.src = SRC_RULE;
        c.level = 0;
        c.parent = -1;
        c.rule = "org.team";
        if (x_add_cand(x, &c) < 0)
            return;
    }
}

/* A country's party (日本民主党, 印度人民党): a foreign place from the
 * lexicons (no Chinese division level) and one to four Han characters
 * ending in 党, where the part after the place is no ordinary word
 * (反对党, 执政党, 政党 are kinds of party) and 党 starts no word (党员)
 * (rule org.party). */
static void country_parties(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n, nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        const cand *p = &x->c[k];
        if (p->type != NG_PLACE || p->src != SRC_LEXICON || p->entry == LX_NONE ||
            (p->flags & (CF_DROPPED | CF_GENERIC)) || p->e - p->s < 2)
            continue;
        uint8_t kind = x->r->lx.entries[p->entry].kind;
        if (kind >= LK_PROVINCE && kind <= LK_GROUP)
            continue;
        for (size_t e = p->e + 2; e <= p->e + 5 && e <= n; e++) {
            size_t i;
            for (i = p->e; i < e && is_han(w[i]); i++)
                ;
            if (i < e)
                break;
            if (w[e - 1] != 0x515a /* 党 */)
                continue;
            if (x_has_at(x, e - 1, LX_COMMON, 2) || x_has_at(x, e - 1, LX_TITLE, 2) ||
                lx_lookup(&x->r->lx, w + p->e, e - p->e, LX_COMMON) ||
                x_has_at(x, p->e, LX_STOP, 1) || covered_at(x, p->e))
                break;
            cand c = *p;
            c.e = (uint32_t)e;
            c.type = NG_ORG;
            c.src = SRC_RULE;
            c.level = 0;
            c.parent = -1;
            c.rule = "org.party";
            x_add_cand(x, &c);
            break;
        }
    }
}

/*
 * A profile's native place: 1963年2月生，湖南醴陵人， / 男，江西九江市人。
 * One place or several written together (province + county), then 人 and
 * the clause's end, right after a clause ending in 生 (born), 男, 女 or
 * 族 (汉族):
 * Resume NER marks the whole phrase, 人 included, as the place (rule
 * place.native).  Only in that frame: news text (某某，上海人) is left
 * as it was.
 */
/* A gazetteer short form ending at e that was set aside for want of
 * support (桐城 of 桐城市): the native-place frame is that support. */
static int32_t short_place_ending(const xctx *x, size_t e)
{
    for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end) {
        const cand *c = &x->c[k];
        if (c->type == NG_PLACE && c->src == SRC_LEXICON && c->entry != LX_NONE &&
            (x->r->lx.entries[c->entry].flags & LF_SHORT) && c->e - c->s >= 2)
            return k;
    }
    return -1;
}

static void native_places(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    for (size_t p = 2; p < n; p++) {
        if (w[p] != 0x4eba /* 人 */)
            continue;
        uint32_t after = p + 1 < n ? w[p + 1] : 0x3002;
        if (after != 0xff0c && after != ',' && after != 0x3002 && after != 0xff1b && after != ';' &&
            after != 0x3001)
            continue;
        size_t s = p;
        int parts = 0;
        for (int guard = 0; guard < 4; guard++) {
            int32_t k = x_cand_ending(x, s, 1u << NG_PLACE, -1);
            if (k < 0)
                k = short_place_ending(x, s);
            if (k < 0)
                break;
            s = x->c[k].s;
            parts++;
        }
        if (!parts || s < 2 || (w[s - 1] != 0xff0c && w[s - 1] != ','))
            continue;
        uint32_t b = w[s - 2];
        if (b != 0x751f /* 生 */ && b != 0x7537 /* 男 */ && b != 0x5973 /* 女 */ &&
            b != 0x65cf /* 族 (汉族) */)
            continue;
        cand c = x_rule_cand(s, p + 1, NG_PLACE, LX_NONE,
                              "place.native");
        if (x_add_cand(x, &c) < 0)
            return;
    }
}

void gaz_place_org(xctx *x)
{
    native_places(x);
    place_teams(x);
    country_parties(x);
    size_t nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        const cand *o = &x->c[k];
        if (o->type != NG_ORG || o->src != SRC_LEXICON || (o->flags & (CF_DROPPED | CF_GENERIC)))
            continue;
        if (o->s == 0)
            continue;
        /* the longest place ending where the body starts */
        int32_t best = -1;
        for (int32_t q = x->cend[o->s]; q >= 0; q = x->c[q].next_end) {
            const cand *p = &x->c[q];
            if (p->type != NG_PLACE || (p->flags & (CF_DROPPED | CF_GENERIC | CF_SUPPORT)) ||
                p->e - p->s < 2)
                continue;
            if (best < 0 || p->s < x->c[best].s)
                best = q;
        }
        if (best < 0)
            continue;
        /* an org candidate already takes the place in, or crosses the edge */
        int taken = 0;
        size_t last = o->e + x->cmaxlen < x->t.n ? o->e + x->cmaxlen : x->t.n;
        for (size_t e = o->e; e <= last && !taken; e++)
            for (int32_t q = x->cend[e]; q >= 0 && !taken; q = x->c[q].next_end) {
                const cand *c = &x->c[q];
                if (c->type == NG_ORG && !(c->flags & (CF_DROPPED | CF_GENERIC)) &&
                    c->s <= x->c[best].s && (size_t)q != k)
                    taken = 1;
            }
        if (taken)
            continue;
        cand c = *o;
        c.s = x->c[best].s;
        c.src = SRC_RULE;
        c.parent = -1;
        c.rule = "org.place_prefix";
        if (x_add_cand(x, &c) < 0)
            return;
    }
}
