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

/*
 * A party organ written inside a title (南海区|区委书记, 里水镇|党委副书记)
 * is a body of its own where the document also names that organ alone
 * (区委 决定, 镇党委 要求): then the unit and the organ together, as
 * written (南海区委, 里水镇党委), are an ORG (GUIDELINES.md, "a party organ
 * written only inside a title").  One pass over the lexicon matches
 * finds the organs that stand alone.
 */
void rel_title_organs(xctx *x)
{
    enum { MAXO = 32 };
    uint32_t organ[MAXO];
    unsigned char alone[MAXO] = {0};
    size_t no = 0, nrel = x->nrel;
    for (size_t i = 0; i < nrel && no < MAXO; i++) {
        const crel *r = &x->rel[i];
        if (r->type != NG_HOLDS_POSITION || r->c < 0 || r->b < 0)
            continue;
        const lx_match *om = x_longest_at(x, x->c[r->b].s, LX_ORG_SUFFIX);
        if (!om || x_entry(x, om)->kind != LK_ORGAN || om->e >= x->c[r->b].e)
            continue;
        size_t q = 0;
        while (q < no && organ[q] != om->entry)
            q++;
        if (q == no)
            organ[no++] = om->entry;
    }
    if (!no)
        return;
    for (size_t k = 0; k < x->nm; k++) {
        const lx_match *m = &x->m[k];
        size_t q = 0;
        while (q < no && organ[q] != m->entry)
            q++;
        if (q == no || alone[q])
            continue;
        /* alone: no title starts with it, and no named place ends at or
         * inside it (镇党委, 区委 are alone; 南海区委书记 is not) */
        if (x_longest_at(x, m->s, LX_TITLE))
            continue;
        const lx_match *mm = x_longest_at(x, m->e, LX_TITLE_MODIFIER);
        if (x_has_at(x, m->e, LX_TITLE, 1) || (mm && x_has_at(x, mm->e, LX_TITLE, 1)))
            continue;
        int named = 0;
        for (size_t e = m->s; e < m->e && !named; e++) {
            int32_t pk = x_cand_ending(x, e, 1u << NG_PLACE, -1);
            named = pk >= 0 && !(x->c[pk].flags & CF_GENERIC) && x->c[pk].e - x->c[pk].s >= 2;
        }
        if (!named)
            alone[q] = 1;
    }
    for (size_t i = 0; i < nrel; i++) {
        const crel r = x->rel[i];
        if (r.type != NG_HOLDS_POSITION || r.c < 0 || r.b < 0)
            continue;
        const cand u = x->c[r.c], t = x->c[r.b];
        if (u.type != NG_PLACE || (u.flags & CF_GENERIC) || u.e < t.s || u.e > t.s + 1)
            continue;
        const lx_match *om = x_longest_at(x, t.s, LX_ORG_SUFFIX);
        if (!om || x_entry(x, om)->kind != LK_ORGAN || om->e >= t.e)
            continue;
        size_t q = 0;
        while (q < no && organ[q] != om->entry)
            q++;
        if (q == no || !alone[q])
            continue;
        cand c = {0};
        c.s = u.s;
        c.e = (uint32_t)om->e;
        c.type = NG_ORG;
        c.src = SRC_RULE;
        c.parent = r.c;
        c.entry = om->entry;
        c.pattern = -1;
        c.rule = "org.organ_in_title";
        x_add_cand(x, &c);
    }
}

/*
 * A unit the text leaves out or writes generically (社区 of 社区党委书记,
 * 区委书记 with no district) is resolved by one resolver that asks its
 * evidence in order, strongest first (`evidence` below):
 *   1. the person's own unit: another relation of the same person whose
 *      named unit is of that kind (罗某 is 平东社区党委书记 elsewhere);
 *   2. the nearest named unit of that kind written before the title (a
 *      page may hold several stories, each about its own community);
 *      generic units only;
 *   3. the unit the document writes out most often, if one clearly leads
 *      (平东社区; 南海区 for 区委书记 in a Nanhai story).
 * A resolved relation is marked resolved; a generic unit that nothing
 * resolves is dropped from its relation.
 *
 * "Of that kind" is a non-generic, kept candidate of the same type whose
 * text ends with the generic text (or the organ title's level character)
 * and is longer.  "Most often" compares the distinct such texts by how
 * often non-generic candidates (kept or not) write them; only a strict
 * winner counts, and it stands for its first kept candidate.  The
 * questions are answered from hash tables and sorted lists built once per
 * distinct length asked about, and each person's relations are looked up
 * in a sorted index (at most PERSON_SCAN of them), so the work is n log n
 * in the candidates and relations however many relations ask.
 */
typedef struct {
    uint32_t s, len;     /* the text: x->t.cp[s .. s+len) */
    uint8_t type;
    uint32_t n1, n2;     /* texts: its count; suffixes: the top two counts */
    int32_t k;           /* texts: its first kept candidate; suffixes: the winner */
    size_t lo, hi;       /* suffixes: its candidates in the sorted `ends` */
} tkey;

typedef struct {
    tkey *v;
    size_t n;
    int32_t *slot;
    size_t mask;
} tmap;

static int tmap_init(tmap *m, size_t max)
{
    size_t cap = 16;
    while (cap < 2 * max + 16)
        cap *= 2;
    m->v = malloc((max ? max : 1) * sizeof *m->v);
    m->slot = malloc(cap * sizeof *m->slot);
    m->n = 0;
    m->mask = cap - 1;
    if (!m->v || !m->slot)
        return -1;
    for (size_t i = 0; i < cap; i++)
        m->slot[i] = -1;
    return 0;
}

static void tmap_free(tmap *m)
{
    free(m->v);
    free(m->slot);
    m->v = NULL;
    m->slot = NULL;
}

/* The entry for (type, text at s of len), added (zeroed, k -1) if `add`
 * and missing; NULL if missing and not added.  The caller sized the map. */
static tkey *tmap_get(tmap *m, const xctx *x, uint8_t type, size_t s, size_t len, int add)
{
    const uint32_t *w = x->t.cp + s;
    uint64_t h = NG_FNV_BASIS ^ type;
    for (size_t i = 0; i < len; i++)
        h = ng_fnv_step(h, w[i]);
    h ^= h >> 29;
    size_t i = (size_t)h & m->mask;
    for (; m->slot[i] >= 0; i = (i + 1) & m->mask) {
        tkey *e = &m->v[m->slot[i]];
        if (e->type == type && e->len == len &&
            !memcmp(x->t.cp + e->s, w, len * sizeof *w))
            return e;
    }
    if (!add)
        return NULL;
    tkey *e = &m->v[m->n];
    m->slot[i] = (int32_t)m->n++;
    memset(e, 0, sizeof *e);
    e->s = (uint32_t)s;
    e->len = (uint32_t)len;
    e->type = type;
    e->k = -1;
    return e;
}

/* One relation's question: a suffix text of a type. */
typedef struct {
    size_t rel;
    uint32_t s, len;     /* the generic text, or the organ's character */
    uint8_t type;
    uint8_t generic;     /* a generic unit: nearest first; dropped if unresolved */
} unit_q;

static int q_by_len(const void *a, const void *b)
{
    const unit_q *p = a, *q = b;
    if (p->len != q->len)
        return p->len < q->len ? -1 : 1;
    return p->rel < q->rel ? -1 : p->rel > q->rel;
}

/* A kept candidate under the suffix key `key`, ending at e. */
typedef struct {
    uint32_t key, e;
    int32_t k;
} unit_end;

static int end_cmp(const void *a, const void *b)
{
    const unit_end *p = a, *q = b;
    if (p->key != q->key)
        return p->key < q->key ? -1 : 1;
    if (p->e != q->e)
        return p->e < q->e ? -1 : 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

static int kept_unit(const cand *c)
{
    return !(c->flags & (CF_GENERIC | CF_DROPPED));
}

/* A holds relation by its person's name (each mention of a name is a
 * candidate of its own), for looking up a person's relations. */
typedef struct {
    uint64_t h;          /* hash of the person's text */
    int32_t rel;
} prel;

/* The evidence a unit is resolved from, strongest first. */
typedef enum { EV_PERSON_OWN, EV_NEAREST_BEFORE, EV_MOST_FREQUENT, EV_COUNT } evidence;

enum { PERSON_SCAN = 64 };  /* relations of one person looked at, at most */

static int same_text(const xctx *x, int32_t a, int32_t b)
{
    const cand *p = &x->c[a], *q = &x->c[b];
    return p->e - p->s == q->e - q->s &&
           !memcmp(x->t.cp + p->s, x->t.cp + q->s, (p->e - p->s) * sizeof *x->t.cp);
}

/* Does kept candidate k fit question q: same type, longer, and its text
 * ends with q's text? */
static int unit_fits(const xctx *x, int32_t k, const unit_q *q)
{
    const cand *c = &x->c[k];
    return kept_unit(c) && c->type == q->type && c->e - c->s > q->len &&
           !memcmp(x->t.cp + c->e - q->len, x->t.cp + q->s, q->len * sizeof *x->t.cp);
}

/* 1. Another relation of the same person with a unit of that kind. */
static int32_t ev_person_own(const xctx *x, const unit_q *q, const prel *by_person, size_t nby)
{
    int32_t person = x->rel[q->rel].a;
    const cand *pc = &x->c[person];
    uint64_t h = ng_fnv_cps(x->t.cp + pc->s, pc->e - pc->s);
    size_t lo = 0, hi = nby;
    while (lo < hi) {   /* the first relation of this name */
        size_t mid = lo + (hi - lo) / 2;
        if (by_person[mid].h < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < nby && i < lo + PERSON_SCAN && by_person[i].h == h; i++) {
        const crel *o = &x->rel[by_person[i].rel];
        if ((size_t)by_person[i].rel != q->rel && o->c >= 0 && !o->resolved &&
            !(x->c[o->c].flags & CF_GENERIC) && same_text(x, o->a, person) && unit_fits(x, o->c, q))
            return o->c;
    }
    return -1;
}

/* 2. The nearest unit of that kind ending at or before the generic
 * word's start: the first candidate ending there. */
static int32_t ev_nearest_before(const unit_q *q, const tkey *a, const unit_end *ends)
{
    size_t lo = a->lo, hi = a->hi;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ends[mid].e <= q->s)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == a->lo)
        return -1;
    size_t f = lo - 1;
    while (f > a->lo && ends[f - 1].e == ends[lo - 1].e)
        f--;
    return ends[f].k;
}

/* The unit for question q from the evidence in order, or -1.  `a` is the
 * suffix entry of q's text (NULL when no longer unit ends with it). */
static int32_t resolve_unit(const xctx *x, const unit_q *q, const tkey *a, const unit_end *ends,
                            const prel *by_person, size_t nby)
{
    for (int ev = 0; ev < EV_COUNT; ev++) {
        int32_t k = -1;
        switch ((evidence)ev) {
        case EV_PERSON_OWN:
            k = ev_person_own(x, q, by_person, nby);
            break;
        case EV_NEAREST_BEFORE:
            if (a && q->generic)
                k = ev_nearest_before(q, a, ends);
            break;
        case EV_MOST_FREQUENT:
            /* only when the document makes it clear: one unit clearly first */
            if (a && a->k >= 0 && a->n1 > a->n2)
                k = a->k;
            break;
        case EV_COUNT:
            break;
        }
        if (k >= 0)
            return k;
    }
    return -1;
}

static int prel_cmp(const void *pa, const void *pb)
{
    const prel *a = pa, *b = pb;
    if (a->h != b->h)
        return a->h < b->h ? -1 : 1;
    return a->rel < b->rel ? -1 : a->rel > b->rel;
}


void rel_resolve_units(xctx *x)
{
    unit_q *q = NULL;
    unit_end *ends = NULL;
    prel *by_person = NULL;
    size_t nq = 0, qcap = 0, nby = 0;
    for (size_t i = 0; i < x->nrel; i++) {
        crel *r = &x->rel[i];
        unit_q one;
        if (r->type == NG_HOLDS_POSITION && r->c < 0 && r->b >= 0) {
            /* 区委书记 with no unit written: the level's organ of the
             * document's own district (南海区 in a Nanhai story) */
            const cand *t = &x->c[r->b];
            if (!(t->e - t->s >= 3 && x_longest_at(x, t->s, LX_PLACE_SUFFIX) &&
                  x_longest_at(x, t->s, LX_PLACE_SUFFIX)->e == t->s + 1 &&
                  x_longest_at(x, t->s + 1, LX_ORG_SUFFIX)))
                continue;
            const lx_match *os = x_longest_at(x, t->s + 1, LX_ORG_SUFFIX);
            if (x_entry(x, os)->kind != LK_ORGAN)
                continue;
            one.s = t->s;
            one.len = 1;
            one.type = NG_PLACE;
            one.generic = 0;
        } else if (r->type == NG_HOLDS_POSITION && r->c >= 0 &&
                   (x->c[r->c].flags & CF_GENERIC)) {
            const cand *g = &x->c[r->c];
            one.s = g->s;
            one.len = g->e - g->s;
            one.type = g->type;
            one.generic = 1;
        } else {
            continue;
        }
        if (nq == qcap) {
            size_t nc = qcap ? qcap * 2 : 16;
            unit_q *p = realloc(q, nc * sizeof *p);
            if (!p) {
                free(q);
                x->oom = 1;
                return;
            }
            q = p;
            qcap = nc;
        }
        one.rel = i;
        q[nq++] = one;
    }
    if (!nq)
        return;

    /* each person's relations, for the person's own unit */
    by_person = malloc(x->nrel * sizeof *by_person);
    if (!by_person)
        goto oom_q;
    for (size_t i = 0; i < x->nrel; i++)
        if (x->rel[i].type == NG_HOLDS_POSITION && x->rel[i].a >= 0) {
            const cand *pc = &x->c[x->rel[i].a];
            by_person[nby].h = ng_fnv_cps(x->t.cp + pc->s, pc->e - pc->s);
            by_person[nby].rel = (int32_t)i;
            nby++;
        }
    if (nby > 1)
        qsort(by_person, nby, sizeof *by_person, prel_cmp);

    /* every distinct (type, text) of a non-generic candidate: how often it
     * is written, and its first candidate still kept */
    tmap texts, suf;
    memset(&suf, 0, sizeof suf);
    if (tmap_init(&texts, x->nc))
        goto oom;
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        if (c->flags & CF_GENERIC)
            continue;
        tkey *e = tmap_get(&texts, x, c->type, c->s, c->e - c->s, 1);
        e->n1++;
        if (e->k < 0 && kept_unit(c))
            e->k = (int32_t)k;
    }
    ends = malloc((x->nc ? x->nc : 1) * sizeof *ends);
    if (!ends)
        goto oom;

    /* one length at a time: the longer kept candidates by their suffix of
     * that length, sorted by where they end, and the top two counts of
     * the distinct texts under each suffix */
    if (nq > 1)
        qsort(q, nq, sizeof *q, q_by_len);
    for (size_t i = 0; i < nq;) {
        size_t len = q[i].len, j = i, nends = 0;
        while (j < nq && q[j].len == len)
            j++;
        if (tmap_init(&suf, x->nc))
            goto oom;
        for (size_t k = 0; k < x->nc; k++) {
            const cand *c = &x->c[k];
            if (!kept_unit(c) || c->e - c->s <= len)
                continue;
            tkey *a = tmap_get(&suf, x, c->type, c->e - len, len, 1);
            ends[nends].key = (uint32_t)(a - suf.v);
            ends[nends].e = c->e;
            ends[nends].k = (int32_t)k;
            nends++;
        }
        if (nends > 1)
            qsort(ends, nends, sizeof *ends, end_cmp);
        for (size_t t = 0; t < nends;) {
            size_t u = t;
            while (u < nends && ends[u].key == ends[t].key)
                u++;
            suf.v[ends[t].key].lo = t;
            suf.v[ends[t].key].hi = u;
            t = u;
        }
        for (size_t t = 0; t < texts.n; t++) {
            const tkey *e = &texts.v[t];
            if (e->k < 0 || e->len <= len)
                continue;
            tkey *a = tmap_get(&suf, x, e->type, e->s + e->len - len, len, 0);
            if (!a)
                continue;   /* cannot happen: e->k is such a candidate */
            if (e->n1 > a->n1) {
                a->n2 = a->n1;
                a->n1 = e->n1;
                a->k = e->k;
            } else if (e->n1 > a->n2) {
                a->n2 = e->n1;
            }
        }
        for (; i < j; i++) {
            crel *r = &x->rel[q[i].rel];
            const tkey *a = tmap_get(&suf, x, q[i].type, q[i].s, q[i].len, 0);
            int32_t k = resolve_unit(x, &q[i], a, ends, by_person, nby);
            if (k >= 0) {
                r->c = k;
                r->resolved = 1;
            } else if (q[i].generic) {
                r->c = -1;
            }
        }
        tmap_free(&suf);
    }
    tmap_free(&texts);
    free(ends);
    free(q);
    free(by_person);
    return;
oom:
    tmap_free(&texts);
    tmap_free(&suf);
    free(ends);
oom_q:
    free(q);
    free(by_person);
    x->oom = 1;
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

/* Kept, named org and place spans sorted by start, each `e` raised to the
 * largest end so far: does one start at or before s and end after e? */
typedef struct {
    uint32_t s, e;
} span32;

static int span_by_start(const void *a, const void *b)
{
    const span32 *p = a, *q = b;
    return p->s < q->s ? -1 : p->s > q->s;
}

static int covered(const span32 *v, size_t n, size_t s, size_t e)
{
    size_t lo = 0, hi = n;   /* the first with v[i].s > s */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].s <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && v[lo - 1].e > e;
}

/* Places written nested (桂城平东社区): the nearest parent only. */
void rel_located(xctx *x)
{
    span32 *names = x_tmp(x, (x->nc ? x->nc : 1) * sizeof *names);
    size_t nn = 0;
    if (!names)
        return;
    for (size_t o = 0; o < x->nc; o++) {
        const cand *oc = &x->c[o];
        if ((oc->type == NG_ORG || oc->type == NG_PLACE) &&
            !(oc->flags & (CF_DROPPED | CF_GENERIC))) {
            names[nn].s = oc->s;
            names[nn].e = oc->e;
            nn++;
        }
    }
    if (nn > 1)
        qsort(names, nn, sizeof *names, span_by_start);
    for (size_t i = 1; i < nn; i++)
        if (names[i].e < names[i - 1].e)
            names[i].e = names[i - 1].e;
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
         * where it lies (南海区桂城医院).  The parent ends where c starts,
         * so c itself (starting after the parent) is never counted. */
        if (covered(names, nn, x->c[p].s, c->e))
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
