/*
 * normalize.c - the caller's bytes become the working text.
 *
 * Reading rules, in the order they apply:
 *
 * 1. UTF-8 decoding.  Each maximal subpart of an ill-formed sequence
 *    (Unicode ch. 3, "U+FFFD substitution of maximal subparts", which is
 *    what Python's bytes.decode("utf-8", "replace") does) becomes one
 *    U+FFFD, and counts as one original code point.  A run of adjacent
 *    bad bytes gives one warning naming its first byte; after
 *    NG_MAX_UTF8_WARNINGS runs the rest are summed up in one last warning
 *    so hostile input cannot make millions of them.
 * 2. Control characters.  C0 and C1 controls (U+0000-001F, U+007F-009F)
 *    other than TAB, LF and CR become U+0020, one for one, so that a NUL
 *    is a space of the text rather than its end.
 * 3. NFKC (utf8proc), segment by segment.  A segment is a starter and the
 *    non-starters after it; a starter that can compose with what precedes
 *    it (Hangul V/T jamo, the few composing vowel signs) does not start a
 *    segment.  Since NFKC never acts across such a boundary, normalising
 *    each segment alone gives NFKC of the whole, and every working code
 *    point can carry its segment's original span: cuts between working
 *    code points always fall between whole original characters.
 * 4. Line joining (GUIDELINES.md): see join_lines().
 *
 * The map is exact: working code point i came from original code points
 * [src_cp[i], src_cp_end[i]) and bytes [src_byte[i], src_byte_end[i]).
 *
 * Speed: almost all of Chinese news is ASCII, CJK ideographs and a few
 * punctuation marks that NFKC leaves alone or maps to one code point;
 * those never reach utf8proc's composition code.  Segments that do are
 * normalised in a reused buffer, with no allocation per segment.
 */
#include "internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NG_MAX_UTF8_WARNINGS 1000

/* utf8proc 2.10 changed how the property says "second of a pair". */
#if UTF8PROC_VERSION_MAJOR > 2 || \
    (UTF8PROC_VERSION_MAJOR == 2 && UTF8PROC_VERSION_MINOR >= 10)
#  define PROP_IS_SECOND(p) ((p)->comb_issecond)
#else
#  define PROP_IS_SECOND(p) \
      ((p)->comb_index != UINT16_MAX && (p)->comb_index >= 0x8000)
#endif

/* Segment scratch: the stack part covers any ordinary text. */
#define SEG_STACK 128

typedef struct {
    ng_text *t;
    size_t cap;                 /* entries allocated in each array of t */
    int32_t seg_stack[SEG_STACK];
    int32_t *seg;               /* seg_stack or heap; decomposed segment */
    size_t seg_len, seg_cap;
    int32_t *heap;              /* grown for absurd combining runs */
    uint8_t *ccc_scratch;       /* for sorting long non-starter runs */
    int32_t *cp_scratch;
    size_t scratch_cap;
} builder;

/* ---- output arrays --------------------------------------------------- */

static int grow(builder *b, size_t need)
{
    ng_text *t = b->t;
    size_t ncap = b->cap;

    if (need <= b->cap)
        return NG_OK;
    if (need > UINT32_MAX) /* offsets are 32-bit (internal.h) */
        return NG_ERR_NOMEM;
    while (ncap < need) {
        size_t next = ncap + ncap / 2 + 16;
        if (next < ncap)
            return NG_ERR_NOMEM;
        ncap = next;
    }
    if (ncap > SIZE_MAX / (5 * sizeof(uint32_t)))
        return NG_ERR_NOMEM;
    /* the code points and the four maps are one allocation (t->cp, the
       only one ng_text_free() frees of them): one malloc per document,
       as most documents never grow past the first estimate */
    uint32_t *blk = malloc(ncap * 5 * sizeof *blk);
    if (!blk)
        return NG_ERR_NOMEM;
    if (t->cp) {
        memcpy(blk, t->cp, t->n * sizeof *blk);
        memcpy(blk + ncap, t->src_cp, t->n * sizeof *blk);
        memcpy(blk + 2 * ncap, t->src_cp_end, t->n * sizeof *blk);
        memcpy(blk + 3 * ncap, t->src_byte, t->n * sizeof *blk);
        memcpy(blk + 4 * ncap, t->src_byte_end, t->n * sizeof *blk);
        free(t->cp);
    }
    t->cp = blk;
    t->src_cp = blk + ncap;
    t->src_cp_end = blk + 2 * ncap;
    t->src_byte = blk + 3 * ncap;
    t->src_byte_end = blk + 4 * ncap;
    b->cap = ncap;
    t->cap = ncap;
    return NG_OK;
}

/* ---- UTF-8 decoding -------------------------------------------------- */

/*
 * Decode one character at s (avail > 0 bytes).  Returns its length; for
 * an ill-formed sequence sets *c = -1 and returns the length of the
 * maximal subpart (1..3), which becomes one U+FFFD.
 */
static inline size_t decode(const uint8_t *s, size_t avail, int32_t *c)
{
    uint8_t b0 = s[0], lo = 0x80, hi = 0xBF;

    if (b0 < 0x80) {
        *c = b0;
        return 1;
    }
    *c = -1;
    if (b0 < 0xC2)
        return 1;
    if (b0 < 0xE0) {
        if (avail < 2 || (s[1] & 0xC0) != 0x80)
            return 1;
        *c = ((b0 & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (b0 < 0xF0) {
        if (b0 == 0xE0) lo = 0xA0;
        else if (b0 == 0xED) hi = 0x9F; /* no surrogates */
        if (avail < 2 || s[1] < lo || s[1] > hi)
            return 1;
        if (avail < 3 || (s[2] & 0xC0) != 0x80)
            return 2;
        *c = ((b0 & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (b0 < 0xF5) {
        if (b0 == 0xF0) lo = 0x90;
        else if (b0 == 0xF4) hi = 0x8F; /* nothing above U+10FFFF */
        if (avail < 2 || s[1] < lo || s[1] > hi)
            return 1;
        if (avail < 3 || (s[2] & 0xC0) != 0x80)
            return 2;
        if (avail < 4 || (s[3] & 0xC0) != 0x80)
            return 3;
        *c = ((b0 & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
             ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    return 1;
}

/* ---- NFKC by segments ------------------------------------------------ */

static inline bool is_jamo_vt(int32_t c)
{
    /* medial vowels and final consonants compose with what precedes */
    return (c >= 0x1160 && c <= 0x11FF) || (c >= 0xD7B0 && c <= 0xD7FF);
}

/* Does decomposed code point c start a new segment? */
static inline bool starts_segment(int32_t c)
{
    const utf8proc_property_t *p;

    if (c < 0x300)
        return true; /* Latin-1 and ASCII: all starters, none a second */
    p = utf8proc_get_property(c);
    return p->combining_class == 0 && !PROP_IS_SECOND(p) && !is_jamo_vt(c);
}

static inline int ccc_of(int32_t c)
{
    return c < 0x300 ? 0 : utf8proc_get_property(c)->combining_class;
}

static int seg_reserve(builder *b, size_t extra)
{
    size_t need = b->seg_len + extra, ncap;
    int32_t *p;

    if (need < b->seg_len)
        return NG_ERR_NOMEM;
    if (need <= b->seg_cap)
        return NG_OK;
    ncap = b->seg_cap * 2;
    if (ncap < need)
        ncap = need;
    if (ncap > SIZE_MAX / sizeof *p)
        return NG_ERR_NOMEM;
    if (b->seg == b->seg_stack) {
        p = malloc(ncap * sizeof *p);
        if (!p)
            return NG_ERR_NOMEM;
        memcpy(p, b->seg_stack, b->seg_len * sizeof *p);
    } else {
        p = realloc(b->heap, ncap * sizeof *p);
        if (!p)
            return NG_ERR_NOMEM;
    }
    b->heap = b->seg = p;
    b->seg_cap = ncap;
    return NG_OK;
}

/* Append the full compatibility decomposition of c to the segment. */
static int seg_add(builder *b, int32_t c)
{
    int32_t tmp[32];
    int last = 0;
    utf8proc_ssize_t k;

    k = utf8proc_decompose_char(c, tmp, 32, UTF8PROC_DECOMPOSE |
                                UTF8PROC_COMPAT, &last);
    if (k < 0 || k > 32) { /* cannot happen (longest is 18): keep c */
        tmp[0] = c;
        k = 1;
    }
    if (seg_reserve(b, (size_t)k) != NG_OK)
        return NG_ERR_NOMEM;
    memcpy(b->seg + b->seg_len, tmp, (size_t)k * sizeof *tmp);
    b->seg_len += (size_t)k;
    return NG_OK;
}

/*
 * Canonical ordering: sort each run of non-starters by combining class,
 * stably.  Short runs by insertion; long ones by counting sort, so a
 * megabyte of stacked accents stays linear.
 */
static int canonical_order(builder *b)
{
    int32_t *s = b->seg;
    size_t n = b->seg_len, i = 0;

    while (i < n) {
        size_t j;
        if (ccc_of(s[i]) == 0) {
            i++;
            continue;
        }
        j = i;
        while (j < n && ccc_of(s[j]) != 0)
            j++;
        if (j - i <= 32) {
            size_t x;
            for (x = i + 1; x < j; x++) {
                int32_t v = s[x];
                int cv = ccc_of(v);
                size_t y = x;
                while (y > i && ccc_of(s[y - 1]) > cv) {
                    s[y] = s[y - 1];
                    y--;
                }
                s[y] = v;
            }
        } else {
            size_t count[257] = {0}, m = j - i, x;
            if (m > b->scratch_cap) {
                uint8_t *cc = realloc(b->ccc_scratch, m);
                int32_t *cs;
                if (!cc)
                    return NG_ERR_NOMEM;
                b->ccc_scratch = cc;
                if (m > SIZE_MAX / sizeof *cs)
                    return NG_ERR_NOMEM;
                cs = realloc(b->cp_scratch, m * sizeof *cs);
                if (!cs)
                    return NG_ERR_NOMEM;
                b->cp_scratch = cs;
                b->scratch_cap = m;
            }
            for (x = 0; x < m; x++) {
                b->ccc_scratch[x] = (uint8_t)ccc_of(s[i + x]);
                count[b->ccc_scratch[x] + 1]++;
            }
            for (x = 1; x < 257; x++)
                count[x] += count[x - 1];
            for (x = 0; x < m; x++)
                b->cp_scratch[count[b->ccc_scratch[x]]++] = s[i + x];
            memcpy(s + i, b->cp_scratch, m * sizeof *s);
        }
        i = j;
    }
    return NG_OK;
}

/* Normalise the pending segment and append its code points. */
static int seg_flush(builder *b, size_t cp0, size_t cp1, size_t b0,
                     size_t b1)
{
    utf8proc_ssize_t k;
    size_t i;

    if (b->seg_len == 0)
        return NG_OK;
    if (b->seg_len == 1) {
        /* a lone fully decomposed code point is already NFKC */
        k = 1;
    } else {
        if (canonical_order(b) != NG_OK)
            return NG_ERR_NOMEM;
        k = utf8proc_normalize_utf32(b->seg, (utf8proc_ssize_t)b->seg_len,
                                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (k < 0) /* no error is possible with these options */
            k = (utf8proc_ssize_t)b->seg_len;
    }
    if (grow(b, b->t->n + (size_t)k + 1) != NG_OK)
        return NG_ERR_NOMEM;
    for (i = 0; i < (size_t)k; i++) {
        ng_text *t = b->t;
        size_t j = t->n++;
        t->cp[j] = (uint32_t)b->seg[i];
        t->src_cp[j] = (uint32_t)cp0;
        t->src_cp_end[j] = (uint32_t)cp1;
        t->src_byte[j] = (uint32_t)b0;
        t->src_byte_end[j] = (uint32_t)b1;
    }
    b->seg_len = 0;
    return NG_OK;
}

/* ---- pass 1: decode, repair, NFKC ------------------------------------ */

typedef struct {
    size_t start, bytes, fffd; /* current run of bad bytes */
    size_t runs, more_runs, more_bytes;
    size_t base;               /* added to byte positions in warnings */
} badrun;

static int report_run(badrun *r, ng_strlist *w)
{
    int rc = NG_OK;

    if (r->bytes == 0)
        return NG_OK;
    if (r->runs < NG_MAX_UTF8_WARNINGS) {
        if (w && r->fffd == 1)
            rc = ng_strlist_addf(w, "invalid UTF-8 at byte %zu (%zu byte%s) "
                                 "replaced by U+FFFD", r->base + r->start, r->bytes,
                                 r->bytes == 1 ? "" : "s");
        else if (w)
            rc = ng_strlist_addf(w, "invalid UTF-8 at byte %zu (%zu bytes) "
                                 "replaced by %zu U+FFFD", r->base + r->start,
                                 r->bytes, r->fffd);
    } else {
        r->more_runs++;
        r->more_bytes += r->bytes;
    }
    r->runs++;
    r->bytes = r->fffd = 0;
    return rc;
}

/*
 * The pending segment is the one the last character belongs to: it stays
 * open until a character that starts a new segment comes.  It is either
 * "simple" (one original character whose NFKC on its own is the single
 * code point p_out; nothing decomposed) or held decomposed in b->seg.
 */
enum { PEND_NONE, PEND_SIMPLE, PEND_SEG };

/* The output arrays live in locals in the hot loop (stores through them
   could otherwise alias the ng_text fields and force reloads). */
typedef struct {
    uint32_t *cp;
    uint32_t *c0, *c1, *b0, *b1;
    size_t n, cap;
} outv;

static inline void out_load(outv *o, const builder *b)
{
    o->cp = b->t->cp;
    o->c0 = b->t->src_cp;
    o->c1 = b->t->src_cp_end;
    o->b0 = b->t->src_byte;
    o->b1 = b->t->src_byte_end;
    o->n = b->t->n;
    o->cap = b->cap;
}

static int decode_normalize(builder *b, const uint8_t *s, size_t len, size_t base,
                            ng_strlist *warnings)
{
    ng_text *t = b->t;
    size_t i = 0, cpi = 0;
    size_t p_cp = 0, p_byte = 0; /* pending segment's start */
    int32_t p_orig = 0, p_out = 0;
    int pend = PEND_NONE;
    badrun bad = {0};
    bad.base = base;
    outv o;

    out_load(&o, b);

/* Close the pending segment, which ends just before character cpi. */
#define CLOSE_PENDING()                                                    \
    do {                                                                   \
        if (pend == PEND_SIMPLE) {                                         \
            if (o.n + 1 >= o.cap) {                                        \
                t->n = o.n;                                                \
                if (grow(b, o.n + 2) != NG_OK)                             \
                    return NG_ERR_NOMEM;                                   \
                out_load(&o, b);                                           \
            }                                                              \
            o.cp[o.n] = (uint32_t)p_out;                                   \
            o.c0[o.n] = (uint32_t)p_cp;                                    \
            o.c1[o.n] = (uint32_t)cpi;                                     \
            o.b0[o.n] = (uint32_t)p_byte;                                  \
            o.b1[o.n] = (uint32_t)i;                                       \
            o.n++;                                                         \
        } else if (pend == PEND_SEG) {                                     \
            t->n = o.n;                                                    \
            if (seg_flush(b, p_cp, cpi, p_byte, i) != NG_OK)               \
                return NG_ERR_NOMEM;                                       \
            out_load(&o, b);                                               \
        }                                                                  \
    } while (0)

    while (i < len) {
        int32_t c, out;
        size_t blen;
        bool simple;

        /* Fast lane: printable ASCII and CJK ideographs after a simple
           character, the bulk of the text. */
        if (pend == PEND_SIMPLE) {
            while (i < len) {
                uint8_t c0 = s[i];
                if (c0 >= 0x20 && c0 < 0x7F) {
                    c = c0;
                    blen = 1;
                } else if (c0 >= 0xE3 && c0 <= 0xE9 && len - i > 2 &&
                           (s[i + 1] & 0xC0) == 0x80 &&
                           (s[i + 2] & 0xC0) == 0x80) {
                    c = ((c0 & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) |
                        (s[i + 2] & 0x3F);
                    if (c < 0x3400)
                        break;
                    blen = 3;
                } else {
                    break;
                }
                if (bad.bytes)
                    break;
                if (o.n + 1 >= o.cap) {
                    t->n = o.n;
                    if (grow(b, o.n + 2) != NG_OK)
                        return NG_ERR_NOMEM;
                    out_load(&o, b);
                }
                o.cp[o.n] = (uint32_t)p_out;
                o.c0[o.n] = (uint32_t)p_cp;
                o.c1[o.n] = (uint32_t)cpi;
                o.b0[o.n] = (uint32_t)p_byte;
                o.b1[o.n] = (uint32_t)i;
                o.n++;
                p_orig = p_out = c;
                p_cp = cpi++;
                p_byte = i;
                i += blen;
            }
            if (i >= len)
                break;
        }

        /* Decode; ASCII and 3-byte forms (CJK) inline. */
        if (s[i] < 0x80) {
            c = s[i];
            blen = 1;
        } else if ((s[i] & 0xF0) == 0xE0 && len - i > 2 &&
                   (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
                   (s[i] != 0xE0 || s[i + 1] >= 0xA0) &&
                   (s[i] != 0xED || s[i + 1] < 0xA0)) {
            c = ((s[i] & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) |
                (s[i + 2] & 0x3F);
            blen = 3;
        } else {
            blen = decode(s + i, len - i, &c);
        }

        if (c < 0) {
            if (bad.bytes == 0)
                bad.start = i;
            bad.bytes += blen;
            bad.fffd++;
            c = 0xFFFD;
        } else if (bad.bytes && report_run(&bad, warnings) != NG_OK) {
            return NG_ERR_NOMEM;
        }
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
            (c >= 0x7F && c <= 0x9F))
            c = ' ';

        /* Classify.  simple: a starter with no decomposition that is not
           the second of a composition pair, so it also starts a segment
           and is its own NFKC (out is what NFKC maps it to). */
        if (c < 0x80 || (c >= 0x3400 && c <= 0x9FFF)) {
            simple = true; /* ASCII, CJK ideographs: NFKC-stable */
            out = c;
        } else if (c >= 0xFF01 && c <= 0xFF5E) {
            simple = true; /* full-width ASCII */
            out = c - 0xFEE0;
        } else if (c == 0x3000) {
            simple = true; /* ideographic space */
            out = ' ';
        } else {
            const utf8proc_property_t *pr = utf8proc_get_property(c);
            simple = pr->combining_class == 0 &&
                     pr->decomp_seqindex == UINT16_MAX &&
                     !PROP_IS_SECOND(pr) && !is_jamo_vt(c);
            out = c;
        }

        if (simple) {
            CLOSE_PENDING();
            pend = PEND_SIMPLE;
            p_orig = c;
            p_out = out;
        } else {
            int32_t tmp[32];
            int last = 0;
            utf8proc_ssize_t k;

            k = utf8proc_decompose_char(c, tmp, 32, UTF8PROC_DECOMPOSE |
                                        UTF8PROC_COMPAT, &last);
            if (k <= 0 || k > 32) { /* cannot happen (longest is 18) */
                tmp[0] = c;
                k = 1;
            }
            if (pend != PEND_NONE && !starts_segment(tmp[0])) {
                /* continues the pending segment, which keeps its start */
                if (pend == PEND_SIMPLE) {
                    if (seg_add(b, p_orig) != NG_OK)
                        return NG_ERR_NOMEM;
                    pend = PEND_SEG;
                }
                if (seg_reserve(b, (size_t)k) != NG_OK)
                    return NG_ERR_NOMEM;
                memcpy(b->seg + b->seg_len, tmp, (size_t)k * sizeof *tmp);
                b->seg_len += (size_t)k;
                cpi++;
                i += blen;
                continue;
            }
            CLOSE_PENDING();
            /* the segment is empty now and holds at least SEG_STACK */
            memcpy(b->seg, tmp, (size_t)k * sizeof *tmp);
            b->seg_len = (size_t)k;
            pend = PEND_SEG;
        }
        p_cp = cpi++;
        p_byte = i;
        i += blen;
    }
    CLOSE_PENDING();
#undef CLOSE_PENDING
    t->n = o.n;

    if (bad.bytes && report_run(&bad, warnings) != NG_OK)
        return NG_ERR_NOMEM;
    if (bad.more_runs && warnings &&
        ng_strlist_addf(warnings, "invalid UTF-8: %zu more runs (%zu bytes) "
                        "replaced by U+FFFD, not listed", bad.more_runs,
                        bad.more_bytes) != NG_OK)
        return NG_ERR_NOMEM;
    t->orig_cps = cpi;
    return NG_OK;
}

/* ---- pass 2: line joining -------------------------------------------- */

static inline bool is_ws(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline bool is_alnum_ascii(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
           (c >= 'a' && c <= 'z');
}

/* Sentence-final punctuation after NFKC: 。!?;:”’」』 . " ' ) */
static inline bool is_final(uint32_t c)
{
    switch (c) {
    case 0x3002: case '!': case '?': case ';': case ':': case 0x201D:
    case 0x2019: case 0x300D: case 0x300F: case '.': case '"': case '\'':
    case ')':
        return true;
    default:
        return false;
    }
}

/* Punctuation that a heading does not contain: , 、 。 ; ! ? */
static inline bool is_clause_punct(uint32_t c)
{
    return c == ',' || c == 0x3001 || c == 0x3002 || c == ';' || c == '!' ||
           c == '?';
}

/* A line between two breaks, trimmed (only what the decision needs). */
typedef struct {
    size_t len;          /* code points from first to last non-space */
    uint32_t first, last;
    bool clause_punct;
    size_t open_q, close_q;
} line_info;

static bool heading_like(const line_info *l)
{
    return l->len >= 1 && l->len <= 25 && !l->clause_punct &&
           l->open_q == l->close_q;
}

/*
 * Scan the line starting at `from` up to the next break: a maximal run of
 * whitespace holding a line break.  Sets *bs, *be to the break's bounds
 * and *lb to its first line-break character; *bs == n when the text ends
 * first.  Each code point is looked at once.
 */
static void scan_line(const ng_text *t, size_t from, line_info *li,
                      size_t *bs, size_t *be, size_t *lb)
{
    const uint32_t *cp = t->cp;
    size_t n = t->n, i = from, first = SIZE_MAX, last = 0;

    memset(li, 0, sizeof *li);
    while (i < n) {
        uint32_t c = cp[i];
        if (c >= 0x4e00 && c <= 0x9fff) {   /* Han: none of the tests below */
            if (first == SIZE_MAX)
                first = i;
            last = i++;
            continue;
        }
        if (is_ws(c)) {
            size_t j = i, brk = SIZE_MAX;
            while (j < n && is_ws(cp[j])) {
                if (brk == SIZE_MAX && (cp[j] == '\n' || cp[j] == '\r'))
                    brk = j;
                j++;
            }
            if (brk != SIZE_MAX) {
                *bs = i;
                *be = j;
                *lb = brk;
                goto done;
            }
            i = j;
            continue;
        }
        if (first == SIZE_MAX)
            first = i;
        last = i;
        if (is_clause_punct(c))
            li->clause_punct = true;
        else if (c == 0x201C)
            li->open_q++;
        else if (c == 0x201D)
            li->close_q++;
        i++;
    }
    *bs = *be = *lb = n;
done:
    if (first != SIZE_MAX) {
        li->len = last - first + 1;
        li->first = cp[first];
        li->last = cp[last];
    }
}

/* Move entries [from, from+k) down to `to` in every array. */
static void move_cps(ng_text *t, size_t to, size_t from, size_t k)
{
    if (to == from || k == 0)
        return;
    memmove(t->cp + to, t->cp + from, k * sizeof *t->cp);
    memmove(t->src_cp + to, t->src_cp + from, k * sizeof *t->src_cp);
    memmove(t->src_cp_end + to, t->src_cp_end + from, k * sizeof *t->src_cp_end);
    memmove(t->src_byte + to, t->src_byte + from, k * sizeof *t->src_byte);
    memmove(t->src_byte_end + to, t->src_byte_end + from,
            k * sizeof *t->src_byte_end);
}

/*
 * GUIDELINES.md: "a line break is kept only after sentence-final
 * punctuation or before a heading-like short line; every other break
 * inside a paragraph is removed".  A kept break becomes one '\n' mapped
 * to its first line-break character (CR LF together); a removed one
 * vanishes, except between two ASCII letters or digits, where a space
 * (mapped to the break's first character) keeps words apart.  Breaks at
 * the start and the end of the text are kept; heading-likeness is tested
 * on both neighbouring lines.  Whitespace without a line break is left
 * alone.  In place, in one pass: the write index never passes the read
 * index, and each line is scanned once.
 */
static void join_lines(ng_text *t)
{
    size_t n = t->n, r = 0, w = 0, bs, be, lb;
    line_info L, M;

    scan_line(t, 0, &L, &bs, &be, &lb);
    while (bs < n) {
        size_t nbs, nbe, nlb;
        bool keep;

        move_cps(t, w, r, bs - r);
        w += bs - r;
        scan_line(t, be, &M, &nbs, &nbe, &nlb);

        keep = L.len == 0 || M.len == 0 || is_final(L.last) ||
               heading_like(&L) || heading_like(&M);
        if (keep) {
            uint32_t c0 = t->src_cp[lb], b0 = t->src_byte[lb];
            uint32_t c1 = t->src_cp_end[lb], b1 = t->src_byte_end[lb];
            if (t->cp[lb] == '\r' && lb + 1 < be && t->cp[lb + 1] == '\n') {
                c1 = t->src_cp_end[lb + 1];
                b1 = t->src_byte_end[lb + 1];
            }
            t->cp[w] = '\n';
            t->src_cp[w] = c0;
            t->src_cp_end[w] = c1;
            t->src_byte[w] = b0;
            t->src_byte_end[w] = b1;
            w++;
        } else if (is_alnum_ascii(L.last) && is_alnum_ascii(M.first)) {
            move_cps(t, w, bs, 1);
            t->cp[w] = ' ';
            w++;
        }
        r = be;
        L = M;
        bs = nbs;
        be = nbe;
        lb = nlb;
    }
    move_cps(t, w, r, n - r);
    t->n = w + (n - r);
}

/* ---- pass 3: UTF-8 of the working text -------------------------------- */

static int build_u8(ng_text *t)
{
    size_t i, total = 0, o = 0;
    unsigned char *u;

    /* room for 4 bytes a code point spares a pass that counts them (the
       pages not written are not touched); only a text too long for that
       bound is counted.  total <= 4 * n and n entries already fit in
       memory: no overflow; the offsets are 32-bit */
    if (t->n < (UINT32_MAX - 1) / 4) {
        total = 4 * t->n;
    } else {
        for (i = 0; i < t->n; i++) {
            uint32_t c = t->cp[i];
            total += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        }
        if (total >= UINT32_MAX)
            return NG_ERR_NOMEM;
    }
    /* buffers handed in (a workspace's) serve when large enough */
    if (!t->u8 || t->u8cap < total + 1) {
        free(t->u8);
        t->u8cap = 0;
        if (!(t->u8 = malloc(total + 1)))
            return NG_ERR_NOMEM;
        t->u8cap = total + 1;
    }
    if (!t->u8_off || t->offcap < t->n + 1) {
        free(t->u8_off);
        t->offcap = 0;
        if (!(t->u8_off = malloc((t->n + 1) * sizeof *t->u8_off)))
            return NG_ERR_NOMEM;
        t->offcap = t->n + 1;
    }
    u = (unsigned char *)t->u8;
    for (i = 0; i < t->n; i++) {
        uint32_t c = t->cp[i];
        t->u8_off[i] = (uint32_t)o;
        if (c < 0x80) {
            u[o++] = (unsigned char)c;
        } else if (c < 0x800) {
            u[o++] = (unsigned char)(0xC0 | (c >> 6));
            u[o++] = (unsigned char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            u[o++] = (unsigned char)(0xE0 | (c >> 12));
            u[o++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            u[o++] = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            u[o++] = (unsigned char)(0xF0 | (c >> 18));
            u[o++] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            u[o++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            u[o++] = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    t->u8_off[t->n] = (uint32_t)o;
    u[o] = '\0';
    t->u8len = o;
    return NG_OK;
}

/* ---- public ------------------------------------------------------------ */

/* Bytes 10xxxxxx in s[0..len), eight at a time. */
static size_t count_continuation(const uint8_t *s, size_t len)
{
    size_t i = 0, k = 0;

    for (; i + 8 <= len; i += 8) {
        uint64_t x, m;
        memcpy(&x, s + i, 8);
        m = x & ~(x << 1) & UINT64_C(0x8080808080808080);
        m >>= 7; /* one bit per byte; sum the bytes */
        k += (size_t)((m * UINT64_C(0x0101010101010101)) >> 56);
    }
    for (; i < len; i++)
        k += (s[i] & 0xC0) == 0x80;
    return k;
}

int ng_normalize(const char *src, size_t len, ng_text *out,
                 ng_strlist *warnings)
{
    memset(out, 0, sizeof *out);
    return ng_normalize_at(src, len, 0, out, warnings);
}

int ng_normalize_at(const char *src, size_t len, size_t base, ng_text *out,
                    ng_strlist *warnings)
{
    const uint8_t *s = (const uint8_t *)src;
    size_t warn0 = warnings ? warnings->count : 0;
    size_t est;
    builder b;
    int rc;

    /* keep the buffers the caller handed in (see ng_text), nothing else */
    ng_text keep = *out;
    memset(out, 0, sizeof *out);
    out->cp = keep.cp;
    out->u8 = keep.u8;
    out->u8_off = keep.u8_off;
    out->cap = keep.cp ? keep.cap : 0;
    out->u8cap = keep.u8 ? keep.u8cap : 0;
    out->offcap = keep.u8_off ? keep.offcap : 0;
    memset(&b, 0, sizeof b);
    if (src && len >= UINT32_MAX) { /* offsets are 32-bit (internal.h) */
        ng_text_free(out);
        return NG_ERR_NOMEM;
    }
    b.t = out;
    if (out->cp) {   /* a handed-in block: the maps follow the code points */
        b.cap = out->cap;
        out->src_cp = out->cp + b.cap;
        out->src_cp_end = out->cp + 2 * b.cap;
        out->src_byte = out->cp + 3 * b.cap;
        out->src_byte_end = out->cp + 4 * b.cap;
    }
    b.seg = b.seg_stack;
    b.seg_cap = SEG_STACK;
    if (!src)
        len = 0;

    /* one entry per original character is nearly always right */
    est = len - count_continuation(s, len);
    rc = grow(&b, est + 2);
    if (rc == NG_OK)
        rc = decode_normalize(&b, s, len, base, warnings);
    free(b.heap);
    free(b.ccc_scratch);
    free(b.cp_scratch);
    if (rc == NG_OK) {
        out->orig_bytes = len;
        join_lines(out);
        out->cp[out->n] = 0; /* room kept by grow() */
        rc = build_u8(out);
    }
    if (rc != NG_OK) {
        ng_text_free(out);
        if (warnings) { /* leave the list as it was */
            while (warnings->count > warn0)
                free(warnings->items[--warnings->count]);
        }
        return rc;
    }
    return NG_OK;
}

void ng_text_free(ng_text *t)
{
    if (!t)
        return;
    free(t->cp);   /* the four maps too (grow()) */
    free(t->u8);
    free(t->u8_off);
    memset(t, 0, sizeof *t);
}

size_t ng_text_cp_of_u8(const ng_text *t, size_t b)
{
    size_t lo = 0, hi = t->n;

    /* the last i with u8_off[i] <= b; b inside a character gives it */
    if (b >= t->u8len)
        return t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (t->u8_off[mid] <= b)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}
