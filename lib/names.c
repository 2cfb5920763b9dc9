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
 * NM_TCHAR and NM_TMEAN (0.02 and 0.2 before) were set on the same slice
 * and statistics.
 * NM_T3 was lowered from -7 to -8 on the same slice once the translit
 * context rules were in (-9 gains more there but costs corpus precision).
 * Each mention names the surname_stat.txt line of its surname.
 *
 * Transliterated names (克林顿, 约翰·里德): a run of characters that are
 * mostly seen in foreign names (translit_char.txt), which no other
 * candidate covers, whose characters' mean log ratio is above NM_TT.
 * In context the bar is lower (translit_context): a name written with a
 * middle dot (理查德·哈斯, rule person.translit_dot), or a run right after
 * a title that ends at a stop word or punctuation (person.translit_title).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "extract.h"

#define NM_T3 (-8.0)
#define NM_T2 (-3.0)
#define NM_FLOOR 1e-4
#define NM_TCHAR 0.01   /* a character of a transliterated name */
#define NM_TMEAN 0.1    /* geometric mean ratio of a transliterated name */
#define NM_CUE 4.0      /* bonus for a title or cue right after the name */

static double ratio(const xctx *x, size_t i, int cls)
{
    const lx_entry *g = x_entry_at(x, i, 1, cls);
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
    const lx_entry *st = x_entry_at(x, p, sl, LX_SURNAME_STAT);
    if (!st || st->weight <= 0.0f)
        return 0;
    size_t gl = len - sl, take = 0;
    /* a title or a speech verb right after the name (周恩来总理, 傅全有上将,
     * 某某说) is context: the name may end there whatever its last
     * character, and the bar is lower */
    size_t e3 = p + sl + 2;
    if (gl == 1 && e3 < n && is_han(w[p + sl + 1]) && after_cue(x, e3) &&
        !x_has_at(x, p + sl + 1, LX_STOP, 1) &&
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
    /* one test for the Han characters most calls see */
    return c <= 0x30fb && (c == 0x00b7 || c == 0x2022 || c == 0x2027 || c == 0x30fb);
}

/* A two-character short form of a town from the gazetteer (阿拉): weak
 * evidence that a foreign name running across it overrides. */
static int weak_place(const xctx *x, const cand *c)
{
    return c->type == NG_PLACE && c->src == SRC_LEXICON && c->entry != LX_NONE &&
           (x->r->lx.entries[c->entry].flags & LF_SHORT) && c->e - c->s == 2;
}

/* Transliterated names: runs of characters seen in foreign names. */
static void translit_names(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (!x->r->lx.class_count[LX_TRANSLIT])
        return;
    for (size_t i = 0; i < n;) {
        /* no translit entry at i: ratio() would give NM_FLOOR < NM_TCHAR */
        if (cov[i] || !(x->smask[i] >> LX_TRANSLIT & 1) || !is_han(w[i]) ||
            ratio(x, i, LX_TRANSLIT) < NM_TCHAR) {
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
        /* an ordinary word that starts inside the run and goes on past its
         * end (克林顿+敦促, 某某胡+希望) takes its first characters back */
        for (size_t k = i + 2; k < j; k++) {
            const lx_match *cw = x_longest_at(x, k, LX_COMMON);
            if (is_han(w[k]) && cw && cw->e >= j && cw->e - cw->s >= 2) {
                for (size_t q = k; q < j; q++)
                    if (is_han(w[q])) {
                        sum -= log(ratio(x, q, LX_TRANSLIT));
                        nh--;
                    }
                j = k;
                break;
            }
        }
        /* a one-character function word at the end is the sentence's (某某+在) */
        while (j > i + 2 && is_han(w[j - 1]) && x_has_at(x, j - 1, LX_STOP, 1) &&
               !x_has_at(x, j - 1, LX_STOP, 2)) {
            sum -= log(ratio(x, j - 1, LX_TRANSLIT));
            nh--;
            j--;
        }
        /* a run that a lexicon name or word continues is no name of its own */
        if (nh >= 3 && sum / (double)nh >= log(NM_TMEAN) && (j >= n || !cov[j])) {
            const lx_entry *t = lx_lookup(&x->r->lx, w + i, 1, LX_TRANSLIT);
            cand c = x_rule_cand(i, j, NG_PERSON, (uint32_t)(t - x->r->lx.entries),
                                  "person.translit");
            if (x_add_cand(x, &c) < 0)
                return;
            for (size_t k = i; k < j; k++)
                cov[k] = 1;
        }
        i = j > i ? j : i + 1;
    }
}

/* Where a transliterated name may not run on: text end, a non-Han
 * character that is no name dot, a covered character, a stop word or a
 * speech cue. */
static int tl_stop(const xctx *x, const uint8_t *cov, size_t j)
{
    const uint32_t *w = x->t.cp;
    return j >= x->t.n || cov[j] || !is_han(w[j]) || x_has_at(x, j, LX_STOP, 1) ||
           x_has_at(x, j, LX_CUE_AFTER, 1) || x_has_at(x, j, LX_TITLE, 2);
}

/* A stop word, an ordinary word of two or more characters or a title ends
 * at j: a transliterated name may not run back across it. */
static int tl_left_stop(const xctx *x, size_t j)
{
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        const lx_match *m = &x->m[x->end_idx[k]];
        int cls = x_entry(x, m)->cls;
        if (cls == LX_STOP || cls == LX_TITLE || cls == LX_CUE_BEFORE ||
            (cls == LX_COMMON && m->e - m->s >= 2))
            return 1;
    }
    return 0;
}

/* The mean log transliteration ratio of the Han characters of [s, e). */
static double tl_mean(const xctx *x, size_t s, size_t e, size_t *nh, double floor)
{
    double sum = 0;
    *nh = 0;
    for (size_t i = s; i < e; i++)
        if (is_han(x->t.cp[i])) {
            double r = ratio(x, i, LX_TRANSLIT);
            sum += log(r < floor ? floor : r);
            (*nh)++;
        }
    return *nh ? sum / (double)*nh : -1e9;
}

static int add_translit(xctx *x, uint8_t *cov, size_t s, size_t e, const char *rule)
{
    const lx_entry *t = lx_lookup(&x->r->lx, x->t.cp + s, 1, LX_TRANSLIT);
    cand c = x_rule_cand(s, e, NG_PERSON, t ? (uint32_t)(t - x->r->lx.entries) : LX_NONE,
                          rule);
    if (x_add_cand(x, &c) < 0)
        return -1;
    for (size_t k = s; k < e; k++)
        cov[k] = 1;
    return 0;
}

/*
 * Transliterated names in context, where the run rule above is too strict
 * (理查德 has 理, rarely foreign):
 *  - a name written with a middle dot (某某·某某): the parts around the
 *    dot, each ended by punctuation, a stop word, a speech cue, a title or
 *    an ordinary word, whose characters are on the whole foreign-looking
 *    (mean ratio >= NM_DMEAN);
 *  - a run right after a title (总统+某某某, 秘书长+某某) that ends at a
 *    stop word, cue or punctuation, mean ratio >= NM_AMEAN.
 */
#define NM_DMEAN 0.03
#define NM_AMEAN 0.08
#define NM_DLEFT 0.002  /* a character the dotted name's first part may start with */
#define NM_DFLOOR 0.005 /* in a dotted name, a character never seen in one counts as this */
static int is_person(const xctx *x, const cand *c)
{
    (void)x;
    return c->type == NG_PERSON;
}

static void translit_context(xctx *x, uint8_t *cov_all)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    /* a person candidate that the dot runs across (曼莫 before 曼莫汉·辛格)
     * is a wrong reading of the same name: it does not block, it goes */
    uint8_t *cov = x_cover_map(x, is_person);
    if (!cov)
        return;
    for (size_t i = 1; i + 1 < n; i++) {
        if (!is_dot(w[i]) || cov[i] || !is_han(w[i - 1]) || !is_han(w[i + 1]) || cov[i - 1] ||
            cov[i + 1])
            continue;
        size_t s = i;
        while (s > 0 && i - s < 6 && is_han(w[s - 1]) && !cov[s - 1] &&
               !(s < i && tl_left_stop(x, s)) &&
               (s == i || (ratio(x, s - 1, LX_TRANSLIT) >= NM_DLEFT &&
                           !x_has_at(x, s - 1, LX_STOP, 1))))
            s--;
        /* the parts after the dot: each ends at punctuation, a stop word,
         * a cue, a title, an ordinary word, or a character that is rarely
         * foreign (著, 女士) once it has two characters */
        size_t e = i + 1, part = i + 1;
        while (e < n && e - i <= 12) {
            if (is_dot(w[e]) && e > part && e + 1 < n && is_han(w[e + 1]) && !cov[e + 1]) {
                part = ++e;
                continue;
            }
            if (e > part && (tl_stop(x, cov, e) || x_has_at(x, e, LX_COMMON, 2) ||
                             (e - part >= 2 && ratio(x, e, LX_TRANSLIT) < NM_DLEFT)))
                break;
            if (!is_han(w[e]) || cov[e])
                break;
            e++;
        }
        if (e == part)
            e = part - 1; /* a dot with nothing after it: not the name's */
        size_t nh;
        if (s < i && e > i + 1 && tl_mean(x, s, e, &nh, NM_DFLOOR) >= log(NM_DMEAN)) {
            for (size_t k = 0; k < x->nc; k++) {
                cand *c = &x->c[k];
                if (c->type == NG_PERSON && c->s < e && s < c->e)
                    c->flags |= CF_DROPPED;
            }
            if (add_translit(x, cov, s, e, "person.translit_dot") < 0)
                break;
            for (size_t k = s; k < e; k++)
                cov_all[k] = 1;
            i = e;
        }
    }
    cov = cov_all;
    for (size_t p = 1; p + 1 < n; p++) {
        if (!(x->emask[p] >> LX_TITLE & 1) || cov[p] || !is_han(w[p]))
            continue;   /* (no title ends at p: t below would be NULL) */
        const lx_match *t = x_longest_ending(x, p, LX_TITLE);
        if (!t || t->e - t->s < 2 || x_has_at(x, p, LX_TITLE, 1))
            continue;
        size_t e = p;
        while (e < n && e - p < 6 &&
               (e == p || (!tl_stop(x, cov, e) && !(e > p + 1 && x_has_at(x, e, LX_COMMON, 2))))) {
            if (is_dot(w[e]) && e + 1 < n && is_han(w[e + 1]) && !cov[e + 1]) {
                e++;
                continue;
            }
            if (!is_han(w[e]) || cov[e])
                break;
            e++;
        }
        size_t nh;
        if (!tl_stop(x, cov, e) && !(e < n && w[e] == 0x7684 /* 的 */))
            continue;
        if (e - p >= 2 && tl_mean(x, p, e, &nh, NM_FLOOR) >= log(NM_AMEAN)) {
            if (add_translit(x, cov, p, e, "person.translit_title") < 0)
                return;
            p = e;
        }
    }
}

/*
 * A short foreign name right before a speech cue or a title (里德说,
 * 科尔总理): two or three characters, each seen in foreign names, mean
 * ratio >= NM_SMEAN, after punctuation, the text's start or a stop word,
 * that no candidate covers (rule person.translit_cue).
 */
#define NM_SMEAN 0.1
static void translit_cue(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    /* a name here ends before a cue or title at p + 2 or p + 3 */
    const uint32_t cue = 1u << LX_CUE_AFTER | 1u << LX_TITLE;
    for (size_t p = 0; p + 2 < n; p++) {
        if (!((x->smask[p + 2] | x->smask[p + 3]) & cue))
            continue;   /* smask has n + 1 entries: p + 3 <= n */
        if (cov[p] || !is_han(w[p]))
            continue;
        if (p > 0 && is_han(w[p - 1]) && !x_longest_ending(x, p, LX_STOP))
            continue;
        for (size_t len = 3; len >= 2; len--) {
            size_t e = p + len;
            if (e >= n || covered(cov, p, e))
                continue;
            if (!x_has_at(x, e, LX_CUE_AFTER, 1) && !x_has_at(x, e, LX_TITLE, 2))
                continue;
            int ok = 1;
            double sum = 0;
            for (size_t i = p; i < e && ok; i++) {
                double r = ratio(x, i, LX_TRANSLIT);
                if (!is_han(w[i]) || r < NM_TCHAR || x_has_at(x, i, LX_STOP, 1))
                    ok = 0;
                else
                    sum += log(r);
            }
            if (!ok || sum / (double)len < log(NM_SMEAN) || x_has_at(x, p, LX_COMMON, 2) ||
                x_has_at(x, p, LX_TITLE, 2))
                continue;
            const lx_entry *t = lx_lookup(&x->r->lx, w + p, 1, LX_TRANSLIT);
            cand c = x_rule_cand(p, e, NG_PERSON, t ? (uint32_t)(t - x->r->lx.entries) : LX_NONE,
                                  "person.translit_cue");
            if (x_add_cand(x, &c) < 0)
                return;
            for (size_t i = p; i < e; i++)
                cov[i] = 1;
            p = e - 1;
            break;
        }
    }
}

/*
 * A name written as a token of its own: a run of two or three Han
 * characters (four with a compound surname) with a bracket, a space or
 * the text's edge on both sides (by-lines, captions, 陈某（女）), that
 * decodes as surname + given name and is no word the lexicons know.  Its
 * given-name characters must not be rare in names (NM_TOKG).
 */
#define NM_TOKG 0.005
/* A bracket or a space: not a comma or 、, which join names to other
 * words in lists and slogans. */
static int tok_edge(uint32_t c)
{
    return c == '(' || c == ')' || c == '[' || c == ']' || c == ' ' || c == 0x3000 ||
           c == 0x3010 || c == 0x3011 || c == 0xff08 || c == 0xff09 || c == 0x300c ||
           c == 0x300d || c == 0x300e || c == 0x300f || c == '\n';
}
static void token_names(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    for (size_t p = 0; p < n;) {
        if (!is_han(w[p])) {
            p++;
            continue;
        }
        size_t te = p;
        while (te < n && is_han(w[te]))
            te++;
        size_t len = te - p;
        /* at the text's start a colon or comma may follow (某某：男, 某某，1960年生) */
        int edge = (p == 0 || tok_edge(w[p - 1])) &&
                   (te >= n || tok_edge(w[te]) ||
                    (p == 0 && (w[te] == ':' || w[te] == 0xff1a || w[te] == ',' ||
                                w[te] == 0xff0c)));
        if (edge && len >= 2 && len <= 4 && !covered(cov, p, te) &&
            ent_name_token(x, p, te) == len && !x_longest_at(x, p, LX_BLOCK)) {
            const lx_match *cw = x_longest_at(x, p, LX_COMMON);
            const lx_match *sm = x_longest_at(x, p, LX_SURNAME);
            size_t sl = sm ? sm->e - sm->s : 1;
            if (sl > 1 && len - sl < 1)
                sl = 1;
            int ok = !(cw && cw->e == te) && len - sl >= 1 && len - sl <= 2;
            for (size_t i = p + sl; i < te && ok; i++)
                if (ratio(x, i, LX_GIVEN_CHAR) < NM_TOKG)
                    ok = 0;
            const lx_entry *st = x_entry_at(x, p, sl, LX_SURNAME_STAT);
            if (ok && st) {
                cand c = x_rule_cand(p, te, NG_PERSON, (uint32_t)(st - x->r->lx.entries),
                                      "person.token");
                if (x_add_cand(x, &c) < 0)
                    return;
                for (size_t i = p; i < te; i++)
                    cov[i] = 1;
            }
        }
        p = te;
    }
}

/*
 * 克林顿政府, 金大中政府: a government named after its head.  The suffix
 * rule made an organisation of it; the public NER sets mark the person
 * alone.  Where the name part before 政府 is no place and reads as a
 * transliterated name (each character foreign-looking, mean ratio >=
 * NM_TMEAN) or as a Chinese name the model keeps, the organisation goes
 * and the person stays (rule person.government).
 */
static void government_heads(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        cand *o = &x->c[k];
        if (o->type != NG_ORG || (o->flags & (CF_DROPPED | CF_GENERIC)) || !o->rule ||
            strcmp(o->rule, "org.suffix") || o->e - o->s < 4)
            continue;
        size_t ss = o->e - 2;
        if (w[ss] != 0x653f /* 政 */ || w[ss + 1] != 0x5e9c /* 府 */)
            continue;
        size_t s = o->s, len = ss - s;
        if (len < 2 || len > 6)
            continue;
        int place = 0;
        for (int32_t q = x->cend[ss]; q >= 0 && !place; q = x->c[q].next_end)
            if (x->c[q].type == NG_PLACE && x->c[q].s <= s && !(x->c[q].flags & CF_DROPPED))
                place = 1;
        if (place)
            continue;
        int ok = 1;
        double sum = 0;
        for (size_t i = s; i < ss && ok; i++) {
            if (!is_han(w[i]) || ratio(x, i, LX_TRANSLIT) < NM_TCHAR)
                ok = 0;
            else
                sum += log(ratio(x, i, LX_TRANSLIT));
        }
        ok = ok && sum / (double)len >= log(NM_TMEAN);
        if (!ok && (len == 2 || len == 3)) {
            const lx_match *sm = x_longest_at(x, s, LX_SURNAME);
            const lx_entry *st = sm ? x_entry_at(x, s, 1, LX_SURNAME_STAT) : NULL;
            if (st && st->weight > 0.0f && ent_name_token(x, s, ss) == len)
                ok = name_score(x, st, s, 1, len - 1) > (len == 3 ? NM_T3 : NM_T2);
        }
        if (!ok)
            continue;
        o->flags |= CF_DROPPED;
        cand c = x_rule_cand(s, ss, NG_PERSON, LX_NONE,
                              "person.government");
        if (x_add_cand(x, &c) < 0)
            return;
    }
}

void nm_bare_persons(xctx *x)
{
    size_t n = x->t.n;
    const lexicon *lx = &x->r->lx;
    if (!n || !lx->class_count[LX_SURNAME_STAT] || !lx->class_count[LX_GIVEN_CHAR])
        return;
    government_heads(x);
    uint8_t *cov = x_cover_map(x, NULL);
    if (!cov)
        return;
    /* a short form of a town (阿拉 of 阿拉法特) does not stop a
     * transliterated run that goes past it */
    uint8_t *cov_tl = x_cover_map(x, weak_place);
    if (!cov_tl)
        return;
    size_t before = x->nc;
    translit_names(x, cov_tl);
    for (size_t k = before; k < x->nc; k++) {
        const cand *t = &x->c[k];
        /* the short forms it crosses end within [t->s + 1, t->e + 1] */
        for (size_t e2 = t->s + 1; e2 <= t->e + 1 && e2 <= n; e2++)
            for (int32_t q = x->cend[e2]; q >= 0; q = x->c[q].next_end) {
                cand *c = &x->c[q];
                if ((size_t)q < before && !(c->flags & (CF_DROPPED | CF_GENERIC)) &&
                    weak_place(x, c) && c->s < t->e && t->s < c->e)
                    c->flags |= CF_DROPPED;
            }
        for (size_t i = t->s; i < t->e; i++)
            cov[i] = 1;
    }
    translit_context(x, cov);
    token_names(x, cov);
    translit_cue(x, cov);
    for (size_t p = 0; p < n; p++) {
        /* best_at's first test, without the call: no surname, no name */
        if (cov[p] || !(x->smask[p] >> LX_SURNAME & 1))
            continue;
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
        cand c = x_rule_cand(p, p + len, NG_PERSON, (uint32_t)(st - lx->entries),
                              "person.model");
        if (x_add_cand(x, &c) < 0)
            break;
        for (size_t i = c.s; i < c.e; i++)
            cov[i] = 1;
        p = c.e - 1;
    }
}
