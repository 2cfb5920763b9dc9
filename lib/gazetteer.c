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

static int cp_in(uint32_t c, const char *set)
{
    const unsigned char *p = (const unsigned char *)set;
    while (*p) {
        /* every character of the tables is a 3-byte UTF-8 Han character */
        uint32_t v = ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
        if (v == c)
            return 1;
        p += 3;
    }
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
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        if (!(c->flags & (CF_DROPPED | CF_GENERIC)) && c->s <= i && i < c->e)
            return 1;
    }
    return 0;
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

/*
 * A known body right after a place is that place's body, one name
 * (苏丹+卫生部, 法国+农业部, 某省+某某厅): the public NER sets all mark the
 * whole as one organisation (rule org.place_prefix; the inner names are
 * dropped as nested).  The place is a gazetteer entry or a division found
 * by its suffix; the body a lexicon organisation that is not a bare organ
 * word.  Not where the body's name already runs on into a longer
 * candidate, nor after a one-character abbreviation (中美+...).
 */
void gaz_place_org(xctx *x)
{
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
        for (size_t q = 0; q < nc && !taken; q++) {
            const cand *c = &x->c[q];
            if (c->type == NG_ORG && !(c->flags & (CF_DROPPED | CF_GENERIC)) &&
                c->s <= x->c[best].s && c->e >= o->e && q != k)
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
