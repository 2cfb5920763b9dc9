/*
 * entities.c - entity candidates: lexicon entries, names by suffix, and
 * person names found through their context.
 *
 * The Chinese knowledge is in the rule files (suffixes, titles, surnames,
 * stop words, cues); this file holds the boundary logic that a lexicon
 * cannot express: where a name starts left of its suffix, how long a
 * given name is.
 */
#include <stdlib.h>
#include <string.h>
#include "extract.h"

/* Punctuation the boundary logic needs (ASCII after NFKC). */
#define CP_LIST_SEP 0x3001   /* 、 ideographic comma */
#define CP_MIDDOT 0x00b7

static int w_is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* a Chinese numeral that counts (一..十, 两, 几, 多) */
static int is_numeral_cp(uint32_t c)
{
    static const uint32_t num[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                   0x516B, 0x4E5D, 0x5341, 0x4E24, 0x51E0, 0x591A};
    for (size_t i = 0; i < sizeof num / sizeof *num; i++)
        if (num[i] == c)
            return 1;
    return 0;
}

/* a measure word or 大 after a numeral: 七大, 两家, 三个 */
static int is_count_word(uint32_t c)
{
    static const uint32_t cw[] = {0x5927 /* 大 */, 0x5BB6 /* 家 */, 0x4E2A /* 个 */,
                                  0x9879 /* 项 */, 0x7C7B /* 类 */, 0x652F /* 支 */,
                                  0x6240 /* 所 */, 0x6279 /* 批 */};
    for (size_t i = 0; i < sizeof cw / sizeof *cw; i++)
        if (cw[i] == c)
            return 1;
    return 0;
}

static int is_space(uint32_t c)
{
    return c == ' ' || c == '\t';
}

/* ---- lexicon entities --------------------------------------------------- */

/* Is there a PLACE_SUFFIX match of the same text as match k? */
static int suffix_match(const xctx *x, uint32_t k, const lx_match *m)
{
    if (!(x->smask[m->s] >> LX_PLACE_SUFFIX & 1))
        return 0;
    for (uint32_t j = x->by_start[m->s]; j < x->by_start[m->s + 1]; j++)
        if (j != k && x->mcls[j] == LX_PLACE_SUFFIX && x->m[j].e == m->e)
            return 1;
    return 0;
}

/* Does an ordinary word of five or more characters hold [m->s, m->e)? */
static int inside_long_word(const xctx *x, const lx_match *m)
{
    size_t from = m->s > 6 ? m->s - 6 : 0;
    for (size_t i = from; i <= m->s; i++)
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            const lx_match *w = &x->m[k];
            if (w->e - w->s >= 5 && w->e >= m->e && x_entry(x, w)->cls == LX_COMMON)
                return 1;
        }
    return 0;
}

/* Does a word of class cls (two or more characters) start in (s - 4, s)
 * and end at e? */
static int word_from_before(const xctx *x, size_t s, size_t e, int cls)
{
    for (uint32_t k = x->by_end[e]; k < x->by_end[e + 1]; k++) {
        const lx_match *w = &x->m[x->end_idx[k]];
        if (w->s < s && w->e - w->s >= 2 && x->mcls[x->end_idx[k]] == cls)
            return 1;
    }
    return 0;
}

/* Does a word of class cls (two or more characters) start at s and run
 * past e? */
static int word_past(const xctx *x, size_t s, size_t e, int cls)
{
    const lx_match *w = x_longest_at(x, s, cls);
    return w && w->e > e && w->e - w->s >= 2;
}

/*
 * A two-character place read across words (弘扬+中华 holds 扬中, 东北+和
 * holds 北和, 从+江西 holds 从江): an ordinary word runs into its first
 * character and another word, a place, or a one-character function word
 * takes its second; or it starts with a function word and a longer place
 * runs out of it.  Not a place there.
 */
static int place_across_words(const xctx *x, const lx_match *m)
{
    size_t s = m->s, e = m->e;
    if (e - s != 2)
        return 0;
    int right = word_past(x, s + 1, e, LX_COMMON) || word_past(x, s + 1, e, LX_PLACE);
    if ((word_from_before(x, s, s + 1, LX_COMMON) || word_from_before(x, s, s + 1, LX_PLACE)) &&
        (right || (x_has_at(x, s + 1, LX_STOP, 1) && !x_has_at(x, s + 1, LX_STOP, 2))))
        return 1;
    return right && x_has_at(x, s, LX_STOP, 1) && !x_has_at(x, s, LX_STOP, 2) &&
           word_past(x, s + 1, e, LX_PLACE);
}

void ent_lexicon(xctx *x)
{
    static const struct {
        int cls;
        uint8_t type;
    } map[] = {{LX_PLACE, NG_PLACE}, {LX_ORG, NG_ORG}, {LX_PERSON, NG_PERSON},
               {LX_POSITION_USER, NG_POSITION}};
    const uint32_t wanted = 1u << LX_PLACE | 1u << LX_ORG | 1u << LX_PERSON |
                            1u << LX_POSITION_USER;
    for (size_t i = 0; i < x->t.n; i++) {
        if (!(x->smask[i] & wanted))
            continue;   /* most positions and matches: no lexicon entry read */
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            if (!(wanted >> x->mcls[k] & 1))
                continue;
            const lx_match *m = &x->m[k];
            const lx_entry *e = x_entry(x, m);
            for (size_t t = 0; t < sizeof map / sizeof *map; t++) {
                if (e->cls != map[t].cls)
                    continue;
                /* a division recorded by its bare suffix (街道) names
                   nothing: the scan listed every entry of [s, e), so a
                   suffix entry of that text is a match here (as
                   lx_lookup would find it) */
                if (e->cls == LX_PLACE && !(e->flags & LF_USER) && suffix_match(x, k, m))
                    continue;
                if ((e->flags & LF_MINED) && !gaz_mined_ok(x, m))
                    continue; /* lib/gazetteer.c */
                /* a place inside a long ordinary word (发展中国家) is none */
                if (e->cls == LX_PLACE && !(e->flags & LF_USER) && inside_long_word(x, m))
                    continue;
                if (e->cls == LX_PLACE && !(e->flags & LF_USER) && place_across_words(x, m))
                    continue;
                /* nor a city whose suffix starts an ordinary word running
                 * on (北京+市区, 莫斯科+市民): the bare name is the place */
                if (e->cls == LX_PLACE && !(e->flags & LF_USER) && m->e - m->s >= 3 &&
                    x_has_at(x, m->e - 1, LX_NOT_SUFFIX, 2) &&
                    x_longest_at(x, m->e - 1, LX_NOT_SUFFIX)->e > m->e &&
                    x_has_at(x, m->s, LX_PLACE, 2))
                    continue;
                /* nor a ministry read out of 部门 (教育部+门: the education
                 * departments) */
                if (e->cls == LX_ORG && !(e->flags & LF_USER) && m->e < x->t.n &&
                    x->t.cp[m->e - 1] == 0x90e8 /* 部 */ && x->t.cp[m->e] == 0x95e8 /* 门 */)
                    continue;
                cand c = {0};
                c.s = m->s;
                c.e = m->e;
                c.type = map[t].type;
                c.src = (e->flags & LF_USER) ? SRC_USER : SRC_LEXICON;
                c.level = e->kind;
                c.parent = -1;
                c.entry = m->entry;
                c.pattern = -1;
                c.rule = "lexicon";
                if (e->flags & LF_MINED) {
                    size_t on = gaz_mined_run_on(x, m);
                    if (on > m->e) { /* the longer name the entry starts */
                        c.e = (uint32_t)on;
                        c.src = SRC_RULE;
                        c.rule = "org.mined_run_on";
                    }
                }
                x_add_cand(x, &c);
            }
        }
    }
}

/* ---- names by suffix ---------------------------------------------------- */

enum { B_NONE, B_HARD, B_STOP, B_CAND };

static int place_rank(uint8_t level)
{
    switch (level) {
    case LK_PROVINCE: return 1;
    case LK_CITY: return 2;
    case LK_COUNTY: return 3;
    case LK_TOWN: return 4;
    case LK_VILLAGE: return 5;
    case LK_GROUP: return 6;
    default: return 7;
    }
}

static int ends_len(const xctx *x, size_t j, int cls, size_t minlen)
{
    const lx_match *m = x_longest_ending(x, j, cls);
    return m && m->e - m->s >= minlen;
}

/* A stop word ends at j; a one-character verb that names often use (冲
 * in 泌冲, by the given-name statistics) does not count; 是 and 让 do. */
static int stop_ends(const xctx *x, size_t j)
{
    if (j == 0)
        return 0;
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        if (x->mcls[x->end_idx[k]] != LX_STOP)
            continue;
        const lx_match *m = &x->m[x->end_idx[k]];
        const lx_entry *e = x_entry(x, m);
        if (m->e - m->s == 1 && e->kind == LK_VERB) {
            const lx_entry *g = x_entry_at(x, m->s, 1, LX_GIVEN_CHAR);
            if (g && g->weight >= 0.01f)
                continue;
        }
        return 1;
    }
    return 0;
}

/* A stop word of two or more characters ends at j. */
static int stop_ends_long(const xctx *x, size_t j)
{
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        const lx_match *m = &x->m[x->end_idx[k]];
        if (x_entry(x, m)->cls == LX_STOP && m->e - m->s >= 2)
            return 1;
    }
    return 0;
}

/* Does a stop word, title or cue end at j, so a name cannot run across? */
static int soft_boundary(const xctx *x, size_t j)
{
    return stop_ends(x, j) || x_longest_ending(x, j, LX_TITLE) ||
           ends_len(x, j, LX_CUE_AFTER, 2) || ends_len(x, j, LX_CUE_BEFORE, 2) ||
           x_longest_ending(x, j, LX_STATUS_WORD);
}

/* An ordinary verb, adverb or function word ends at j (推动, 助力). */
static int verb_ends(const xctx *x, size_t j)
{
    if (j == 0)
        return 0;
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        if (x->mcls[x->end_idx[k]] != LX_COMMON)
            continue;
        const lx_entry *e = x_entry(x, &x->m[x->end_idx[k]]);
        if (e->kind == LK_VERB)
            return 1;
    }
    return 0;
}

/* An ordinary verb of two or more characters ends at j, right after an
 * organisation's name. */
static int verb_after_body(const xctx *x, size_t j)
{
    if (j == 0)
        return 0;
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        const lx_match *m = &x->m[x->end_idx[k]];
        const lx_entry *e = x_entry(x, m);
        if (e->cls == LX_COMMON && e->kind == LK_VERB && m->e - m->s >= 2 &&
            x_cand_ending(x, m->s, 1u << NG_ORG, -1) >= 0)
            return 1;
    }
    return 0;
}

/* Does an ordinary word of two or more characters hold the character
 * before j (设备 holds 设, 互动 holds 动)?  Then a one-character stop word
 * ending at j is part of that word, not a function word, and does not end
 * a body's name (某某机电设备有限公司, 某某互动网络公司). */
static int inside_word(const xctx *x, size_t j, int verbs)
{
    if (j == 0 || stop_ends_long(x, j))
        return 0;
    /* a one-character verb (设, 动); with verbs set, any one-character
     * stop (地 of 房地产, 个 of 整个) */
    int verb = 0, other = 0;
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        const lx_match *m = &x->m[x->end_idx[k]];
        const lx_entry *e = x_entry(x, m);
        if (e->cls == LX_STOP && m->e - m->s == 1) {
            if (e->kind == LK_VERB)
                verb = 1;
            else
                other = 1;
        }
    }
    if (!verb && !(verbs && other))
        return 0;
    /* a stop that is no verb counts only inside a noun (地 of 地产; not
     * 既 of 既是) */
    int nouns_only = !verb || !verbs;
    size_t from = j > 4 ? j - 4 : 0;
    for (size_t i = from; i < j; i++)
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            const lx_match *m = &x->m[k];
            if (m->e >= j && m->e - m->s >= 2 && x_entry(x, m)->cls == LX_COMMON &&
                (!nouns_only || x_entry(x, m)->kind != LK_VERB))
                return 1;
        }
    return 0;
}

static int all_common(const xctx *x, size_t b, size_t s);
static int field_words(const xctx *x, size_t b, size_t s);

/* Is the candidate a university (its name ends in 大学)? Its schools and
 * departments (某大学+经济+学院) are its units. */
static int university(const xctx *x, const cand *o)
{
    return o->e >= 2 && x->t.cp[o->e - 2] == 0x5927 /* 大 */ && x->t.cp[o->e - 1] == 0x5b66 /* 学 */;
}

/* Does a company suffix of four or more characters (股份有限公司, 有限责任
 * 公司, 集团有限公司) start at s? */
static int long_company_suffix(const xctx *x, size_t s)
{
    const lx_match *m = x_longest_at(x, s, LX_ORG_SUFFIX);
    return m && m->e - m->s >= 4;
}

/* Does what stands before position i (the 任 or 获 at i) make it a verb:
 * the text's start, punctuation, a digit, or a date or time adverb
 * character (年 月 日 起 今 后 并 兼 曾 现 历 先 又 再 时 均 同 始 另)? */
int ent_appoint_before(const uint32_t *w, size_t i)
{
    static const uint32_t time_cp[] = {0x5e74, 0x6708, 0x65e5, 0x8d77, 0x4eca, 0x540e,
                                       0x5e76, 0x517c, 0x66fe, 0x73b0, 0x5386, 0x5148,
                                       0x53c8, 0x518d, 0x65f6, 0x5747, 0x540c, 0x59cb, 0x53e6};
    if (i == 0)
        return 1;
    uint32_t c = w[i - 1];
    if (!is_han(c))
        return 1;
    for (size_t k = 0; k < sizeof time_cp / sizeof *time_cp; k++)
        if (c == time_cp[k])
            return 1;
    return 0;
}

/* Is c a function character no trade name holds: one that joins two
 * names (和 与 及 或 同 跟 并) or marks the sentence (的 了 在 由 为 各 是
 * 对 向 从 把 被 将 于 以 等 也 就 而 该 每)? */
static int conjunction(uint32_t c)
{
    static const uint32_t fn[] = {0x548c, 0x4e0e, 0x53ca, 0x6216, 0x540c, 0x8ddf, 0x5e76,
                                  0x7684, 0x4e86, 0x5728, 0x7531, 0x4e3a, 0x5404, 0x662f,
                                  0x5bf9, 0x5411, 0x4ece, 0x628a, 0x88ab, 0x5c06, 0x4e8e,
                                  0x4ee5, 0x7b49, 0x4e5f, 0x5c31, 0x800c, 0x8be5, 0x6bcf};
    for (size_t i = 0; i < sizeof fn / sizeof *fn; i++)
        if (c == fn[i])
            return 1;
    return 0;
}

/* The end of the longest suffix of two or more characters starting at s,
 * or 0: the suffix tests below read its last characters. */
static size_t long_suffix_end(const xctx *x, size_t s)
{
    const lx_match *m = x_longest_at(x, s, LX_ORG_SUFFIX);
    return m && m->e - m->s >= 2 ? m->e : 0;
}

/* Does a company's suffix start at s (公司, 有限公司, 集团, 事务所)? */
static int company_suffix(const xctx *x, size_t s)
{
    size_t e = long_suffix_end(x, s);
    if (!e)
        return 0;
    uint32_t a = x->t.cp[e - 2], b = x->t.cp[e - 1];
    return (a == 0x516c && b == 0x53f8) /* 公司 */ || (a == 0x96c6 && b == 0x56e2) /* 集团 */ ||
           (a == 0x52a1 && b == 0x6240) /* 务所 */;
}

/* Is the company suffix at s (公司, 有限公司) written after a named body of
 * three or more characters that ends at j and is no party organ (党总支)?
 * Then what stands between names one of its units. */
static int company_unit(const xctx *x, size_t j, size_t s)
{
    size_t se = long_suffix_end(x, s);
    if (!se || x->t.cp[se - 1] != 0x53f8 /* 司 */)
        return 0;
    for (int32_t k = x->cend[j]; k >= 0; k = x->c[k].next_end) {
        const cand *o = &x->c[k];
        if (o->type != NG_ORG || (o->flags & (CF_DROPPED | CF_GENERIC)) || o->e - o->s < 3)
            continue;
        if (o->entry != LX_NONE && x->r->lx.entries[o->entry].cls == LX_ORG_SUFFIX &&
            x->r->lx.entries[o->entry].kind == LK_ORGAN)
            continue;
        return 1;
    }
    return 0;
}

/* Does a suffix of two or more characters for a learned or professional
 * body start at s: one ending in 会, 院 or 所 (学会 协会 委员会 学院
 * 事务所)?  Its name may hold an occupation (会计学会, 律师协会). */
static int field_body_suffix(const xctx *x, size_t s)
{
    size_t e = long_suffix_end(x, s);
    uint32_t c = e ? x->t.cp[e - 1] : 0;
    return c == 0x4f1a /* 会 */ || c == 0x9662 /* 院 */ || c == 0x6240 /* 所 */;
}

/* Does an organisation candidate start at b (珠江时报 after 与)? */
static int org_starts(const xctx *x, size_t b)
{
    for (size_t e = b + 1; e <= x->t.n && e <= b + 32; e++)
        for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end)
            if (x->c[k].s == b && x->c[k].type == NG_ORG &&
                !(x->c[k].flags & (CF_GENERIC | CF_DROPPED)))
                return 1;
    return 0;
}

/*
 * Walk left from s over characters a name may hold, to the nearest
 * boundary.  An ORG takes in place names and organs before it (the full
 * name keeps its place prefix); a PLACE stops at a place before it,
 * which becomes its parent.  Returns the start; *bound says why it
 * stopped and *bcand which candidate bounded it.
 */
static size_t extend_left(const xctx *x, size_t s, int org, uint8_t kind,
                          size_t maxlen, int *bound, int32_t *bcand, int *absorbed)
{
    const uint32_t *w = x->t.cp;
    size_t j = s;
    /* administrative names are proper names: an ordinary word ends them */
    int admin = !org && kind >= LK_COUNTY && kind <= LK_GROUP;
    size_t last_place = (size_t)-1; /* start of the place absorbed last */
    size_t last_abs = s;            /* start of the name absorbed last */
    size_t verb_j = (size_t)-1;     /* a stop verb inside a verb word met here */
    size_t cstop_j = (size_t)-1;    /* a stop inside a company's trade name */
    size_t conj_j = (size_t)-1;     /* a conjunction (与, 及, 和) crossed here */
    int conj_body = 0;              /* a body taken in after crossing it */
    int conj_abs = 0;               /* *absorbed and last_place when crossing it */
    size_t conj_place = (size_t)-1;
    *bound = B_NONE;
    *bcand = -1;
    *absorbed = 0;
    while (j > 0) {
        int32_t k = x_cand_ending(x, j, (1u << NG_PLACE) | (1u << NG_ORG) | (1u << NG_PERSON), -1);
        if (k >= 0 && !(x->c[k].flags & CF_GENERIC)) {
            const cand *o = &x->c[k];
            int absorb = 0;
            if (org && o->type != NG_PERSON) {
                if (kind == LK_ORGAN)
                    absorb = 1; /* 平东社区 + 党委 */
                else if (o->type == NG_ORG && s - j < 2)
                    absorb = 1; /* 某旅游酒店 + 业协会 */
                else if (o->type == NG_ORG && last_place == j)
                    absorb = 1; /* 某银行 + 某市 + 分行: a body's branch in a place */
                else if (o->type == NG_ORG && o->e - o->s >= 3 &&
                         (o->src == SRC_LEXICON || university(x, o) ||
                          (s - j >= 2 && x_has_at(x, s, LX_ORG_SUFFIX, 2))) &&
                         !*absorbed && (all_common(x, j, s) || field_words(x, j, s)))
                    absorb = 1; /* 某科学院 + 计算机语言 + 研究中心: a unit of a body */
                else if (o->type == NG_ORG && kind == LK_GENERAL && s - j <= 3 &&
                         !*absorbed && long_company_suffix(x, s))
                    absorb = 1; /* 某钢 + 松山 + 股份有限公司: a company named after its group */
                else if (o->type == NG_PLACE &&
                         (place_rank(o->level) <= 4 || place_rank(o->level) >= 7))
                    absorb = 1; /* 南海区 + 桂城医院, 某新城 + 物业公司 */
            }
            /* nothing taken yet: a bare place name is the name itself
             * (平东+社区) */
            int weak = o->src == SRC_LEXICON && o->entry != LX_NONE &&
                       ((x->r->lx.entries[o->entry].flags & LF_SHORT) ||
                        o->e - o->s <= 2);
            weak = weak && (o->type == NG_PLACE || o->type == NG_ORG);
            /* a country or a mined foreign place is no part of a division's
             * name (美国+加州): only Chinese divisions are weak here */
            int foreign = o->type == NG_PLACE && o->src == SRC_LEXICON && o->entry != LX_NONE &&
                          !(x->r->lx.entries[o->entry].flags & LF_SHORT) &&
                          place_rank(x->r->lx.entries[o->entry].kind) >= 7;
            if (j == s && (weak || (o->type == NG_PLACE && place_rank(o->level) >= 7)))
                absorb = 1;
            if (!absorb && weak && !foreign && o->type == NG_PLACE && !org && s - j < 2) {
                /* a bare short form crossing a better boundary: 大沥镇|海北
                 *片区 has 镇海 across it; 石山 in 留洞村石山下村小组 is
                 * part of the name */
                int32_t better = -1;
                size_t bp = 0;
                for (size_t q = o->s + 1; q < j && better < 0; q++) {
                    int32_t k2 = x_cand_ending(x, q, (1u << NG_PLACE) | (1u << NG_ORG), k);
                    if (k2 >= 0 && !(x->c[k2].flags & CF_GENERIC) && x->c[k2].src != SRC_LEXICON) {
                        better = k2;
                        bp = q;
                    }
                }
                if (better >= 0) {
                    *bound = B_CAND;
                    *bcand = better;
                    j = bp;
                    break;
                }
                absorb = 1;
            }
            /* a name goes on before its bracketed part: 某花园(某苑)物业公司 */
            if (org && o->type != NG_PERSON && j < s && w[j] == '(')
                absorb = 1;
            /* a park or estate named after a body: 某协会+艺术公园; a
             * site word right after a body is its business (某公司+市场
             * 营销部), no place */
            if (!org && o->type == NG_ORG && kind >= LK_AREA && j < s)
                absorb = 1;
            if (!absorb) {
                *bound = B_CAND;
                *bcand = k;
                break;
            }
            /* a place read across a verb after a body (某办联合+街道) */
            size_t q = j;
            if (org)
                for (q = j; q > o->s + 1 && !verb_after_body(x, q); q--)
                    ;
            if (org && q > o->s + 1) {
                j = q;
                *bound = B_STOP;
                break;
            }
            j = o->s;
            last_abs = j;
            *absorbed = 1;
            if (conj_j != (size_t)-1 && o->type == NG_ORG)
                conj_body = 1;
            if (o->type == NG_PLACE)
                last_place = j;
            continue;
        }
        uint32_t ch = w[j - 1];
        if (s - j >= maxlen) {
            /* out of reach, but a long name that took in a place or body
             * (某市某区驻某市某区某镇+工作队) ends at the start of the last one */
            if (*absorbed && (org || j == last_abs)) {
                j = last_abs;
                *bound = j > 0 && is_han(w[j - 1]) ? B_STOP : B_HARD;
            }
            break;
        }
        if (org && ch == ')') {
            /* a bracketed part inside a name: 新城(某园)物业公司 */
            size_t q = j - 1;
            while (q > 0 && s - q < maxlen && is_han(w[q - 1]))
                q--;
            if (q > 0 && w[q - 1] == '(' && q < j - 1) {
                j = q - 1;
                continue;
            }
            *bound = B_HARD;
            break;
        }
        /* a dateline ends here: 某地某月某日讯 / 某日电 before a name */
        if (j >= 2 && j < s &&
            (((ch == 0x8baf /* 讯 */ || ch == 0x7535 /* 电 */) && w[j - 2] == 0x65e5 /* 日 */) ||
             (ch == 0x65e5 && (is_numeral_cp(w[j - 2]) || w_is_digit(w[j - 2]) ||
                               w[j - 2] == 0x5341 /* 十 */)))) {
            *bound = B_HARD;
            break;
        }
        if (!(is_han(ch) || (org && is_ascii_alnum(ch)))) {
            *bound = B_HARD;
            break;
        }
        /* 本报讯+某公司, 本报讯+某省: the by-line ends here */
        if (ch == 0x8baf /* 讯 */ && j >= 3 && w[j - 3] == 0x672c /* 本 */ &&
            w[j - 2] == 0x62a5 /* 报 */) {
            *bound = B_HARD;
            break;
        }
        /* 15家+国际银行, 4家+医院, 多家+公司: a count of bodies is no part
         * of a name */
        if (org && ch == 0x5bb6 /* 家 */ && j >= 2 &&
            (w_is_digit(w[j - 2]) || is_numeral_cp(w[j - 2]) || w[j - 2] == 0x591a /* 多 */ ||
             w[j - 2] == 0x51e0 /* 几 */ || w[j - 2] == 0x6570 /* 数 */)) {
            *bound = B_STOP;
            break;
        }
        /* 2004年起任+本公司, 1988年获+某大学: 任 (take office) or 获 (obtain)
         * after a date, an adverb of time or punctuation is the sentence's
         * verb, not the name's first character */
        if ((ch == 0x4efb /* 任 */ || ch == 0x83b7 /* 获 */) &&
            ((j < s && ent_appoint_before(w, j - 1)) ||
             /* 某集团总公司+任+党委组织部部长: 任 right after a body */
             (ch == 0x4efb && j >= 2 &&
              x_cand_ending(x, j - 1, (1u << NG_ORG) | (1u << NG_PLACE), -1) >= 0))) {
            *bound = B_STOP;
            break;
        }
        /* 某区驻某镇帮扶工作队: a connector between two places stays inside
         * an organisation's name */
        if (org) {
            const lx_match *cn = x_longest_ending(x, j, LX_CONNECTOR);
            if (cn && last_place == j && x_cand_ending(x, cn->s, 1u << NG_PLACE, -1) >= 0) {
                j = cn->s;
                continue;
            }
        }
        /* 某团+携手+某妇联, 某办+联合+某办: a verb right after a body ends
         * the next body's name; not one that is the whole name part of a
         * company's unit (某集团公司+储运+公司; 某村党总支+领办+合作社 is a
         * verb) */
        if (org && verb_after_body(x, j) &&
            !(j == s && all_common(x, j - 2, s) && company_unit(x, j - 2, s))) {
            *bound = B_STOP;
            break;
        }
        /* a verb right before a place taken in is the sentence's: the name
         * starts at the place (某某指责+以色列政府) */
        if (org && *absorbed && last_abs == j && verb_ends(x, j)) {
            *bound = B_STOP;
            break;
        }
        int sb = soft_boundary(x, j), word_stop = 0;
        /* an occupation before the suffix, or before ordinary words and
         * the suffix, names the body's field: 会计+学会, 律师+协会,
         * 注册会计师+教育+委员会 */
        if (sb && org && (j == s || all_common(x, j, s)) && !stop_ends(x, j) &&
            field_body_suffix(x, s)) {
            const lx_match *ot = x_longest_ending(x, j, LX_TITLE);
            if (ot && x_entry(x, ot)->kind == LK_OCCUPATION && ot->e - ot->s >= 2 &&
                s - ot->s < maxlen) {
                j = ot->s;
                continue;
            }
        }
        if (sb && org && !x_longest_ending(x, j, LX_TITLE) &&
            !x_longest_ending(x, j, LX_STATUS_WORD)) {
            if (inside_word(x, j, 0))
                sb = 0;
            else if (inside_word(x, j, 1))
                word_stop = 1;
            else if (cstop_j == (size_t)-1 && verb_j == (size_t)-1 && s - j < 4 &&
                     company_suffix(x, s) && !stop_ends_long(x, j) && !conjunction(w[j - 1])) {
                /* 山东+施可丰+股份有限公司, 云南+大为制焦+有限公司: a
                 * company is named place + trade name + suffix, and a
                 * trade name may hold a function character; go on, and
                 * come back unless a place is met */
                cstop_j = j;
                j--;
                continue;
            }
        }
        /* a stop inside an ordinary verb (设 of 建设), or any one-character
         * stop inside an ordinary word (地 of 地产), ends the name unless a
         * place or body further left starts it (某省高速公路建设指挥部,
         * 某省房地产集团有限公司): go on, and come back if none is met */
        if (word_stop && verb_j == (size_t)-1) {
            verb_j = j;
            j--;
            continue;
        }
        /* the same for a conjunction (与, 及, 和) inside a body's name that
         * a place starts: 某国生态城建设+与+区域发展联盟, 某国房地产+及+住宅
         * 研究会; 某公司+与+某协会 comes back to it */
        if (org && sb && verb_j == (size_t)-1 && conj_j == (size_t)-1 && j < s &&
            (ch == 0x4e0e /* 与 */ || ch == 0x53ca /* 及 */ || ch == 0x548c /* 和 */) &&
            !stop_ends_long(x, j) && x_cand_ending(x, j - 1, 1u << NG_ORG, -1) < 0 &&
            !x_longest_ending(x, j - 1, LX_ORG_SUFFIX)) {
            conj_j = j;
            conj_abs = *absorbed;
            conj_place = last_place;
            j--;
            continue;
        }
        if ((sb && !word_stop) || (admin && verb_ends(x, j))) {
            *bound = B_STOP;
            break;
        }
        j--;
    }
    if (cstop_j != (size_t)-1 && !(last_place != (size_t)-1 && last_place < cstop_j &&
                                   last_abs == last_place && *absorbed)) {
        j = cstop_j;
        *bound = B_STOP;
        *bcand = -1;
        *absorbed = 0;
    }
    /* across a conjunction only to a place that starts the name, with no
     * body of its own on the way (某公司+与+某协会 is two) and ordinary
     * words after it (区域发展, not 珠江时报) */
    if (conj_j != (size_t)-1 && conj_j > j &&
        !(last_place < conj_j && !conj_body && !org_starts(x, conj_j) && all_common(x, conj_j, s))) {
        j = conj_j;
        *bound = B_STOP;
        *bcand = -1;
        *absorbed = conj_abs;
        last_place = conj_place;
        if (last_abs < conj_j)
            last_abs = s;
        if (verb_j != (size_t)-1 && verb_j < conj_j)
            verb_j = (size_t)-1;
    }
    if (verb_j != (size_t)-1 && !(*absorbed && last_abs < verb_j)) {
        j = verb_j;
        *bound = B_STOP;
        *bcand = -1;
    }
    if (j == 0 && *bound == B_NONE)
        *bound = B_HARD;
    return j;
}

/* Does a place or org candidate start at b? */
static int starts_name(const xctx *x, size_t b)
{
    for (size_t e = b + 1; e <= x->t.n && e <= b + 32; e++)
        for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end)
            if (x->c[k].s == b && (x->c[k].type == NG_PLACE || x->c[k].type == NG_ORG) &&
                !(x->c[k].flags & CF_GENERIC))
                return 1;
    return 0;
}

/* Is [b, e) a lexicon place or body? */
static int name_spans(const xctx *x, size_t b, size_t e)
{
    for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end)
        if (x->c[k].s == b && x->c[k].src == SRC_LEXICON &&
            (x->c[k].type == NG_PLACE || x->c[k].type == NG_ORG) &&
            !(x->c[k].flags & (CF_GENERIC | CF_DROPPED)))
            return 1;
    return 0;
}

/* Does a lexicon place or body start at b and end within (e, s]? */
static int lexicon_name_over(const xctx *x, size_t b, size_t e, size_t s)
{
    for (size_t q = e + 1; q <= s; q++)
        if (name_spans(x, b, q))
            return 1;
    return 0;
}

/* Does a place candidate start at b and end no later than s? */
static int place_starts_before(const xctx *x, size_t b, size_t s)
{
    for (size_t e = b + 1; e <= s; e++)
        for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end)
            if (x->c[k].s == b && x->c[k].type == NG_PLACE &&
                !(x->c[k].flags & (CF_GENERIC | CF_DROPPED)))
                return 1;
    return 0;
}

/* The end of an ordinary or stop word running across position b (its
 * start before b, its end after), or 0.  A name does not start inside a
 * word. */
static size_t word_across(const xctx *x, size_t b)
{
    return x_word_across(x, b, 4, 1u << LX_COMMON | 1u << LX_STOP, 1);
}

/* Is every character of [b, s) inside an ordinary word (现代+企业,
 * 村级+公园)?  Then the part names nothing in particular. */
static int all_common(const xctx *x, size_t b, size_t s)
{
    size_t i = b;
    while (i < s) {
        size_t e = 0;
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            const lx_match *m = &x->m[k];
            int cls = x->mcls[k];
            if ((cls == LX_COMMON || cls == LX_STOP || cls == LX_STATUS_WORD) &&
                m->e <= s && m->e > e)
                e = m->e;
        }
        if (!e)
            return 0;
        i = e;
    }
    return 1;
}

/* Is [b, s) an occupation and ordinary words, before the suffix of a
 * learned or professional body (某大学+会计+学院, 某协会+注册会计师+
 * 委员会)? */
static int field_words(const xctx *x, size_t b, size_t s)
{
    if (!field_body_suffix(x, s))
        return 0;
    const lx_match *ot = x_longest_at(x, b, LX_TITLE);
    if (!ot || x_entry(x, ot)->kind != LK_OCCUPATION || ot->e > s)
        return 0;
    return ot->e == s || all_common(x, ot->e, s);
}

/* Is the name part [b, s) nothing but suffix words (社区 in 社区党委)? */
static int all_suffix(const xctx *x, size_t b, size_t s)
{
    size_t i = b;
    while (i < s) {
        const lx_match *m = x_longest_at(x, i, LX_PLACE_SUFFIX);
        const lx_match *o = x_longest_at(x, i, LX_ORG_SUFFIX);
        size_t e = 0;
        if (m && m->e <= s)
            e = m->e;
        if (o && o->e <= s && o->e > e)
            e = o->e;
        if (!e)
            return 0;
        i = e;
    }
    return 1;
}

/* Does an ordinary word end at s that starts at or before p (财经 ending
 * at 学院 in 财经学院, against 经学 across it)?  Then the text reads with
 * an edge at s. */
static int word_ends_over(const xctx *x, size_t s, size_t p)
{
    for (uint32_t k = x->by_end[s]; k < x->by_end[s + 1]; k++) {
        const lx_match *m = &x->m[x->end_idx[k]];
        if (m->s <= p && m->e - m->s >= 2 && x_entry(x, m)->cls == LX_COMMON)
            return 1;
    }
    return 0;
}

/*
 * Is the suffix at [s, e) really the end of a name?  Not when a known
 * word runs across either edge: 进行 holds 行, 社区 holds 社, 区委书记
 * starts with 区.
 */
static int suffix_crossed(const xctx *x, size_t s, size_t e, int organ)
{
    const lx_match *tm = x_longest_at(x, e, LX_TITLE);
    const lx_match *mm = x_longest_at(x, e, LX_TITLE_MODIFIER);
    int titled = tm != NULL || (mm && x_has_at(x, mm->e, LX_TITLE, 1));
    const uint32_t word = 1u << LX_STOP | 1u << LX_TITLE | 1u << LX_CUE_AFTER |
                          1u << LX_CUE_BEFORE | 1u << LX_STATUS_WORD | 1u << LX_NOT_SUFFIX |
                          1u << LX_PLACE_SUFFIX | 1u << LX_ORG_SUFFIX | 1u << LX_COMMON;
    size_t from = s > 6 ? s - 6 : 0;
    /* a known name ending where an organ word starts settles that edge: a
     * word begun inside it (国政 of 美国+政府) crosses nothing */
    int32_t kn = organ ? x_cand_ending(x, s, (1u << NG_PLACE) | (1u << NG_ORG), -1) : -1;
    size_t known_s = kn >= 0 && x->c[kn].src == SRC_LEXICON && !(x->c[kn].flags & CF_GENERIC)
                         ? x->c[kn].s : (size_t)-1;
    for (size_t i = from; i < e; i++) {
        if (!(x->smask[i] & word))
            continue;
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            const lx_match *m = &x->m[k];
            int cls = x->mcls[k];
            if (!(word >> cls & 1))
                continue;
            int suffix_cls = cls == LX_PLACE_SUFFIX || cls == LX_ORG_SUFFIX;
            /* a word across the suffix's start (兴办 in 某某振兴办) does not
             * count where a title follows: 某某振兴办副主任 is a unit */
            /* a long suffix (乡村振兴办) is a word of its own: only short
             * ones can be the tail of another word */
            /* nor does a generic body's name that ends with the suffix and
             * is two or more characters longer than it (师范大学, 人民医院,
             * 造纸厂): the place or name before it is the body's
             * (某省+师范大学, 某市+造纸厂); any word ending in 厂 names a
             * kind of factory (某市+药厂, 某某+总厂) */
            if (!suffix_cls && m->s < s && m->e > s && !(titled && m->e == e) && e - s <= 2 &&
                !(known_s != (size_t)-1 && m->s > known_s && (cls == LX_COMMON || cls == LX_STOP)) &&
                !(e - s == 2 && word_ends_over(x, s, m->s)) &&
                !(m->e == e && m->e - m->s >= (e - s) + 2) &&
                !(m->e == e && e - s == 1 && x->t.cp[s] == 0x5382 /* 厂: 药厂, 钢厂, 总厂 */) &&
                !(e - s == 2 && m->e == s + 1 && x->t.cp[s] == 0x5b66 /* 学 */ &&
                  (x->t.cp[s + 1] == 0x9662 /* 院: 经济学+院, 法学+院 */ ||
                   x->t.cp[s + 1] == 0x4f1a /* 会: 会计学+会, 法学+会 */)))
                return 1;
            /* an organ before its title stays a name: 某镇党委|书记 */
            if (organ && cls == LX_TITLE && m->s == s)
                continue;
            if (m->s >= s && m->e > e) {
                /* a word one character longer than a company's or a
                 * university's suffix that runs on into more text reads
                 * the other way: 大学+生物化工 against 大学生, 公司+法务
                 * against 公司法 (but 公司法。) */
                if (e - s >= 2 && m->e == e + 1 && m->e < x->t.n && is_han(x->t.cp[m->e]) &&
                    ((x->t.cp[e - 2] == 0x516c && x->t.cp[e - 1] == 0x53f8) /* 公司 */ ||
                     (x->t.cp[e - 2] == 0x5927 && x->t.cp[e - 1] == 0x5b66) /* 大学 */))
                    continue;
                return 1;
            }
        }
    }
    return 0;
}

/* Does a one-character stop verb start at i? */
static int stop_verb_at(const xctx *x, size_t i)
{
    for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
        const lx_match *m = &x->m[k];
        const lx_entry *e = x_entry(x, m);
        if (e->cls == LX_STOP && e->kind == LK_VERB)
            return 1;
    }
    return 0;
}

/*
 * 美国+公司, 日本+球队, 美国+第五大+银行: a kind of body written right
 * after a country (place_world.txt), maybe with a rank (第N大, 最大),
 * describes that country's companies or clubs and names none (GUIDELINES: a generic word with no name is no
 * ORG; the public sets mark the place alone).  Only for words that name a
 * kind of body (BODY_KINDS); 中国银行 and the like are lexicon names.
 */
static uint32_t han3(const unsigned char *p)
{
    return ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
}

static int foreign_kind_of_body(const xctx *x, size_t b, size_t s, size_t e)
{
    /* 银行 only after a rank: 日本银行 and 瑞士银行 are banks' names */
    static const char *const BODY_KINDS[] = {"公司", "球队", "俱乐部", "企业", "集团", "银行",
                                             "大银行", "大公司", "大企业"};
    enum { RANK_ONLY = 5 };
    const uint32_t *w = x->t.cp;
    size_t k;
    for (k = 0; k < sizeof BODY_KINDS / sizeof *BODY_KINDS; k++) {
        const unsigned char *p = (const unsigned char *)BODY_KINDS[k];
        size_t i = s;
        for (; *p && i < e; p += 3, i++)
            if (w[i] != han3(p))
                break;
        if (!*p && i == e)
            break;
    }
    if (k == sizeof BODY_KINDS / sizeof *BODY_KINDS)
        return 0;
    /* 外国+银行, 西方+公司: no country, but no name either */
    static const char *const FOREIGN[] = {"外国", "国外", "海外", "西方", "各国"};
    if (s - b == 2)
        for (size_t f = 0; f < sizeof FOREIGN / sizeof *FOREIGN; f++) {
            const unsigned char *fp = (const unsigned char *)FOREIGN[f];
            if (w[b] == han3(fp) && w[b + 1] == han3(fp + 3))
                return 1;
        }
    int rank_only = k == RANK_ONLY;
    /* a rank between place and kind: 第五大, 第二, 最大 */
    size_t q = s;
    while (q > b + 2 && w[q - 1] == 0x5927 /* 大 */)
        q--;
    if (q > b + 2 && q < s && w[q - 1] == 0x6700 /* 最 */)
        q--;
    else if (q > b + 2 && q < s) { /* 第五大, not 第一 (第一银行 is a name) */
        size_t r = q;
        while (r > b + 2 && is_numeral_cp(w[r - 1]))
            r--;
        if (r < q && r > b + 1 && w[r - 1] == 0x7b2c /* 第 */)
            q = r - 1;
    }
    if (rank_only && q == s)
        return 0;
    /* the place is a country of the world gazetteer: no division (kind),
     * no short form, not mined (巴黎俱乐部 is a name) */
    for (int32_t k2 = x->cend[q]; k2 >= 0; k2 = x->c[k2].next_end) {
        const cand *o = &x->c[k2];
        if (o->s != b || o->type != NG_PLACE || o->src != SRC_LEXICON || o->entry == LX_NONE ||
            (o->flags & (CF_DROPPED | CF_GENERIC)))
            continue;
        const lx_entry *pe = &x->r->lx.entries[o->entry];
        if (!(pe->flags & (LF_SHORT | LF_MINED | LF_USER)) && pe->kind == LK_NONE)
            return 1;
    }
    return 0;
}

/* A lexicon place or body candidate starting at p and ending by the
 * suffix's start s or at the name's end e (not across the suffix's start:
 * 河集 of 星河+集团): 2 for a built-in entry, 1 for a mined or short one,
 * 0 for none. */
static int lexicon_name_at(const xctx *x, size_t p, size_t s, size_t e)
{
    int best = 0;
    for (size_t q = p + 2; q <= e; q++)
        for (int32_t k = q <= s || q == e ? x->cend[q] : -1; k >= 0; k = x->c[k].next_end) {
            const cand *o = &x->c[k];
            if (o->s != p || (o->type != NG_PLACE && o->type != NG_ORG) || o->src < SRC_LEXICON ||
                o->entry == LX_NONE || (o->flags & (CF_GENERIC | CF_DROPPED)))
                continue;
            const lx_entry *le = &x->r->lx.entries[o->entry];
            int v = (le->flags & (LF_MINED | LF_SHORT)) ? 1 : 2;
            if (v > best)
                best = v;
        }
    return best;
}

/* The start of a body's name that runs from b to e, with its leading
 * character dropped where a lexicon name starts right after it, it
 * starts no name or word of its own, and (before a mined or short name)
 * no word runs from it across that name's start. */
static size_t trim_lead(const xctx *x, size_t b, size_t s, size_t e, int *bound, int32_t *bc)
{
    if (lexicon_name_at(x, b, s, e))
        return b;
    for (size_t p = b + 1; p <= b + 1 && p + 2 <= e; p++) {
        /* 省+社科院, 市+博物馆: a unit's one-character abbreviation stays */
        if (x_longest_ending(x, p, LX_PLACE_SUFFIX))
            break;
        int v = lexicon_name_at(x, p, s, e);
        if (!v)
            continue;
        int joined = 0;
        for (size_t q = b; q < p && !joined; q++) {
            static const int cls[] = {LX_COMMON, LX_PLACE, LX_ORG, LX_STOP};
            for (size_t c = 0; c < sizeof cls / sizeof *cls && !joined; c++) {
                const lx_match *m = x_longest_at(x, q, cls[c]);
                /* a word inside the lead (原来) keeps it; one across the
                 * name's start counts only before a weaker name */
                joined = m && m->e - m->s >= 2 && (m->e <= p || v == 1);
            }
        }
        if (joined)
            return b;
        *bound = B_STOP;
        *bc = -1;
        return p;
    }
    return b;
}

/* Does an ordinary word of two or more characters start before s and end
 * at e? */
static int common_word_over(const xctx *x, size_t s, size_t e)
{
    for (uint32_t k = x->by_end[e]; k < x->by_end[e + 1]; k++) {
        const lx_match *m = &x->m[x->end_idx[k]];
        if (m->s < s && m->e - m->s >= 2 && x->mcls[x->end_idx[k]] == LX_COMMON)
            return 1;
    }
    return 0;
}

/* Does an organisation ending in 大学 or 学院 start at b and end before s? */
static int college_before(const xctx *x, size_t b, size_t s)
{
    for (size_t q = b + 2; q < s; q++)
        for (int32_t k = x->cend[q]; k >= 0; k = x->c[k].next_end) {
            const cand *o = &x->c[k];
            if (o->s == b && o->type == NG_ORG && !(o->flags & (CF_DROPPED | CF_GENERIC)) &&
                (university(x, o) || (x->t.cp[q - 2] == 0x5b66 /* 学 */ &&
                                      x->t.cp[q - 1] == 0x9662 /* 院 */)))
                return 1;
        }
    return 0;
}

/* Is [s, e) 球队, 小组, 网站 or 频道: a word for a part or the members of
 * a body, not a kind of body? */
static int generic_part_suffix(const xctx *x, size_t s, size_t e)
{
    static const uint32_t words[][2] = {{0x7403, 0x961f} /* 球队 */, {0x5c0f, 0x7ec4} /* 小组 */,
                                        {0x7f51, 0x7ad9} /* 网站 */, {0x9891, 0x9053} /* 频道 */};
    if (e - s != 2)
        return 0;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (x->t.cp[s] == words[i][0] && x->t.cp[s + 1] == words[i][1])
            return 1;
    return 0;
}

static void suffix_at(xctx *x, const lx_match *m, int org)
{
    const lx_entry *se = x_entry(x, m);
    size_t s = m->s, e = m->e, slen = e - s;
    /* the suffix starts a longer ordinary word: 市场, 村民 */
    const lx_match *ns = x_longest_at(x, s, LX_NOT_SUFFIX);
    if (ns && ns->e > e)
        return;
    if (suffix_crossed(x, s, e, org && se->kind == LK_ORGAN))
        return;
    /* 地区 after a known place is the word region, not part of the name
     * (亚太+地区, 科索沃+地区): the public NER sets mark the place alone */
    if (!org && slen == 2 && x->t.cp[s] == 0x5730 /* 地 */ && x->t.cp[s + 1] == 0x533a /* 区 */) {
        int32_t k = x_cand_ending(x, s, 1u << NG_PLACE, -1);
        if (k >= 0 && x->c[k].src == SRC_LEXICON)
            return;
    }
    /* 所 before a verb is the particle (危机所产生, 望远镜所看到), no
     * institute */
    if (org && slen == 1 && x->t.cp[s] == 0x6240 /* 所 */ && e < x->t.n) {
        const lx_match *vw = x_longest_at(x, e, LX_COMMON);
        if ((vw && x_entry(x, vw)->kind == LK_VERB) || stop_verb_at(x, e))
            return;
    }
    /* 某分行+办+了: a one-character suffix before an aspect particle (了,
     * 着, 过) is a verb (办, 站), no body */
    if (org && slen == 1 && e < x->t.n &&
        (x->t.cp[e] == 0x4e86 /* 了 */ || x->t.cp[e] == 0x7740 /* 着 */ ||
         x->t.cp[e] == 0x8fc7 /* 过 */))
        return;
    /* 某厅+厅长, 某局+局长: a one-character suffix that starts a title
     * right after the same suffix belongs to the title; the name ends
     * before it */
    if (org && slen == 1 && s > 0 && x->t.cp[s - 1] == x->t.cp[s]) {
        const lx_match *tt = x_longest_at(x, s, LX_TITLE);
        if (tt && tt->e > e && x_longest_ending(x, s, LX_ORG_SUFFIX))
            return;
    }
    size_t maxlen = org ? 14 : 4;
    int bound, absorbed;
    int32_t bc;
    size_t b = extend_left(x, s, org, se->kind, maxlen, &bound, &bc, &absorbed);
    if (!org && bound == B_NONE && se->kind >= LK_AREA) {
        /* sites and areas may have long names (某某玉器珠宝特色小镇), taken
         * only up to a sure edge: punctuation or a known place or body */
        int bound2, absorbed2;
        int32_t bc2;
        size_t b2 = extend_left(x, s, org, se->kind, 8, &bound2, &bc2, &absorbed2);
        if (bound2 == B_HARD || bound2 == B_CAND) {
            b = b2;
            bound = bound2;
            bc = bc2;
            absorbed = absorbed2;
        }
    }
    /* a name does not start inside a word: 提升留洞 starts at 留; but a
     * known name starting there is a start (云浮|市 is no 浮云) */
    /* nor where a known place or body ends right before it: 里水|草场 has
     * 水草 across the edge, but 里水 settles where the name starts */
    int cand_edge = bound == B_CAND && bc >= 0 && x->c[bc].e == b;
    for (int guard = 0; guard < 4 && b < s && !cand_edge && !(absorbed && starts_name(x, b));
         guard++) {
        size_t we = word_across(x, b);
        if (!we)
            break;
        b = we < s ? we : s;
        bound = B_STOP;
        bc = -1;
    }
    /* a verb at the front is the sentence, not the name: 吸纳+某某公司 */
    if (org || se->kind >= LK_AREA || se->kind == 0) {
        for (int guard = 0; guard < 3; guard++) {
            const lx_match *cw = x_longest_at(x, b, LX_COMMON);
            if (!cw || x_entry(x, cw)->kind != LK_VERB || cw->e + 2 > s)
                break;
            /* a known name that jieba also tags a verb (招行), or that
             * starts with one (建设+银行), stays */
            if (absorbed && (name_spans(x, b, cw->e) || lexicon_name_over(x, b, cw->e, s)))
                break;
            /* an item of a 、 list of companies starts a name, no clause
             * (、北方+光电+股份有限公司) */
            if (org && b > 0 && x->t.cp[b - 1] == 0x3001 && company_suffix(x, s) && s - b <= 6)
                break;
            b = cw->e;
            bound = B_STOP;
            bc = -1;
        }
    }
    /* a body's name that takes in a place starts with it: one or two
     * characters before the place, that start no name of their own, are
     * the sentence's (任+某省某某公司, 现任+某市某某所) */
    if (org && absorbed && b + 3 <= s && !starts_name(x, b)) {
        for (size_t p = b + 1; p <= b + 2 && p + 1 < s; p++)
            if (place_starts_before(x, p, s)) {
                b = p;
                bound = B_STOP;
                bc = -1;
                break;
            }
    }
    /* a known body's name written inside, one to three characters after
     * the start, that start no name of their own: those are the
     * sentence's (经+国务院, 初+某城集团, 山寨版+某旗银行, 一战+欧冠+小组) */
    if (org && bound != B_CAND && b + 3 <= s && !starts_name(x, b) &&
        x->t.cp[b] != 0x7b2c /* 第: 第一+某工业部 */) {
        for (size_t p = b + 1; p <= b + 3 && p + 1 < e; p++) {
            const lx_match *om = x_longest_at(x, p, LX_ORG);
            if (om && om->e - om->s >= 2 && om->e <= e &&
                !x_longest_ending(x, p, LX_PLACE_SUFFIX)) { /* 省+社科院 stays */
                b = p;
                bound = B_STOP;
                bc = -1;
                break;
            }
        }
    }
    /* a date, a marker of a former post (曾任, 历任) or the appointment
     * verb 任/现任 before a body's name is the sentence's (résumés:
     * 2009年5月任+某某公司, 曾任+某某公司) */
    if (org) {
        const uint32_t *w = x->t.cp;
        for (int guard = 0; guard < 6 && b + 2 < s; guard++) {
            size_t q = b;
            while (q < s && w_is_digit(w[q]))
                q++;
            if (q > b && q + 1 < s && (w[q] == 0x5e74 /* 年 */ || w[q] == 0x6708 /* 月 */ ||
                                       w[q] == 0x65e5 /* 日 */)) {
                b = q + 1;
                bound = B_STOP;
                bc = -1;
                continue;
            }
            const lx_match *fm = x_longest_at(x, b, LX_FORMER);
            if (fm && fm->e - fm->s >= 2 && fm->e + 2 <= s) {
                b = fm->e;
                bound = B_STOP;
                bc = -1;
                continue;
            }
            /* 任, 现任, and any verb of two characters ending in 任 (连任,
             * 续任, 出任, 担任) */
            size_t vl = w[b] == 0x4efb /* 任 */ ? 1
                        : (w[b + 1] == 0x4efb && is_han(w[b]) && !starts_name(x, b)) ? 2 : 0;
            if (vl && b + vl + (w[b + vl] == 0x672c /* 本 */ ? 1 : 2) <= s && !starts_name(x, b)) {
                b += vl;
                bound = B_STOP;
                bc = -1;
                continue;
            }
            break;
        }
        /* 任+公司: the verb alone before the suffix leaves a bare suffix */
        size_t vl = s > b && w[b] == 0x4efb ? 1
                    : (s > b + 1 && w[b + 1] == 0x4efb && is_han(w[b])) ? 2 : 0;
        if (vl && b + vl == s && !starts_name(x, b)) {
            b = s;
            bound = B_STOP;
            bc = -1;
        }
    }
    /* 经+北京市教育局, 报+国务院, 原+某市某局: one character before a
     * lexicon place or body that the name took in, which starts no name
     * of its own, is the sentence's (a verb, a preposition, a former
     * marker) */
    if (org && b < s)
        b = trim_lead(x, b, s, e, &bound, &bc);
    /* a count before the name is the sentence's: 七大+行业协会, 两家+公司 */
    if (b + 2 <= s && is_numeral_cp(x->t.cp[b]) && is_count_word(x->t.cp[b + 1])) {
        if (b + 2 == s)
            return;
        b += 2;
        bound = B_STOP;
        bc = -1;
        absorbed = 0;
    }
    /* 一检一报, 一村一品: a slogan of paired numerals names nothing */
    if (s - b == 3 && is_numeral_cp(x->t.cp[b]) && x->t.cp[b] == x->t.cp[b + 2])
        return;
    /* a body of the built-in lexicon that ends with this suffix (国务院)
     * is the name; one or two characters before it that start no name of
     * their own are the sentence's (报+国务院, 经+国务院) */
    if (b < s && !starts_name(x, b)) {
        for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end) {
            const cand *o = &x->c[k];
            if (o->src == SRC_LEXICON && o->type == (org ? NG_ORG : NG_PLACE) && o->s > b &&
                o->s < s && o->e - o->s >= 3 && o->entry != LX_NONE &&
                !x_longest_ending(x, o->s, LX_PLACE_SUFFIX) && /* 省+社科院 stays */
                !(x->r->lx.entries[o->entry].flags & (LF_SHORT | LF_DIVISION)) &&
                !(o->flags & (CF_DROPPED | CF_GENERIC)))
                return;
        }
    }
    size_t name = s - b;
    if (bound == B_NONE) {
        /* no boundary in reach: take a typical name length */
        size_t def = org ? 4 : 2;
        if (name > def) {
            b = s - def;
            name = def;
        }
    }
    if (!org && name >= 2 && se->kind >= LK_COUNTY && se->kind <= LK_GROUP) {
        /* an ordinary verb before the name is not part of it (推动+留洞村),
         * and a verb or a very frequent word alone is no name (城市社区;
         * 新风社区 and 幸福村 are names) */
        for (int guard = 0; guard < 3; guard++) {
            const lx_match *cw = x_longest_at(x, b, LX_COMMON);
            if (!cw || cw->e > s)
                break;
            const lx_entry *ce = x_entry(x, cw);
            if (cw->e == s) {
                if ((ce->kind == LK_VERB || ce->weight >= 3000) && !x_longest_at(x, b, LX_PLACE))
                    return;
                break;
            }
            if (ce->kind != LK_VERB)
                break;
            b = cw->e;
            name = s - b;
            bound = B_STOP;
            bc = -1;
        }
    }
    /* 巴黎+所+独具: 所 right after a place alone, running on into a word
     * that is no title, is the particle (所 + verb), no institute */
    if (org && slen == 1 && x->t.cp[s] == 0x6240 /* 所 */ && name >= 2 && name_spans(x, b, s) &&
        e < x->t.n && is_han(x->t.cp[e]) && !x_has_at(x, e, LX_TITLE, 1) &&
        !x_has_at(x, e, LX_TITLE_MODIFIER, 1))
        return;
    /* 大+企业集团, 各+保险公司, 该+研究所: a determiner or 大 (big) before
     * ordinary words names no body */
    if (org && !absorbed && bound != B_CAND && name >= 1 &&
        (x->t.cp[b] == 0x5927 /* 大 */ || x->t.cp[b] == 0x5404 /* 各 */ ||
         x->t.cp[b] == 0x8be5 /* 该 */) &&
        !x_longest_at(x, b, LX_ORG) && !x_longest_at(x, b, LX_PLACE) &&
        (name == 1 || all_common(x, b + 1, s)))
        return;
    /* 贫困+地区, 东部+地区, 部分+地区, 贫困+山区: ordinary words before
     * 地区 or a two-character area suffix describe a region and name
     * none (西南地区 has a place word first) */
    if (!org && slen == 2 &&
        ((x->t.cp[s] == 0x5730 /* 地 */ && x->t.cp[s + 1] == 0x533a /* 区 */) ||
         se->kind == LK_AREA) &&
        name >= 1 && all_common(x, b, s) && !x_longest_at(x, b, LX_PLACE))
        return;
    /* 美国+市场, 上海+市场: a country's or a city's market, written right
     * after a known place alone, is the economy, not a site (the public
     * sets mark the place); 某某农贸+市场 stays */
    if (!org && slen == 2 && x->t.cp[s] == 0x5e02 /* 市 */ && x->t.cp[s + 1] == 0x573a /* 场 */ &&
        name >= 2 && name_spans(x, b, s))
        return;
    if (org && foreign_kind_of_body(x, b, s, e))
        return;
    /* 上+大学, 读+小学, 新+银行: one character before a general suffix of
     * two or more is the sentence's word, no name (a body's name has two
     * characters at least, unless it took in a place or body); organs
     * and media are written after a one-character unit (校+党委, 团+区委,
     * 俄+政府), but not after a former marker, a function word or the
     * end of a word */
    if (org && s - b == 1 && slen >= 2 && !absorbed && bound != B_CAND &&
        !x_longest_at(x, b, LX_PLACE) && !x_longest_at(x, b, LX_ORG) &&
        (se->kind == LK_GENERAL || x_has_at(x, b, LX_FORMER, 1) || x_has_at(x, b, LX_STOP, 1) ||
         common_word_over(x, b, b + 1)))
        return; /* 前+政府, 现+政府, 这场+政府: no unit either */
    /* 切尔西+网站, 意甲+球队, 欧冠+小组, 新浪+彩票频道: a known body and a
     * generic word for its parts or members name no body of their own;
     * the known body is the name */
    if (org && name >= 2 && generic_part_suffix(x, s, e)) {
        for (int32_t k = x->cend[s]; k >= 0; k = x->c[k].next_end)
            if (x->c[k].type == NG_ORG && x->c[k].src == SRC_LEXICON && x->c[k].s >= b &&
                !(x->c[k].flags & (CF_DROPPED | CF_GENERIC)) && x->c[k].s + 2 <= s &&
                (x->c[k].s == b || all_common(x, b, x->c[k].s)))
                return;
    }
    /* 来+台湾, 清代+台湾, 广西+梧州: a known place already ends with this
     * one-character suffix (湾 of 台湾); the suffix adds only what is
     * before it, which is the sentence's where a stop word, an ordinary
     * word of two or more characters or a candidate ends there, or where
     * it is one character before a gazetteer long form.  堆龙+德庆县 and
     * 金+沙湾 (a short form) keep their name part. */
    if (!org && slen == 1 && name >= 2) {
        for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end) {
            const cand *lp = &x->c[k];
            if (lp->type != NG_PLACE || lp->src != SRC_LEXICON || (lp->flags & CF_DROPPED) ||
                lp->s <= b || lp->s + 2 > e)
                continue;
            size_t ls = lp->s;
            const lx_match *cw = x_longest_ending(x, ls, LX_COMMON);
            /* a short form below a city's (沙湾 of a county) is weak here */
            int weak = lp->entry != LX_NONE && (x->r->lx.entries[lp->entry].flags & LF_SHORT) &&
                       place_rank(x->r->lx.entries[lp->entry].kind) > 2;
            if (x_cand_ending(x, ls, 1u << NG_ORG, -1) >= 0)
                break; /* a body's name goes on (海军+青岛+防空司令部) */
            if ((!weak && ls - b == 1) || stop_ends_long(x, ls) || (cw && cw->e - cw->s >= 2) ||
                (!weak && (stop_ends(x, ls) ||
                           x_cand_ending(x, ls, (1u << NG_PLACE) | (1u << NG_PERSON), -1) >= 0)))
                return;
        }
    }
    cand c = {0};
    c.type = org ? NG_ORG : NG_PLACE;
    c.src = SRC_RULE;
    c.level = org ? 0 : se->kind;
    c.parent = bound == B_CAND ? bc : -1;
    c.entry = m->entry;
    c.pattern = -1;
    c.rule = org ? "org.suffix" : "place.suffix";
    c.e = (uint32_t)e;
    if (name == 0) {
        /* a bare suffix (社区, 镇党委 is handled below): generic */
        c.s = (uint32_t)s;
        c.flags = CF_GENERIC;
        if (slen >= 2)
            x_add_cand(x, &c);
        return;
    }
    /* one-character suffixes (局, 社, 镇) are weak: a bounded name of two */
    if (slen == 1 && (name < 2 || bound == B_NONE) && !(name >= 1 && bound == B_HARD))
        return;
    /* 系 is a department only of a university or college taken in (某大学+
     * 法律+系); elsewhere it is the verb (某某车资+系+假币) */
    if (org && slen == 1 && x->t.cp[s] == 0x7cfb /* 系 */ && !(absorbed && college_before(x, b, s)))
        return;
    /* counties and above by a one-character suffix (某旗, 某县) are in the
     * gazetteer; found by suffix they need a name of two or more */
    if (!org && slen == 1 && name < 2 && se->kind >= LK_PROVINCE && se->kind <= LK_COUNTY)
        return;
    /* a village or community name by suffix alone is only a guess where
     * its name part starts with a known word (助力+社区, 城乡+社区): it
     * must be supported by the document (ent_village_support); a name
     * part that is no word at all is a name */
    if (!org && bound != B_CAND && !absorbed &&
        (all_common(x, b, s) || word_across(x, b) || x_longest_at(x, b, LX_COMMON) ||
         x_longest_at(x, b, LX_STOP)))
        c.flags |= CF_SUPPORT;
    /* one character and a one-character street or site word is a word
     * (临街), not a name */
    if (!org && name < 2 && se->kind >= LK_AREA)
        return;
    /* a numeral before an administrative word counts places: 七镇街 */
    if (!org && name <= 2 && is_numeral_cp(x->t.cp[b]) &&
        (name == 1 || x_longest_at(x, b + 1, LX_PLACE_SUFFIX)))
        return;
    /* the suffix's own character inside the name: 村容村, 全镇镇 */
    if (!org && slen == 1)
        for (size_t i = b; i < s; i++)
            if (x->t.cp[i] == x->t.cp[s])
                return;
    /* ordinary words alone name no body or site (现代企业, 村级公园);
     * villages are often named by words, so those are judged above */
    if (!absorbed && (org || se->kind >= LK_AREA || se->kind == 0) && all_common(x, b, s))
        return;
    if (org && slen == 1 && !absorbed && name < 3)
        return;
    /* a name does not follow a numeral: 20余亩村, 3个协会; nor a place a
     * grade (4A+级旅游景区) */
    if (b > 0 && (w_is_digit(x->t.cp[b - 1]) || (!org && is_ascii_alnum(x->t.cp[b - 1]))))
        return;
    /* 中国+区, 韩国+区: a country and 区 is a company's region, no division;
     * the country stands alone */
    if (!org && slen == 1 && x->t.cp[s] == 0x533a /* 区 */) {
        int32_t k = x_cand_ending(x, s, 1u << NG_PLACE, -1);
        if (k >= 0 && x->c[k].s == b && x->c[k].src == SRC_LEXICON && x->c[k].entry != LX_NONE &&
            !(x->r->lx.entries[x->c[k].entry].flags & LF_SHORT) &&
            place_rank(x->r->lx.entries[x->c[k].entry].kind) >= 7 &&
            !(x->r->lx.entries[x->c[k].entry].flags & LF_MINED))
            return;
    }
    /* a count is no name: 90余处 */
    if (slen == 1)
        for (size_t i = b; i < s; i++)
            if (w_is_digit(x->t.cp[i]))
                return;
    c.s = (uint32_t)b;
    if (all_suffix(x, b, s))
        c.flags = CF_GENERIC;
    x_add_cand(x, &c);
}


/*
 * 某大学+化工+系, 某大学+财政金融+系: a university's department is written
 * right after it, named by two to six characters and 系 (which alone is
 * too common a character to end names: 关系, 体系, 系统).  The department
 * is one organisation with its university (rule org.department).
 */
static void university_departments(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n, nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        const cand *o = &x->c[k];
        if (o->type != NG_ORG || (o->flags & (CF_DROPPED | CF_GENERIC)) || !university(x, o))
            continue;
        size_t j = o->e;
        while (j < n && j - o->e < 7 && is_han(w[j]) && w[j] != 0x7cfb /* 系 */ &&
               !x_has_at(x, j, LX_STOP, 1) && !x_has_at(x, j, LX_TITLE, 1))
            j++;
        if (j >= n || w[j] != 0x7cfb || j - o->e < 2 || (j + 1 < n && w[j + 1] == 0x7edf /* 统 */))
            continue;
        cand c = x_rule_cand(o->s, j + 1, NG_ORG, LX_NONE, "org.department");
        if (x_add_cand(x, &c) < 0)
            return;
    }
}

/*
 * 热刺+队, 某某竞技+队, 中国+队: a team named by its club or country.  队
 * alone is too common a word to be a suffix (队伍, 排队), but right after a
 * known organisation, or a country or city the gazetteer knows, and not
 * starting a longer word (队员, 队长), it ends the team's name (rule
 * org.team).
 */
static void team_at(xctx *x, size_t e)
{
    const uint32_t *w = x->t.cp;
    size_t q = e - 1; /* where 队 is */
    if (q == 0 || w[q] != 0x961f /* 队 */ || x_has_at(x, q, LX_TITLE, 2) ||
        x_has_at(x, q, LX_NOT_SUFFIX, 2) || x_has_at(x, q, LX_COMMON, 2) ||
        x_has_at(x, q, LX_STATUS_WORD, 2))
        return;
    int32_t k = x_cand_ending(x, q, (1u << NG_ORG) | (1u << NG_PLACE), -1);
    if (k < 0)
        return;
    const cand *o = &x->c[k];
    if ((o->flags & CF_GENERIC) || o->src != SRC_LEXICON || o->e - o->s < 2)
        return;
    if (o->type == NG_PLACE && (o->entry == LX_NONE ||
                                (x->r->lx.entries[o->entry].flags & LF_SHORT) ||
                                place_rank(o->level) == 3 || place_rank(o->level) == 4 ||
                                place_rank(o->level) == 5 || place_rank(o->level) == 6))
        return;
    /* the word the club's name and 队 make is a word of its own (球+队 is no
     * team of 球) */
    const lx_match *cw = x_longest_ending(x, e, LX_COMMON);
    if (cw && cw->s > o->s)
        return;
    cand c = x_rule_cand(o->s, e, NG_ORG, LX_NONE, "org.team");
    x_add_cand(x, &c);
}

/* Does the team name running right end at k: a numeral (两队), a stop
 * word, an ordinary word (推荐), a speech cue? */
static int versus_stop(const xctx *x, size_t k)
{
    return is_numeral_cp(x->t.cp[k]) || x_has_at(x, k, LX_STOP, 1) || x_has_at(x, k, LX_COMMON, 2) ||
           x_has_at(x, k, LX_CUE_AFTER, 1) || x_has_at(x, k, LX_TITLE, 2);
}

/* Add the team [s, e) of a fixture; a place read there (罗马, 以色列) is
 * the team, not the place. */
static void versus_team(xctx *x, size_t s, size_t e)
{
    if (e < s + 2 || e > s + 8)
        return;
    for (size_t end = s + 1; end <= e; end++)
        for (int32_t k = x->cend[end]; k >= 0; k = x->c[k].next_end) {
            cand *o = &x->c[k];
            if (o->flags & CF_DROPPED)
                continue;
            if (o->s == s && o->e == e && o->type == NG_ORG)
                return; /* known already */
            if (o->s < s)
                return; /* a longer name runs across: leave it */
            if (o->type == NG_PLACE && o->s == s && o->e == e)
                o->flags |= CF_DROPPED;
        }
    cand c = x_rule_cand(s, e, NG_ORG, LX_NONE, "org.versus");
    x_add_cand(x, &c);
}

/*
 * 切沃vs罗马, 那不勒斯VS锡耶纳: the two sides of a fixture are teams (rule
 * org.versus), a city's name (罗马) too.  Each side is the run of Han
 * characters next to vs, up to punctuation or, after the first two
 * characters, a word that starts the rest of the sentence (推荐, 两队).
 * i is where v is; returns the position the caller's scan goes on from.
 */
static size_t versus_at(xctx *x, size_t i)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (i < 2 || i + 3 >= n || (w[i + 1] | 0x20) != 's' || !is_han(w[i - 1]) || !is_han(w[i + 2]))
        return i;
    size_t s = i;
    while (s > 0 && is_han(w[s - 1]) && i - s < 8)
        s--;
    if (s > 0 && (is_ascii_alnum(w[s - 1]) && !w_is_digit(w[s - 1])))
        return i;
    size_t e = i + 2;
    while (e < n && is_han(w[e]) && e - (i + 2) < 8 && !(e >= i + 4 && versus_stop(x, e)))
        e++;
    versus_team(x, s, i);
    versus_team(x, i + 2, e);
    return e - 1;
}

/*
 * 日军, 美军, 苏军: a country's armed forces by its one-character
 * abbreviation and 军 (at i) are a body (rule org.army), where 军 starts
 * no ordinary word or suffix (军事, 军区, 军政) and the abbreviation ends
 * none (冠军 has no country; 亚军 is left out of the table).
 */
static void army_at(xctx *x, size_t i)
{
    static const uint32_t abbr[] = {0x65e5 /* 日 */, 0x7f8e /* 美 */, 0x5fb7 /* 德 */,
                                    0x82f1 /* 英 */, 0x4fc4 /* 俄 */, 0x82cf /* 苏 */,
                                    0x6cd5 /* 法 */, 0x610f /* 意 */, 0x4ee5 /* 以 */,
                                    0x5370 /* 印 */, 0x8d8a /* 越 */, 0x97e9 /* 韩 */,
                                    0x671d /* 朝 */, 0x4f0a /* 伊 */};
    const uint32_t *w = x->t.cp;
    if (i == 0 || x_has_at(x, i, LX_COMMON, 2) || x_has_at(x, i, LX_PLACE_SUFFIX, 2) ||
        x_has_at(x, i, LX_ORG_SUFFIX, 2))
        return;
    int known = 0;
    for (size_t a = 0; a < sizeof abbr / sizeof *abbr && !known; a++)
        known = w[i - 1] == abbr[a];
    if (!known)
        return;
    /* the abbreviation inside a word before it (抗日, 完美) */
    const lx_match *cw = x_longest_ending(x, i, LX_COMMON);
    if ((cw && cw->s < i - 1) || x_covered(x, i - 1) || x_covered(x, i))
        return;
    cand c = x_rule_cand(i - 1, i + 1, NG_ORG, LX_NONE, "org.army");
    x_add_cand(x, &c);
}

void ent_suffix(xctx *x)
{
    size_t n = x->t.n;
    /* one pass for the words that name bodies by context: 队, 军, vs */
    for (size_t i = 1; i < n; i++) {
        uint32_t c = x->t.cp[i];
        if (c == 0x961f /* 队 */)
            team_at(x, i + 1);
        else if (c == 0x519b /* 军 */)
            army_at(x, i);
        else if ((c | 0x20) == 'v')
            i = versus_at(x, i);
    }
    for (size_t e = 1; e <= n; e++) {
        const lx_match *pm = x_longest_ending(x, e, LX_PLACE_SUFFIX);
        const lx_match *om = x_longest_ending(x, e, LX_ORG_SUFFIX);
        /* the same characters as both: the longer suffix decides */
        if (pm && om) {
            if (om->e - om->s >= pm->e - pm->s)
                pm = NULL;
            else
                om = NULL;
        }
        if (pm)
            suffix_at(x, pm, 0);
        if (om)
            suffix_at(x, om, 1);
    }
    university_departments(x);
}

/* ---- person names ------------------------------------------------------- */

/* A stop word cannot start a given name (的, 是, 在, ...). */
static int stop1_at(const xctx *x, size_t i)
{
    return x_has_at(x, i, LX_STOP, 1);
}

static int word_starts_at(const xctx *x, size_t i)
{
    return x_has_at(x, i, LX_CUE_AFTER, 1) || x_has_at(x, i, LX_TITLE, 2) ||
           x_has_at(x, i, LX_STOP, 2) || x_has_at(x, i, LX_STATUS_WORD, 2) ||
           x_has_at(x, i, LX_PLACE_SUFFIX, 2) || x_has_at(x, i, LX_ORG_SUFFIX, 2);
}

size_t ent_name_at(const xctx *x, size_t p, size_t maxend)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (maxend > n)
        maxend = n;
    const lx_match *sm = x_longest_at(x, p, LX_SURNAME);
    if (!sm)
        return 0;
    /* a title, cue or suffix word is not a name, though it may start like one */
    if (x_has_at(x, p, LX_TITLE, 2) || x_has_at(x, p, LX_CUE_BEFORE, 2) ||
        x_has_at(x, p, LX_STATUS_WORD, 2) || x_has_at(x, p, LX_CUE_AFTER, 2) ||
        x_has_at(x, p, LX_ORG_SUFFIX, 2) || x_has_at(x, p, LX_PLACE_SUFFIX, 2) ||
        x_has_at(x, p, LX_STOP, 2))
        return 0;
    /* a compound surname that leaves no given name: try the single one */
    size_t sl = sm->e - sm->s;
    if (sl > 1 && (p + sl >= maxend || !is_han(w[p + sl])))
        sl = 1;
    size_t q = p + sl;
    if (q >= maxend || !is_han(w[q]) || stop1_at(x, q))
        return 0;
    /* 吴先生, 陈小姐, 庞女士: the surname before a form of address is the
     * name (as MSRA and Resume NER mark it); 先生 is no given name */
    if (x_address_at(w, n, q))
        return sl;
    if (x_has_at(x, q, LX_CUE_AFTER, 1) && sl == 1) {
        /* 王说: a one-character given name would be the verb itself */
        return 0;
    }
    size_t glen = 1;
    if (q + 1 < maxend && is_han(w[q + 1]) && !x_has_at(x, q + 1, LX_STOP, 1) &&
        !word_starts_at(x, q + 1)) {
        glen = 2;
        /* a character rarely seen in given names ends the name, and so
         * does one that starts an ordinary word, unless it is a typical
         * given-name character (某某手拿 vs 某某华) */
        if (x->r->lx.class_count[LX_GIVEN_CHAR]) {
            const lx_entry *g = x_entry_at(x, q + 1, 1, LX_GIVEN_CHAR);
            if (g && g->weight < 0.0025f)
                glen = 1;
            const lx_match *cw = x_longest_at(x, q + 1, LX_COMMON);
            if (cw && cw->e > q + 2 && (!g || g->weight < 0.1f))
                glen = 1;
            /* never seen in a given name and running on into more text:
             * the name ended before it (某某手拿锄头) */
            if (!g && q + 2 < n && is_han(w[q + 2]) && !x_has_at(x, q + 2, LX_STOP, 1) &&
                !x_has_at(x, q + 2, LX_CUE_AFTER, 1))
                glen = 1;
        }
    }
    if (!x_longest_at(x, p, LX_PERSON)) {
        /* a title begun inside the given name and running past it is the
         * title (刘+主任 gives no 刘主) */
        for (size_t i = q; i < q + glen; i++) {
            const lx_match *tt = x_longest_at(x, i, LX_TITLE);
            if (tt && tt->e > q + glen && tt->e - tt->s >= 2) {
                if (i == q)
                    return 0;
                glen = i - q;
                break;
            }
        }
        /* surname + a form of address (谢总, 杨叔, 王姐): an honorific, not
         * a name (the guidelines make it optional at most) */
        if (glen == 1 && x_honorific_cp(w[q]))
            return 0;
        /* an ordinary word or a place, not a name: 常态化, 都会, 罗湖 */
        const lx_match *cw = x_longest_at(x, p, LX_COMMON);
        if (cw && cw->e >= q + glen)
            return 0;
        const lx_match *pl = x_longest_at(x, p, LX_PLACE);
        if (pl && pl->e >= q + glen)
            return 0;
        /* a rare surname (和, 于) before an ordinary word: 和群众, 于网友;
         * its given name must be made of given-name characters */
        if (sm->e - sm->s == sl && (x_entry(x, sm)->flags & LF_RARE)) {
            if (x->r->lx.class_count[LX_GIVEN_CHAR])
                for (size_t i = q; i < q + glen; i++) {
                    const lx_entry *g = x_entry_at(x, i, 1, LX_GIVEN_CHAR);
                    if (!g || g->weight < 0.01f)
                        return 0;
                }
            const lx_match *gw = x_longest_at(x, q, LX_COMMON);
            const lx_match *gs = x_longest_at(x, q, LX_STATUS_WORD);
            if ((gw && gw->e >= q + glen) || (gs && gs->e >= q + glen))
                return 0;
        }
    }
    /* an ordinary word, not a name: 高质量, 林业 */
    const lx_match *bl = x_longest_at(x, p, LX_BLOCK);
    if (bl && bl->e >= q + glen && !x_longest_at(x, p, LX_PERSON))
        return 0;
    return sl + glen;
}

size_t ent_name_token(const xctx *x, size_t p, size_t te)
{
    const uint32_t *w = x->t.cp;
    if (te <= p || te > x->t.n)
        return 0;
    for (size_t i = p; i < te; i++)
        if (!is_han(w[i]))
            return 0;
    size_t tok = te - p;
    const lx_match *sm = x_longest_at(x, p, LX_SURNAME);
    /* 王先生, 李女士: a form of address is no given name (ent_name_at
     * gives the surname) */
    if (sm && tok > sm->e - sm->s + 1 && x_address_at(w, te, sm->e))
        return 0;
    if (sm && tok >= 2 && tok <= 3 + (sm->e - sm->s > 1) && !x_has_at(x, p, LX_TITLE, 2) &&
        !x_has_at(x, p, LX_CUE_BEFORE, 2) && !x_has_at(x, p, LX_STATUS_WORD, 2) &&
        !x_has_at(x, p, LX_CUE_AFTER, 1))
        return tok;
    return 0;
}

static int32_t add_person(xctx *x, size_t s, size_t len, const char *rule, int32_t pattern)
{
    cand c = {0};
    c.s = (uint32_t)s;
    c.e = (uint32_t)(s + len);
    c.type = NG_PERSON;
    c.src = SRC_RULE;
    c.parent = -1;
    c.entry = LX_NONE;
    c.pattern = pattern;
    c.rule = rule;
    return x_add_cand(x, &c);
}

/* Is p a place a name may start: text start, punctuation, space, a word end? */
static int left_ok(const xctx *x, size_t p)
{
    if (p == 0)
        return 1;
    uint32_t c = x->t.cp[p - 1];
    if (!is_han(c) && !is_ascii_alnum(c))
        return 1;
    return soft_boundary(x, p) ||
           x_cand_ending(x, p, (1u << NG_PLACE) | (1u << NG_ORG), -1) >= 0;
}

/* Right after a name: it must not run on into more name characters. */
static int right_ok(const xctx *x, size_t e)
{
    if (e >= x->t.n)
        return 1;
    uint32_t c = x->t.cp[e];
    if (!is_han(c))
        return 1;
    if (x_has_at(x, e, LX_STOP, 1) || x_has_at(x, e, LX_CUE_AFTER, 1) ||
        x_has_at(x, e, LX_TITLE, 1) || x_has_at(x, e, LX_STATUS_WORD, 1))
        return 1;
    /* a suffix of two or more characters follows (某某+社区, 某某+公司):
     * the name is a place's or a body's */
    if (x_has_at(x, e, LX_PLACE_SUFFIX, 2) || x_has_at(x, e, LX_ORG_SUFFIX, 2))
        return 0;
    /* a character that (almost) never ends a given name follows */
    const lx_entry *g = lx_lookup(&x->r->lx, x->t.cp + e, 1, LX_GIVEN_CHAR);
    return g && g->weight < 0.0025f;
}

/* After a title or cue, surname + one character that is a stop word but
 * common in given names (罗干: 干 is both), and maybe one more given-name
 * character (钱其琛), ended by punctuation, a stop word or a speech cue:
 * the decoder refuses a stop as a given name, the context here makes it
 * one.  Its length (2 or 3) or 0. */
static size_t short_name_at(const xctx *x, size_t p)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    const lx_match *sm = x_longest_at(x, p, LX_SURNAME);
    if (!sm || sm->e - sm->s != 1 || p + 2 > n || !is_han(w[p + 1]) || !stop1_at(x, p + 1))
        return 0;
    if (x_has_at(x, p, LX_TITLE, 2) || x_has_at(x, p, LX_STOP, 1) || x_has_at(x, p, LX_COMMON, 2) ||
        x_has_at(x, p, LX_CUE_AFTER, 1) || x_has_at(x, p + 1, LX_STOP, 2) ||
        x_has_at(x, p + 1, LX_COMMON, 2))
        return 0;
    const lx_entry *g = lx_lookup(&x->r->lx, w + p + 1, 1, LX_GIVEN_CHAR);
    if (!g || g->weight < 0.02f)
        return 0;
    size_t e = p + 2;
    if (e >= n || !is_han(w[e]) || x_has_at(x, e, LX_STOP, 1) || x_has_at(x, e, LX_CUE_AFTER, 1))
        return 2;
    /* three characters: 钱其琛 (其 is a stop) + a given-name character,
     * then the same kind of edge */
    const lx_entry *g2 = lx_lookup(&x->r->lx, w + e, 1, LX_GIVEN_CHAR);
    if (!g2 || g2->weight < 0.02f || x_has_at(x, e, LX_COMMON, 2) || x_has_at(x, e, LX_TITLE, 1))
        return 0;
    e++;
    if (e < n && is_han(w[e]) && !x_has_at(x, e, LX_STOP, 1) && !x_has_at(x, e, LX_CUE_AFTER, 1))
        return 0;
    return 3;
}

/* May the character at i be part of a given name where the context says
 * a name stands?  Frequent in text but never in names (说, 的, 是) it may
 * not; a rare character (遂, 屹) or one seen in names (兴, 同) may. */
static int given_ok(const xctx *x, size_t i)
{
    if (!is_han(x->t.cp[i]) || x_has_at(x, i, LX_CUE_AFTER, 1))
        return 0;
    const lx_entry *g = lx_lookup(&x->r->lx, x->t.cp + i, 1, LX_GIVEN_CHAR);
    return !g || g->weight >= 0.002f;
}

/* Does the text around a name end at j: its end, a non-Han character, a
 * speech cue (说, 分析), a title (2+), a function word of two or more
 * characters (马上) or a form of address (先生, 女士)? */
static int name_edge(const xctx *x, size_t j)
{
    const uint32_t *w = x->t.cp;
    if (j >= x->t.n || !is_han(w[j]))
        return 1;
    if (x_has_at(x, j, LX_CUE_AFTER, 1) || x_has_at(x, j, LX_TITLE, 2) || x_has_at(x, j, LX_STOP, 2))
        return 1;
    return j + 1 < x->t.n && ((w[j] == 0x5148 && w[j + 1] == 0x751f) /* 先生 */ ||
                              (w[j] == 0x5973 && w[j + 1] == 0x58eb) /* 女士 */);
}

/*
 * Right after a title or a credit cue, a name that the decoder cut short
 * or refused (龚继+遂 where 遂 is a function word, 马家 a place, 易纲 with
 * a rare character): surname + one or two characters that may be given
 * names, with an edge (name_edge) right after.  Its length, or 0; the
 * longer reading first.
 */
static size_t framed_name_at(const xctx *x, size_t p)
{
    size_t n = x->t.n;
    const lx_match *sm = x_longest_at(x, p, LX_SURNAME);
    if (!sm || x_has_at(x, p, LX_TITLE, 2) || x_has_at(x, p, LX_CUE_BEFORE, 2) ||
        x_has_at(x, p, LX_STATUS_WORD, 2) || x_has_at(x, p, LX_STOP, 2) ||
        x_has_at(x, p, LX_ORG_SUFFIX, 2) || x_has_at(x, p, LX_PLACE_SUFFIX, 2))
        return 0;
    size_t sl = sm->e - sm->s;
    for (size_t gl = 2; gl >= 1; gl--) {
        size_t e = p + sl + gl;
        if (e > n || !name_edge(x, e))
            continue;
        /* no ordinary word, status word or known place (公约, 和+群众) */
        const lx_match *cw = x_longest_at(x, p, LX_COMMON);
        const lx_match *gw = x_longest_at(x, p + sl, LX_COMMON);
        const lx_match *gs = x_longest_at(x, p + sl, LX_STATUS_WORD);
        const lx_match *bl = x_longest_at(x, p, LX_BLOCK);
        if ((cw && cw->e >= e) || (gw && gw->e >= e) || (gs && gs->e >= e) ||
            (bl && bl->e >= e) || x_has_at(x, p + sl, LX_CUE_BEFORE, 1))
            continue;
        const lx_match *pl = x_longest_at(x, p, LX_PLACE);
        if (pl && pl->e - pl->s >= 2 && !(x_entry(x, pl)->flags & LF_SHORT))
            continue; /* 韩国+新任 */
        int rare = sm->e - sm->s == sl && (x_entry(x, sm)->flags & LF_RARE);
        int ok = 1;
        for (size_t i = p + sl; i < e && ok; i++) {
            ok = given_ok(x, i) && !(i > p + sl && x_has_at(x, i, LX_TITLE, 2));
            /* a function word (和, 为, 遂) as a given-name character only
             * before punctuation or a speech cue: 李某+和+国家, 某某+为+团长 */
            if (ok && x_has_at(x, i, LX_STOP, 1) && e < n && is_han(x->t.cp[e]) &&
                !x_has_at(x, e, LX_CUE_AFTER, 1))
                ok = 0;
            if (ok && rare) { /* 和, 于: only with given-name characters */
                const lx_entry *g = lx_lookup(&x->r->lx, x->t.cp + i, 1, LX_GIVEN_CHAR);
                ok = g && g->weight >= 0.01f;
            }
        }
        if (ok)
            return sl + gl;
    }
    return 0;
}

/* Names in a credit line: "通讯员 甲乙丙 丁戊", "记者/某某". */
static void credit_names(xctx *x, size_t p, const char *rule, int32_t person_chain_end,
                         int sep)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    for (int guard = 0; guard < 16 && p < n; guard++) {
        /* in a credit line a whole token of two or three characters after a
         * surname is the name, even with a character that is also a word
         * elsewhere (某于平) */
        size_t te = p;
        while (te < n && is_han(w[te]) && te - p < 5)
            te++;
        size_t len = 0;
        if (sep && (te >= n || !is_han(w[te])))
            len = ent_name_token(x, p, te);
        if (!len)
            len = ent_name_at(x, p, n);
        if (!len)
            len = short_name_at(x, p);
        size_t fl = framed_name_at(x, p);
        if (fl > len)
            len = fl;
        if (!len || !right_ok(x, p + len))
            return;
        int32_t k = add_person(x, p, len, rule, -1);
        if (k >= 0 && person_chain_end >= 0) {
            x->c[k].flags |= CF_CHAIN;
            x->c[k].chain_end = (uint32_t)person_chain_end;
        }
        p += len;
        if (p < n && (is_space(w[p]) || w[p] == CP_LIST_SEP))
            p++;
        else
            return;
        sep = 1;
        while (p < n && is_space(w[p]))
            p++;
    }
}

static int is_ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * 设计师Abuchon, 导演HaraldZwart: a name written in Latin letters right
 * after a title (rule person.latin_title): a run of 2-24 letters that no
 * letter, digit or further Latin word continues.  An acronym (all
 * capitals, up to five: CEO, WCG) is no name.
 */
static void latin_name_at(xctx *x, size_t p, int32_t chain_end)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n, e = p, upper = 0;
    while (e < n && is_ascii_letter(w[e]) && e - p <= 24) {
        upper += w[e] >= 'A' && w[e] <= 'Z';
        e++;
    }
    if (e - p < 2 || e - p > 24 || (e < n && (is_ascii_alnum(w[e]) || w[e] == '-' || w[e] == '.')) ||
        (upper == e - p && e - p <= 5))
        return;
    int32_t k = add_person(x, p, e - p, "person.latin_title", -1);
    if (k >= 0) {
        x->c[k].flags |= CF_CHAIN;
        x->c[k].chain_end = (uint32_t)chain_end;
    }
}

void ent_persons(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    const uint32_t cues = 1u << LX_TITLE | 1u << LX_CUE_BEFORE | 1u << LX_CUE_AFTER;
    for (size_t i = 0; i < n; i++) {
        if (!(x->smask[i] & cues))
            continue;
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            int cls = x->mcls[k];
            if (!(cues >> cls & 1))
                continue;   /* no lexicon entry read for the others */
            const lx_match *m = &x->m[k];
            const lx_entry *e = x_entry(x, m);
            if (e->cls == LX_TITLE) {
                /* the longest title here only; it is followed by the name */
                const lx_match *lt = x_longest_at(x, i, LX_TITLE);
                if (lt != m)
                    continue;
                size_t p = m->e;
                while (p < n && p - m->e < 2 && (is_space(w[p]) || w[p] == '/'))
                    p++;
                /* a longer title continues here: 党委 + 书记 is one title */
                if (x_has_at(x, m->e, LX_TITLE, 1))
                    continue;
                /* 主席+和+某某: a conjunction after a title joins another
                 * holder (or a country); it starts no name, though 和 is
                 * also a rare surname */
                const lx_match *cj = x_longest_at(x, p, LX_STOP);
                const lx_match *rs = x_longest_at(x, p, LX_SURNAME);
                if (p == m->e && cj && cj->e == p + 1 && rs && rs->e == p + 1 &&
                    (x_entry(x, rs)->flags & LF_RARE) && x_entry(x, cj)->kind != LK_VERB)
                    continue;
                credit_names(x, p, "person.after_title", (int32_t)m->e, p > m->e);
                latin_name_at(x, p, (int32_t)m->e);
            } else if (e->cls == LX_CUE_BEFORE) {
                size_t p = m->e;
                int had_sep = 0;
                while (p < n && p - m->e < 2 && (is_space(w[p]) || w[p] == '/' || w[p] == ':')) {
                    p++;
                    had_sep = 1;
                }
                if (e->kind == LK_SEP && !had_sep)
                    continue;
                if (!left_ok(x, m->s))
                    continue;
                /* the cue is the start of a longer word: 由 in 由于+某某 */
                const lx_match *lw = x_longest_at(x, m->s, LX_STOP);
                const lx_match *lc = x_longest_at(x, m->s, LX_COMMON);
                if ((lw && lw->e > m->e) || (lc && lc->e > m->e))
                    continue;
                credit_names(x, p, "person.credit", -1, had_sep);
            } else if (e->cls == LX_CUE_AFTER) {
                /* 某某介绍 / 某某表示: the name ends where the cue starts */
                if (m->s == 0)
                    continue;
                const lx_match *lc = x_longest_at(x, i, LX_CUE_AFTER);
                if (lc != m)
                    continue;
                for (size_t len = 4; len >= 2; len--) {
                    if (m->s < len)
                        continue;
                    size_t p = m->s - len;
                    if (ent_name_at(x, p, m->s) != len || !left_ok(x, p))
                        continue;
                    add_person(x, p, len, "person.cue_after", -1);
                    break;
                }
            }
        }
    }
}

/* 甲、乙和丙: a name next to an established one, joined by 、, is a name. */
void ent_person_lists(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    for (int round = 0; round < 4; round++) {
        size_t before = x->nc;
        for (size_t k = 0; k < before; k++) {
            cand c = x->c[k];
            if (c.type != NG_PERSON || (c.flags & CF_DROPPED))
                continue;
            /* right neighbour */
            if (c.e + 1 < n && w[c.e] == CP_LIST_SEP) {
                size_t len = ent_name_at(x, c.e + 1, n);
                if (len && len <= 4 && right_ok(x, c.e + 1 + len))
                    add_person(x, c.e + 1, len, "person.list", -1);
            }
            /* left neighbour */
            if (c.s >= 3 && w[c.s - 1] == CP_LIST_SEP) {
                for (size_t len = 3; len >= 2; len--) {
                    if (c.s - 1 < len)
                        continue;
                    size_t p = c.s - 1 - len;
                    if (ent_name_at(x, p, c.s - 1) == len && left_ok(x, p)) {
                        add_person(x, p, len, "person.list", -1);
                        break;
                    }
                }
            }
        }
        if (x->nc == before)
            break;
    }
}

/*
 * Once a name is established, its other occurrences are mentions too.
 * Each distinct name is searched once, by its first candidate (a name
 * whose first candidate was dropped is not searched).  Linear in the
 * text: the names go into a hash set, one pass over the text finds every
 * occurrence of every name, and they are added name by name, each in text
 * order, as a search per name would add them.
 */
void ent_propagate(xctx *x)
{
    typedef struct {
        x_textkey key;       /* its text */
        int32_t rank;        /* order of search, or -1: not searched */
    } pname;
    typedef struct {
        uint32_t rank, pos, len;
    } phit;
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    size_t nc = x->nc, nn = 0, maxlen = 0, cap = 16, nhit = 0, hitcap = 0;
    int32_t nrank = 0;
    while (cap < 2 * nc + 16)
        cap *= 2;
    pname *names = x_tmp(x, (nc ? nc : 1) * sizeof *names);
    int32_t *slot = x_tmp(x, cap * sizeof *slot);
    unsigned char *haslen = NULL;
    phit *hits = NULL, *sorted = NULL;
    size_t *first = NULL;
    if (!names || !slot)
        goto oom;
    for (size_t i = 0; i < cap; i++)
        slot[i] = -1;
    for (size_t k = 0; k < nc; k++) {
        const cand *c = &x->c[k];
        if (c->type != NG_PERSON)
            continue;
        size_t len = c->e - c->s;
        uint64_t h = ng_fnv_cps(w + c->s, len);
        size_t i = x_textset_probe(x, slot, cap, names, sizeof *names, h, c->s, len);
        if (slot[i] >= 0)
            continue;   /* an earlier candidate has this name */
        pname *pn = &names[nn];
        slot[i] = (int32_t)nn++;
        pn->key.h = h;
        pn->key.s = c->s;
        pn->key.len = (uint32_t)len;
        pn->rank = (c->flags & (CF_DROPPED | CF_GENERIC)) ? -1 : nrank++;
        if (pn->rank >= 0 && len > maxlen)
            maxlen = len;
    }
    if (!nrank)
        goto done;
    haslen = x_tmpz(x, maxlen + 1);
    if (!haslen)
        goto oom;
    /* the first characters of the names searched, by their low 12 bits:
       most positions start none, and skip the hashing of every length */
    uint64_t firsts[64] = {0};
    for (size_t k = 0; k < nn; k++)
        if (names[k].rank >= 0) {
            haslen[names[k].key.len] = 1;
            uint32_t c = w[names[k].key.s] & 4095;
            firsts[c >> 6] |= 1ull << (c & 63);
        }
    for (size_t i = 0; i < n; i++) {
        if (!(firsts[(w[i] & 4095) >> 6] >> (w[i] & 63) & 1))
            continue;
        uint64_t h = NG_FNV_BASIS;
        for (size_t len = 1; len <= maxlen && i + len <= n; len++) {
            h = ng_fnv_step(h, w[i + len - 1]);
            if (!haslen[len])
                continue;
            size_t q = x_textset_probe(x, slot, cap, names, sizeof *names, h, i, len);
            if (slot[q] < 0 || names[slot[q]].rank < 0)
                continue;
            /* not the head of a longer name: 罗锦华 inside 罗锦华丽? */
            if (i + len < n && is_han(w[i + len]) && !right_ok(x, i + len))
                continue;
            if (nhit == hitcap) {
                size_t nc2 = hitcap ? hitcap * 2 : 256;
                phit *p = realloc(hits, nc2 * sizeof *p);
                if (!p)
                    goto oom;
                hits = p;
                hitcap = nc2;
            }
            hits[nhit].rank = (uint32_t)names[slot[q]].rank;
            hits[nhit].pos = (uint32_t)i;
            hits[nhit].len = (uint32_t)len;
            nhit++;
        }
    }
    /* name by name, each in text order: a counting sort by rank */
    first = x_tmpz(x, ((size_t)nrank + 1) * sizeof *first);
    sorted = x_tmp(x, (nhit ? nhit : 1) * sizeof *sorted);
    if (!first || !sorted)
        goto oom;
    for (size_t k = 0; k < nhit; k++)
        first[hits[k].rank + 1]++;
    for (int32_t r = 0; r < nrank; r++)
        first[r + 1] += first[r];
    for (size_t k = 0; k < nhit; k++)
        sorted[first[hits[k].rank]++] = hits[k];
    for (size_t k = 0; k < nhit; k++)
        add_person(x, sorted[k].pos, sorted[k].len, "person.propagated", -1);
    goto done;
oom:
    x->oom = 1;
done:
    free(hits);   /* names, slot, haslen, first, sorted: scratch (x_tmp) */
}

/* ---- support for bare short forms --------------------------------------- */

static uint64_t cp_hash(const uint32_t *p, size_t n)
{
    return ng_fnv_cps(p, n) | 1; /* never 0: 0 marks an empty slot */
}

static int is_short_town(const xctx *x, const cand *c)
{
    if (c->type != NG_PLACE || c->src != SRC_LEXICON || c->entry == LX_NONE)
        return 0;
    const lx_entry *e = &x->r->lx.entries[c->entry];
    if ((e->flags & LF_SHORT) && (e->kind == LK_COUNTY || e->kind == LK_TOWN))
        return 1;
    /* a mined place is one the annotators marked wherever it is written
     * (平壤, 火星): an ordinary-word reading does not make it weak */
    if (e->flags & LF_MINED)
        return 0;
    /* a division whose name is an ordinary word (振兴区, 联合镇) */
    const lx_match *sf = x_longest_ending(x, c->e, LX_PLACE_SUFFIX);
    if (sf && sf->s > c->s &&
        (x_entry_at(x, c->s, sf->s - c->s, LX_COMMON) ||
         x_entry_at(x, c->s, sf->s - c->s, LX_STOP)))
        return 1;
    /* a division named by an ordinary word (城区, 郊区) is as ambiguous */
    return x_entry_at(x, c->s, c->e - c->s, LX_COMMON) != NULL;
}

/*
 * A county's short form (崇礼 of 崇礼县) right after a verb of place or
 * motion (在, 到, 赴, 来自, 位于) and before punctuation, a function word or
 * a word of place (县城, 当地) is the county, with no other support.
 */
static int county_framed(const xctx *x, const cand *c)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    const lx_entry *e = &x->r->lx.entries[c->entry];
    if (!(e->flags & LF_SHORT) || e->kind != LK_COUNTY || c->s == 0)
        return 0;
    static const uint32_t verbs[] = {0x5728 /* 在 */, 0x5230 /* 到 */, 0x8d74 /* 赴 */,
                                     0x81ea /* 自 */, 0x4e8e /* 于 */, 0x5f80 /* 往 */,
                                     0x62b5 /* 抵 */};
    int before = 0;
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs && !before; i++)
        before = w[c->s - 1] == verbs[i];
    if (!before)
        return 0;
    return c->e >= n || !is_han(w[c->e]) || x_has_at(x, c->e, LX_STOP, 1) ||
           x_has_at(x, c->e, LX_PLACE_SUFFIX, 2);
}

/*
 * A bare county or township short form (大沥 for 大沥镇) is ambiguous
 * with ordinary words, so it stands as a place only where the document
 * supports it: the long form written out (大沥镇, or any place name that
 * starts with it: 平东社区), or a place nested right after it (大沥白沙).
 * One supported occurrence makes the name a place everywhere in the text.
 */
void ent_short_forms(xctx *x)
{
    size_t cap = 64;
    while (cap < x->nc * 8 + 64)
        cap *= 2;
    uint64_t *set = x_tmpz(x, cap * sizeof *set);
    if (!set)
        return;
    const uint32_t *w = x->t.cp;
    /* prefixes (2..4 characters) of every other place name */
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        if (c->type != NG_PLACE || (c->flags & (CF_GENERIC | CF_DROPPED)) || is_short_town(x, c))
            continue;
        for (size_t l = 2; l <= 4 && l < c->e - c->s; l++) {
            uint64_t h = cp_hash(w + c->s, l);
            size_t i = (size_t)(h & (cap - 1));
            while (set[i] && set[i] != h)
                i = (i + 1) & (cap - 1);
            set[i] = h;
        }
    }
    /* nested occurrences support their text too */
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        if (!is_short_town(x, c) || (c->flags & CF_DROPPED))
            continue;
        int nested = 0;
        for (uint32_t m = x->by_start[c->e < x->t.n ? c->e : x->t.n];
             c->e < x->t.n && m < x->by_start[c->e + 1]; m++)
            if (x->mcls[m] == LX_PLACE)
                nested = 1;
        if (!nested)
            continue;
        uint64_t h = cp_hash(w + c->s, c->e - c->s);
        size_t i = (size_t)(h & (cap - 1));
        while (set[i] && set[i] != h)
            i = (i + 1) & (cap - 1);
        set[i] = h;
    }
    for (size_t k = 0; k < x->nc; k++) {
        cand *c = &x->c[k];
        if (!is_short_town(x, c) || (c->flags & CF_DROPPED))
            continue;
        uint64_t h = cp_hash(w + c->s, c->e - c->s);
        size_t i = (size_t)(h & (cap - 1));
        while (set[i] && set[i] != h)
            i = (i + 1) & (cap - 1);
        if (!set[i] && !county_framed(x, c))
            c->flags |= CF_DROPPED;
    }
}

/*
 * Places listed under one parent with a shared suffix: 某镇甲、乙、丙社区
 * gives 甲 and 乙 as places too, all three in 某镇.
 */
void ent_place_lists(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        cand last = x->c[k];
        if (last.type != NG_PLACE || last.src != SRC_RULE || (last.flags & (CF_GENERIC | CF_DROPPED)) ||
            last.s < 2 || w[last.s - 1] != CP_LIST_SEP)
            continue;
        /* walk the items left of the last one */
        size_t items[8][2];
        int ni = 0, opened = 0;
        size_t pos = last.s - 1; /* at the 、 */
        int32_t parent = -1;
        while (ni < 8) {
            size_t e = pos, b = pos;
            while (b > 0 && is_han(w[b - 1]) && e - b < 5) {
                int32_t pk = x_cand_ending(x, b, 1u << NG_PLACE, -1);
                if (pk >= 0 && b < e && !(x->c[pk].flags & CF_GENERIC)) {
                    parent = pk;
                    break;
                }
                if (b < e && e - b >= 2 && stop_ends(x, b)) {
                    opened = 1; /* 在+甲、乙、丙村 */
                    break;
                }
                b--;
            }
            if (b == e || e - b > 4)
                break;
            if (b > 0 && !is_han(w[b - 1]) && w[b - 1] != CP_LIST_SEP)
                opened = 1;
            items[ni][0] = b;
            items[ni][1] = e;
            ni++;
            if (parent >= 0)
                break;
            if (b > 0 && w[b - 1] == CP_LIST_SEP)
                pos = b - 1;
            else
                break;
        }
        /* without a parent, a list opened by a word or punctuation whose
         * last item is a village or community by its own name (在甲、乙、
         * 丙村) lists places too */
        int village = last.level >= LK_VILLAGE && last.level <= LK_GROUP &&
                      !(last.flags & CF_SUPPORT);
        if (ni == 0 || (parent < 0 && !(opened && village)))
            continue;
        for (int i = 0; i < ni; i++) {
            if (items[i][1] - items[i][0] < 2)
                continue;
            /* an ordinary word or a title in the list is no place */
            size_t il = items[i][1] - items[i][0];
            const uint32_t *iw = w + items[i][0];
            if (lx_lookup(&x->r->lx, iw, il, LX_COMMON) || lx_lookup(&x->r->lx, iw, il, LX_TITLE) ||
                lx_lookup(&x->r->lx, iw, il, LX_STATUS_WORD) || x_has_at(x, items[i][0], LX_TITLE, 2) ||
                all_common(x, items[i][0], items[i][1]))
                continue;
            cand c = last;
            c.s = (uint32_t)items[i][0];
            c.e = (uint32_t)items[i][1];
            c.rule = parent >= 0 ? "place.list_shared_suffix" : "place.list";
            c.parent = parent;
            c.flags = CF_LISTED;
            x_add_cand(x, &c);
        }
        x->c[k].parent = parent;
        x->c[k].flags |= CF_LISTED;
    }
}

/*
 * A community or village found only by its suffix (某某社区, 某某村) is kept
 * when the document supports it: the name written again (alone or at the
 * head of a longer name such as 某某社区党委), a place it is nested in, or a
 * relation that uses it.  A one-off phrase such as 热心社区 or 清理村 is
 * not.
 */
static int place_starts(const xctx *x, size_t b)
{
    for (size_t e = b + 1; e <= x->t.n && e <= b + 16; e++)
        for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end)
            if (x->c[k].s == b && x->c[k].type == NG_PLACE &&
                !(x->c[k].flags & (CF_GENERIC | CF_DROPPED)))
                return 1;
    return 0;
}

void ent_village_support(xctx *x)
{
    /* Texts of the candidates that may need counting, with how often each
     * is written (counted up to 2) in one pass over the text: linear,
     * where a scan of the text per candidate was quadratic. */
    typedef struct {
        x_textkey key;       /* its text */
        uint32_t seen;
    } vtext;
    /* most documents have no such candidate: no tables then */
    int any = 0;
    for (size_t k = 0; k < x->nc && !any; k++)
        any = (x->c[k].flags & CF_SUPPORT) && !(x->c[k].flags & (CF_DROPPED | CF_GENERIC)) &&
              x->c[k].parent < 0;
    if (!any)
        return;
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n, nv = 0, cap = 16, maxlen = 0;
    char *in_rel = calloc(x->nc ? x->nc : 1, 1);
    vtext *v = malloc((x->nc ? x->nc : 1) * sizeof *v);
    int32_t *slot = NULL, *of = malloc((x->nc ? x->nc : 1) * sizeof *of);
    unsigned char *haslen = NULL;
    if (!in_rel || !v || !of)
        goto oom;
    for (size_t i = 0; i < x->nrel; i++) {
        if (x->rel[i].a >= 0) in_rel[x->rel[i].a] = 1;
        if (x->rel[i].b >= 0) in_rel[x->rel[i].b] = 1;
        if (x->rel[i].c >= 0) in_rel[x->rel[i].c] = 1;
    }
    while (cap < 2 * x->nc + 16)
        cap *= 2;
    slot = malloc(cap * sizeof *slot);
    if (!slot)
        goto oom;
    for (size_t i = 0; i < cap; i++)
        slot[i] = -1;
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        of[k] = -1;
        if (!(c->flags & CF_SUPPORT) || (c->flags & (CF_DROPPED | CF_GENERIC)) || in_rel[k] ||
            c->parent >= 0)
            continue;
        size_t len = c->e - c->s;
        uint64_t h = ng_fnv_cps(w + c->s, len);
        size_t i = x_textset_probe(x, slot, cap, v, sizeof *v, h, c->s, len);
        if (slot[i] < 0) {
            slot[i] = (int32_t)nv;
            v[nv].key.h = h;
            v[nv].key.s = c->s;
            v[nv].key.len = (uint32_t)len;
            v[nv].seen = 0;
            nv++;
            if (len > maxlen)
                maxlen = len;
        }
        of[k] = slot[i];
    }
    if (nv) {
        haslen = calloc(maxlen + 1, 1);
        if (!haslen)
            goto oom;
        for (size_t t = 0; t < nv; t++)
            haslen[v[t].key.len] = 1;
        for (size_t i = 0; i < n; i++) {
            uint64_t h = NG_FNV_BASIS;
            for (size_t len = 1; len <= maxlen && i + len <= n; len++) {
                h = ng_fnv_step(h, w[i + len - 1]);
                if (!haslen[len])
                    continue;
                size_t q = x_textset_probe(x, slot, cap, v, sizeof *v, h, i, len);
                if (slot[q] >= 0 && v[slot[q]].seen < 2)
                    v[slot[q]].seen++;
            }
        }
    }
    for (size_t k = 0; k < x->nc; k++) {
        cand *c = &x->c[k];
        if (of[k] < 0 || (c->flags & (CF_DROPPED | CF_GENERIC)))
            continue;
        /* listed with other places: 甲社区、乙社区 */
        if ((c->s > 0 && w[c->s - 1] == CP_LIST_SEP &&
             x_cand_ending(x, c->s - 1, 1u << NG_PLACE, (int32_t)k) >= 0) ||
            (c->e < x->t.n && w[c->e] == CP_LIST_SEP && place_starts(x, c->e + 1)))
            continue;
        /* the same name written elsewhere in the text */
        if (v[of[k]].seen < 2)
            c->flags |= CF_DROPPED;
    }
    goto done;
oom:
    x->oom = 1;
done:
    free(in_rel);
    free(v);
    free(slot);
    free(of);
    free(haslen);
}

/*
 * The bare name of a place written in full elsewhere in the document is
 * that place too (敦根 for 敦根社区, 草场 for 草场社区), where it stands as a
 * word: not inside a longer name, not running on into more name text.
 */
void ent_bare_names(xctx *x)
{
    /* Linear: the candidates' bare names go into a hash set and one pass
     * over the text lists where each is written; the first candidate of
     * each full text (a hash set too) then walks its list, with the same
     * tests at each place, in the order a scan of the text per candidate
     * made them. */
    typedef struct {
        x_textkey key;       /* its text */
        uint32_t first, count;   /* its places in `at` */
    } btext;
    typedef struct {
        x_textkey key;       /* its text */
        int32_t first;           /* first SRC_RULE place candidate of the text */
    } ftext;
    /* most documents have no rule-found place: no tables then */
    int any = 0;
    for (size_t k = 0; k < x->nc && !any; k++)
        any = x->c[k].type == NG_PLACE && x->c[k].src == SRC_RULE;
    if (!any)
        return;
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    size_t nc = x->nc, nb = 0, nf = 0, cap = 16, nat = 0, atcap = 0;
    while (cap < 2 * nc + 16)
        cap *= 2;
    btext *bt = malloc((nc ? nc : 1) * sizeof *bt);
    ftext *ft = malloc((nc ? nc : 1) * sizeof *ft);
    int32_t *bslot = malloc(cap * sizeof *bslot), *fslot = malloc(cap * sizeof *fslot);
    int32_t *bof = malloc((nc ? nc : 1) * sizeof *bof);
    uint32_t (*at)[2] = NULL;    /* (bare text, position) */
    uint32_t *pos = NULL;
    size_t *start = NULL;
    unsigned char haslen[5] = {0};
    if (!bt || !ft || !bslot || !fslot || !bof)
        goto oom;
    for (size_t i = 0; i < cap; i++)
        bslot[i] = fslot[i] = -1;
    for (size_t k = 0; k < nc; k++) {
        const cand *c = &x->c[k];
        bof[k] = -1;
        if (c->type != NG_PLACE || c->src != SRC_RULE)
            continue;
        /* the first candidate of each full text does the search */
        size_t len = c->e - c->s;
        uint64_t h = ng_fnv_cps(w + c->s, len);
        size_t i = x_textset_probe(x, fslot, cap, ft, sizeof *ft, h, c->s, len);
        if (fslot[i] >= 0)
            continue;
        fslot[i] = (int32_t)nf;
        ft[nf].key.h = h;
        ft[nf].key.s = c->s;
        ft[nf].key.len = (uint32_t)len;
        ft[nf].first = (int32_t)k;
        nf++;
        if ((c->flags & CF_DROPPED) || c->entry == LX_NONE)
            continue;
        const lx_entry *se = &x->r->lx.entries[c->entry];
        if (se->cls != LX_PLACE_SUFFIX || se->kind < LK_TOWN || se->kind > LK_AREA)
            continue;
        size_t blen = len - se->len;
        if (blen < 2 || blen > 4)
            continue;
        h = NG_FNV_BASIS;
        for (size_t q = 0; q < blen; q++)
            h = ng_fnv_step(h, w[c->s + q]);
        i = x_textset_probe(x, bslot, cap, bt, sizeof *bt, h, c->s, blen);
        if (bslot[i] < 0) {
            bslot[i] = (int32_t)nb;
            bt[nb].key.h = h;
            bt[nb].key.s = c->s;
            bt[nb].key.len = (uint32_t)blen;
            bt[nb].first = bt[nb].count = 0;
            nb++;
            haslen[blen] = 1;
        }
        bof[k] = bslot[i];
    }
    if (!nb)
        goto done;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = NG_FNV_BASIS;
        for (size_t len = 1; len <= 4 && i + len <= n; len++) {
            h = ng_fnv_step(h, w[i + len - 1]);
            if (!haslen[len])
                continue;
            size_t q = x_textset_probe(x, bslot, cap, bt, sizeof *bt, h, i, len);
            if (bslot[q] < 0)
                continue;
            if (nat == atcap) {
                size_t ncap = atcap ? atcap * 2 : 256;
                void *p = realloc(at, ncap * sizeof *at);
                if (!p)
                    goto oom;
                at = p;
                atcap = ncap;
            }
            at[nat][0] = (uint32_t)bslot[q];
            at[nat][1] = (uint32_t)i;
            nat++;
            bt[bslot[q]].count++;
        }
    }
    /* places grouped by bare text, each group in text order */
    pos = malloc((nat ? nat : 1) * sizeof *pos);
    start = calloc(nb + 1, sizeof *start);
    if (!pos || !start)
        goto oom;
    for (size_t t = 0; t < nb; t++) {
        bt[t].first = (uint32_t)start[t];
        start[t + 1] = start[t] + bt[t].count;
    }
    for (size_t k = 0; k < nat; k++)
        pos[start[at[k][0]]++] = at[k][1];
    for (size_t k = 0; k < nc; k++) {
        if (bof[k] < 0)
            continue;
        cand c = x->c[k];
        if (c.flags & (CF_DROPPED | CF_GENERIC))
            continue;
        const uint32_t *bare = w + c.s;
        const btext *t = &bt[bof[k]];
        size_t blen = t->key.len;
        /* an ordinary word is no bare name (新风 is also "new trend"),
         * but for an item of a list (在草场、某村) */
        if (lx_lookup(&x->r->lx, bare, blen, LX_STOP))
            continue;
        int common = lx_lookup(&x->r->lx, bare, blen, LX_COMMON) != NULL;
        for (size_t m = t->first; m < t->first + t->count; m++) {
            size_t i = pos[m];
            size_t e = i + blen;
            if (common && !(i > 0 && w[i - 1] == CP_LIST_SEP) && !(e < n && w[e] == CP_LIST_SEP))
                continue;
            /* followed by its own suffix: that is the long form */
            if (e < n && is_han(w[e]) && (x_has_at(x, e, LX_PLACE_SUFFIX, 1) ||
                                          x_has_at(x, e, LX_ORG_SUFFIX, 1)))
                continue;
            if (e < n && is_han(w[e]) && !x_has_at(x, e, LX_STOP, 1) &&
                !x_has_at(x, e, LX_COMMON, 2) && !x_has_at(x, e, LX_CUE_AFTER, 1))
                continue;
            if (i > 0 && is_han(w[i - 1]) && !x_longest_ending(x, i, LX_STOP) &&
                !x_longest_ending(x, i, LX_COMMON) &&
                x_cand_ending(x, i, (1u << NG_PLACE) | (1u << NG_ORG), -1) < 0)
                continue;
            cand b = c;
            b.s = (uint32_t)i;
            b.e = (uint32_t)e;
            b.parent = -1;
            b.flags = 0;
            b.rule = "place.bare_name";
            x_add_cand(x, &b);
        }
    }
    goto done;
oom:
    x->oom = 1;
done:
    free(bt);
    free(ft);
    free(bslot);
    free(fslot);
    free(bof);
    free(at);
    free(pos);
    free(start);
}
