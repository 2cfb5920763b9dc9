/*
 * input.c - how the newsgraph commands read their documents (cli.h):
 * whole files, lines of --jsonl and --from-json input, and the small
 * helpers around them that exit on out of memory.
 */
#define _XOPEN_SOURCE 700   /* getline, strdup */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "cli.h"

void *ng_cli_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("newsgraph: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

char *ng_cli_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(ng_cli_xrealloc(NULL, n), s, n);
}

const char *ng_cli_error_text(const ng_error *err)
{
    return err->message[0] ? err->message : ng_strerror(err->code);
}

const char *ng_cli_input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "stdin" : path;
}

char *ng_cli_doc_id(const char *path)
{
    if (strcmp(path, "-") == 0)
        path = "stdin";
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && path[start - 1] != '/')
        start--;
    char *id = ng_cli_xrealloc(NULL, len - start + 1);
    memcpy(id, path + start, len - start);
    id[len - start] = '\0';
    return id;
}

/*
 * Read all of `f` (any bytes).  Returns 0, or -1 with errno set; a file
 * over NG_MAX_DOC_BYTES gives EFBIG without reading it all.
 */
static int read_all(FILE *f, char **out, size_t *outlen)
{
    size_t cap = 0, len = 0;
    char *buf = NULL;
    struct stat st;

    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((unsigned long long)st.st_size > NG_MAX_DOC_BYTES) {
            errno = EFBIG;
            return -1;
        }
        cap = (size_t)st.st_size + 1;   /* +1: EOF seen without growing */
        buf = ng_cli_xrealloc(NULL, cap);
    }
    for (;;) {
        if (len == cap) {
            if (cap > NG_MAX_DOC_BYTES) {
                free(buf);
                errno = EFBIG;
                return -1;
            }
            cap = cap ? cap * 2 : 65536;
            if (cap > NG_MAX_DOC_BYTES + 1)
                cap = NG_MAX_DOC_BYTES + 1;
            buf = ng_cli_xrealloc(buf, cap);
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                errno = e;
                return -1;
            }
            break;
        }
    }
    if (len > NG_MAX_DOC_BYTES) {
        free(buf);
        errno = EFBIG;
        return -1;
    }
    *out = buf;
    *outlen = len;
    return 0;
}

int ng_cli_read_doc(const char *path, char **text, size_t *len, char *why,
                    size_t whysize)
{
    int is_stdin = strcmp(path, "-") == 0;
    int e = 0;

    *text = NULL;
    *len = 0;
    errno = 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f || read_all(f, text, len) != 0)
        e = errno ? errno : EIO;
    if (f && !is_stdin)
        fclose(f);
    if (e) {
        snprintf(why, whysize, "%s",
                 e == EFBIG ? "larger than the 256 MiB a document may have"
                            : strerror(e));
        return -1;
    }
    return 0;
}

int ng_cli_lines_open(ng_cli_lines *in, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    memset(in, 0, sizeof *in);
    in->name = ng_cli_input_name(path);
    in->f = is_stdin ? stdin : fopen(path, "rb");
    if (!in->f) {
        fprintf(stderr, "newsgraph: %s: %s\n", in->name, strerror(errno));
        return -1;
    }
    struct stat st;
    in->regular = fstat(fileno(in->f), &st) == 0 && S_ISREG(st.st_mode);
    return 0;
}

int ng_cli_lines_next(ng_cli_lines *in, size_t *len)
{
    ssize_t got = getline(&in->line, &in->cap, in->f);
    if (got < 0)
        return 0;
    in->lineno++;
    *len = (size_t)got;
    return 1;
}

int ng_cli_lines_close(ng_cli_lines *in)
{
    int bad = ferror(in->f) != 0;
    if (bad)
        fprintf(stderr, "newsgraph: %s: read error: %s\n", in->name,
                strerror(errno));
    free(in->line);
    if (in->f != stdin)
        fclose(in->f);
    memset(in, 0, sizeof *in);
    return bad ? -1 : 0;
}
