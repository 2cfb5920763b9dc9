/*
 * window.c - read a very long document in windows.
 *
 * The stages keep several maps per code point of the document they work
 * on, so their memory grows with the document.  A document longer than
 * NG_WINDOW_BYTES is therefore cut into windows of about that size, each
 * ending at a paragraph or sentence end, and each window is extracted on
 * its own; the windows' documents are then merged into one: entities by
 * (type, name), mentions and evidence shifted to offsets in the whole
 * text, relations de-duplicated as within a window; the windows'
 * warnings already name bytes of the whole text (ng_extract_part).
 * Working memory is then bounded by the window size, whatever the length
 * of the document.  What a window cannot see is the
 * document-level evidence of the other windows (a name established once,
 * a unit resolved from the document): include/newsgraph.h says so.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "doc.h"

/* Does the UTF-8 text [0, end) end with sentence-final punctuation (the
 * line joining rule's 。!?;:” and their ASCII forms), spaces aside? */
static int ends_sentence(const char *t, size_t end)
{
    while (end > 0 && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\r'))
        end--;
    if (end == 0)
        return 0;
    unsigned char c = (unsigned char)t[end - 1];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '"')
        return 1;
    if (end < 3)
        return 0;
    static const char *const marks[] = {"\xE3\x80\x82", /* 。 */ "\xEF\xBC\x81", /* ！ */
                                        "\xEF\xBC\x9F", /* ？ */ "\xEF\xBC\x9B", /* ； */
                                        "\xEF\xBC\x9A", /* ： */ "\xE2\x80\x9D" /* ” */};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (!memcmp(t + end - 3, marks[i], 3))
            return 1;
    return 0;
}

/*
 * Where the window that starts at `from` ends (at most from + max): after
 * a line break that follows a sentence end (normalisation keeps such a
 * break, so nothing it would join is cut), else after a sentence end,
 * else after any line break, else at a character boundary.  Only the
 * second half of the window is searched, so windows stay large.
 */
static size_t win_cut(const char *t, size_t len, size_t from, size_t max)
{
    if (len - from <= max)
        return len;
    size_t hi = from + max, lo = from + max / 2;
    for (size_t i = hi; i > lo; i--)
        if (t[i - 1] == '\n' && ends_sentence(t, i - 1))
            return i;
    for (size_t i = hi; i > lo; i--)
        if (ends_sentence(t, i) && ((unsigned char)t[i] & 0xC0) != 0x80)
            return i;
    for (size_t i = hi; i > lo; i--)
        if (t[i - 1] == '\n')
            return i;
    size_t i = hi;
    while (i > lo && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* The merged document under construction. */
typedef struct {
    ng_doc *d;
    size_t ecap, wcap;
    int32_t *slot;       /* entity hash set: indices into d->ents */
    size_t mask;
    pool_set ps;
    rel_set rs;
} merge;

/* The merged entity of (type, text), added if new; -1 if out of memory. */
static long merged_entity(merge *mg, const doc_entity *e)
{
    ng_doc *d = mg->d;
    if ((d->nents + 1) * 2 > mg->mask) {
        size_t mask = mg->mask ? mg->mask * 2 + 1 : 255;
        int32_t *slot = malloc((mask + 1) * sizeof *slot);
        if (!slot)
            return -1;
        for (size_t i = 0; i <= mask; i++)
            slot[i] = -1;
        for (size_t k = 0; k < d->nents; k++) {
            const doc_entity *o = &d->ents[k];
            size_t i = (size_t)doc_hash_text(o->text, o->textlen, (int)o->type) & mask;
            while (slot[i] >= 0)
                i = (i + 1) & mask;
            slot[i] = (int32_t)k;
        }
        free(mg->slot);
        mg->slot = slot;
        mg->mask = mask;
    }
    size_t i = (size_t)doc_hash_text(e->text, e->textlen, (int)e->type) & mg->mask;
    for (; mg->slot[i] >= 0; i = (i + 1) & mg->mask) {
        const doc_entity *o = &d->ents[mg->slot[i]];
        if (o->type == e->type && o->textlen == e->textlen && !memcmp(o->text, e->text, e->textlen))
            return mg->slot[i];
    }
    doc_entity *ne = doc_grow(d->ents, &mg->ecap, d->nents + 1, sizeof *ne);
    if (!ne)
        return -1;
    d->ents = ne;
    doc_entity *n = &d->ents[d->nents];
    memset(n, 0, sizeof *n);
    n->type = e->type;
    n->textlen = e->textlen;
    n->text = malloc(e->textlen + 1);
    if (!n->text)
        return -1;
    memcpy(n->text, e->text, e->textlen + 1);
    mg->slot[i] = (int32_t)d->nents;
    return (long)d->nents++;
}

/* Add window document w, whose text starts at byte `base_byte`, code
 * point `base_cp` and sentence `base_sent` of the whole. */
static int merge_window(merge *mg, const ng_doc *w, size_t base_byte, size_t base_cp,
                        size_t base_sent)
{
    ng_doc *d = mg->d;
    long *map = malloc((w->nents ? w->nents : 1) * sizeof *map);
    if (!map)
        return -1;
    for (size_t i = 0; i < w->nents; i++) {
        const doc_entity *we = &w->ents[i];
        long k = merged_entity(mg, we);
        if (k < 0)
            goto oom;
        map[i] = k;
        doc_entity *e = &d->ents[k];
        for (size_t a = 0; a < we->naliases; a++) {
            size_t q = 0;
            while (q < e->naliases && strcmp(e->aliases[q], we->aliases[a]))
                q++;
            if (q < e->naliases)
                continue;
            size_t acap = e->naliases;   /* grown one at a time: few aliases */
            char **na = doc_grow(e->aliases, &acap, e->naliases + 1, sizeof *na);
            if (!na)
                goto oom;
            e->aliases = na;
            if (!(e->aliases[e->naliases] = strdup(we->aliases[a])))
                goto oom;
            e->naliases++;
        }
        ng_mention *nm = doc_grow(e->m, &e->mcap, e->nm + we->nm, sizeof *nm);
        if (!nm)
            goto oom;
        e->m = nm;
        for (size_t k2 = 0; k2 < we->nm; k2++) {
            ng_mention m = we->m[k2];
            m.start += base_cp;
            m.end += base_cp;
            m.byte_start += base_byte;
            m.byte_end += base_byte;
            m.sentence += base_sent;
            if (!(m.rule = doc_intern(d, &mg->ps, m.rule)))
                goto oom;
            e->m[e->nm++] = m;
        }
    }
    for (size_t i = 0; i < w->nrels; i++) {
        ng_relation r = w->rels[i];
        long *f[] = {&r.person, &r.org, &r.position, &r.child, &r.parent};
        for (size_t q = 0; q < sizeof f / sizeof *f; q++)
            if (*f[q] >= 0)
                *f[q] = map[*f[q]];
        r.ev_start += base_cp;
        r.ev_end += base_cp;
        r.ev_byte_start += base_byte;
        r.ev_byte_end += base_byte;
        if (!(r.rule = doc_intern(d, &mg->ps, r.rule)) || doc_add_relation(d, &mg->rs, &r))
            goto oom;
    }
    for (size_t i = 0; i < w->nwarn; i++) {
        char **nw = doc_grow(d->warn, &mg->wcap, d->nwarn + 1, sizeof *nw);
        if (!nw)
            goto oom;
        d->warn = nw;
        if (!(d->warn[d->nwarn] = strdup(w->warn[i])))
            goto oom;
        d->nwarn++;
    }
    free(map);
    return 0;
oom:
    free(map);
    return -1;
}

ng_doc *ng_extract_windows(ng_workspace *ws, const ng_rules *rules, const char *text,
                           size_t len, const char *doc_id, const ng_options *opts,
                           ng_error *err)
{
    merge mg;
    memset(&mg, 0, sizeof mg);
    mg.d = calloc(1, sizeof *mg.d);
    if (!mg.d || !(mg.d->id = strdup(doc_id ? doc_id : "")))
        goto oom;
    size_t from = 0, base_cp = 0, base_sent = 0;
    int first = 1;
    while (from < len) {
        size_t cut = win_cut(text, len, from, NG_WINDOW_BYTES);
        ng_doc *w = ng_extract_part(ws, rules, text + from, cut - from, doc_id, opts, from,
                                    err);
        if (!w)
            goto fail;
        if (first)
            mg.d->script = w->script; /* how the first window was read */
        first = 0;
        int rc = merge_window(&mg, w, from, base_cp, base_sent);
        base_cp += w->ncps;
        base_sent += w->nsent;
        ng_doc_free(w);
        if (rc)
            goto oom;
        from = cut;
    }
    mg.d->ncps = base_cp;
    mg.d->nsent = base_sent;
    free(mg.slot);
    free(mg.ps.slot);
    free(mg.rs.slot);
    return mg.d;
oom:
    ng_set_error(err, NG_ERR_NOMEM, NULL, 0, "out of memory");
fail:
    free(mg.slot);
    free(mg.ps.slot);
    free(mg.rs.slot);
    ng_doc_free(mg.d);
    return NULL;
}
