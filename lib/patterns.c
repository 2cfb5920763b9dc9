/*
 * patterns.c - run the PCRE2 rules of patterns.txt over the working text.
 *
 * A pattern marks what it found with named groups (rules/README.md):
 * PERSON / PERSONS (names), ROLE (a title chain: unit and title),
 * POSITION, ORG, PLACE, FORMER.  Names are checked by the same name
 * model as every other person rule, and a ROLE is parsed by the same
 * title-chain parser, so a pattern only says where to look.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "extract.h"

#define CP_LIST_SEP 0x3001

typedef struct {
    size_t s, e;
    int set;
} span;

static span group_span(const xctx *x, const ng_pattern *p, PCRE2_SIZE *ov, int rc, int g)
{
    span sp = {0, 0, 0};
    int n = p->group[g];
    if (n < 0 || n >= rc || ov[2 * n] == PCRE2_UNSET)
        return sp;
    sp.s = ng_text_cp_of_u8(&x->t, ov[2 * n]);
    sp.e = ng_text_cp_of_u8(&x->t, ov[2 * n + 1]);
    sp.set = sp.e > sp.s;
    return sp;
}

static int32_t pat_person(xctx *x, size_t s, size_t e, const ng_pattern *p, int32_t pi)
{
    /* a token the pattern delimited (by-line, dateline) is the name as a
     * whole when it is one: surname and one or two characters; a group
     * that runs on into more text (年至 of 2005年至今担任, 信息 of
     * 信息系统) must decode as a name on its own */
    const uint32_t *w = x->t.cp;
    /* a copula right after the group delimits it too (某某+是) */
    int token = (s == 0 || (!is_han(w[s - 1]) && !is_ascii_alnum(w[s - 1]))) &&
                (e >= x->t.n || (!is_han(w[e]) && !is_ascii_alnum(w[e])) ||
                 w[e] == 0x662f /* 是 */ || w[e] == 0x4e3a /* 为 */ || w[e] == 0x7cfb /* 系 */);
    if (!token) {
        /* a name the context rules found across the group is the name
         * (国务委员+罗干 in 员罗干为), and none starts inside or with a
         * known place or body (俄+罗斯, 山东+正) */
        size_t last = e + x->cmaxlen < x->t.n ? e + x->cmaxlen : x->t.n;
        for (size_t q = s + 1; q <= last; q++)
            for (int32_t k = x->cend[q]; k >= 0; k = x->c[k].next_end) {
                const cand *c = &x->c[k];
                if ((c->flags & CF_DROPPED) || c->s >= e || (c->s >= s && c->type != NG_PERSON))
                    continue;
                if (c->type == NG_PERSON)
                    return k;
                if (c->s <= s && c->src == SRC_LEXICON && !(c->flags & CF_GENERIC) &&
                    (c->type == NG_PLACE || c->type == NG_ORG) && c->entry != LX_NONE &&
                    !(x->r->lx.entries[c->entry].flags & LF_SHORT))
                    return -1;
            }
    }
    size_t len = token ? ent_name_token(x, s, e) : 0;
    if (!len)
        len = ent_name_at(x, s, e);
    if (!len)
        return -1;
    cand c = {0};
    c.s = (uint32_t)s;
    c.e = (uint32_t)(s + len);
    c.type = NG_PERSON;
    c.src = p->user ? SRC_USER : SRC_RULE;
    c.parent = -1;
    c.entry = LX_NONE;
    c.pattern = pi;
    c.rule = p->name;
    return x_add_cand(x, &c);
}

static int32_t pat_entity(xctx *x, span sp, int type, const ng_pattern *p, int32_t pi)
{
    /* a name the entity rules already typed keeps its type */
    for (int32_t k = x->cend[sp.e]; k >= 0; k = x->c[k].next_end)
        if (x->c[k].s == sp.s && (x->c[k].type == NG_ORG || x->c[k].type == NG_PLACE) &&
            !(x->c[k].flags & CF_GENERIC)) {
            /* the pattern is the support a set-aside short form lacked */
            x->c[k].flags &= (uint8_t)~CF_DROPPED;
            return k;
        }
    cand c = {0};
    c.s = (uint32_t)sp.s;
    c.e = (uint32_t)sp.e;
    c.type = (uint8_t)type;
    c.src = p->user ? SRC_USER : SRC_RULE;
    c.parent = -1;
    c.entry = LX_NONE;
    c.pattern = pi;
    c.rule = p->name;
    return x_add_cand(x, &c);
}

static void on_match(xctx *x, const ng_pattern *p, int32_t pi, PCRE2_SIZE *ov, int rc)
{
    int32_t persons[16];
    int np = 0;
    span sp = group_span(x, p, ov, rc, PG_PERSON);
    if (sp.set) {
        int32_t k = pat_person(x, sp.s, sp.e, p, pi);
        if (k >= 0)
            persons[np++] = k;
    }
    sp = group_span(x, p, ov, rc, PG_PERSONS);
    if (sp.set) {
        /* names separated by spaces or 、 */
        const uint32_t *w = x->t.cp;
        size_t i = sp.s;
        while (i < sp.e && np < 16) {
            while (i < sp.e && (w[i] == ' ' || w[i] == CP_LIST_SEP))
                i++;
            size_t j = i;
            while (j < sp.e && w[j] != ' ' && w[j] != CP_LIST_SEP)
                j++;
            if (j > i) {
                int32_t k = pat_person(x, i, j, p, pi);
                if (k >= 0)
                    persons[np++] = k;
            }
            i = j;
        }
    }
    /* the place a list lies in (PARENT): the known place that ends the
     * group, else the group itself */
    int32_t parent = -1;
    span ps = group_span(x, p, ov, rc, PG_PARENT);
    if (ps.set) {
        for (int32_t k = x->cend[ps.e]; k >= 0; k = x->c[k].next_end) {
            const cand *c = &x->c[k];
            if (c->type == NG_PLACE && c->s >= ps.s && !(c->flags & (CF_GENERIC | CF_DROPPED)) &&
                (parent < 0 || c->s > x->c[parent].s))
                parent = k;
        }
        if (parent < 0)
            parent = pat_entity(x, ps, NG_PLACE, p, pi);
    }
    /* places or bodies listed with 、: each item is one, in PARENT if given */
    static const int list_groups[2][2] = {{PG_PLACES, NG_PLACE}, {PG_ORGS, NG_ORG}};
    for (int lg = 0; lg < 2; lg++) {
        sp = group_span(x, p, ov, rc, list_groups[lg][0]);
        if (!sp.set)
            continue;
        const uint32_t *w = x->t.cp;
        size_t i = sp.s;
        while (i < sp.e) {
            size_t j = i;
            while (j < sp.e && w[j] != CP_LIST_SEP)
                j++;
            if (j > i) {
                span item = {i, j, 1};
                int32_t k = pat_entity(x, item, list_groups[lg][1], p, pi);
                if (k >= 0 && parent >= 0 && k != parent) {
                    crel r = {0};
                    r.type = NG_LOCATED_IN;
                    r.a = k;
                    r.b = parent;
                    r.c = -1;
                    r.ev_s = x->c[parent].s;
                    r.ev_e = (uint32_t)sp.e;
                    r.rule = p->name;
                    r.pattern = pi;
                    x_add_rel(x, &r);
                }
            }
            i = j + 1;
        }
    }
    /* a rule about a person whose person is no name found nothing */
    if ((p->group[PG_PERSON] >= 0 || p->group[PG_PERSONS] >= 0) && np == 0)
        return;
    span former = group_span(x, p, ov, rc, PG_FORMER);
    span role = group_span(x, p, ov, rc, PG_ROLE);
    span pos = group_span(x, p, ov, rc, PG_POSITION);
    span org = group_span(x, p, ov, rc, PG_ORG);
    span place = group_span(x, p, ov, rc, PG_PLACE);
    int32_t unit = -1;
    if (org.set)
        unit = pat_entity(x, org, NG_ORG, p, pi);
    if (place.set) {
        int32_t k = pat_entity(x, place, NG_PLACE, p, pi);
        if (unit < 0)
            unit = k;
    }
    int32_t posk = -1;
    if (pos.set)
        posk = rel_position(x, pos.s, pos.e, p->name, pi);
    size_t ms = ng_text_cp_of_u8(&x->t, ov[0]);
    size_t me = ng_text_cp_of_u8(&x->t, ov[1]);
    for (int i = 0; i < np; i++) {
        if (role.set)
            rel_chain(x, persons[i], role.e, p->name, pi, role.s, former.set);
        if (posk >= 0) {
            crel r = {0};
            r.type = NG_HOLDS_POSITION;
            r.a = persons[i];
            r.b = posk;
            r.c = unit;
            r.former = (uint8_t)former.set;
            r.ev_s = (uint32_t)ms;
            r.ev_e = (uint32_t)me;
            r.rule = p->name;
            r.pattern = pi;
            x_add_rel(x, &r);
        }
    }
}

/* An occurrence of literal `lit` of r->lits at code point pos. */
typedef struct {
    uint32_t pos;
    uint32_t lit;
} lit_hit;

/* Where a pattern's matches may start: bytes lo..hi, both included. */
typedef struct {
    size_t lo, hi;
} window;

/* Every occurrence of the rules' literals, in order of position, in one
   pass; *seen gets a bit per literal found.  -1 when out of memory. */
static ptrdiff_t find_lits(const xctx *x, lit_hit **out, size_t *cap, uint64_t *seen)
{
    const ng_rules *r = x->r;
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n, nh = 0;
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++) {
        for (int l = r->lit_head[w[i] % NG_LIT_HASH]; l >= 0; l = r->lits[l].next) {
            const ng_lit *L = &r->lits[l];
            if (L->n > n - i || memcmp(w + i, L->cp, L->n * sizeof *w))
                continue;
            if (nh == *cap) {
                size_t nc = *cap ? *cap * 2 : 64;
                lit_hit *p = realloc(*out, nc * sizeof *p);
                if (!p)
                    return -1;
                *out = p;
                *cap = nc;
            }
            (*out)[nh].pos = (uint32_t)i;
            (*out)[nh++].lit = (uint32_t)l;
            s |= 1ull << l;
        }
    }
    *seen = s;
    return (ptrdiff_t)nh;
}

/* Add code points lo..hi to windows w[0..*m), merging where they touch
   (lo never goes below the last window's lo).  -1 when out of memory. */
static int add_window(window **w, size_t *m, size_t *cap, size_t lo, size_t hi)
{
    if (*m && lo <= (*w)[*m - 1].hi + 1) {
        if (hi > (*w)[*m - 1].hi)
            (*w)[*m - 1].hi = hi;
        return 0;
    }
    if (*m == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        window *p = realloc(*w, nc * sizeof *p);
        if (!p)
            return -1;
        *w = p;
        *cap = nc;
    }
    (*w)[*m].lo = lo;
    (*w)[(*m)++].hi = hi;
    return 0;
}

/* Where p may match: dmin..dmax code points before each hit of its
   anchor; when every match starts with an entry of a lexicon class, only
   the positions where the scan found one.  Merged where they touch (the
   hits come in order, so the windows do). */
static ptrdiff_t need_windows(const xctx *x, const ng_pattern *p, const lit_hit *h,
                              size_t nh, window **out, size_t *cap)
{
    const ng_need *a = &p->need[p->anchor];
    uint64_t lits = p->need_lits[p->anchor];
    size_t m = 0, done = 0;   /* positions below `done` were looked at */
    for (size_t i = 0; i < nh; i++) {
        size_t c = h[i].pos;
        if (!(lits >> h[i].lit & 1) || c < a->dmin)
            continue;
        size_t lo = c > a->dmax ? c - a->dmax : 0, hi = c - a->dmin;
        if (p->first < 0) {
            if (add_window(out, &m, cap, lo, hi))
                return -1;
            continue;
        }
        for (size_t q = lo > done ? lo : done; q <= hi; q++)
            if (x->smask[q] >> p->first & 1 && add_window(out, &m, cap, q, q))
                return -1;
        if (hi + 1 > done)
            done = hi + 1;
    }
    for (size_t i = 0; i < m; i++) {
        (*out)[i].lo = x->t.u8_off[(*out)[i].lo];
        (*out)[i].hi = x->t.u8_off[(*out)[i].hi];
    }
    return (ptrdiff_t)m;
}

/*
 * Every match of every pattern, leftmost first, each search going on
 * from the end of the last match.  A pattern whose needs the text lacks
 * cannot match and is skipped; one with an anchor is searched only from
 * the starts its windows allow (an offset limit ends each search at its
 * window's end), which finds the same matches: none starts elsewhere.
 */
void pat_run(xctx *x)
{
    const ng_rules *r = x->r;
    const PCRE2_SPTR subj = (PCRE2_SPTR)x->t.u8;
    size_t len = x->t.u8len;
    pcre2_match_data *md = NULL;
    pcre2_match_context *wctx = NULL;   /* r->mctx with this call's offset limits */
    window *win = NULL;
    lit_hit *hits = NULL;
    size_t wcap = 0, hcap = 0;
    uint64_t seen = 0;
    ptrdiff_t nh = r->nlits ? find_lits(x, &hits, &hcap, &seen) : 0;
    if (nh < 0) {
        x->oom = 1;
        return;
    }
    for (size_t pi = 0; pi < r->npatterns; pi++) {
        const ng_pattern *p = &r->patterns[pi];
        int met = 1;
        for (int k = 0; k < p->nneed && met; k++)
            met = (p->need_lits[k] & seen) != 0;
        if (!met)
            continue;
        ptrdiff_t nwin = -1;
        if (p->anchor >= 0) {
            nwin = need_windows(x, p, hits, (size_t)nh, &win, &wcap);
            if (nwin < 0) {
                x->oom = 1;
                break;
            }
            if (nwin == 0)
                continue;
            if (!wctx && !(wctx = pcre2_match_context_copy(r->mctx))) {
                x->oom = 1;
                break;
            }
        }
        if (!md && !(md = pcre2_match_data_create(r->ovec_pairs, NULL))) {
            x->oom = 1;
            break;
        }
        /* straight into the JIT code: pcre2_match() only adds checks */
        int jit = ng_pattern_ready(r, p);
        size_t off = 0, w = 0;
        while (off <= len) {
            size_t from = off;
            pcre2_match_context *mc = r->mctx;
            if (nwin >= 0) {
                while ((ptrdiff_t)w < nwin && win[w].hi < off)
                    w++;
                if ((ptrdiff_t)w == nwin)
                    break;
                if (win[w].lo > from)
                    from = win[w].lo;
                pcre2_set_offset_limit(wctx, win[w].hi);
                mc = wctx;
            }
            int rc = jit ? pcre2_jit_match(p->code, subj, len, from, 0, md, mc)
                         : pcre2_match(p->code, subj, len, from, PCRE2_NO_UTF_CHECK, md, mc);
            if (rc == PCRE2_ERROR_NOMATCH) {
                if (nwin < 0)
                    break;
                w++;
                continue;
            }
            if (rc < 0) {
                PCRE2_UCHAR msg[160];
                pcre2_get_error_message(rc, msg, sizeof msg);
                ng_strlist_addf(&x->warnings, "rule %s (%s:%u) stopped at byte %zu: %s",
                                p->name, r->files[p->file], p->line, off, (char *)msg);
                break;
            }
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            on_match(x, p, (int32_t)pi, ov, rc);
            if (x->oom)
                break;
            if (ov[1] > ov[0]) {
                off = ov[1];
            } else {
                /* empty match: step one character */
                off = ov[1] + 1;
                while (off < len && (subj[off] & 0xc0) == 0x80)
                    off++;
            }
        }
        if (x->oom)
            break;
    }
    free(win);
    free(hits);
    pcre2_match_context_free(wctx);
    pcre2_match_data_free(md);
}
