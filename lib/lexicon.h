/*
 * lexicon.h - every lexicon entry of a rule set in one code-point trie.
 *
 * One trie holds all classes (surnames, titles, gazetteer, ...): a single
 * walk from a text position finds every entry starting there, whatever
 * its class.  Built once by rules.c, then frozen and read-only.
 *
 * Frozen layout (lexicon.c says why): the root's children are a
 * direct-indexed table for the Basic Multilingual Plane (two levels, by
 * the high and the low byte of the code point); every node is one
 * record of a flat array holding its payloads and its children.
 */
#ifndef NG_LEXICON_H
#define NG_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* Lexicon classes: one per rules file stem (rules/README.md). */
typedef enum {
    LX_SURNAME, LX_TITLE, LX_TITLE_MODIFIER, LX_STATUS_WORD, LX_FORMER,
    LX_ORG_SUFFIX, LX_PLACE_SUFFIX, LX_PLACE, LX_ORG, LX_PERSON,
    LX_CUE_AFTER, LX_CUE_BEFORE, LX_STOP, LX_BLOCK, LX_GIVEN_CHAR,
    LX_NOT_SUFFIX, LX_POSITION_USER, LX_COMMON, LX_CONNECTOR,
    LX_SURNAME_STAT, LX_TRANSLIT,   /* person-name model statistics (names.c) */
    LX_SURNAME_JA,                  /* common Japanese surnames (names.c) */
    LX_NCLASSES
} lx_class;

/* Entry kinds (second field of some files). */
enum {
    LK_NONE = 0,
    /* org_suffix */
    LK_ORGAN, LK_MEDIA, LK_GENERAL,
    /* place levels (place_suffix, place) */
    LK_PROVINCE, LK_CITY, LK_COUNTY, LK_TOWN, LK_VILLAGE, LK_GROUP,
    LK_AREA, LK_STREET, LK_WATER, LK_SITE,
    /* title */
    LK_OCCUPATION, LK_PARTY,
    /* cue_before: separator expected */
    LK_SEP, LK_NOSEP, LK_ANY,
    /* common_word */
    LK_VERB, LK_NOUN
};

/* Flags of an entry. */
enum {
    LF_USER = 1,    /* from a user rules directory (not the base pack) */
    LF_SHORT = 2,   /* gazetteer short form (广东 for 广东省) */
    LF_RARE = 4,    /* surname that is also a common word */
    LF_MINED = 8,   /* from a gazetteer mined from data (*_mined.txt) */
    LF_DIVISION = 16 /* a mined entry that replaced a division's short form:
                        it stands wherever that short form did */
};

typedef struct {
    uint8_t cls;        /* lx_class */
    uint8_t kind;       /* LK_* */
    uint8_t flags;      /* LF_* */
    uint8_t len;        /* entry length in code points (<= 255) */
    uint16_t file;      /* index into ng_rules file names */
    uint32_t line;      /* 1-based line in that file */
    float weight;       /* given_char ratio, surname rank, ... (0 if none) */
    uint32_t next;      /* next payload of the same string, or LX_NONE */
} lx_entry;

#define LX_NONE 0xffffffffu

/* A frozen payload: entry index and class in one word (LX_PAY_*). */
#define LX_PAY_CLS_SHIFT 27
#define LX_MAX_ENTRIES ((uint32_t)1 << LX_PAY_CLS_SHIFT)
#define LX_PAY_ENTRY(v) ((v) & (LX_MAX_ENTRIES - 1))
#define LX_PAY_CLS(v) ((v) >> LX_PAY_CLS_SHIFT)

/* Build-time node. */
typedef struct {
    uint32_t entry;        /* first payload, or LX_NONE */
    uint32_t parent;       /* its parent (the root: 0) */
    uint32_t cp;           /* the code point from its parent */
} lx_node;

/* Root children of one 256-code-point block of the BMP. */
typedef struct {
    uint32_t child[256];   /* LX_NONE where there is none */
} lx_block;

typedef struct lexicon {
    lx_node *nodes;        /* build time only (freed by lx_freeze) */
    size_t nnodes, nodes_cap;
    lx_entry *entries;
    size_t nentries, entries_cap;
    /*
     * Frozen: one record per node in `trie`, a node being the offset of
     * its record (the root is 0):
     *   word 0       npay << 24 | nkids
     *   npay words   payloads (LX_PAY_ENTRY | LX_PAY_CLS), in the order
     *                of the entry chain (the latest added first)
     *   nkids words  the children's code points, ascending
     *   nkids words  the children (record offsets), in the same order
     * so a step of a walk reads one record, mostly one cache line.
     */
    uint32_t *trie;
    size_t trie_len;
    /* Frozen root table: root_blocks[root_hi[cp >> 8]].child[cp & 0xff]
       for cp < 0x10000; block 0 is empty.  Other code points search the
       root's record. */
    uint16_t root_hi[256];
    lx_block *root_blocks;
    /* Frozen: the children of every node with more than LX_BIG_KIDS of
       them (about 1,000 nodes, a third of the edges), in an open-addressed
       hash by (node, code point).  A walk through such a node (中, 国,
       the root for code points past the BMP) reads one slot instead of a
       binary search over a record spanning many cache lines.  A slot is
       (node << 21 | cp) + 1 above 22 bits of child, 0 when empty; NULL
       (not built) when the trie has 2^21 words or more, and until the
       first extraction (ng_lexicon_ready()). */
    uint64_t *big;
    unsigned big_shift;    /* 64 - log2(slots) */
    /* build-time edge hash over nodes (freed by lx_freeze) */
    struct lx_build *build;
    size_t class_count[LX_NCLASSES];
} lexicon;

int lx_init(lexicon *lx);
void lx_free(lexicon *lx);
/* Before adding: make room for about `nodes` trie nodes (a hint that
   spares regrowing; 0 or -1 on no memory). */
int lx_reserve(lexicon *lx, size_t nodes);
/*
 * Add `s` (n code points) with payload `e`.  A user entry replaces an
 * earlier entry of the same class and string; a second base-pack entry of
 * the same class and string is ignored.  Returns 0, or -1 on no memory
 * (or past LX_MAX_ENTRIES entries).
 */
int lx_add(lexicon *lx, const uint32_t *s, size_t n, const lx_entry *e);
/* Freeze into the read-only searchable form.  0 or -1 on no memory. */
int lx_freeze(lexicon *lx);
/* After freezing: build lx->big (-1 on no memory, lx->big then NULL and
   lx_step() searches every record).  Done at the first extraction, not
   at load (ng_lexicon_ready() in rules.h): it costs about 2 ms, the
   rules load's budget is 20. */
int lx_build_big(lexicon *lx);

#define LX_BIG_KIDS 16

/* The hash slot where (node, cp) is or would go (lx->big). */
static inline size_t lx_big_slot(const lexicon *lx, uint32_t node, uint32_t cp)
{
    uint64_t key = (uint64_t)node << 21 | cp;
    return (size_t)((key * 0x9e3779b97f4a7c15ull) >> lx->big_shift);
}

/* After freezing: the child of `node` by `cp`, or LX_NONE. */
static inline uint32_t lx_step(const lexicon *lx, uint32_t node, uint32_t cp)
{
    if (node == 0 && cp < 0x10000)
        return lx->root_blocks[lx->root_hi[cp >> 8]].child[cp & 0xff];
    const uint32_t *rec = lx->trie + node;
    size_t nk = rec[0] & 0xffffff;
    if (nk > LX_BIG_KIDS && lx->big) {
        uint64_t want = ((uint64_t)node << 21 | cp) + 1, mask = (1ull << (64 - lx->big_shift)) - 1;
        for (size_t i = lx_big_slot(lx, node, cp);; i = (i + 1) & mask) {
            uint64_t v = lx->big[i];
            if (!v)
                return LX_NONE;
            if (v >> 22 == want)
                return (uint32_t)(v & 0x3fffff);
        }
    }
    const uint32_t *cps = rec + 1 + (rec[0] >> 24);
    size_t lo = 0, hi = nk;
    while (hi - lo > 8) {   /* the first cps[k] >= cp stays in [lo, hi) */
        size_t mid = (lo + hi) / 2;
        if (cps[mid] < cp)
            lo = mid + 1;
        else
            hi = mid + 1;
    }
    for (; lo < hi; lo++)
        if (cps[lo] >= cp)
            return cps[lo] == cp ? cps[nk + lo] : LX_NONE;
    return LX_NONE;
}

/* After freezing: the payloads of `node` (*n of them). */
static inline const uint32_t *lx_pays(const lexicon *lx, uint32_t node, size_t *n)
{
    *n = lx->trie[node] >> 24;
    return lx->trie + node + 1;
}

/* After freezing: does `node` have children? */
static inline int lx_has_kids(const lexicon *lx, uint32_t node)
{
    return (lx->trie[node] & 0xffffff) != 0;
}

/* The payload of class `cls` of exact string s[0..n), or NULL. */
const lx_entry *lx_lookup(const lexicon *lx, const uint32_t *s, size_t n,
                          int cls);

#endif
