/*
 * doc.c - turn the surviving candidates into the document the caller
 * reads: one entity per distinct (type, name), mentions mapped back to
 * the original text, relations between entities, and the accessors.
 *
 * This is the only stage that maps working offsets to the original.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract.h"
#include "doc.h"

void *doc_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t nc = *cap ? *cap * 2 : 8;
    while (nc < need)
        nc *= 2;
    void *q = realloc(p, nc * elem);
    if (!q)
        return NULL;
    *cap = nc;
    return q;
}

/* Working span -> UTF-8 name with whitespace dropped (GUIDELINES.md). */
static char *span_text(const xctx *x, size_t s, size_t e, size_t *len)
{
    const char *u8 = x->t.u8;
    size_t bs = x->t.u8_off[s], be = x->t.u8_off[e];
    char *out = malloc(be - bs + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = bs; i < be; i++) {
        char ch = u8[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
            continue;
        out[k++] = ch;
    }
    out[k] = 0;
    *len = k;
    return out;
}

uint64_t doc_hash_text(const char *s, size_t n, int type)
{
    uint64_t h = NG_FNV_BASIS ^ (uint64_t)type;
    for (size_t i = 0; i < n; i++)
        h = ng_fnv_step(h, (unsigned char)s[i]);
    return h;
}

/*
 * Rule strings are interned in the document's pool through a hash set of
 * pool indices that lives only while the document is built, so a
 * document that cites many distinct lexicon lines costs no scan of the
 * pool per mention.
 */

static uint64_t hash_cstr(const char *s)
{
    uint64_t h = NG_FNV_BASIS;
    for (; *s; s++)
        h = ng_fnv_step(h, (unsigned char)*s);
    return h ^ (h >> 29);
}

static int pool_set_grow(pool_set *ps, const ng_doc *d)
{
    size_t cap = ps->cap ? ps->cap * 2 : 64;
    int32_t *slot = malloc(cap * sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; i < cap; i++)
        slot[i] = -1;
    for (size_t k = 0; k < d->npool; k++) {
        size_t i = (size_t)hash_cstr(d->pool[k]) & (cap - 1);
        while (slot[i] >= 0)
            i = (i + 1) & (cap - 1);
        slot[i] = (int32_t)k;
    }
    free(ps->slot);
    ps->slot = slot;
    ps->cap = cap;
    return 0;
}

/* Intern a rule string in the document's pool. */
const char *doc_intern(ng_doc *d, pool_set *ps, const char *s)
{
    if ((d->npool + 1) * 2 > ps->cap && pool_set_grow(ps, d))
        return NULL;
    size_t i = (size_t)hash_cstr(s) & (ps->cap - 1);
    for (; ps->slot[i] >= 0; i = (i + 1) & (ps->cap - 1))
        if (!strcmp(d->pool[ps->slot[i]], s))
            return d->pool[ps->slot[i]];
    char **p = doc_grow(d->pool, &d->poolcap, d->npool + 1, sizeof *p);
    if (!p)
        return NULL;
    d->pool = p;
    char *c = strdup(s);
    if (!c)
        return NULL;
    ps->slot[i] = (int32_t)d->npool;
    d->pool[d->npool++] = c;
    return c;
}

static const char *rule_of(const xctx *x, ng_doc *d, pool_set *ps, const char *rule,
                           uint32_t entry, int32_t pattern)
{
    char buf[1024];
    const ng_rules *r = x->r;
    const char *name = rule ? rule : entry != LX_NONE ? "lexicon" : "unknown", *file = NULL;
    uint32_t line = 0;
    if (pattern >= 0) {
        const ng_pattern *p = &r->patterns[pattern];
        name = p->name;
        file = r->files[p->file];
        line = p->line;
    } else if (entry != LX_NONE) {
        const lx_entry *e = &r->lx.entries[entry];
        file = r->files[e->file];
        line = e->line;
    }
    /* "name[file:line]", built by hand: snprintf once per mention showed
     * in profiles; cut to the buffer as snprintf did */
    size_t k = 0;
#define PUT(ch) do { if (k < sizeof buf - 1) buf[k++] = (ch); } while (0)
    for (const char *c = name; *c; c++)
        PUT(*c);
    if (file) {
        char t[16];
        PUT('[');
        for (const char *c = file; *c; c++)
            PUT(*c);
        PUT(':');
        for (char *n = ng_utoa_end(t + sizeof t, line); n < t + sizeof t; n++)
            PUT(*n);
        PUT(']');
    }
#undef PUT
    buf[k] = '\0';
    return doc_intern(d, ps, buf);
}

/* Hash slot of a relation's key without its org (doc_build's dedup). */
static size_t rel_key_slot(const ng_relation *o, size_t mask)
{
    /* FNV-like, but over 64-bit keys (-1 included): not ng_fnv_step(),
     * which takes 32-bit code points */
    uint64_t h = NG_FNV_BASIS ^ (uint64_t)o->type;
    const long k[4] = {o->person, o->position, o->child, o->parent};
    for (int i = 0; i < 4; i++) {
        h ^= (uint64_t)k[i];
        h *= 1099511628211ull;
        h ^= h >> 31;
    }
    return (size_t)h & mask;
}

/*
 * Add relation o unless the document has it: one per (type, person,
 * position, child, parent) and org, where a role with its unit named
 * replaces the same role without one, and one without a unit adds nothing
 * to one with.  Earlier relations are found through rs, a hash set of
 * indices into d->rels that grows with them.  -1 when out of memory.
 */
int doc_add_relation(ng_doc *d, rel_set *rs, const ng_relation *o)
{
    if ((d->nrels + 1) * 2 > rs->mask) {
        size_t mask = rs->mask ? rs->mask * 2 + 1 : 31;
        int32_t *slot = malloc((mask + 1) * sizeof *slot);
        if (!slot)
            return -1;
        for (size_t i = 0; i <= mask; i++)
            slot[i] = -1;
        for (size_t k = 0; k < d->nrels; k++) {
            size_t i = rel_key_slot(&d->rels[k], mask);
            while (slot[i] >= 0)
                i = (i + 1) & mask;
            slot[i] = (int32_t)k;
        }
        free(rs->slot);
        rs->slot = slot;
        rs->mask = mask;
    }
    size_t slot = rel_key_slot(o, rs->mask);
    for (; rs->slot[slot] >= 0; slot = (slot + 1) & rs->mask) {
        ng_relation *p = &d->rels[rs->slot[slot]];
        if (p->type != o->type || p->person != o->person || p->position != o->position ||
            p->child != o->child || p->parent != o->parent)
            continue;
        if (p->org == o->org || (o->org < 0 && p->org >= 0))
            return 0;
        if (p->org < 0 && o->org >= 0 && o->type == NG_HOLDS_POSITION) {
            *p = *o; /* the same role with its unit named: keep that */
            return 0;
        }
    }
    ng_relation *nr = doc_grow(d->rels, &rs->cap, d->nrels + 1, sizeof *nr);
    if (!nr)
        return -1;
    d->rels = nr;
    rs->slot[slot] = (int32_t)d->nrels;
    d->rels[d->nrels++] = *o;
    return 0;
}

static int ment_cmp(const void *a, const void *b)
{
    const ng_mention *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

typedef struct {
    size_t first;
    size_t idx;
} ent_order;

static int ord_cmp(const void *a, const void *b)
{
    const ent_order *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void map_span(const xctx *x, size_t s, size_t e, size_t *cs, size_t *ce,
                     size_t *bs, size_t *be)
{
    if (e <= s || e > x->t.n) {
        *cs = *ce = *bs = *be = 0;
        return;
    }
    *cs = x->t.src_cp[s];
    *ce = x->t.src_cp_end[e - 1];
    *bs = x->t.src_byte[s];
    *be = x->t.src_byte_end[e - 1];
}

static int add_alias(doc_entity *e, const char *text)
{
    for (size_t k = 0; k < e->naliases; k++)
        if (!strcmp(e->aliases[k], text))
            return 0;
    char **p = realloc(e->aliases, (e->naliases + 1) * sizeof *p);
    if (!p)
        return -1;
    e->aliases = p;
    e->aliases[e->naliases] = strdup(text);
    if (!e->aliases[e->naliases])
        return -1;
    e->naliases++;
    return 0;
}

/* A pair of place entities: `shorter` plus an administrative suffix is
 * `longer`. */
typedef struct {
    size_t shorter, longer;
} alias_pair;

static int alias_cmp(const void *a, const void *b)
{
    const alias_pair *p = a, *q = b;
    if (p->shorter != q->shorter)
        return p->shorter < q->shorter ? -1 : 1;
    return p->longer < q->longer ? -1 : p->longer > q->longer;
}

/*
 * Short and long forms of one place (南海 / 南海区) become aliases of each
 * other.  The long form is the short one and an administrative suffix, so
 * each long form is cut before each of its last 255 characters (no
 * suffix is longer) and the head looked up in a hash set of the place
 * names, its hash carried along the text: linear in the length of the
 * entities' texts, where comparing every pair was quadratic.  The aliases are added in the order a scan of every pair
 * (shorter form outer, longer form inner) adds them.  -1 when out of
 * memory.
 */
static int place_aliases(const xctx *x, ng_doc *d)
{
    size_t cap = 16;
    while (cap < d->nents * 2 + 16)
        cap *= 2;
    int32_t *set = malloc(cap * sizeof *set);
    alias_pair *pairs = NULL;
    size_t npairs = 0, pcap = 0;
    int rc = -1;
    if (!set)
        return -1;
    for (size_t i = 0; i < cap; i++)
        set[i] = -1;
    for (size_t i = 0; i < d->nents; i++) {
        const doc_entity *e = &d->ents[i];
        if (e->type != NG_PLACE)
            continue;
        size_t slot = (size_t)doc_hash_text(e->text, e->textlen, NG_PLACE) & (cap - 1);
        while (set[slot] >= 0)
            slot = (slot + 1) & (cap - 1);
        set[slot] = (int32_t)i;
    }
    for (size_t j = 0; j < d->nents; j++) {
        const doc_entity *b = &d->ents[j];
        if (b->type != NG_PLACE)
            continue;
        /* the cuts: before each of its last 255 characters, not at 0 */
        size_t lo = b->textlen, nchars = 0;
        while (lo > 0 && nchars < 255) {
            lo--;
            while (lo > 0 && ((unsigned char)b->text[lo] & 0xc0) == 0x80)
                lo--;
            nchars++;
        }
        /* doc_hash_text() of each head, carried along the text */
        uint64_t h = NG_FNV_BASIS ^ (uint64_t)NG_PLACE;
        for (size_t cut = 0; cut < b->textlen; cut++) {
            uint64_t head = h;   /* of text[0 .. cut) */
            h = ng_fnv_step(h, (unsigned char)b->text[cut]);
            if (cut < lo || cut == 0 || ((unsigned char)b->text[cut] & 0xc0) == 0x80)
                continue;
            size_t slot = (size_t)head & (cap - 1);
            int32_t a = -1;
            for (; set[slot] >= 0; slot = (slot + 1) & (cap - 1)) {
                const doc_entity *e = &d->ents[set[slot]];
                if (e->textlen == cut && !memcmp(e->text, b->text, cut)) {
                    a = set[slot];
                    break;
                }
            }
            if (a < 0)
                continue;
            uint32_t *rest;
            size_t nrest;
            if (ng_utf8_decode(b->text + cut, b->textlen - cut, &rest, &nrest))
                continue;
            /* an administrative suffix only: 罗湖花园 is an estate, not 罗湖 */
            const lx_entry *sf = lx_lookup(&x->r->lx, rest, nrest, LX_PLACE_SUFFIX);
            int is_suffix = sf && sf->kind >= LK_PROVINCE && sf->kind <= LK_GROUP;
            free(rest);
            if (!is_suffix)
                continue;
            alias_pair *np = doc_grow(pairs, &pcap, npairs + 1, sizeof *np);
            if (!np)
                goto out;
            pairs = np;
            pairs[npairs].shorter = (size_t)a;
            pairs[npairs].longer = j;
            npairs++;
        }
    }
    if (npairs)
        if (npairs > 1)
            qsort(pairs, npairs, sizeof *pairs, alias_cmp);
    for (size_t k = 0; k < npairs; k++) {
        doc_entity *a = &d->ents[pairs[k].shorter], *b = &d->ents[pairs[k].longer];
        if (add_alias(a, b->text) || add_alias(b, a->text))
            goto out;
    }
    rc = 0;
out:
    free(set);
    free(pairs);
    return rc;
}

/* Give each entity its name as the document writes it (traditional
 * characters), keeping the simplified form it was matched by as an alias. */
static int written_texts(const xctx *x, ng_doc *d)
{
    for (size_t i = 0; i < d->nents; i++) {
        doc_entity *e = &d->ents[i];
        size_t bytes = 0;
        for (size_t k = e->ws; k < e->we; k++)
            bytes += 4;
        char *w = malloc(bytes + 1);
        if (!w)
            return -1;
        size_t n = 0;
        for (size_t k = e->ws; k < e->we; k++) {
            uint32_t c = x->written[k];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                continue;
            n += ng_utf8_put(w + n, c);
        }
        w[n] = 0;
        if (n == e->textlen && !memcmp(w, e->text, n)) {
            free(w);
            continue;
        }
        if (add_alias(e, e->text)) {
            free(w);
            return -1;
        }
        free(e->text);
        e->text = w;
        e->textlen = n;
    }
    return 0;
}

ng_script ng_doc_script(const ng_doc *d)
{
    return d ? d->script : NG_SCRIPT_SIMPLIFIED;
}

ng_doc *doc_build(xctx *x, const char *doc_id, ng_error *err)
{
    /* c2e, ht, ord and remap are scratch (x_tmp): freed with x */
    ng_doc *d = calloc(1, sizeof *d);
    int32_t *c2e = x_tmp(x, (x->nc ? x->nc : 1) * sizeof *c2e);
    size_t hcap = 16;
    while (hcap < x->nc * 2 + 16)
        hcap *= 2;
    int32_t *ht = x_tmp(x, hcap * sizeof *ht);
    rel_set rs = {NULL, 0, 0};
    pool_set ps = {NULL, 0};
    if (!d || !c2e || !ht)
        goto oom;
    for (size_t i = 0; i < hcap; i++)
        ht[i] = -1;
    d->id = strdup(doc_id ? doc_id : "");
    if (!d->id)
        goto oom;
    d->nsent = x->nsent;
    d->ncps = x->t.orig_cps;
    size_t ecap = 0;
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        c2e[k] = -1;
        if (c->flags & (CF_DROPPED | CF_GENERIC))
            continue;
        size_t tl;
        char *text = span_text(x, c->s, c->e, &tl);
        if (!text)
            goto oom;
        if (!tl) {
            free(text);
            continue;
        }
        uint64_t h = doc_hash_text(text, tl, c->type);
        size_t slot = (size_t)(h & (hcap - 1));
        int32_t ei = -1;
        while (ht[slot] >= 0) {
            doc_entity *e = &d->ents[ht[slot]];
            if ((int)e->type == c->type && e->textlen == tl && !memcmp(e->text, text, tl)) {
                ei = ht[slot];
                break;
            }
            slot = (slot + 1) & (hcap - 1);
        }
        if (ei < 0) {
            doc_entity *ne = doc_grow(d->ents, &ecap, d->nents + 1, sizeof *ne);
            if (!ne) {
                free(text);
                goto oom;
            }
            d->ents = ne;
            ei = (int32_t)d->nents++;
            memset(&d->ents[ei], 0, sizeof d->ents[ei]);
            d->ents[ei].type = (ng_entity_type)c->type;
            d->ents[ei].text = text;
            d->ents[ei].textlen = tl;
            d->ents[ei].ws = c->s;
            d->ents[ei].we = c->e;
            ht[slot] = ei;
        } else {
            free(text);
        }
        c2e[k] = ei;
        doc_entity *e = &d->ents[ei];
        ng_mention *nm = doc_grow(e->m, &e->mcap, e->nm + 1, sizeof *nm);
        if (!nm)
            goto oom;
        e->m = nm;
        ng_mention *m = &e->m[e->nm++];
        map_span(x, c->s, c->e, &m->start, &m->end, &m->byte_start, &m->byte_end);
        m->sentence = ng_sentence_of(x->sent, x->nsent, c->s);
        m->rule = rule_of(x, d, &ps, c->rule, c->entry, c->pattern);
        if (!m->rule)
            goto oom;
    }
    /* mentions in text order, one per span (several rules may find one) */
    for (size_t i = 0; i < d->nents; i++) {
        doc_entity *e = &d->ents[i];
        if (e->nm > 1)
            qsort(e->m, e->nm, sizeof *e->m, ment_cmp);
        size_t k = 0;
        for (size_t j = 0; j < e->nm; j++)
            if (!k || e->m[j].start != e->m[k - 1].start || e->m[j].end != e->m[k - 1].end)
                e->m[k++] = e->m[j];
        e->nm = k;
    }
    /* entities in order of first mention */
    ent_order *ord = x_tmp(x, (d->nents ? d->nents : 1) * sizeof *ord);
    int32_t *remap = x_tmp(x, (d->nents ? d->nents : 1) * sizeof *remap);
    doc_entity *sorted = malloc((d->nents ? d->nents : 1) * sizeof *sorted);
    if (!ord || !remap || !sorted) {
        free(sorted);
        goto oom;
    }
    for (size_t i = 0; i < d->nents; i++) {
        ord[i].first = d->ents[i].m[0].start;
        ord[i].idx = i;
    }
    if (d->nents > 1)
        qsort(ord, d->nents, sizeof *ord, ord_cmp);
    for (size_t i = 0; i < d->nents; i++) {
        sorted[i] = d->ents[ord[i].idx];
        remap[ord[i].idx] = (int32_t)i;
    }
    free(d->ents);
    d->ents = sorted;
    for (size_t k = 0; k < x->nc; k++)
        if (c2e[k] >= 0)
            c2e[k] = remap[c2e[k]];

    /* short and long forms of one place are aliases of each other (南海 /
     * 南海区, 桂城 / 桂城街道): the long form is the short one and a suffix */
    if (place_aliases(x, d))
        goto oom;
    /* traditional text: names as written, the simplified form an alias */
    d->script = x->written ? NG_SCRIPT_TRADITIONAL : NG_SCRIPT_SIMPLIFIED;
    if (x->written && written_texts(x, d))
        goto oom;

    /* relations between surviving entities, one per distinct triple */
    for (size_t i = 0; i < x->nrel; i++) {
        const crel *r = &x->rel[i];
        long a = r->a >= 0 ? c2e[r->a] : -1;
        long b = r->b >= 0 ? c2e[r->b] : -1;
        long c = r->c >= 0 ? c2e[r->c] : -1;
        if (a < 0 || b < 0 || a == b)
            continue;
        ng_relation o;
        memset(&o, 0, sizeof o);
        o.type = (ng_relation_type)r->type;
        o.person = o.org = o.position = o.child = o.parent = -1;
        if (r->type == NG_HOLDS_POSITION) {
            o.person = a;
            o.position = b;
            o.org = c;
        } else {
            o.child = a;
            o.parent = b;
        }
        o.former = r->former;
        o.resolved = r->resolved;
        map_span(x, r->ev_s, r->ev_e, &o.ev_start, &o.ev_end, &o.ev_byte_start, &o.ev_byte_end);
        o.rule = rule_of(x, d, &ps, r->rule, LX_NONE, r->pattern);
        if (!o.rule)
            goto oom;
        if (doc_add_relation(d, &rs, &o))
            goto oom;
    }
    /* warnings move over */
    d->warn = x->warnings.items;
    d->nwarn = x->warnings.count;
    x->warnings.items = NULL;
    x->warnings.count = x->warnings.cap = 0;
    free(rs.slot);
    free(ps.slot);
    return d;
oom:
    free(rs.slot);
    free(ps.slot);
    ng_doc_free(d);
    ng_set_error(err, NG_ERR_NOMEM, NULL, 0, "out of memory");
    return NULL;
}

void ng_doc_free(ng_doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nents; i++) {
        free(d->ents[i].text);
        for (size_t k = 0; k < d->ents[i].naliases; k++)
            free(d->ents[i].aliases[k]);
        free(d->ents[i].aliases);
        free(d->ents[i].m);
    }
    free(d->ents);
    free(d->rels);
    for (size_t i = 0; i < d->nwarn; i++)
        free(d->warn[i]);
    free(d->warn);
    for (size_t i = 0; i < d->npool; i++)
        free(d->pool[i]);
    free(d->pool);
    free(d->id);
    free(d);
}

/* ---- accessors ----------------------------------------------------------- */

const char *ng_doc_id(const ng_doc *d) { return d && d->id ? d->id : ""; }
size_t ng_doc_entity_count(const ng_doc *d) { return d ? d->nents : 0; }
size_t ng_doc_relation_count(const ng_doc *d) { return d ? d->nrels : 0; }
size_t ng_doc_warning_count(const ng_doc *d) { return d ? d->nwarn : 0; }
size_t ng_doc_sentence_count(const ng_doc *d) { return d ? d->nsent : 0; }

ng_entity_type ng_doc_entity_type(const ng_doc *d, size_t i)
{
    return d && i < d->nents ? d->ents[i].type : NG_PERSON;
}

const char *ng_doc_entity_text(const ng_doc *d, size_t i, size_t *len)
{
    if (!d || i >= d->nents) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = d->ents[i].textlen;
    return d->ents[i].text;
}

size_t ng_doc_entity_alias_count(const ng_doc *d, size_t i)
{
    return d && i < d->nents ? d->ents[i].naliases : 0;
}

const char *ng_doc_entity_alias(const ng_doc *d, size_t i, size_t k)
{
    if (!d || i >= d->nents || k >= d->ents[i].naliases)
        return NULL;
    return d->ents[i].aliases[k];
}

size_t ng_doc_entity_mention_count(const ng_doc *d, size_t i)
{
    return d && i < d->nents ? d->ents[i].nm : 0;
}

ng_status ng_doc_entity_mention(const ng_doc *d, size_t i, size_t k, ng_mention *out)
{
    if (!d || !out || i >= d->nents || k >= d->ents[i].nm)
        return NG_ERR_ARG;
    *out = d->ents[i].m[k];
    return NG_OK;
}

ng_status ng_doc_relation(const ng_doc *d, size_t i, ng_relation *out)
{
    if (!d || !out || i >= d->nrels)
        return NG_ERR_ARG;
    *out = d->rels[i];
    return NG_OK;
}

const char *ng_doc_warning(const ng_doc *d, size_t i)
{
    return d && i < d->nwarn ? d->warn[i] : NULL;
}

const char *ng_entity_type_name(ng_entity_type t)
{
    switch (t) {
    case NG_PERSON: return "PERSON";
    case NG_POSITION: return "POSITION";
    case NG_ORG: return "ORG";
    case NG_PLACE: return "PLACE";
    }
    return "UNKNOWN";
}

const char *ng_relation_type_name(ng_relation_type t)
{
    switch (t) {
    case NG_HOLDS_POSITION: return "holds_position";
    case NG_LOCATED_IN: return "located_in";
    }
    return "unknown";
}

const char *ng_version(void) { return NG_VERSION_STRING; }

void ng_free(void *p) { free(p); }

const char *ng_strerror(ng_status code)
{
    switch (code) {
    case NG_OK: return "no error";
    case NG_ERR_NOMEM: return "out of memory";
    case NG_ERR_IO: return "cannot read a file or directory";
    case NG_ERR_RULES: return "malformed rules file";
    case NG_ERR_PATTERN: return "pattern does not compile";
    case NG_ERR_ARG: return "invalid argument";
    case NG_ERR_INPUT: return "input not accepted";
    case NG_ERR_JSON: return "invalid JSON";
    }
    return "unknown error";
}
