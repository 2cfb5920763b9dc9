/*
 * doc.h - the finished document (struct ng_doc), read by the accessors
 * in doc.c and by the JSON writer.
 */
#ifndef NG_DOC_H
#define NG_DOC_H

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
};

#endif
