/*
 * select.c - choose among overlapping candidates.
 *
 * Nested names are kept (an org inside a park's name, a place inside an
 * org's), since a name written inside another is still that name.  Two
 * candidates that cross (overlap, neither inside the other) cannot both
 * be right: the weaker goes.  Strength follows the documented precedence
 * (rules/README.md): user lexicon > built-in lexicon > rule or pattern >
 * a gazetteer short form; then the longer span; and a candidate that a
 * relation uses is confirmed by it.
 */
#include <stdlib.h>
#include <string.h>
#include "extract.h"

static int cand_score(const xctx *x, const cand *c, int in_rel)
{
    int s;
    if (c->src == SRC_USER)
        s = 1000;
    else if (c->src == SRC_LEXICON)
        /* short forms (and the mined entries that replaced them),
         * two-character divisions that are one character and a suffix
         * (洞村), and two-character bodies (a brand that is also a word)
         * are the weakest evidence of a name */
        s = (c->entry != LX_NONE && ((x->r->lx.entries[c->entry].flags & (LF_SHORT | LF_DIVISION)) ||
                                     (c->type == NG_PLACE && c->e - c->s == 2 &&
                                      x_longest_ending(x, c->e, LX_PLACE_SUFFIX)) ||
                                     (c->type == NG_ORG && c->e - c->s <= 2)))
                ? 100
                : 300;
    else
        s = 200;
    if (c->rule && !strcmp(c->rule, "person.propagated"))
        s -= 50;
    return s + 10 * (int)(c->e - c->s) + (in_rel ? 500 : 0);
}

typedef struct {
    uint32_t s, e;
    int32_t k;
} span_key;

static int by_start(const void *a, const void *b)
{
    const span_key *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->e != y->e)
        return x->e > y->e ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

void sel_resolve(xctx *x)
{
    size_t n = x->nc;
    if (!n)
        return;
    char *in_rel = x_tmpz(x, n);
    int32_t *ord = x_tmp(x, n * sizeof *ord);
    int *score = x_tmp(x, n * sizeof *score);
    if (!in_rel || !ord || !score)
        return;
    for (size_t i = 0; i < x->nrel; i++) {
        const crel *r = &x->rel[i];
        if (r->a >= 0) in_rel[r->a] = 1;
        if (r->b >= 0) in_rel[r->b] = 1;
        if (r->c >= 0) in_rel[r->c] = 1;
    }
    for (size_t i = 0; i < n; i++) {
        ord[i] = (int32_t)i;
        score[i] = cand_score(x, &x->c[i], in_rel[i]);
    }
    span_key *keys = x_tmp(x, n * sizeof *keys);
    if (!keys)
        return;
    for (size_t i = 0; i < n; i++) {
        keys[i].s = x->c[i].s;
        keys[i].e = x->c[i].e;
        keys[i].k = (int32_t)i;
    }
    qsort(keys, n, sizeof *keys, by_start);
    for (size_t i = 0; i < n; i++)
        ord[i] = keys[i].k;
    const unsigned named = (1u << NG_PERSON) | (1u << NG_ORG) | (1u << NG_PLACE);
    for (size_t i = 0; i < n; i++) {
        cand *a = &x->c[ord[i]];
        if ((a->flags & CF_DROPPED) || !((1u << a->type) & named))
            continue;
        for (size_t j = i + 1; j < n; j++) {
            cand *b = &x->c[ord[j]];
            if (b->s >= a->e)
                break;
            if ((b->flags & CF_DROPPED) || !((1u << b->type) & named))
                continue;
            int cross = b->s > a->s && b->e > a->e;
            /* a name found by its suffix inside or across a person's name
             * is part of that name (陈镇 in a person 陈镇某) */
            if ((a->type == NG_PERSON) != (b->type == NG_PERSON)) {
                cand *pl = a->type == NG_PERSON ? b : a;
                int32_t pk = a->type == NG_PERSON ? ord[j] : ord[i];
                if (pl->src == SRC_RULE && !in_rel[pk] && !(pl->flags & CF_GENERIC)) {
                    pl->flags |= CF_DROPPED;
                    if (pl == a)
                        break;
                    continue;
                }
            }
            /* a two-character body from the lexicon at the head of a longer
             * name is part of it (北约 in 北约社区) */
            if (!cross && b->s == a->s && b->e < a->e && b->type == NG_ORG &&
                b->src == SRC_LEXICON && b->e - b->s <= 2 && !in_rel[ord[j]]) {
                b->flags |= CF_DROPPED;
                continue;
            }
            /* a gazetteer short form inside a name is no place: 碧波 in a
             * person's name */
            if (!cross && a->type == NG_PERSON && b->type == NG_PLACE &&
                b->src == SRC_LEXICON && b->entry != LX_NONE &&
                (x->r->lx.entries[b->entry].flags & LF_SHORT) && !in_rel[ord[j]]) {
                b->flags |= CF_DROPPED;
                continue;
            }
            int nested_same = a->type == b->type && b->s == a->s && b->e < a->e &&
                              b->src == SRC_LEXICON;
            /* a weak gazetteer form inside a longer name (山市 in 佛山市,
             * 罗村 in 罗村花园) is part of that name */
            if (!cross && b->e <= a->e && b->type == NG_PLACE && b->src == SRC_LEXICON &&
                (a->type == NG_PLACE || a->type == NG_ORG) && cand_score(x, b, 0) < 200 + 10 * 8 &&
                (b->e - b->s) < (a->e - a->s) && !in_rel[ord[j]] &&
                (b->entry == LX_NONE || (x->r->lx.entries[b->entry].flags & LF_SHORT) ||
                 b->e - b->s == 2)) {
                b->flags |= CF_DROPPED;
                continue;
            }
            /* the same characters as a place and as a body: a gazetteer
             * entry outranks a suffix rule (南联盟, 某美术馆 from a list of
             * places is not also a body by its suffix) */
            if (b->s == a->s && b->e == a->e && a->type != b->type &&
                (a->type == NG_PLACE || a->type == NG_ORG) &&
                (b->type == NG_PLACE || b->type == NG_ORG) && (a->src == SRC_RULE) != (b->src == SRC_RULE) &&
                !((a->flags | b->flags) & CF_GENERIC)) {
                int32_t rk = a->src == SRC_RULE ? ord[i] : ord[j];
                if (!in_rel[rk]) {
                    x->c[rk].flags |= CF_DROPPED;
                    if (rk == ord[i])
                        break;
                    continue;
                }
            }
            if (!cross && !nested_same)
                continue;
            if ((a->flags | b->flags) & CF_GENERIC)
                continue;
            if (nested_same) {
                if (!in_rel[ord[j]])
                    b->flags |= CF_DROPPED;
                continue;
            }
            if (score[ord[i]] >= score[ord[j]]) {
                b->flags |= CF_DROPPED;
            } else {
                a->flags |= CF_DROPPED;
                break;
            }
        }
    }
}
