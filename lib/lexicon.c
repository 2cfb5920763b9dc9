/*
 * lexicon.c - the code-point trie behind every lexicon.
 *
 * Built with per-node child vectors, then frozen into one sorted edge
 * array (CSR) so lookups are a binary search per character and the whole
 * thing is a few flat arrays: cheap to share read-only across threads.
 */
#include <stdlib.h>
#include <string.h>
#include "lexicon.h"

struct lx_kid {
    uint32_t cp, child;
};

struct lx_build {
    struct lx_kid *kids;
    uint32_t n, cap;
};

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

static uint32_t new_node(lexicon *lx)
{
    size_t old = lx->nodes_cap;
    if (grow((void **)&lx->nodes, &lx->nodes_cap, lx->nnodes + 1, sizeof(lx_node)))
        return LX_NONE;
    if (lx->nodes_cap != old) {
        struct lx_build *b = realloc(lx->build, lx->nodes_cap * sizeof *b);
        if (!b)
            return LX_NONE;
        lx->build = b;
    }
    uint32_t id = (uint32_t)lx->nnodes++;
    lx->nodes[id].first_edge = 0;
    lx->nodes[id].nedges = 0;
    lx->nodes[id].entry = LX_NONE;
    lx->build[id].kids = NULL;
    lx->build[id].n = lx->build[id].cap = 0;
    return id;
}

int lx_init(lexicon *lx)
{
    memset(lx, 0, sizeof *lx);
    return new_node(lx) == LX_NONE ? -1 : 0;
}

void lx_free(lexicon *lx)
{
    if (lx->build) {
        for (size_t i = 0; i < lx->nnodes; i++)
            free(lx->build[i].kids);
        free(lx->build);
    }
    free(lx->nodes);
    free(lx->edges);
    free(lx->entries);
    memset(lx, 0, sizeof *lx);
}

static uint32_t build_child(lexicon *lx, uint32_t node, uint32_t cp, int create)
{
    struct lx_build *b = &lx->build[node];
    for (uint32_t i = 0; i < b->n; i++)
        if (b->kids[i].cp == cp)
            return b->kids[i].child;
    if (!create)
        return LX_NONE;
    uint32_t child = new_node(lx);
    if (child == LX_NONE)
        return LX_NONE;
    b = &lx->build[node]; /* new_node may move build */
    if (b->n == b->cap) {
        uint32_t nc = b->cap ? b->cap * 2 : 2;
        struct lx_kid *k = realloc(b->kids, nc * sizeof *k);
        if (!k)
            return LX_NONE;
        b->kids = k;
        b->cap = nc;
    }
    b->kids[b->n].cp = cp;
    b->kids[b->n].child = child;
    b->n++;
    return child;
}

int lx_add(lexicon *lx, const uint32_t *s, size_t n, const lx_entry *e)
{
    if (!lx->build || n == 0 || n > 255)
        return -1;
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        node = build_child(lx, node, s[i], 1);
        if (node == LX_NONE)
            return -1;
    }
    /* Same class already there: a user entry replaces it, else keep it. */
    for (uint32_t p = lx->nodes[node].entry; p != LX_NONE; p = lx->entries[p].next) {
        if (lx->entries[p].cls == e->cls) {
            if (e->flags & LF_USER) {
                uint32_t next = lx->entries[p].next;
                lx->entries[p] = *e;
                lx->entries[p].len = (uint8_t)n;
                lx->entries[p].next = next;
            }
            return 0;
        }
    }
    if (grow((void **)&lx->entries, &lx->entries_cap, lx->nentries + 1, sizeof(lx_entry)))
        return -1;
    uint32_t id = (uint32_t)lx->nentries++;
    lx->entries[id] = *e;
    lx->entries[id].len = (uint8_t)n;
    lx->entries[id].next = lx->nodes[node].entry;
    lx->nodes[node].entry = id;
    if (e->cls < LX_NCLASSES)
        lx->class_count[e->cls]++;
    return 0;
}

static int kid_cmp(const void *a, const void *b)
{
    uint32_t x = ((const struct lx_kid *)a)->cp, y = ((const struct lx_kid *)b)->cp;
    return x < y ? -1 : x > y;
}

int lx_freeze(lexicon *lx)
{
    if (!lx->build)
        return 0;
    size_t total = 0;
    for (size_t i = 0; i < lx->nnodes; i++)
        total += lx->build[i].n;
    lx->edges = malloc((total ? total : 1) * sizeof(lx_edge));
    if (!lx->edges)
        return -1;
    size_t at = 0;
    for (size_t i = 0; i < lx->nnodes; i++) {
        struct lx_build *b = &lx->build[i];
        qsort(b->kids, b->n, sizeof *b->kids, kid_cmp);
        lx->nodes[i].first_edge = (uint32_t)at;
        lx->nodes[i].nedges = b->n;
        for (uint32_t k = 0; k < b->n; k++) {
            lx->edges[at].cp = b->kids[k].cp;
            lx->edges[at].child = b->kids[k].child;
            at++;
        }
        free(b->kids);
    }
    lx->nedges = total;
    free(lx->build);
    lx->build = NULL;
    return 0;
}

const lx_entry *lx_lookup(const lexicon *lx, const uint32_t *s, size_t n, int cls)
{
    uint32_t node = 0;
    for (size_t i = 0; i < n && node != LX_NONE; i++)
        node = lx_step(lx, node, s[i]);
    if (node == LX_NONE)
        return NULL;
    for (uint32_t p = lx->nodes[node].entry; p != LX_NONE; p = lx->entries[p].next)
        if (lx->entries[p].cls == cls)
            return &lx->entries[p];
    return NULL;
}
