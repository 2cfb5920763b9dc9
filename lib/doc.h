/*
 * doc.h - the finished document (struct ng_doc), read by the accessors
 * in doc.c and by the JSON writer.
 */
#ifndef NG_DOC_H
#define NG_DOC_H

#include <stdint.h>
#include "newsgraph.h"

typedef struct {
    ng_entity_type type;
    char *text;
    size_t textlen;
    char **aliases;
    size_t naliases;
    ng_mention *m;
    size_t nm, mcap;
    size_t ws, we;       /* working span of its first candidate */
} doc_entity;

struct ng_doc {
    char *id;
    doc_entity *ents;
    size_t nents;
    ng_relation *rels;
    size_t nrels;
    char **warn;
    size_t nwarn;
    size_t nsent;
    char **pool;         /* interned rule strings */
    size_t npool, poolcap;
    ng_script script;    /* how the text was read */
    size_t ncps;         /* code points of the original text (U+FFFD counted) */
};

/* ---- doc.c helpers shared with window.c --------------------------------- */

/* Grow an array to hold `need` elements of `elem` bytes (capacity *cap). */
void *doc_grow(void *p, size_t *cap, size_t need, size_t elem);

/* FNV-1a of an entity's (type, text). */
uint64_t doc_hash_text(const char *s, size_t n, int type);

/* Rule strings are interned in a document's pool through this hash set
 * of pool indices, which lives only while the document is built. */
typedef struct {
    int32_t *slot;       /* pool indices, -1 empty */
    size_t cap;          /* power of two, kept above twice the pool */
} pool_set;
const char *doc_intern(ng_doc *d, pool_set *ps, const char *s);

/* The relations already in a document, for doc_add_relation(). */
typedef struct {
    int32_t *slot;       /* indices into d->rels, -1 empty */
    size_t mask;         /* table size - 1 (0: not allocated yet) */
    size_t cap;          /* capacity of d->rels */
} rel_set;
int doc_add_relation(ng_doc *d, rel_set *rs, const ng_relation *o);

#endif
