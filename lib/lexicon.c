/*
 * lexicon.c - the code-point trie behind every lexicon.
 *
 * Built through a hash table of edges ((parent, code point) -> child), so
 * adding an entry costs one probe per character whatever a node's fan-out
 * (the root has thousands of children).  Then frozen into flat arrays,
 * cheap to share read-only across threads:
 * - the root's children as a direct-indexed table for the BMP (two
 *   levels: 256 block indices, then a block of 256 children per used
 *   block): one load per text position instead of a binary search over
 *   thousands of edges;
 * - every node as one record of `trie` (lexicon.h): its payloads, each
 *   entry index with its class, then its children's code points, sorted,
 *   then the children.  A step of a walk reads one record, mostly within
 *   one cache line, where separate node, edge and entry arrays cost a
 *   cache miss each; and the scan reads classes without touching the
 *   entries.
 */
#include <stdlib.h>
#include <string.h>
#include "lexicon.h"

/*
 * Build-time edge hash: open addressing over child node ids (0, the
 * root, is never a child, so it marks an empty slot); a slot's key is
 * its node's (parent, cp), read from the node itself.  Four bytes a slot
 * keeps the table small, which is what matters: building is bound by
 * cache misses and by the kernel's first touch of fresh pages.
 */
struct lx_build {
    uint32_t *slots;
    size_t cap, n;      /* cap a power of two */
    unsigned shift;     /* 64 - log2(cap) */
    /* the last string added and its path (path[k]: the node after k
       characters): the next string, often sharing a prefix with it in
       sorted files, starts its walk where they part */
    uint32_t last[255];
    uint32_t path[256];
    size_t nlast;
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

static inline size_t edge_slot(const struct lx_build *b, uint32_t parent, uint32_t cp)
{
    uint64_t key = (uint64_t)parent << 21 | cp;
    return (size_t)((key * 0x9e3779b97f4a7c15ull) >> b->shift);
}

/* The load factor stays under 7/10. */
static int build_full(const struct lx_build *b, size_t n)
{
    return n * 10 > b->cap * 7;
}

static int build_rehash(lexicon *lx, size_t ncap)
{
    struct lx_build *b = lx->build;
    uint32_t *slots = calloc(ncap, sizeof *slots);
    if (!slots)
        return -1;
    unsigned shift = 64;
    for (size_t c = ncap; c > 1; c >>= 1)
        shift--;
    uint32_t *old = b->slots;
    size_t ocap = b->cap;
    b->slots = slots;
    b->cap = ncap;
    b->shift = shift;
    for (size_t i = 0; i < ocap; i++) {
        uint32_t c = old[i];
        if (!c)
            continue;
        size_t s = edge_slot(b, lx->nodes[c].parent, lx->nodes[c].cp);
        while (slots[s])
            s = (s + 1) & (ncap - 1);
        slots[s] = c;
    }
    free(old);
    return 0;
}

static uint32_t new_node(lexicon *lx, uint32_t parent, uint32_t cp)
{
    if (lx->nnodes >= LX_NONE - 1 ||
        grow((void **)&lx->nodes, &lx->nodes_cap, lx->nnodes + 1, sizeof(lx_node)))
        return LX_NONE;
    uint32_t id = (uint32_t)lx->nnodes++;
    lx->nodes[id].entry = LX_NONE;
    lx->nodes[id].parent = parent;
    lx->nodes[id].cp = cp;
    return id;
}

int lx_init(lexicon *lx)
{
    memset(lx, 0, sizeof *lx);
    lx->build = calloc(1, sizeof *lx->build);
    if (!lx->build || new_node(lx, 0, 0) == LX_NONE || build_rehash(lx, 1 << 12)) {
        lx_free(lx);
        return -1;
    }
    return 0;
}

int lx_reserve(lexicon *lx, size_t nodes)
{
    if (!lx->build)
        return 0;
    if (nodes > lx->nodes_cap) {
        lx_node *p = realloc(lx->nodes, nodes * sizeof *p);
        if (!p)
            return -1;
        lx->nodes = p;
        lx->nodes_cap = nodes;
    }
    size_t cap = lx->build->cap;
    while (nodes * 10 > cap * 7 && cap < ((size_t)1 << 40))
        cap *= 2;
    return cap > lx->build->cap ? build_rehash(lx, cap) : 0;
}

static void build_free(struct lx_build *b)
{
    if (b) {
        free(b->slots);
        free(b);
    }
}

void lx_free(lexicon *lx)
{
    build_free(lx->build);
    free(lx->nodes);
    free(lx->entries);
    free(lx->trie);
    free(lx->root_blocks);
    free(lx->big);
    memset(lx, 0, sizeof *lx);
}

/* The child of node by cp, created if absent; LX_NONE on no memory. */
static uint32_t build_child(lexicon *lx, uint32_t node, uint32_t cp)
{
    struct lx_build *b = lx->build;
    size_t s = edge_slot(b, node, cp);
    for (uint32_t c; (c = b->slots[s]); s = (s + 1) & (b->cap - 1))
        if (lx->nodes[c].parent == node && lx->nodes[c].cp == cp)
            return c;
    if (build_full(b, b->n + 1)) {
        if (build_rehash(lx, 2 * b->cap))
            return LX_NONE;
        s = edge_slot(b, node, cp);
        while (b->slots[s])
            s = (s + 1) & (b->cap - 1);
    }
    uint32_t child = new_node(lx, node, cp);
    if (child == LX_NONE)
        return LX_NONE;
    b->slots[s] = child;
    b->n++;
    return child;
}

int lx_add(lexicon *lx, const uint32_t *s, size_t n, const lx_entry *e)
{
    if (!lx->build || n == 0 || n > 255)
        return -1;
    struct lx_build *b = lx->build;
    size_t k = 0;
    while (k < n && k < b->nlast && s[k] == b->last[k])
        k++;
    uint32_t node = b->path[k];
    b->nlast = k;   /* valid so far, should a step fail */
    for (size_t i = k; i < n; i++) {
        if (s[i] > 0x10ffff)
            return -1;
        node = build_child(lx, node, s[i]);
        if (node == LX_NONE)
            return -1;
        b->last[i] = s[i];
        b->path[i + 1] = node;
        b->nlast = i + 1;
    }
    /* Same class already there: a user entry replaces it, and so does a
     * mined one (LF_MINED: the data mark it a name wherever it is
     * written) a division's short form (LF_SHORT: 厦门 of 厦门市, 长江 of
     * 长江镇), keeping the division's level when it has none; else keep
     * it. */
    for (uint32_t p = lx->nodes[node].entry; p != LX_NONE; p = lx->entries[p].next) {
        if (lx->entries[p].cls == e->cls) {
            if ((e->flags & LF_USER) ||
                ((e->flags & LF_MINED) && (lx->entries[p].flags & LF_SHORT))) {
                uint32_t next = lx->entries[p].next;
                uint8_t kind = lx->entries[p].kind;
                lx->entries[p] = *e;
                if (!(e->flags & LF_USER)) {
                    if (!e->kind)
                        lx->entries[p].kind = kind;
                    lx->entries[p].flags |= LF_DIVISION;
                }
                lx->entries[p].len = (uint8_t)n;
                lx->entries[p].next = next;
            }
            return 0;
        }
    }
    if (lx->nentries >= LX_MAX_ENTRIES - 1 || e->cls >= LX_NCLASSES ||
        grow((void **)&lx->entries, &lx->entries_cap, lx->nentries + 1, sizeof(lx_entry)))
        return -1;
    uint32_t id = (uint32_t)lx->nentries++;
    lx->entries[id] = *e;
    lx->entries[id].len = (uint8_t)n;
    lx->entries[id].next = lx->nodes[node].entry;
    lx->nodes[node].entry = id;
    lx->class_count[e->cls]++;
    return 0;
}

typedef struct {
    uint32_t cp, child;
} lx_edge;

int lx_freeze(lexicon *lx)
{
    struct lx_build *b = lx->build;
    if (!b)
        return 0;
    size_t nn = lx->nnodes;
    const lx_node *nodes = lx->nodes;
    int rc = -1;

    /*
     * Children by parent, each run by code point: node ids sorted by
     * code point (LSD radix, 11 + 10 bits), then a stable counting sort
     * by parent.  No comparison sort: the root alone has thousands of
     * children.
     */
    uint32_t *ida = malloc(nn * sizeof *ida);
    uint32_t *idb = malloc(nn * sizeof *idb);
    uint32_t *first = calloc(nn + 2, sizeof *first);
    uint32_t *off = malloc(nn * sizeof *off);
    uint32_t cnt[2049];
    lx_block *blocks = NULL;
    uint32_t *trie = NULL;
    if (!ida || !idb || !first || !off)
        goto out;
    size_t m = nn - 1; /* every node but the root */
    memset(cnt, 0, sizeof cnt);
    for (size_t v = 1; v < nn; v++)
        cnt[(nodes[v].cp & 0x7ff) + 1]++;
    for (size_t i = 1; i < 2049; i++)
        cnt[i] += cnt[i - 1];
    for (size_t v = 1; v < nn; v++)
        ida[cnt[nodes[v].cp & 0x7ff]++] = (uint32_t)v;
    memset(cnt, 0, sizeof cnt);
    for (size_t i = 0; i < m; i++)
        cnt[(nodes[ida[i]].cp >> 11) + 1]++;
    for (size_t i = 1; i < 2049; i++)
        cnt[i] += cnt[i - 1];
    for (size_t i = 0; i < m; i++)
        idb[cnt[nodes[ida[i]].cp >> 11]++] = ida[i];
    for (size_t i = 0; i < m; i++)
        first[nodes[idb[i]].parent + 2]++;
    for (size_t v = 0; v < nn; v++)
        first[v + 2] += first[v + 1];
    for (size_t i = 0; i < m; i++)
        ida[first[nodes[idb[i]].parent + 1]++] = idb[i];
    /* node v's children: ida[first[v] .. first[v + 1]) */

    /* record offsets, in node order (creation order: a new entry's nodes
       come one after the other) */
    size_t len = 0;
    for (size_t v = 0; v < nn; v++) {
        size_t npay = 0, nk = first[v + 1] - first[v];
        for (uint32_t p = nodes[v].entry; p != LX_NONE; p = lx->entries[p].next)
            npay++;
        if (npay > 255 || nk > 0xffffff || len > UINT32_MAX - 2 - npay - 2 * nk)
            goto out;
        off[v] = (uint32_t)len;
        len += 1 + npay + 2 * nk;
    }
    trie = malloc((len ? len : 1) * sizeof *trie);
    if (!trie)
        goto out;
    for (size_t v = 0; v < nn; v++) {
        uint32_t *rec = trie + off[v];
        size_t npay = 0, nk = first[v + 1] - first[v];
        for (uint32_t p = nodes[v].entry; p != LX_NONE; p = lx->entries[p].next)
            rec[1 + npay++] = p | (uint32_t)lx->entries[p].cls << LX_PAY_CLS_SHIFT;
        rec[0] = (uint32_t)(npay << 24 | nk);
        const uint32_t *kids = ida + first[v];
        for (size_t k = 0; k < nk; k++) {
            rec[1 + npay + k] = nodes[kids[k]].cp;
            rec[1 + npay + nk + k] = off[kids[k]];
        }
    }

    /* the root's BMP children, direct-indexed */
    const uint32_t *rk = ida + first[0];
    size_t rn = first[1] - first[0], nblocks = 1;
    memset(lx->root_hi, 0, sizeof lx->root_hi);
    for (size_t k = 0; k < rn && nodes[rk[k]].cp < 0x10000; k++) {
        unsigned hi = nodes[rk[k]].cp >> 8;
        if (!lx->root_hi[hi])
            lx->root_hi[hi] = (uint16_t)nblocks++;
    }
    blocks = malloc(nblocks * sizeof *blocks);
    if (!blocks)
        goto out;
    memset(blocks, 0xff, nblocks * sizeof *blocks);
    for (size_t k = 0; k < rn && nodes[rk[k]].cp < 0x10000; k++) {
        uint32_t cp = nodes[rk[k]].cp;
        blocks[lx->root_hi[cp >> 8]].child[cp & 0xff] = off[rk[k]];
    }

    lx->trie = trie;
    lx->trie_len = len;
    lx->root_blocks = blocks;
    trie = NULL;
    blocks = NULL;
    build_free(b);
    lx->build = NULL;
    free(lx->nodes);
    lx->nodes = NULL;
    lx->nodes_cap = 0;
    rc = 0;
out:
    free(ida);
    free(idb);
    free(first);
    free(off);
    free(trie);
    free(blocks);
    return rc;
}

int lx_build_big(lexicon *lx)
{
    free(lx->big);
    lx->big = NULL;
    /* record offsets and slot fields: see lexicon.h */
    if (!lx->trie || lx->trie_len >= ((size_t)1 << 21))
        return 0;
    size_t nbig = 0;
    for (size_t off = 0; off < lx->trie_len;) {
        const uint32_t *rec = lx->trie + off;
        size_t nk = rec[0] & 0xffffff;
        if (nk > LX_BIG_KIDS)
            nbig += nk;
        off += 1 + (rec[0] >> 24) + 2 * nk;
    }
    if (!nbig)
        return 0;
    unsigned bits = 4;
    while (((size_t)1 << bits) < 2 * nbig)
        bits++;
    uint64_t *big = calloc((size_t)1 << bits, sizeof *big);
    if (!big)
        return -1;
    lx->big_shift = 64 - bits;
    size_t mask = ((size_t)1 << bits) - 1;
    for (size_t off = 0; off < lx->trie_len;) {
        const uint32_t *rec = lx->trie + off;
        size_t nk = rec[0] & 0xffffff;
        const uint32_t *cps = rec + 1 + (rec[0] >> 24), *kids = cps + nk;
        if (nk > LX_BIG_KIDS)
            for (size_t k = 0; k < nk; k++) {
                size_t i = lx_big_slot(lx, (uint32_t)off, cps[k]);
                while (big[i])
                    i = (i + 1) & mask;
                big[i] = (((uint64_t)off << 21 | cps[k]) + 1) << 22 | kids[k];
            }
        off += 1 + (rec[0] >> 24) + 2 * nk;
    }
    lx->big = big;
    return 0;
}

const lx_entry *lx_lookup(const lexicon *lx, const uint32_t *s, size_t n, int cls)
{
    uint32_t node = 0;
    for (size_t i = 0; i < n && node != LX_NONE; i++)
        node = lx_step(lx, node, s[i]);
    if (node == LX_NONE)
        return NULL;
    size_t np;
    const uint32_t *p = lx_pays(lx, node, &np);
    for (size_t k = 0; k < np; k++)
        if (LX_PAY_CLS(p[k]) == (uint32_t)cls)
            return &lx->entries[LX_PAY_ENTRY(p[k])];
    return NULL;
}
