/*
 * json.c - render a document as one JSON object (README.md, "Output").
 *
 * Written by hand rather than through a DOM: output is the hot path for
 * big inputs, and the shape is fixed.  Reading JSON goes through jansson.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "doc.h"
#include "internal.h"

typedef struct {
    ng_buf out;
    int pretty;
    int depth;
} jbuf;

static void put(jbuf *b, const char *s, size_t n) { ng_buf_put(&b->out, s, n); }
static void puts_(jbuf *b, const char *s) { ng_buf_puts(&b->out, s); }
static void putnum(jbuf *b, size_t v) { ng_buf_num(&b->out, v); }

/* A JSON string; the text is UTF-8 the library made, so only escapes. */
static void putstr(jbuf *b, const char *s)
{
    ng_buf_str(&b->out, s, strlen(s), NG_STR_JSON);
}

static void nl(jbuf *b)
{
    if (!b->pretty)
        return;
    put(b, "\n", 1);
    for (int i = 0; i < b->depth; i++)
        put(b, "  ", 2);
}

/* A string of the library's that needs no escaping (keys, ids, type
   names: ASCII letters, digits and '_'), quoted without a scan. */
static void putplain(jbuf *b, const char *s)
{
    put(b, "\"", 1);
    puts_(b, s);
    put(b, "\"", 1);
}

static void key(jbuf *b, const char *k, int first)
{
    if (!first)
        put(b, ",", 1);
    nl(b);
    putplain(b, k);
    put(b, b->pretty ? ": " : ":", b->pretty ? 2 : 1);
}

static void eid(jbuf *b, long i)
{
    if (i < 0) {
        puts_(b, "null");
        return;
    }
    char t[32];
    char *p = ng_utoa_end(t + sizeof t - 1, (size_t)i);
    t[sizeof t - 1] = '"';
    *--p = 'e';
    *--p = '"';
    put(b, p, (size_t)(t + sizeof t - p));
}

static void span_obj(jbuf *b, size_t s, size_t e, size_t bs, size_t be)
{
    puts_(b, "{\"start\":");
    putnum(b, s);
    puts_(b, ",\"end\":");
    putnum(b, e);
    puts_(b, ",\"byte_start\":");
    putnum(b, bs);
    puts_(b, ",\"byte_end\":");
    putnum(b, be);
}

/* The start of entity or relation `i` of its list: {"id":"e7","type":"T" */
static void item_head(jbuf *b, char prefix, size_t i, const char *type)
{
    char id[32];
    if (i)
        put(b, ",", 1);
    nl(b);
    char *p = ng_utoa_end(id + sizeof id - 1, i);
    id[sizeof id - 1] = '\0';
    *--p = prefix;
    memmove(id, p, (size_t)(id + sizeof id - p));
    puts_(b, "{\"id\":");
    putplain(b, id);
    puts_(b, ",\"type\":");
    putplain(b, type);
}

char *ng_doc_to_json(const ng_doc *d, int flags, size_t *len)
{
    if (!d)
        return NULL;
    jbuf b = {0};
    b.pretty = (flags & NG_JSON_PRETTY) != 0;
    put(&b, "{", 1);
    b.depth++;
    key(&b, "doc", 1);
    /* the id is the caller's (a file name, a JSON id): it may hold bytes
     * that are not UTF-8, which JSON cannot carry as they are */
    ng_buf_str(&b.out, d->id, strlen(d->id), NG_STR_JSON | NG_STR_REPAIR);
    key(&b, "entities", 0);
    put(&b, "[", 1);
    b.depth++;
    for (size_t i = 0; i < d->nents; i++) {
        const doc_entity *e = &d->ents[i];
        item_head(&b, 'e', i, ng_entity_type_name(e->type));
        puts_(&b, ",\"text\":");
        putstr(&b, e->text);
        puts_(&b, ",\"aliases\":[");
        for (size_t k = 0; k < e->naliases; k++) {
            if (k)
                put(&b, ",", 1);
            putstr(&b, e->aliases[k]);
        }
        puts_(&b, "],\"mentions\":[");
        for (size_t k = 0; k < e->nm; k++) {
            const ng_mention *m = &e->m[k];
            if (k)
                put(&b, ",", 1);
            span_obj(&b, m->start, m->end, m->byte_start, m->byte_end);
            puts_(&b, ",\"sentence\":");
            putnum(&b, m->sentence);
            puts_(&b, ",\"rule\":");
            putstr(&b, m->rule);
            put(&b, "}", 1);
        }
        puts_(&b, "]}");
    }
    b.depth--;
    if (d->nents)
        nl(&b);
    put(&b, "]", 1);
    key(&b, "relations", 0);
    put(&b, "[", 1);
    b.depth++;
    for (size_t i = 0; i < d->nrels; i++) {
        const ng_relation *r = &d->rels[i];
        item_head(&b, 'r', i, ng_relation_type_name(r->type));
        if (r->type == NG_HOLDS_POSITION) {
            puts_(&b, ",\"person\":");
            eid(&b, r->person);
            puts_(&b, ",\"org\":");
            eid(&b, r->org);
            puts_(&b, ",\"position\":");
            eid(&b, r->position);
            puts_(&b, ",\"status\":");
            putstr(&b, r->former ? "former" : "current");
            if (r->resolved)
                puts_(&b, ",\"resolved\":true");
        } else {
            puts_(&b, ",\"child\":");
            eid(&b, r->child);
            puts_(&b, ",\"parent\":");
            eid(&b, r->parent);
        }
        puts_(&b, ",\"evidence\":");
        span_obj(&b, r->ev_start, r->ev_end, r->ev_byte_start, r->ev_byte_end);
        puts_(&b, "},\"rule\":");
        putstr(&b, r->rule);
        put(&b, "}", 1);
    }
    b.depth--;
    if (d->nrels)
        nl(&b);
    put(&b, "]", 1);
    key(&b, "warnings", 0);
    put(&b, "[", 1);
    for (size_t i = 0; i < d->nwarn; i++) {
        if (i)
            put(&b, ",", 1);
        putstr(&b, d->warn[i]);
    }
    put(&b, "]", 1);
    b.depth--;
    nl(&b);
    put(&b, "}", 1);
    if (b.out.oom) {
        free(b.out.s);
        return NULL;
    }
    if (len)
        *len = b.out.n;
    return b.out.s;
}
