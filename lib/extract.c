/*
 * extract.c - the pipeline driver and the lexicon scan.
 *
 * normalize -> sentences -> lexicon scan -> entity rules -> patterns ->
 * relations -> selection -> document.  Each stage is a file of its own;
 * this one owns the per-document context and the indexes over lexicon
 * matches and candidates that the stages query.
 */
#include <stdlib.h>
#include <string.h>
#include "extract.h"

/*
 * A workspace keeps, between documents, the scratch arena (x_tmp) and the
 * arrays that grow with a document (matches, candidates), each up to
 * WS_KEEP_MAX bytes: a longer document allocates what it needs beyond
 * that and gives it back, so a workspace never holds more than a few MB.
 */
#define WS_KEEP_MAX ((size_t)1 << 20)
/* Sanitizer builds give each scratch array a block of its own, so
   AddressSanitizer still sees where one ends. */
#if defined(__SANITIZE_ADDRESS__)
#define WS_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WS_ARENA 0
#endif
#endif
#ifndef WS_ARENA
#define WS_ARENA 1
#endif

struct ng_workspace {
    unsigned char *arena;
    size_t arena_cap;
    lx_match *m;
    uint8_t *mcls;
    size_t mcap;
    cand *c;
    size_t ccap;
    ng_text t;             /* only its buffers (cp, u8, u8_off) and caps */
};

ng_workspace *ng_workspace_new(void)
{
    return calloc(1, sizeof(ng_workspace));
}

void ng_workspace_free(ng_workspace *ws)
{
    if (!ws)
        return;
    free(ws->arena);
    free(ws->m);
    free(ws->mcls);
    free(ws->c);
    ng_text_free(&ws->t);
    free(ws);
}

/* A scratch block of its own, when the arena is full: a header keeps the
   list (and the 16-byte alignment) ahead of the caller's bytes. */
typedef union tmp_block {
    union tmp_block *next;
    max_align_t align;
} tmp_block;

void *x_tmp(xctx *x, size_t size)
{
    if (size > SIZE_MAX - 64) {
        x->oom = 1;
        return NULL;
    }
    size = (size + 15) & ~(size_t)15;
    x->tmp_want += size;
    if (size <= x->tmp_cap - x->tmp_used) {
        void *p = x->tmp + x->tmp_used;
        x->tmp_used += size;
        return p;
    }
    tmp_block *b = malloc(sizeof *b + size);
    if (!b) {
        x->oom = 1;
        return NULL;
    }
    b->next = x->tmp_over;
    x->tmp_over = b;
    return b + 1;
}

void *x_tmpz(xctx *x, size_t size)
{
    void *p = x_tmp(x, size);
    if (p)
        memset(p, 0, size);
    return p;
}

/* Take the workspace's memory for a document (x zeroed, x->ws set). */
static void ws_lend(xctx *x)
{
    ng_workspace *ws = x->ws;
    if (!ws)
        return;
    x->tmp = ws->arena;
    x->tmp_cap = ws->arena_cap;
    x->m = ws->m;
    x->mcls = ws->mcls;
    x->mcap = ws->mcap;
    x->c = ws->c;
    x->ccap = ws->ccap;
    x->t = ws->t;   /* buffers for ng_normalize_at(); the rest is zero */
    memset(&ws->t, 0, sizeof ws->t);
    ws->arena = NULL;
    ws->m = NULL;
    ws->mcls = NULL;
    ws->c = NULL;
    ws->arena_cap = ws->mcap = ws->ccap = 0;
}

/* The document is done: free its own scratch blocks, and give the
   workspace back what it keeps (the arena sized for this document, if it
   outgrew it).  Without a workspace, free everything. */
static void ws_return(xctx *x)
{
    ng_workspace *ws = x->ws;
    while (x->tmp_over) {
        tmp_block *b = x->tmp_over;
        x->tmp_over = b->next;
        free(b);
    }
    if (ws && WS_ARENA && x->tmp_want > x->tmp_cap && x->tmp_want <= WS_KEEP_MAX) {
        size_t cap = x->tmp_cap ? x->tmp_cap : 16384;
        while (cap < x->tmp_want)
            cap *= 2;
        unsigned char *a = malloc(cap);
        if (a) {
            free(x->tmp);
            x->tmp = a;
            x->tmp_cap = cap;
        }
    }
    if (ws && x->mcap * sizeof *x->m <= WS_KEEP_MAX) {
        ws->m = x->m;
        ws->mcls = x->mcls;
        ws->mcap = x->mcap;
        x->m = NULL;
        x->mcls = NULL;
    }
    if (ws && x->ccap * sizeof *x->c <= WS_KEEP_MAX) {
        ws->c = x->c;
        ws->ccap = x->ccap;
        x->c = NULL;
    }
    /* the text's buffers, each kept if small enough (else freed with x->t) */
    if (ws && x->t.cp && x->t.cap * 5 * sizeof *x->t.cp <= WS_KEEP_MAX) {
        ws->t.cp = x->t.cp;
        ws->t.cap = x->t.cap;
        x->t.cp = NULL;
    }
    if (ws && x->t.u8 && x->t.u8cap <= WS_KEEP_MAX) {
        ws->t.u8 = x->t.u8;
        ws->t.u8cap = x->t.u8cap;
        x->t.u8 = NULL;
    }
    if (ws && x->t.u8_off && x->t.offcap * sizeof *x->t.u8_off <= WS_KEEP_MAX) {
        ws->t.u8_off = x->t.u8_off;
        ws->t.offcap = x->t.offcap;
        x->t.u8_off = NULL;
    }
    if (ws) {
        ws->arena = x->tmp;
        ws->arena_cap = x->tmp_cap;
        x->tmp = NULL;
    }
    free(x->tmp);
    free(x->m);
    free(x->mcls);
    free(x->c);
}

/* Room for `need` matches in x->m and x->mcls (one capacity, mcap). */
static int grow_matches(xctx *x, size_t need)
{
    size_t nc = x->mcap ? x->mcap : 1024;
    while (nc < need)
        nc *= 2;
    lx_match *p = realloc(x->m, nc * sizeof *p);
    if (!p)
        return -1;
    x->m = p;
    uint8_t *c = realloc(x->mcls, nc);
    if (!c)
        return -1;
    x->mcls = c;
    x->mcap = nc;
    return 0;
}

/* Every lexicon entry at every position: one trie walk per position.
   Matches come sorted by start, then by end, then in the order of the
   entry chain of their string.  The walk also fills the class bytes,
   both class masks and the count of matches by end. */
static int scan(xctx *x)
{
    ng_lexicon_ready(x->r);   /* lx->big, built at the first extraction */
    const lexicon *lx = &x->r->lx;
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (n >= UINT32_MAX / 4 || n > (SIZE_MAX / sizeof(uint32_t) - 8) / 5)
        return -1;
    /* by_start, smask (n+1 each), emask (n+2), by_end (n+3: matches ending
       at e are counted at e+2, see below), cend (n+1) */
    x->pos_block = x_tmp(x, (5 * n + 8) * sizeof *x->pos_block);
    if (!x->pos_block)
        return -1;
    x->by_start = x->pos_block;
    x->smask = x->by_start + n + 1;
    x->emask = x->smask + n + 1;
    x->by_end = x->emask + n + 2;
    x->cend = (int32_t *)(x->by_end + n + 3);
    memset(x->emask, 0, (2 * n + 5) * sizeof *x->emask);   /* emask, by_end */
    uint32_t *smask = x->smask, *emask = x->emask, *cnt = x->by_end + 2;
    /* about 1.6 matches per position in news text */
    if (x->mcap < 2 * n + 16 && grow_matches(x, 2 * n + 16))
        return -1;
    size_t nm = 0;
    uint32_t next = n ? lx_step(lx, 0, w[0]) : LX_NONE;
    for (size_t i = 0; i < n; i++) {
        x->by_start[i] = (uint32_t)nm;
        uint32_t mask = 0;
        uint32_t node = next;
        /* the next position's first node, fetched while this one walks */
        next = i + 1 < n ? lx_step(lx, 0, w[i + 1]) : LX_NONE;
#if defined(__GNUC__)
        if (next != LX_NONE) {
            __builtin_prefetch(lx->trie + next);
            /* and where its child by the character after would be hashed,
               should it be a big node (the step most walks take next) */
            if (lx->big && i + 2 < n)
                __builtin_prefetch(lx->big + lx_big_slot(lx, next, w[i + 2]));
        }
#endif
        for (size_t j = i + 1; node != LX_NONE; j++) {
            size_t np;
            const uint32_t *p = lx_pays(lx, node, &np);
            if (np) {
                if (nm + np > x->mcap && grow_matches(x, nm + np))
                    return -1;
                uint32_t emj = 0;
                for (size_t k = 0; k < np; k++) {
                    uint32_t c = LX_PAY_CLS(p[k]);
                    x->m[nm].s = (uint32_t)i;
                    x->m[nm].e = (uint32_t)j;
                    x->m[nm].entry = LX_PAY_ENTRY(p[k]);
                    x->mcls[nm] = (uint8_t)c;
                    nm++;
                    emj |= 1u << c;
                }
                mask |= emj;
                emask[j] |= emj;
                cnt[j] += (uint32_t)np;
            }
            if (j == n || !lx_has_kids(lx, node))
                break;
            node = lx_step(lx, node, w[j]);
        }
        smask[i] = mask;
    }
    x->by_start[n] = (uint32_t)nm;
    smask[n] = 0;
    x->nm = nm;
    if (nm >= UINT32_MAX)
        return -1;
    /* index by end: a counting sort.  With the count of end e at
       by_end[e+2], the prefix sums put e's first slot at by_end[e+1];
       placing each match there moves it on to e's end, which is where
       e+1 starts: by_end[e] is then the first match ending at e. */
    x->end_idx = x_tmp(x, (nm ? nm : 1) * sizeof *x->end_idx);
    if (!x->end_idx)
        return -1;
    for (size_t e = 1; e <= n + 2; e++)
        x->by_end[e] += x->by_end[e - 1];
    for (size_t k = 0; k < nm; k++)
        x->end_idx[x->by_end[x->m[k].e + 1]++] = (uint32_t)k;
    return 0;
}

uint8_t *x_cover_map(xctx *x, int (*skip)(const xctx *, const cand *))
{
    size_t n = x->t.n;
    uint8_t *cov = x_tmpz(x, n + 1);
    if (!cov)
        return NULL;
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        if ((c->flags & (CF_DROPPED | CF_GENERIC)) || (skip && skip(x, c)))
            continue;
        for (size_t i = c->s; i < c->e && i < n; i++)
            cov[i] = 1;
    }
    return cov;
}

int x_covered(const xctx *x, size_t i)
{
    size_t last = i + x->cmaxlen < x->t.n ? i + x->cmaxlen : x->t.n;
    for (size_t e = i + 1; e <= last; e++)
        for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end) {
            const cand *c = &x->c[k];
            if (c->s <= i && !(c->flags & (CF_DROPPED | CF_GENERIC)))
                return 1;
        }
    return 0;
}

int32_t x_add_cand(xctx *x, const cand *c)
{
    if (c->e <= c->s || c->e > x->t.n)
        return -1;
    if (c->e - c->s > x->cmaxlen)
        x->cmaxlen = c->e - c->s;
    /* the same span and type twice: keep the stronger source */
    for (int32_t k = x->cend[c->e]; k >= 0; k = x->c[k].next_end) {
        cand *o = &x->c[k];
        if (o->s == c->s && o->type == c->type) {
            /* new evidence for a name set aside earlier (a bare short form
             * without support, now listed by a pattern) brings it back */
            if ((o->flags & CF_DROPPED) && !(c->flags & CF_DROPPED)) {
                int32_t ne = o->next_end;
                *o = *c;
                o->next_end = ne;
                return k;
            }
            if (c->src > o->src) {
                int32_t ne = o->next_end;
                *o = *c;
                o->next_end = ne;
            } else if (c->flags & CF_CHAIN && !(o->flags & CF_CHAIN)) {
                o->flags |= CF_CHAIN;
                o->chain_end = c->chain_end;
            }
            if (!(c->flags & CF_GENERIC))
                o->flags &= (uint8_t)~CF_GENERIC;
            return k;
        }
    }
    if (x->nc == x->ccap) {
        size_t nc = x->ccap ? x->ccap * 2 : 256;
        cand *p = realloc(x->c, nc * sizeof *p);
        if (!p) {
            x->oom = 1;
            return -1;
        }
        x->c = p;
        x->ccap = nc;
    }
    int32_t id = (int32_t)x->nc++;
    x->c[id] = *c;
    x->c[id].next_end = x->cend[c->e];
    x->cend[c->e] = id;
    return id;
}

/*
 * Relations are kept once per (type, a, b, c).  The duplicate check is a
 * hash set, so adding n relations is linear, not quadratic: x->relht has
 * 2 * relcap slots (relation indices, -1 empty).  A slot is keyed on
 * (type, a, b) only: rel_resolve_units() rewrites `c` in place later, and
 * the probe compares the current c of every relation with that key.
 */
static size_t rel_slot(const crel *r, size_t mask)
{
    uint64_t h = (uint64_t)r->type * 0x9e3779b97f4a7c15ull;
    h ^= (uint64_t)(uint32_t)r->a + 0x632be59bd9b4e019ull + (h << 6) + (h >> 2);
    h ^= (uint64_t)(uint32_t)r->b + 0x85ebca77c2b2ae63ull + (h << 6) + (h >> 2);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return (size_t)h & mask;
}

int x_add_rel(xctx *x, const crel *r)
{
    if (x->nrel == x->relcap) {
        size_t nc = x->relcap ? x->relcap * 2 : 64;
        if (nc > (size_t)INT32_MAX / 2) {
            x->oom = 1;
            return -1;
        }
        crel *p = realloc(x->rel, nc * sizeof *p);
        if (!p) {
            x->oom = 1;
            return -1;
        }
        x->rel = p;
        int32_t *ht = malloc(2 * nc * sizeof *ht);
        if (!ht) {
            x->oom = 1;
            return -1;
        }
        free(x->relht);
        x->relht = ht;
        x->relcap = nc;
        size_t mask = 2 * nc - 1;
        for (size_t i = 0; i <= mask; i++)
            ht[i] = -1;
        for (size_t i = 0; i < x->nrel; i++) {
            size_t s = rel_slot(&x->rel[i], mask);
            while (ht[s] >= 0)
                s = (s + 1) & mask;
            ht[s] = (int32_t)i;
        }
    }
    int32_t *ht = x->relht;
    size_t mask = 2 * x->relcap - 1;
    size_t s = rel_slot(r, mask);
    for (; ht[s] >= 0; s = (s + 1) & mask) {
        const crel *o = &x->rel[ht[s]];
        if (o->type == r->type && o->a == r->a && o->b == r->b && o->c == r->c)
            return 0;
    }
    ht[s] = (int32_t)x->nrel;
    x->rel[x->nrel++] = *r;
    return 0;
}

int32_t x_cand_ending(const xctx *x, size_t e, unsigned typemask, int32_t exclude)
{
    if (e > x->t.n)
        return -1;
    int32_t best = -1;
    for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end) {
        const cand *c = &x->c[k];
        if (k == exclude || (c->flags & CF_DROPPED) || !((1u << c->type) & typemask))
            continue;
        if (best < 0 || c->s < x->c[best].s ||
            (c->s == x->c[best].s && c->src > x->c[best].src))
            best = k;
    }
    return best;
}

static void xctx_free(xctx *x)
{
    free(x->written);
    ws_return(x);   /* m, mcls, c, the text's buffers, the scratch memory */
    ng_text_free(&x->t);
    free(x->sent);
    free(x->rel);
    free(x->relht);
    ng_strlist_free(&x->warnings);
}

ng_doc *ng_extract(const ng_rules *rules, const char *text, size_t len,
                   const char *doc_id, ng_error *err)
{
    return ng_extract_with(rules, text, len, doc_id, NULL, err);
}

ng_doc *ng_extract_with(const ng_rules *rules, const char *text, size_t len,
                        const char *doc_id, const ng_options *opts, ng_error *err)
{
    return ng_extract_ws(NULL, rules, text, len, doc_id, opts, err);
}

ng_doc *ng_extract_ws(ng_workspace *ws, const ng_rules *rules, const char *text,
                      size_t len, const char *doc_id, const ng_options *opts,
                      ng_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
    if (!rules || (!text && len)) {
        ng_set_error(err, NG_ERR_ARG, NULL, 0, "ng_extract: %s is NULL",
                     rules ? "text" : "rules");
        return NULL;
    }
    if (len > NG_MAX_DOC_BYTES) {
        ng_set_error(err, NG_ERR_INPUT, NULL, 0,
                     "document of %zu bytes is larger than the %zu-byte limit",
                     len, (size_t)NG_MAX_DOC_BYTES);
        return NULL;
    }
    if (len > NG_WINDOW_BYTES)
        return ng_extract_windows(ws, rules, text, len, doc_id, opts, err);
    return ng_extract_part(ws, rules, text, len, doc_id, opts, 0, err);
}

ng_doc *ng_extract_part(ng_workspace *ws, const ng_rules *rules, const char *text,
                        size_t len, const char *doc_id, const ng_options *opts,
                        size_t base, ng_error *err)
{
    xctx x;
    memset(&x, 0, sizeof x);
    x.r = rules;
    x.ws = ws;
    ws_lend(&x);
    ng_doc *doc = NULL;
    if (ng_normalize_at(text ? text : "", len, base, &x.t, &x.warnings) != NG_OK)
        goto oom;
    int script_used;
    if (ng_script_apply(&x.t, opts ? (int)opts->script : NG_SCRIPT_AUTO, &x.written,
                        &script_used) != NG_OK)
        goto oom;
    if (ng_sentences(&x.t, &x.sent, &x.nsent) != NG_OK)
        goto oom;
    if (scan(&x))
        goto oom;
    for (size_t i = 0; i <= x.t.n; i++)
        x.cend[i] = -1;

    ent_lexicon(&x);
    ent_persons(&x);   /* before suffixes: a name bounds an org on its left */
    ent_suffix(&x);
    ent_short_forms(&x);
    ent_place_lists(&x);
    pat_run(&x);
    rel_title_chains(&x);
    ent_person_lists(&x);
    nm_bare_persons(&x);   /* lib/names.c */
    ent_person_lists(&x);  /* again: the model's names have list neighbours too */
    gaz_abbrev(&x);        /* lib/gazetteer.c */
    gaz_place_org(&x);     /* lib/gazetteer.c */
    ent_propagate(&x);
    rel_resolve_units(&x);
    rel_title_organs(&x);
    ent_village_support(&x);
    ent_bare_names(&x);
    ti_bare_titles(&x);    /* lib/titles.c */
    sel_resolve(&x);
    rel_located(&x);
    nest_drop_inner(&x);   /* lib/nested.c */
    if (x.oom)
        goto oom;
    doc = doc_build(&x, doc_id, err);
    xctx_free(&x);
    return doc;
oom:
    xctx_free(&x);
    ng_set_error(err, NG_ERR_NOMEM, NULL, 0, "out of memory");
    return NULL;
}
