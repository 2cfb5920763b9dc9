/*
 * ngtest_doc.h - what the C tests that read files and render documents
 * share: a whole file read into memory, and a text's extraction as its
 * JSON line.  Static inline, so a test that includes it and uses only
 * part pays nothing for the rest.
 */
#ifndef NGTEST_DOC_H
#define NGTEST_DOC_H

#include <stdio.h>
#include <stdlib.h>
#include "newsgraph.h"

/* The whole file at `path`, NUL-terminated, its length in *len; NULL if
 * it cannot be read. */
static inline char *ngt_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p)
                free(buf);
            buf = p;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* The JSON of `text` extracted with `r` (document id "doc"), to free();
 * NULL when extraction fails. */
static inline char *ngt_json_of(const ng_rules *r, const char *text, size_t len)
{
    ng_error err;
    ng_doc *d = ng_extract(r, text, len, "doc", &err);
    if (!d)
        return NULL;
    char *j = ng_doc_to_json(d, 0, NULL);
    ng_doc_free(d);
    return j;
}

#endif
