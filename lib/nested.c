/*
 * nested.c - a name written inside a longer name is no mention of its own.
 *
 * 江苏省 in 江苏省农机研究所, 北京 in 北京大学: the text writes one name, the
 * organisation, and news data sets annotate one mention there.  After
 * selection, a candidate whose span lies strictly inside another kept
 * candidate's span is dropped, unless a relation uses a candidate of the
 * same type and text (the nested place of a located_in, the unit of a
 * holds_position: the graph needs that entity, and it keeps all its
 * mentions).  A title contains no name in this sense: the unit it is
 * written with (国务院 of 国务院总理) stays a mention.  Runs after
 * rel_located().
 */
#include <stdlib.h>
#include "extract.h"

static int live(const cand *c)
{
    return !(c->flags & (CF_DROPPED | CF_GENERIC)) && c->e > c->s;
}

static uint64_t key_of(const xctx *x, const cand *c)
{
    return ng_fnv_step(ng_fnv_cps(x->t.cp + c->s, c->e - c->s), c->type) | 1;
}

typedef struct {
    uint32_t s, e, k;
} span;

static int cmp_span(const void *pa, const void *pb)
{
    const span *a = pa, *b = pb;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    if (a->e != b->e)
        return a->e > b->e ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

void nest_drop_inner(xctx *x)
{
    size_t nl = 0;
    for (size_t k = 0; k < x->nc; k++)
        nl += live(&x->c[k]);
    if (nl < 2)
        return;
    /* the (type, text) keys of candidates a relation uses: an open hash set */
    size_t cap = 16;
    while (cap < 4 * (x->nrel * 3 + 1))
        cap <<= 1;
    uint64_t *used = x_tmpz(x, cap * sizeof *used);
    span *ord = x_tmp(x, nl * sizeof *ord);
    if (!used || !ord)
        return;
    for (size_t i = 0; i < x->nrel; i++) {
        int32_t ids[3] = {x->rel[i].a, x->rel[i].b, x->rel[i].c};
        for (int j = 0; j < 3; j++) {
            if (ids[j] < 0 || (size_t)ids[j] >= x->nc)
                continue;
            uint64_t h = key_of(x, &x->c[ids[j]]);
            size_t s = (size_t)h & (cap - 1);
            while (used[s] && used[s] != h)
                s = (s + 1) & (cap - 1);
            used[s] = h;
        }
    }
    nl = 0;
    for (size_t k = 0; k < x->nc; k++)
        if (live(&x->c[k]))
            ord[nl++] = (span){x->c[k].s, x->c[k].e, (uint32_t)k};
    qsort(ord, nl, sizeof *ord, cmp_span);
    /* by start, longest first: a span is inside an earlier one (of another
     * extent) iff the furthest end seen so far reaches its end */
    uint32_t maxend = 0;
    int any = 0;
    for (size_t i = 0; i < nl;) {
        const span *c = &ord[i];
        size_t j = i;
        while (j < nl && ord[j].s == c->s && ord[j].e == c->e)
            j++;
        if (any && maxend >= c->e) {
            for (size_t k = i; k < j; k++) {
                cand *d = &x->c[ord[k].k];
                uint64_t h = key_of(x, d);
                size_t s = (size_t)h & (cap - 1);
                while (used[s] && used[s] != h)
                    s = (s + 1) & (cap - 1);
                if (used[s] != h)
                    d->flags |= CF_DROPPED;
            }
        }
        /* a title holds its unit (国务院 of 国务院总理): only names contain */
        for (size_t k = i; k < j; k++)
            if (x->c[ord[k].k].type != NG_POSITION && (!any || c->e > maxend)) {
                maxend = c->e;
                any = 1;
            }
        i = j;
    }
}
