/*
 * util.c - small helpers shared by the pipeline stages: a list of owned
 * strings (warnings) and filling an ng_error.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ng_strlist_addf(ng_strlist *l, const char *fmt, ...)
{
    va_list ap;
    int need;
    char *s;

    va_start(ap, fmt);
    need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0)
        need = 0; /* an encoding error: store an empty message */

    if (l->count == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        char **items;
        if (ncap < l->cap || ncap > SIZE_MAX / sizeof *items)
            return NG_ERR_NOMEM;
        items = realloc(l->items, ncap * sizeof *items);
        if (!items)
            return NG_ERR_NOMEM;
        l->items = items;
        l->cap = ncap;
    }

    s = malloc((size_t)need + 1);
    if (!s)
        return NG_ERR_NOMEM;
    va_start(ap, fmt);
    if (vsnprintf(s, (size_t)need + 1, fmt, ap) < 0)
        s[0] = '\0';
    va_end(ap);
    l->items[l->count++] = s;
    return NG_OK;
}

void ng_strlist_free(ng_strlist *l)
{
    size_t i;

    if (!l)
        return;
    for (i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

void ng_set_error(ng_error *err, ng_status code, const char *file, int line,
                  const char *fmt, ...)
{
    va_list ap;
    size_t used = 0;
    int k;

    if (!err)
        return;
    err->code = code;
    err->line = file ? line : 0;
    err->file[0] = '\0';
    err->message[0] = '\0';

    if (file) {
        /* snprintf truncates; a path longer than file[] is still usable */
        snprintf(err->file, sizeof err->file, "%s", file);
        if (line > 0)
            k = snprintf(err->message, sizeof err->message, "%s:%d: ", file,
                         line);
        else
            k = snprintf(err->message, sizeof err->message, "%s: ", file);
        if (k > 0)
            used = (size_t)k < sizeof err->message
                       ? (size_t)k
                       : sizeof err->message - 1;
    }
    if (fmt && used < sizeof err->message - 1) {
        va_start(ap, fmt);
        vsnprintf(err->message + used, sizeof err->message - used, fmt, ap);
        va_end(ap);
    }
}
