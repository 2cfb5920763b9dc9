/*
 * names.c - person names with no context: the surname / given-name model.
 *
 * The context rules (entities.c) find a name after a title, in a credit
 * line, before a speech verb.  News also writes bare names (邓小平指出 is
 * found; 会见了邓小平 is not), so where no other candidate stands this
 * stage scores each name that ent_name_at() would decode with character
 * statistics mined from public NER data (scripts/gen_name_model.py,
 * scripts/gen_given_char.py; never a list of names):
 *
 *   score = log P(surname begins a name | surname written)    surname_stat.txt
 *         + sum log P(char is in a given name | char written)  given_char.txt
 *         (+ log P(next char is no given-name char), for a one-character
 *            given name: the name must end there)
 *
 * A three-character name is kept above NM_T3, a two-character one above
 * NM_T2.  The thresholds were set on lines 60-80% of the MSRA and People's
 * Daily training files with the statistics mined from lines 0-60% (the
 * last 20% stays held out): precision about 0.83 for the model alone.
 * Each mention names the surname_stat.txt line of its surname.
 *
 * Transliterated names (克林顿, 约翰·里德): a run of characters that are
 * mostly seen in foreign names (translit_char.txt), which no other
 * candidate covers, whose characters' mean log ratio is above NM_TT.
 */
#include <math.h>
#include <stdlib.h>
#include "extract.h"

#define NM_T3 (-7.0)
#define NM_T2 (-3.0)
#define NM_FLOOR 1e-4
#define NM_TCHAR 0.02   /* a character of a transliterated name */
#define NM_TMEAN 0.2    /* geometric mean ratio of a transliterated name */
#define NM_CUE 4.0      /* bonus for a title or cue right after the name */

static double ratio(const xctx *x, size_t i, int cls)
{
    const lx_entry *g = lx_lookup(&x->r->lx, x->t.cp + i, 1, cls);
    return g && g->weight > 0.0f ? (double)g->weight : NM_FLOOR;
}

/* The score of the name [p, p + sl + gl) with a surname of sl characters. */
static double name_score(const xctx *x, const lx_entry *st, size_t p, size_t sl, size_t gl)
{
    double sc = log((double)st->weight);
    for (size_t i = p + sl; i < p + sl + gl; i++)
        sc += log(ratio(x, i, LX_GIVEN_CHAR));
    size_t e = p + sl + gl;
    if (gl == 1 && e < x->t.n && is_han(x->t.cp[e])) {
        double g = ratio(x, e, LX_GIVEN_CHAR);
        sc += log(1.0 - (g > 0.99 ? 0.99 : g));
    }
    return sc;
}

/* Does a title or a speech/action verb start at e (a name ends before it)? */
static int after_cue(const xctx *x, size_t e)
{
    return e < x->t.n && (x_has_at(x, e, LX_TITLE, 2) || x_has_at(x, e, LX_CUE_AFTER, 1));
}

static int covered(const uint8_t *cov, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (cov[i])
            return 1;
    return 0;
}

/*
 * The model's name at p: its length (0: none), the surname_stat entry and
 * the margin by which its score clears the bar.
 */
static size_t best_at(const xctx *x, const uint8_t *cov, size_t p, const lx_entry **stp,
                      double *margin)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (p >= n || cov[p] || !is_han(w[p]))
        return 0;
    const lx_match *sm = x_longest_at(x, p, LX_SURNAME);
    if (!sm)
        return 0;
    size_t len = ent_name_at(x, p, n);
    if (len < 2)
        return 0;
    size_t sl = (sm->e - sm->s > 1 && len >= 3) ? sm->e - sm->s : 1;
    if (len <= sl || len - sl > 2)
        return 0;
    const lx_entry *st = lx_lookup(&x->r->lx, w + p, sl, LX_SURNAME_STAT);
    if (!st || st->weight <= 0.0f)
        return 0;
    size_t gl = len - sl, take = 0;
    /* a title or a speech verb right after the name (周恩来总理, 傅全有上将,
     * 某某说) is context: the name may end there whatever its last
     * character, and the bar is lower */
    size_t e3 = p + sl + 2;
    if (gl == 1 && e3 < n && is_han(w[p + sl + 1]) && after_cue(x, e3) &&
        !after_cue(x, p + sl + 1))
        gl = 2;
    double m3 = name_score(x, st, p, sl, 2) + (after_cue(x, p + sl + 2) ? NM_CUE : 0) - NM_T3;
    double m2 = name_score(x, st, p, sl, 1) + (after_cue(x, p + sl + 1) ? NM_CUE : 0) - NM_T2;
    if (gl == 2 && m3 > 0) {
        take = 2;
        *margin = m3;
    } else if (m2 > 0) {
        take = 1;
        *margin = m2;
    }
    if (!take || covered(cov, p, p + sl + take))
        return 0;
    *stp = st;
    return sl + take;
}

static int is_dot(uint32_t c)
{
    return c == 0x00b7 || c == 0x2022 || c == 0x2027 || c == 0x30fb;
}

/* Transliterated names: runs of characters seen in foreign names. */
static void translit_names(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (!x->r->lx.class_count[LX_TRANSLIT])
        return;
    for (size_t i = 0; i < n;) {
        if (cov[i] || !is_han(w[i]) || ratio(x, i, LX_TRANSLIT) < NM_TCHAR) {
            i++;
            continue;
        }
        size_t j = i, nh = 0;
        double sum = 0;
        while (j < n && !cov[j]) {
            if (is_han(w[j]) && ratio(x, j, LX_TRANSLIT) >= NM_TCHAR) {
                sum += log(ratio(x, j, LX_TRANSLIT));
                nh++;
                j++;
            } else if (is_dot(w[j]) && j + 1 < n && is_han(w[j + 1]) && !cov[j + 1] &&
                       ratio(x, j + 1, LX_TRANSLIT) >= NM_TCHAR) {
                j++;
            } else {
                break;
            }
        }
        /* a run that a lexicon name or word continues is no name of its own */
        if (nh >= 3 && sum / (double)nh >= log(NM_TMEAN) && (j >= n || !cov[j])) {
            cand c = {0};
            c.s = (uint32_t)i;
            c.e = (uint32_t)j;
            c.type = NG_PERSON;
            c.src = SRC_RULE;
            c.parent = -1;
            const lx_entry *t = lx_lookup(&x->r->lx, w + i, 1, LX_TRANSLIT);
            c.entry = (uint32_t)(t - x->r->lx.entries);
            c.pattern = -1;
            c.rule = "person.translit";
            if (x_add_cand(x, &c) < 0)
                return;
            for (size_t k = i; k < j; k++)
                cov[k] = 1;
        }
        i = j > i ? j : i + 1;
    }
}

void nm_bare_persons(xctx *x)
{
    size_t n = x->t.n;
    const lexicon *lx = &x->r->lx;
    if (!n || !lx->class_count[LX_SURNAME_STAT] || !lx->class_count[LX_GIVEN_CHAR])
        return;
    uint8_t *cov = calloc(n + 1, 1);
    if (!cov) {
        x->oom = 1;
        return;
    }
    for (size_t k = 0; k < x->nc; k++) {
        const cand *c = &x->c[k];
        if (c->flags & (CF_DROPPED | CF_GENERIC))
            continue;
        for (size_t i = c->s; i < c->e && i < n; i++)
            cov[i] = 1;
    }
    translit_names(x, cov);
    for (size_t p = 0; p < n; p++) {
        const lx_entry *st;
        double margin;
        size_t len = best_at(x, cov, p, &st, &margin);
        if (!len)
            continue;
        /* 于彭真: the name starting one later scores better */
        const lx_entry *st2;
        double margin2;
        if (best_at(x, cov, p + 1, &st2, &margin2) && margin2 > margin)
            continue;
        cand c = {0};
        c.s = (uint32_t)p;
        c.e = (uint32_t)(p + len);
        c.type = NG_PERSON;
        c.src = SRC_RULE;
        c.parent = -1;
        c.entry = (uint32_t)(st - lx->entries);
        c.pattern = -1;
        c.rule = "person.model";
        if (x_add_cand(x, &c) < 0)
            break;
        for (size_t i = c.s; i < c.e; i++)
            cov[i] = 1;
        p = c.e - 1;
    }
    free(cov);
}
