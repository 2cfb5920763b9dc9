/*
 * internal.h - what the pipeline stages in lib/ share.  Not installed.
 *
 * Every stage after normalize speaks WORKING-text offsets: indices into
 * ng_text.cp (code points of the normalised copy).  Only the output stage
 * (doc.c) maps them back to the caller's original text.
 */
#ifndef NG_INTERNAL_H
#define NG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <string.h>
#include "newsgraph.h"

/* ---- small growable list of owned strings (warnings) ---------------- */
typedef struct {
    char **items;
    size_t count, cap;
} ng_strlist;

/* Append a printf-formatted string; returns NG_OK or NG_ERR_NOMEM. */
int ng_strlist_addf(ng_strlist *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ng_strlist_free(ng_strlist *l);

/* Fill an ng_error (err may be NULL).  file may be NULL. */
void ng_set_error(ng_error *err, ng_status code, const char *file, int line,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ---- a growing output buffer and a string writer (json.c, graph.c) ---- */
typedef struct {
    char *s;             /* NUL-terminated once anything was put */
    size_t n, cap;
    int oom;             /* a put failed; later puts do nothing */
} ng_buf;

/* ng_buf_put() when the bytes may not fit: grows the buffer. */
void ng_buf_put_grow(ng_buf *b, const char *s, size_t n);
/* Append n bytes.  Inline: the JSON writer puts many short pieces, and
   most fit in the room left. */
static inline void ng_buf_put(ng_buf *b, const char *s, size_t n)
{
    if (b->s && !b->oom && n < b->cap - b->n) {
        memcpy(b->s + b->n, s, n);
        b->n += n;
        b->s[b->n] = '\0';
        return;
    }
    ng_buf_put_grow(b, s, n);
}
static inline void ng_buf_puts(ng_buf *b, const char *s)
{
    ng_buf_put(b, s, strlen(s));
}
/* Decimal digits of v written backwards, ending at `end`; returns the
 * start.  (snprintf's format parsing was a visible share of writing JSON;
 * inline, as the JSON writer puts five numbers per mention.) */
static inline char *ng_utoa_end(char *end, size_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}
static inline void ng_buf_num(ng_buf *b, size_t v)
{
    char t[24];
    char *p = ng_utoa_end(t + sizeof t, v);
    ng_buf_put(b, p, (size_t)(t + sizeof t - p));
}

enum {
    NG_STR_JSON = 1,     /* a JSON string: quoted; '"', '\\' and C0 escaped */
    NG_STR_REPAIR = 2    /* NUL, and each byte that begins no well-formed
                            UTF-8 sequence, become U+FFFD */
};
/*
 * Append `len` bytes at `s` as `flags` say; with neither flag, as they
 * are.  Without NG_STR_REPAIR the bytes are not checked: the document's
 * JSON writes its (library-made) strings as they come, the graph
 * repairs every string once, when it is interned.
 */
void ng_buf_str(ng_buf *b, const char *s, size_t len, unsigned flags);

/* Length of the well-formed UTF-8 sequence at s (n > 0 bytes), 0 if none. */
size_t ng_utf8_seq(const unsigned char *s, size_t n);

/* ---- locate.c --------------------------------------------------------- */
/*
 * The default rules directory (ng_rules_load(NULL)): $NEWSGRAPH_RULES,
 * else the installed rules beside this library, else the configured
 * install path.  Valid until the calling thread calls it again.
 */
const char *ng_rules_default_location(void);

/* FNV-1a (64-bit), over code points or bytes: the one hash of the
 * library's hash sets. */
#define NG_FNV_BASIS 14695981039346656037ull
static inline uint64_t ng_fnv_step(uint64_t h, uint32_t c)
{
    return (h ^ c) * 1099511628211ull;
}
static inline uint64_t ng_fnv_cps(const uint32_t *p, size_t n)
{
    uint64_t h = NG_FNV_BASIS;
    for (size_t i = 0; i < n; i++)
        h = ng_fnv_step(h, p[i]);
    return h;
}

/* ---- window.c --------------------------------------------------------- */
/* Documents longer than NG_WINDOW_BYTES (newsgraph.h) are read in windows
 * and merged. */
ng_doc *ng_extract_windows(ng_workspace *ws, const ng_rules *rules, const char *text,
                           size_t len, const char *doc_id, const ng_options *opts,
                           ng_error *err);
/* ng_extract_with() on a text already checked and short enough: a whole
 * document (base 0), or a window of one starting at byte `base` of it,
 * which its warnings' byte positions count from. */
ng_doc *ng_extract_part(ng_workspace *ws, const ng_rules *rules, const char *text,
                        size_t len, const char *doc_id, const ng_options *opts,
                        size_t base, ng_error *err);

/* ---- normalize.c ------------------------------------------------------ */
/*
 * The normalised working copy of a document and its map back to the
 * original.  Working code point i came from original code points
 * [src_cp[i], src_cp_end[i]) and bytes [src_byte[i], src_byte_end[i]).
 * A working span [a, b) (b > a) maps to original code points
 * [src_cp[a], src_cp_end[b-1]) and bytes [src_byte[a], src_byte_end[b-1]).
 * Code points produced by one original segment (NFKC expansion) all carry
 * that segment's span, so any cut maps to whole original characters.
 */
typedef struct {
    uint32_t *cp;          /* n working code points; cp[n] == 0 */
    size_t n;
    /* 32-bit offsets (half the memory traffic of size_t): ng_normalize()
       refuses input or working text of 4 GiB or more (ng_extract() takes
       at most NG_MAX_DOC_BYTES) */
    uint32_t *src_cp, *src_cp_end;     /* n entries each; */
    uint32_t *src_byte, *src_byte_end; /* all four in cp's allocation */
    char *u8;              /* working text as UTF-8, NUL-terminated */
    size_t u8len;
    uint32_t *u8_off;      /* n+1: byte offset of working cp i in u8 */
    size_t orig_cps;       /* code points in the original (U+FFFD counted) */
    size_t orig_bytes;
    /* what was allocated: entries of cp's block (and of each map), bytes
       of u8, entries of u8_off.  ng_normalize_at() fills buffers handed
       to it this way before allocating others */
    size_t cap, u8cap, offcap;
} ng_text;

/*
 * Build the working copy of `len` bytes at `src` (see lib/normalize.c for
 * the reading rules: U+FFFD repair, NFKC, control characters, line
 * joining).  Appends a warning per repaired run of invalid bytes, naming
 * its byte position.  Returns NG_OK or NG_ERR_NOMEM (also for 4 GiB or
 * more of input or of working UTF-8); `out` is then owned
 * by the caller (ng_text_free) - on error it is left empty.
 */
int ng_normalize(const char *src, size_t len, ng_text *out, ng_strlist *warnings);
/* The same for a part of a longer document that starts at byte `base` of
 * it (lib/window.c): the warnings name bytes of the whole document.
 * `out` must be zeroed, or zeroed but for buffers to reuse (cp, u8,
 * u8_off with cap, u8cap, offcap: a workspace's); unlike ng_normalize(),
 * which takes any `out`. */
int ng_normalize_at(const char *src, size_t len, size_t base, ng_text *out,
                    ng_strlist *warnings);
void ng_text_free(ng_text *t);
/* Working code-point index of byte offset `b` of t->u8 (b <= u8len). */
size_t ng_text_cp_of_u8(const ng_text *t, size_t b);

/* ---- script.c ---------------------------------------------------------- */
/* The simplified form of c, or c itself. */
uint32_t ng_t2s(uint32_t c);
/* Write c as UTF-8 at o (room for 4 bytes); the number of bytes. */
size_t ng_utf8_put(char *o, uint32_t c);
/*
 * Read traditional characters as simplified: when `script` says so (or,
 * for NG_SCRIPT_AUTO, when the text looks traditional), replace t->cp in
 * place by simplified forms and rebuild t->u8 / t->u8_off, keeping the
 * characters as written in *written (malloc'd, n entries; NULL when
 * nothing was converted).  Returns NG_OK or NG_ERR_NOMEM; *used receives
 * the script the text was read in.
 */
int ng_script_apply(ng_text *t, int script, uint32_t **written, int *used);

/* ---- sentences.c ------------------------------------------------------- */
/*
 * Split the working text into sentences.  *starts receives a malloc'd
 * ascending array of working code-point indices where sentences begin
 * (starts[0] == 0 when n > 0), *count its length (0 for empty text).
 * Returns NG_OK or NG_ERR_NOMEM.
 */
int ng_sentences(const ng_text *t, size_t **starts, size_t *count);
/* The sentence holding working position pos (binary search). */
size_t ng_sentence_of(const size_t *starts, size_t count, size_t pos);

#endif /* NG_INTERNAL_H */
