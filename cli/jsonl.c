/*
 * jsonl.c - one line of `newsgraph --jsonl` input, parsed into a document
 * (see jsonl.h).  Pure: no I/O, no global state, no exit on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonl.h"

/*
 * jansson's memory while a line is parsed.  A line costs jansson a dozen
 * allocations (the object, its table, keys, values, a buffer that doubles
 * as the text is read), all freed before ng_cli_jsonl_parse() returns.
 * With ng_cli_jsonl_arena() they come from a bump arena of the thread's,
 * emptied once the line is parsed: what does not fit is malloc'd and
 * freed as usual.  Sanitizer builds keep malloc, so they still see
 * jansson's blocks one by one.
 */
#define JA_CAP ((size_t)256 << 10)
#if defined(__SANITIZE_ADDRESS__)
#define JA_USE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JA_USE 0
#endif
#endif
#ifndef JA_USE
#define JA_USE 1
#endif

static _Thread_local struct {
    unsigned char *buf;
    size_t used;
} ja;

static void *ja_malloc(size_t n)
{
    if (ja.buf && n < JA_CAP - ja.used) {   /* <: p stays inside, see ja_free */
        void *p = ja.buf + ja.used;
        ja.used += (n + 15) & ~(size_t)15;
        if (ja.used > JA_CAP)
            ja.used = JA_CAP;
        return p;
    }
    return malloc(n);
}

static void ja_free(void *p)
{
    unsigned char *q = p;
    if (q && !(ja.buf && q >= ja.buf && q < ja.buf + JA_CAP))
        free(p);
}

void ng_cli_jsonl_arena(void)
{
    if (JA_USE)
        json_set_alloc_funcs(ja_malloc, ja_free);
}

void *ng_cli_jsonl_arena_new(void)
{
    return JA_USE ? malloc(JA_CAP) : NULL;
}

void ng_cli_jsonl_arena_use(void *buf)
{
    ja.buf = buf;
    ja.used = 0;
}

static char *dup_bytes(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* A JSON number as the shortest decimal string that reads back the same. */
static char *number_id(const json_t *v)
{
    char buf[64];
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    } else {
        double d = json_real_value(v);
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, d);
            if (strtod(buf, NULL) == d)
                break;
        }
    }
    return dup_bytes(buf, strlen(buf));
}

int ng_cli_line_blank(const char *line, size_t *len)
{
    size_t n = *len;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    *len = n;
    size_t k = 0;
    while (k < n && (line[k] == ' ' || line[k] == '\t'))
        k++;
    return k == n;
}

int ng_cli_jsonl_parse(const char *line, size_t len, size_t index,
                       ng_cli_jsonl_record *rec, char *why, size_t whysize)
{
    memset(rec, 0, sizeof *rec);
    if (whysize)
        why[0] = '\0';
    if (ng_cli_line_blank(line, &len))
        return NG_CLI_JSONL_BLANK;

    json_error_t jerr;
    /* JSON_ALLOW_NUL: "\u0000" is text like any other character. */
    json_t *obj = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!obj) {
        ja.used = 0;
        snprintf(why, whysize, "not valid JSON: %s (column %d)", jerr.text,
                 jerr.column);
        return NG_CLI_JSONL_BROKEN;
    }
    const char *reason = NULL;
    json_t *text = json_object_get(obj, "text");
    json_t *idv = json_object_get(obj, "id");
    if (!json_is_object(obj))
        reason = "not a JSON object";
    else if (!text)
        reason = "no \"text\"";
    else if (!json_is_string(text))
        reason = "\"text\" is not a string";
    else if (idv && !json_is_null(idv) && !json_is_string(idv)
             && !json_is_number(idv))
        reason = "\"id\" is neither a string nor a number";
    if (!reason) {
        if (json_is_string(idv)) {
            rec->id = dup_bytes(json_string_value(idv), json_string_length(idv));
        } else if (json_is_number(idv)) {
            rec->id = number_id(idv);
        } else {
            char buf[32];
            snprintf(buf, sizeof buf, "%zu", index);
            rec->id = dup_bytes(buf, strlen(buf));
        }
        rec->text_len = json_string_length(text);
        rec->text = dup_bytes(json_string_value(text), rec->text_len);
        if (!rec->id || !rec->text) {
            free(rec->id);
            free(rec->text);
            memset(rec, 0, sizeof *rec);
            reason = "out of memory";
        }
    }
    json_decref(obj);
    ja.used = 0;   /* nothing of jansson's is left in the arena */
    if (reason) {
        snprintf(why, whysize, "%s", reason);
        return NG_CLI_JSONL_BROKEN;
    }
    return NG_CLI_JSONL_RECORD;
}
