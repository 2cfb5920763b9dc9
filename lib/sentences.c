/*
 * sentences.c - sentence boundaries of the working text.
 *
 * ICU's sentence break iterator (UAX #29 rules, locale "zh") runs over a
 * UTF-16 copy of the working code points; its positions are mapped back
 * by walking the code points forward once.  (A UText over the working
 * UTF-8 avoids the copy but measured three times slower: 120 against
 * 370 MB/s.)  UAX #29 ends a sentence after 。!? (with any closing quotes
 * and spaces that follow) and after every paragraph separator, so each
 * '\n' kept by line joining ends one.
 *
 * Iterators: opening one (ubrk_open) costs ~2.3 us, as much as splitting
 * a short news story, so each thread keeps one and reuses it (setText
 * resets it): a pthread key holds it and closes it when the thread ends.
 * An iterator is used by one call at a time, on its own thread, so there
 * is nothing to lock; ICU shares the compiled rules behind the iterators
 * read-only.  Should the key be unavailable, each call opens and closes
 * its own iterator, as before.
 *
 * If ICU cannot open an iterator (missing data, not memory), a plain
 * splitter takes over: after '\n' and after 。!? followed by closing
 * quotes, so the stage never fails on a working system.
 */
#include "internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

typedef struct {
    size_t *v;
    size_t count, cap;
} sizevec;

static int push(sizevec *s, size_t x)
{
    if (s->count == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 64;
        size_t *p;
        if (ncap < s->cap || ncap > SIZE_MAX / sizeof *p)
            return NG_ERR_NOMEM;
        p = realloc(s->v, ncap * sizeof *p);
        if (!p)
            return NG_ERR_NOMEM;
        s->v = p;
        s->cap = ncap;
    }
    s->v[s->count++] = x;
    return NG_OK;
}

static bool is_term(uint32_t c)
{
    return c == 0x3002 || c == '!' || c == '?' || c == 0xFF61;
}

static bool is_close(uint32_t c)
{
    return c == 0x201D || c == 0x2019 || c == '"' || c == '\'' ||
           c == 0x300D || c == 0x300F || c == ')' || c == 0x3011;
}

/* The fallback when ICU is unusable: see the comment at the top. */
static int split_plain(const ng_text *t, sizevec *out)
{
    size_t i = 0;

    while (i < t->n) {
        uint32_t c = t->cp[i++];
        if (is_term(c)) {
            while (i < t->n && (is_term(t->cp[i]) || is_close(t->cp[i])))
                i++;
        } else if (c != '\n') {
            continue;
        }
        if (i < t->n && push(out, i) != NG_OK)
            return NG_ERR_NOMEM;
    }
    return NG_OK;
}

/* ---- the thread's iterator ------------------------------------------- */

static pthread_once_t iter_once = PTHREAD_ONCE_INIT;
static pthread_key_t iter_key;
static int iter_key_ok;

static void iter_close(void *bi)
{
    ubrk_close(bi);
}

static void iter_key_init(void)
{
    iter_key_ok = pthread_key_create(&iter_key, iter_close) == 0;
}

/* The thread's sentence iterator (opened on first use), or NULL with *st
   set.  Give it back with iter_release(). */
static UBreakIterator *iter_get(UErrorCode *st)
{
    UBreakIterator *bi = NULL;
    pthread_once(&iter_once, iter_key_init);
    if (iter_key_ok && (bi = pthread_getspecific(iter_key)) != NULL)
        return bi;
    bi = ubrk_open(UBRK_SENTENCE, "zh", NULL, 0, st);
    if (U_FAILURE(*st))
        return NULL;
    if (iter_key_ok)
        (void)pthread_setspecific(iter_key, bi); /* if not kept, released by closing */
    return bi;
}

/* Keep bi for the thread's next call, unless it failed (`bad`). */
static void iter_release(UBreakIterator *bi, int bad)
{
    static const UChar empty[1] = {0};
    UErrorCode st = U_ZERO_ERROR;
    if (iter_key_ok && pthread_getspecific(iter_key) == bi) {
        if (!bad) {
            ubrk_setText(bi, empty, 0, &st); /* drop the caller's text */
            if (U_SUCCESS(st))
                return;
        }
        (void)pthread_setspecific(iter_key, NULL);
    }
    ubrk_close(bi);
}

/* ICU indexes text with int32_t: hand it at most this many UTF-16 units
   at a time (only pathological NFKC expansions of a 256 MiB input need
   more than one chunk). */
#define CHUNK_MAX ((size_t)INT32_MAX - 8)

/*
 * Run ICU over the text, converted to UTF-16 a chunk at a time; a chunk
 * ends after its last '\n' when the text must be cut.  Returns NG_OK,
 * NG_ERR_NOMEM, or -1 when ICU failed otherwise (the caller then splits
 * by hand).
 */
static int split_icu(const ng_text *t, sizevec *out)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi;
    UChar *u;
    size_t units = 0, i, from = 0;
    int rc = NG_OK;

    for (i = 0; i < t->n; i++)
        units += t->cp[i] >= 0x10000 ? 2 : 1;
    if (units > CHUNK_MAX)
        units = CHUNK_MAX;
    u = malloc((units + 1) * sizeof *u);
    if (!u)
        return NG_ERR_NOMEM;
    bi = iter_get(&st);
    if (!bi) {
        free(u);
        return st == U_MEMORY_ALLOCATION_ERROR ? NG_ERR_NOMEM : -1;
    }

    while (from < t->n && rc == NG_OK) {
        size_t m = 0, end, nl_end = 0, nl_m = 0, k, pos;
        int32_t p;

        for (i = from; i < t->n; i++) {
            uint32_t c = t->cp[i];
            if (c >= 0x10000) {
                if (m + 2 > CHUNK_MAX)
                    break;
                c -= 0x10000;
                u[m++] = (UChar)(0xD800 + (c >> 10));
                u[m++] = (UChar)(0xDC00 + (c & 0x3FF));
            } else {
                if (m + 1 > CHUNK_MAX)
                    break;
                u[m++] = (UChar)c;
                if (c == '\n') {
                    nl_end = i + 1;
                    nl_m = m;
                }
            }
        }
        end = i;
        if (end < t->n && nl_end > from) {
            end = nl_end;
            m = nl_m;
        }

        ubrk_setText(bi, u, (int32_t)m, &st);
        if (U_FAILURE(st)) {
            rc = st == U_MEMORY_ALLOCATION_ERROR ? NG_ERR_NOMEM : -1;
            break;
        }
        /* breaks come in order: walk code points and units together */
        k = from;
        pos = 0;
        while ((p = ubrk_next(bi)) != UBRK_DONE && (size_t)p < m) {
            while (pos < (size_t)p) {
                pos += t->cp[k] >= 0x10000 ? 2 : 1;
                k++;
            }
            if (push(out, k) != NG_OK) {
                rc = NG_ERR_NOMEM;
                break;
            }
        }
        /* a cut ends a sentence too */
        if (rc == NG_OK && end < t->n)
            rc = push(out, end);
        from = end;
    }
    iter_release(bi, rc != NG_OK);
    free(u);
    return rc;
}

/* The Sentence_Break property of c, for the cases one_sentence() asks. */
static int32_t sb_of(uint32_t c)
{
    /* Han ideographs are OLetter: most of a Chinese text, no lookup */
    if (c >= 0x4e00 && c <= 0x9fff)
        return U_SB_OLETTER;
    return u_getIntPropertyValue((UChar32)c, UCHAR_SENTENCE_BREAK);
}

/*
 * Can UAX #29 break t only at its end?  Its rules break after a
 * paragraph separator (SB4) and after a terminator with the closing
 * punctuation and spaces that follow it (SB11), nowhere else.  So if t
 * holds no Sep, CR or LF and its only terminators are in one final run
 * of terminators, then closing punctuation, then spaces, ICU would find
 * no break before the end.  A short document (one sentence, as most of
 * a stream of short records are) then skips the iterator, whose setText
 * and walk cost more than the sentence.  Anything else (Extend or Format
 * in the run, a second run) goes to ICU.
 */
static int one_sentence(const ng_text *t)
{
    size_t i = 0, n = t->n;
    int32_t sb = U_SB_OTHER;
    for (; i < n; i++) {
        sb = sb_of(t->cp[i]);
        if (sb == U_SB_STERM || sb == U_SB_ATERM || sb == U_SB_SEP ||
            sb == U_SB_CR || sb == U_SB_LF)
            break;
    }
    if (i == n)
        return 1;
    if (sb != U_SB_STERM && sb != U_SB_ATERM)
        return 0;
    while (i < n && ((sb = sb_of(t->cp[i])) == U_SB_STERM || sb == U_SB_ATERM))
        i++;
    while (i < n && sb_of(t->cp[i]) == U_SB_CLOSE)
        i++;
    while (i < n && sb_of(t->cp[i]) == U_SB_SP)
        i++;
    return i == n;
}

int ng_sentences(const ng_text *t, size_t **starts, size_t *count)
{
    sizevec v = {0};
    int rc;

    *starts = NULL;
    *count = 0;
    /* always hand out an array, even for empty text */
    if (push(&v, 0) != NG_OK)
        return NG_ERR_NOMEM;
    if (t->n == 0) {
        *starts = v.v;
        return NG_OK;
    }
    if (one_sentence(t)) {
        *starts = v.v;
        *count = v.count;
        return NG_OK;
    }
    rc = split_icu(t, &v);
    if (rc < 0) {
        v.count = 1;
        rc = split_plain(t, &v);
    }
    if (rc != NG_OK) {
        free(v.v);
        return rc;
    }
    *starts = v.v;
    *count = v.count;
    return NG_OK;
}

size_t ng_sentence_of(const size_t *starts, size_t count, size_t pos)
{
    size_t lo = 0, hi = count;

    /* the last sentence starting at or before pos */
    if (count == 0)
        return 0;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}
