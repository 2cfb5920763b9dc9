/*
 * relations.c - holds_position from title chains, located_in from
 * nesting, and resolution of abbreviated units.
 *
 * A title chain is read right to left from the name it ends at:
 *   [unit] title (、 [unit] title)* name
 * A unit is the org or place candidate that ends where its title starts;
 * a title with no unit of its own takes the unit of the title before it
 * (里水镇副镇长、团委书记某某: both in 里水镇).
 */
#include <stdlib.h>
#include <string.h>
#include "extract.h"

#define CP_LIST_SEP 0x3001
#define MAX_CHAIN 8

int32_t rel_position(xctx *x, size_t s, size_t e, const char *rule, int32_t pattern)
{
    cand c = {0};
    c.s = (uint32_t)s;
    c.e = (uint32_t)e;
    c.type = NG_POSITION;
    c.src = SRC_RULE;
    c.parent = -1;
    c.entry = LX_NONE;
    c.pattern = pattern;
    c.rule = rule;
    const lx_match *m = x_longest_ending(x, e, LX_TITLE);
    if (m && m->s >= s)
        c.entry = m->entry;
    return x_add_cand(x, &c);
}

/* The unit of a title starting at ts, or -1.  A place whose suffix is
 * the title's first character comes first: 南海区 of 南海区委书记. */
static int32_t unit_before(const xctx *x, size_t ts, size_t limit)
{
    const unsigned places = 1u << NG_PLACE;
    const unsigned units = places | (1u << NG_ORG);
    if (ts + 1 <= x->t.n) {
        for (int32_t k = x->cend[ts + 1]; k >= 0; k = x->c[k].next_end) {
            const cand *c = &x->c[k];
            if (c->type == NG_PLACE && c->s < ts && c->s >= limit &&
                !(c->flags & CF_DROPPED) && !(c->flags & CF_GENERIC) &&
                x_longest_ending(x, ts + 1, LX_PLACE_SUFFIX) &&
                x_has_at(x, ts, LX_TITLE, 2))
                return k;
        }
    }
    int32_t k = x_cand_ending(x, ts, units, -1);
    if (k >= 0 && x->c[k].s < limit)
        return -1;
    if (k < 0) {
        /* only a generic unit (社区 of 社区党委书记): resolved later */
        for (int32_t g = x->cend[ts]; g >= 0; g = x->c[g].next_end)
            if ((x->c[g].flags & CF_GENERIC) && x->c[g].s >= limit &&
                (x->c[g].type == NG_PLACE || x->c[g].type == NG_ORG))
                return g;
    }
    return k;
}

void rel_chain(xctx *x, int32_t person, size_t end, const char *rule,
               int32_t pattern, size_t limit, int former)
{
    const uint32_t *w = x->t.cp;
    int32_t title[MAX_CHAIN], unit[MAX_CHAIN];
    int n = 0;
    size_t pos = end;
    while (n < MAX_CHAIN && pos > limit) {
        const lx_match *t = x_longest_ending(x, pos, LX_TITLE);
        if (!t || t->s < limit)
            break;
        size_t ts = t->s;
        /* modifiers stay part of the title: 副, 常务, 第一 */
        for (int guard = 0; guard < 3; guard++) {
            const lx_match *md = x_longest_ending(x, ts, LX_TITLE_MODIFIER);
            if (!md || md->s < limit)
                break;
            ts = md->s;
        }
        /* status words are not positions (村民, 志愿者) */
        const lx_match *sw = x_longest_ending(x, pos, LX_STATUS_WORD);
        if (sw && sw->s <= ts)
            break;
        unit[n] = unit_before(x, ts, limit);
        if (unit[n] >= 0 && x->c[unit[n]].e > ts && ts + 1 < pos) {
            /* the unit's suffix is the title's first character: 里水镇 +
             * 镇党委书记 is 里水镇 | 党委书记 when the rest is a title; only
             * lexicalised organ titles keep it (南海区 | 区委书记) */
            const lx_match *rest = x_longest_at(x, ts + 1, LX_TITLE);
            if (rest && rest->e == pos)
                ts++;
        }
        title[n] = rel_position(x, ts, pos, "position.title_chain", pattern);
        if (title[n] < 0)
            break;
        pos = unit[n] >= 0 ? x->c[unit[n]].s : ts;
        if (unit[n] >= 0 && x->c[unit[n]].e > ts)
            pos = x->c[unit[n]].s; /* 南海区 overlapping 区委书记 */
        n++;
        if (pos > limit && w[pos - 1] == CP_LIST_SEP)
            pos--;
        else
            break;
    }
    if (n == 0)
        return;
    /* former roles: 原, 曾任 before the chain */
    if (!former) {
        const lx_match *fm = x_longest_ending(x, pos, LX_FORMER);
        if (fm && fm->s >= limit)
            former = 1;
    }
    /* a title with no unit takes the unit of the title left of it */
    for (int i = n - 2; i >= 0; i--)
        if (unit[i] < 0)
            unit[i] = unit[i + 1];
    for (int i = 0; i < n; i++) {
        crel r = {0};
        r.type = NG_HOLDS_POSITION;
        r.a = person;
        r.b = title[i];
        r.c = unit[i];
        r.former = (uint8_t)former;
        r.ev_s = (uint32_t)pos;
        r.ev_e = x->c[person].e;
        if (r.ev_e < r.ev_s)
            r.ev_e = (uint32_t)end;
        r.rule = rule;
        r.pattern = pattern;
        x_add_rel(x, &r);
    }
}

void rel_title_chains(xctx *x)
{
    size_t nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        const cand c = x->c[k];
        if (c.type != NG_PERSON || !(c.flags & CF_CHAIN))
            continue;
        size_t sent = ng_sentence_of(x->sent, x->nsent, c.s);
        size_t limit = x->nsent ? x->sent[sent] : 0;
        rel_chain(x, (int32_t)k, c.chain_end, "holds.title_chain", -1, limit, 0);
    }
}

static int same_text(const xctx *x, const cand *a, const cand *b)
{
    return a->e - a->s == b->e - b->s &&
           !memcmp(x->t.cp + a->s, x->t.cp + b->s, (a->e - a->s) * sizeof(uint32_t));
}

/* Does a's text end with b's text (and is it longer)? */
static int ends_with(const xctx *x, const cand *a, const cand *b)
{
    size_t la = a->e - a->s, lb = b->e - b->s;
    return la > lb && !memcmp(x->t.cp + a->e - lb, x->t.cp + b->s, lb * sizeof(uint32_t));
}

/*
 * A generic unit (社区 of 社区党委书记) names the document's own body:
 * resolve it to the one named unit of that kind the document writes out
 * most often (平东社区), and mark the relation resolved.
 */
/* Most frequent non-generic place whose name ends with character c. */
static int32_t frequent_place_ending(const xctx *x, uint32_t c)
{
    int32_t best = -1;
    size_t best_n = 0, second_n = 0;
    for (size_t k = 0; k < x->nc; k++) {
        const cand *a = &x->c[k];
        if (a->type != NG_PLACE || (a->flags & (CF_GENERIC | CF_DROPPED)) || a->e - a->s < 2 ||
            x->t.cp[a->e - 1] != c)
            continue;
        int first = 1;
        for (size_t j = 0; j < k && first; j++)
            if (x->c[j].type == NG_PLACE && !(x->c[j].flags & (CF_GENERIC | CF_DROPPED)) &&
                same_text(x, &x->c[j], a))
                first = 0;
        if (!first)
            continue;
        size_t cnt = 0;
        for (size_t j = 0; j < x->nc; j++)
            if (x->c[j].type == NG_PLACE && !(x->c[j].flags & CF_GENERIC) && same_text(x, &x->c[j], a))
                cnt++;
        if (cnt > best_n) {
            second_n = best_n;
            best_n = cnt;
            best = (int32_t)k;
        } else if (cnt > second_n) {
            second_n = cnt;
        }
    }
    return best_n > second_n ? best : -1;
}

void rel_resolve_units(xctx *x)
{
    for (size_t i = 0; i < x->nrel; i++) {
        crel *r = &x->rel[i];
        if (r->type == NG_HOLDS_POSITION && r->c < 0 && r->b >= 0) {
            /* 区委书记 with no unit written: the level's organ of the
             * document's own district (南海区 in a Nanhai story) */
            const cand *t = &x->c[r->b];
            if (t->e - t->s >= 3 && x_longest_at(x, t->s, LX_PLACE_SUFFIX) &&
                x_longest_at(x, t->s, LX_PLACE_SUFFIX)->e == t->s + 1 &&
                x_longest_at(x, t->s + 1, LX_ORG_SUFFIX)) {
                const lx_match *os = x_longest_at(x, t->s + 1, LX_ORG_SUFFIX);
                if (x_entry(x, os)->kind == LK_ORGAN) {
                    int32_t u = frequent_place_ending(x, x->t.cp[t->s]);
                    if (u >= 0) {
                        r->c = u;
                        r->resolved = 1;
                    }
                }
            }
            continue;
        }
        if (r->type != NG_HOLDS_POSITION || r->c < 0 || !(x->c[r->c].flags & CF_GENERIC))
            continue;
        const cand *g = &x->c[r->c];
        /* the nearest named unit of that kind written before the title (a
         * page may hold several stories, each about its own community) */
        int32_t near = -1;
        for (size_t k = 0; k < x->nc; k++) {
            const cand *c = &x->c[k];
            if (c->type != g->type || (c->flags & (CF_GENERIC | CF_DROPPED)) || c->e > g->s ||
                !ends_with(x, c, g))
                continue;
            if (near < 0 || c->e > x->c[near].e)
                near = (int32_t)k;
        }
        if (near >= 0) {
            r->c = near;
            r->resolved = 1;
            continue;
        }
        int32_t best = -1;
        size_t best_n = 0, second_n = 0;
        for (size_t k = 0; k < x->nc; k++) {
            const cand *c = &x->c[k];
            if (c->type != g->type || (c->flags & (CF_GENERIC | CF_DROPPED)) || !ends_with(x, c, g))
                continue;
            int first = 1;
            for (size_t j = 0; j < k && first; j++)
                if (x->c[j].type == c->type && !(x->c[j].flags & (CF_GENERIC | CF_DROPPED)) &&
                    same_text(x, &x->c[j], c))
                    first = 0;
            if (!first)
                continue;
            size_t cnt = 0;
            for (size_t j = 0; j < x->nc; j++)
                if (x->c[j].type == c->type && !(x->c[j].flags & CF_GENERIC) &&
                    same_text(x, &x->c[j], c))
                    cnt++;
            if (cnt > best_n) {
                second_n = best_n;
                best_n = cnt;
                best = (int32_t)k;
            } else if (cnt > second_n) {
                second_n = cnt;
            }
        }
        /* only when the document makes it clear: one unit clearly first */
        if (best >= 0 && best_n > second_n) {
            r->c = best;
            r->resolved = 1;
        } else {
            r->c = -1;
        }
    }
}

static int place_rank(uint8_t level)
{
    switch (level) {
    case LK_PROVINCE: return 1;
    case LK_CITY: return 2;
    case LK_COUNTY: return 3;
    case LK_TOWN: return 4;
    case LK_VILLAGE: return 5;
    case LK_GROUP: return 6;
    case LK_AREA: case LK_STREET: case LK_SITE: case LK_WATER: return 7;
    default: return 0;
    }
}

/* Places written nested (桂城平东社区): the nearest parent only. */
void rel_located(xctx *x)
{
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        if ((c->type != NG_PLACE && c->type != NG_ORG) || (c->flags & (CF_DROPPED | CF_GENERIC)))
            continue;
        int32_t p = -1;
        if (c->parent >= 0 && x->c[c->parent].type == NG_PLACE &&
            !(x->c[c->parent].flags & (CF_DROPPED | CF_GENERIC)) && x->c[c->parent].e == c->s)
            p = c->parent;
        if (p < 0 && c->type == NG_PLACE) {
            int32_t q = x_cand_ending(x, c->s, 1u << NG_PLACE, (int32_t)k);
            if (q >= 0 && !(x->c[q].flags & CF_GENERIC)) {
                int rq = place_rank(x->c[q].level), rc = place_rank(c->level);
                if (rq && rc && rq < rc)
                    p = q;
            }
        }
        if (p < 0)
            continue;
        /* a pair read only from inside a longer name is no statement of
         * where it lies (南海区桂城医院) */
        int inside = 0;
        for (size_t o = 0; o < x->nc && !inside; o++) {
            const cand *oc = &x->c[o];
            if (o != k && (oc->type == NG_ORG || oc->type == NG_PLACE) &&
                !(oc->flags & (CF_DROPPED | CF_GENERIC)) && oc->s <= x->c[p].s && oc->e > c->e)
                inside = 1;
        }
        if (inside)
            continue;
        crel r = {0};
        r.type = NG_LOCATED_IN;
        r.a = (int32_t)k;
        r.b = p;
        r.c = -1;
        r.ev_s = x->c[p].s;
        r.ev_e = c->e;
        r.rule = "located.nested";
        r.pattern = -1;
        x_add_rel(x, &r);
    }
}
