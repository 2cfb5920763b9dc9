/*
 * lexicon.h - every lexicon entry of a rule set in one code-point trie.
 *
 * One trie holds all classes (surnames, titles, gazetteer, ...): a single
 * walk from a text position finds every entry starting there, whatever
 * its class.  Built once by rules.c, then frozen and read-only.
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
    LF_RARE = 4     /* surname that is also a common word */
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

typedef struct {
    uint32_t cp;
    uint32_t child;
} lx_edge;

typedef struct {
    uint32_t first_edge;   /* into edges, sorted by cp */
    uint32_t nedges;
    uint32_t entry;        /* first payload, or LX_NONE */
} lx_node;

typedef struct lexicon {
    lx_node *nodes;
    size_t nnodes, nodes_cap;
    lx_edge *edges;
    size_t nedges;
    lx_entry *entries;
    size_t nentries, entries_cap;
    /* build-time children lists (freed by lx_freeze) */
    struct lx_build *build;
    size_t class_count[LX_NCLASSES];
} lexicon;

int lx_init(lexicon *lx);
void lx_free(lexicon *lx);
/*
 * Add `s` (n code points) with payload `e`.  A user entry replaces an
 * earlier entry of the same class and string; a second base-pack entry of
 * the same class and string is ignored.  Returns 0, or -1 on no memory.
 */
int lx_add(lexicon *lx, const uint32_t *s, size_t n, const lx_entry *e);
/* Freeze into the read-only searchable form.  0 or -1 on no memory. */
int lx_freeze(lexicon *lx);

/* After freezing: walk from the root.  Returns child node or LX_NONE. */
static inline uint32_t lx_step(const lexicon *lx, uint32_t node, uint32_t cp)
{
    const lx_node *nd = &lx->nodes[node];
    const lx_edge *e = lx->edges + nd->first_edge;
    size_t lo = 0, hi = nd->nedges;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < nd->nedges && e[lo].cp == cp)
        return e[lo].child;
    return LX_NONE;
}

/* The payload of class `cls` of exact string s[0..n), or NULL. */
const lx_entry *lx_lookup(const lexicon *lx, const uint32_t *s, size_t n,
                          int cls);

#endif
