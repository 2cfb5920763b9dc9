/*
 * util.c - small helpers shared by the pipeline stages: a list of owned
 * strings (warnings), filling an ng_error, and the output buffer and
 * string writer of the JSON and graph renderers.
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

/* ------------------------------------------------------------------ */
/* Output buffer                                                        */

void ng_buf_put_grow(ng_buf *b, const char *s, size_t n)
{
    if (b->oom || (n == 0 && b->s))
        return;
    if (n >= SIZE_MAX - b->n) {
        b->oom = 1;
        return;
    }
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 1024;
        while (nc < b->n + n + 1) {
            if (nc > SIZE_MAX / 2) {
                b->oom = 1;
                return;
            }
            nc *= 2;
        }
        char *p = realloc(b->s, nc);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = nc;
    }
    if (n)
        memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

size_t ng_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;   /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return k;
}

void ng_buf_str(ng_buf *b, const char *s, size_t len, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    const unsigned char *run = p;
    int json = (flags & NG_STR_JSON) != 0;
    int repair = (flags & NG_STR_REPAIR) != 0;

    if (json)
        ng_buf_put(b, "\"", 1);
    while (p < end) {
        /* the common case, a JSON string of plain text: skip to the next
           byte to escape without the loop's other tests */
        if (json && !repair) {
            /* eight bytes at a time while none is a control, '"' or '\\'
               (the usual exact tests for a byte below n / equal to c) */
            const uint64_t ones = 0x0101010101010101ull, high = ones << 7;
            while (end - p >= 8) {
                uint64_t v, q, k;
                memcpy(&v, p, 8);
                q = v ^ (ones * '"');
                k = v ^ (ones * '\\');
                if ((((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((k - ones) & ~k)) & high)
                    break;
                p += 8;
            }
            while (p < end && *p >= 0x20 && *p != '"' && *p != '\\')
                p++;
        }
        if (p == end)
            break;
        unsigned c = *p;
        const char *rep;
        char esc[8];
        if (repair && (c == 0 || c >= 0x80)) {
            size_t k = c ? ng_utf8_seq(p, (size_t)(end - p)) : 0;
            if (k) {
                p += k;
                continue;
            }
            rep = "\xEF\xBF\xBD";
        } else if (!json || (c >= 0x20 && c != '"' && c != '\\')) {
            p++;
            continue;
        } else {
            switch (c) {
            case '"': rep = "\\\""; break;
            case '\\': rep = "\\\\"; break;
            case '\n': rep = "\\n"; break;
            case '\t': rep = "\\t"; break;
            case '\r': rep = "\\r"; break;
            default:
                snprintf(esc, sizeof esc, "\\u%04x", c);
                rep = esc;
            }
        }
        ng_buf_put(b, (const char *)run, (size_t)(p - run));
        ng_buf_puts(b, rep);
        run = ++p;
    }
    ng_buf_put(b, (const char *)run, (size_t)(p - run));
    if (json)
        ng_buf_put(b, "\"", 1);
}
