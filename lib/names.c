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
 *
 * Context rules that need the model's statistics live here too: a whole
 * token between an edge and a speech cue or title (person.edge_cue), and
 * Japanese names from a list of common Japanese surnames
 * (surname_ja.txt, person.japanese).
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
/* A character given_char.txt does not list is rare in the text read (fewer
 * than 3 given-name uses and 300 occurrences: 頫, 屹, 骅): its ratio is
 * unknown, not near zero as for 说 or 的 (listed with 0).  NM_RARE was set
 * on lines 60-80% of the four sets (0.005-0.02 score alike there). */
#define NM_RARE 0.01

static double ratio(const xctx *x, size_t i, int cls)
{
    const lx_entry *g = x_entry_at(x, i, 1, cls);
    if (!g && cls == LX_GIVEN_CHAR)
        return NM_RARE;
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

/* Does a title, a speech/action verb or a form of address (先生, 女士,
 * 小姐) start at e (a name ends before it)? */
static int after_cue(const xctx *x, size_t e)
{
    const uint32_t *w = x->t.cp;
    if (e >= x->t.n)
        return 0;
    if (x_has_at(x, e, LX_TITLE, 2) || x_has_at(x, e, LX_CUE_AFTER, 1))
        return 1;
    return e + 1 < x->t.n && ((w[e] == 0x5148 && w[e + 1] == 0x751f) /* 先生 */ ||
                              (w[e] == 0x5973 && w[e + 1] == 0x58eb) /* 女士 */ ||
                              (w[e] == 0x5c0f && w[e + 1] == 0x59d0) /* 小姐 */);
}

static int covered(const uint8_t *cov, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (cov[i])
            return 1;
    return 0;
}

/* Does an ordinary word of two or more characters run across the start
 * of [s, e) and end inside it (儿童+权利 holds 童, 繁荣+昌盛 holds 荣)?  A
 * bare name is cut out of no word. */
static int word_crosses(const xctx *x, size_t s, size_t e)
{
    size_t from = s > 3 ? s - 3 : 0;
    for (size_t i = from; i < s; i++) {
        if (!(x->smask[i] >> LX_COMMON & 1))
            continue;
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            const lx_match *m = &x->m[k];
            if (x->mcls[k] != LX_COMMON || m->e - m->s < 2)
                continue;
            if (i < s && m->e > s && m->e <= e)
                return 1;
        }
    }
    return 0;
}

/* A mark that bounds the items of a list or a clause: 、 ， , 。 ； */
static int list_mark(uint32_t c)
{
    return c == 0x3001 || c == 0xff0c || c == ',' || c == 0x3002 || c == 0xff1b || c == ';';
}

/* Is the token [p, e) in no 、 list, or next to an item of one that starts
 * with a surname? */
static int list_of_names(const xctx *x, size_t p, size_t e)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    int after = e + 1 < n && w[e] == 0x3001 /* 、 */, before = p >= 2 && w[p - 1] == 0x3001;
    if (after && x_longest_at(x, e + 1, LX_SURNAME))
        return 1;
    if (before) {
        size_t s = p - 1;
        while (s > 0 && p - 1 - s < 4 && is_han(w[s - 1]))
            s--;
        if (s < p - 1 && x_longest_at(x, s, LX_SURNAME))
            return 1;
    }
    return !after && !before;
}

/*
 * Is the character at i one that a two-character name would leave hanging
 * (郑小+伶+香港, 刘亮+程+《)?  It is no function word, cue, title, suffix or
 * start of an ordinary word, forms no word with the character before it,
 * and punctuation, the text's end or a word the lexicons know comes right
 * after it.  Then the name most likely takes it in (bonus NM_DANGLE).
 */
#define NM_DANGLE 3.0 /* set on lines 60-80%: 2-3 score alike there */
static int dangling(const xctx *x, size_t i)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (i >= n || !is_han(w[i]) || x_has_at(x, i, LX_STOP, 1) || after_cue(x, i) ||
        x_has_at(x, i, LX_COMMON, 2) || x_has_at(x, i, LX_ORG_SUFFIX, 1) ||
        x_has_at(x, i, LX_PLACE_SUFFIX, 1) || x_has_at(x, i, LX_TITLE, 1))
        return 0;
    const lx_match *cw = x_longest_ending(x, i + 1, LX_COMMON);
    if (cw && cw->s < i)
        return 0;
    size_t j = i + 1;
    return j >= n || !is_han(w[j]) || x_has_at(x, j, LX_STOP, 1) || x_has_at(x, j, LX_COMMON, 2) ||
           after_cue(x, j) || x_has_at(x, j, LX_PLACE, 2) || x_has_at(x, j, LX_ORG, 2);
}

/* Does an ordinary word, a title or a known place of two or more
 * characters start before p and end after it? */
static int word_runs_into(const xctx *x, size_t p)
{
    return x_word_across(x, p, 4, 1u << LX_COMMON | 1u << LX_TITLE | 1u << LX_PLACE, 2) != 0;
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
    /* 2013年起+任+某公司: the appointment verb, not the surname 任 */
    if (w[p] == 0x4efb && p > 0 && (is_han(w[p - 1]) || (w[p - 1] >= '0' && w[p - 1] <= '9')) &&
        ent_appoint_before(w, p))
        return 0;
    size_t len = ent_name_at(x, p, n);
    if (len < 2)
        return 0;
    /* no name starts inside a word or title that runs across its first
     * character (主任+刚才, 骗钱+新贵, 罗马+德比) */
    if (word_runs_into(x, p))
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
    /* a token of three between list marks (、某某某、) is one name, where
     * an item next to it in a 、 list starts with a surname too (a list of
     * persons, not of places: 某某峰、北沙、岗联) */
    int tok3 = e3 <= n && is_han(w[p + sl + 1]) && (e3 == n || list_mark(w[e3])) &&
               (p == 0 || list_mark(w[p - 1])) && !x_has_at(x, p + sl + 1, LX_STOP, 1) &&
               list_of_names(x, p, e3);
    double bonus3 = 0;
    if (gl == 1 && tok3) {
        gl = 2;
    } else if (gl == 1 && dangling(x, p + sl + 1)) {
        gl = 2;
        bonus3 = NM_DANGLE;
    }
    double m3 = name_score(x, st, p, sl, 2) + (after_cue(x, p + sl + 2) || tok3 ? NM_CUE : 0) +
                bonus3 - NM_T3;
    double m2 = name_score(x, st, p, sl, 1) + (after_cue(x, p + sl + 1) ? NM_CUE : 0) - NM_T2;
    if (gl == 2 && m3 > 0) {
        take = 2;
        *margin = m3;
    } else if (m2 > 0) {
        take = 1;
        *margin = m2;
    }
    if (!take || covered(cov, p, p + sl + take) || word_crosses(x, p, p + sl + take))
        return 0;
    /* an ordinary word from the surname that ends inside the name (周年+庆) */
    const lx_match *fw = x_longest_at(x, p, LX_COMMON);
    if (fw && fw->e - fw->s >= 2 && fw->e < p + sl + take)
        return 0;
    *stp = st;
    return sl + take;
}

static int is_dot(uint32_t c)
{
    /* one test for the Han characters most calls see */
    return c <= 0x30fb && (c == 0x00b7 || c == 0x2022 || c == 0x2027 || c == 0x30fb);
}

/* Where a name written with a middle dot may also be written with a
 * hyphen or a full stop between its parts (斯坦利-库布里克, 迈克.内维尔):
 * the dotted-name rule, whose foreign-looking bar still applies. */
static int is_name_joiner(uint32_t c)
{
    return is_dot(c) || c == '-' || c == '.';
}

/* A two-character short form of a town from the gazetteer (阿拉): weak
 * evidence that a foreign name running across it overrides. */
static int weak_place(const xctx *x, const cand *c)
{
    return c->type == NG_PLACE && c->src == SRC_LEXICON && c->entry != LX_NONE &&
           (x->r->lx.entries[c->entry].flags & LF_SHORT) && c->e - c->s == 2;
}

/* Is [s, e) inside one ordinary word or blocklist word (马拉松, 伊斯兰)? */
static int word_over(const xctx *x, size_t s, size_t e)
{
    size_t from = s > 3 ? s - 3 : 0;
    for (size_t i = from; i <= s; i++)
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            const lx_match *m = &x->m[k];
            if ((x->mcls[k] == LX_COMMON || x->mcls[k] == LX_BLOCK) && m->e >= e)
                return 1;
        }
    return 0;
}

/*
 * A foreign-looking run right before a place suffix (某某克+郡, 某某诺+市,
 * 某某瓦+河) is a foreign place, not a person: the end of that place, or
 * 0.  The suffix is one of place_suffix.txt or a single character of
 * foreign geography (TL_GEO), and starts no title (市长, 州长) and no
 * longer ordinary word (市民, 河畔) (rule place.translit_suffix).
 */
static const uint32_t TL_GEO[] = {0x90e1 /* 郡 */, 0x6e56 /* 湖 */, 0x6cb3 /* 河 */,
                                  0x5c71 /* 山 */, 0x57ce /* 城 */, 0x5bab /* 宫 */};
static size_t tl_place_end(const xctx *x, size_t j)
{
    if (j >= x->t.n || !is_han(x->t.cp[j]) || x_has_at(x, j, LX_TITLE, 2))
        return 0;
    const lx_match *sm = x_longest_at(x, j, LX_PLACE_SUFFIX);
    size_t e = sm ? sm->e : 0;
    for (size_t k = 0; !e && k < sizeof TL_GEO / sizeof *TL_GEO; k++)
        if (x->t.cp[j] == TL_GEO[k])
            e = j + 1;
    const lx_match *cw = e ? x_longest_at(x, j, LX_COMMON) : NULL;
    return cw && cw->e > e ? 0 : e;
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
        /* an ordinary or status word ending inside the run's start takes
         * its first characters (明星+某某斯, 球星+某某): the name starts
         * after it */
        for (size_t a = i > 3 ? i - 3 : 0; a < i; a++)
            for (uint32_t k = x->by_start[a]; k < x->by_start[a + 1]; k++) {
                const lx_match *m = &x->m[k];
                if ((x->mcls[k] != LX_COMMON && x->mcls[k] != LX_STATUS_WORD) ||
                    m->e - m->s < 2 || m->e <= i || m->e >= j)
                    continue;
                for (size_t q = i; q < m->e; q++)
                    if (is_han(w[q])) {
                        sum -= log(ratio(x, q, LX_TRANSLIT));
                        nh--;
                    }
                i = m->e;
            }
        /* a one-character function word at the end is the sentence's (某某+在),
         * unless punctuation or the text's end follows it (卡瓦略、) */
        while (j > i + 2 && is_han(w[j - 1]) && x_has_at(x, j - 1, LX_STOP, 1) &&
               !x_has_at(x, j - 1, LX_STOP, 2) && j < n && is_han(w[j])) {
            sum -= log(ratio(x, j - 1, LX_TRANSLIT));
            nh--;
            j--;
        }
        /* a run that a lexicon name or word continues is no name of its
         * own; nor is a run that is an ordinary word (马拉松, 厄尔尼诺) */
        if (nh >= 3 && sum / (double)nh >= log(NM_TMEAN) && (j >= n || !cov[j]) &&
            !word_over(x, i, j)) {
            const lx_entry *t = lx_lookup(&x->r->lx, w + i, 1, LX_TRANSLIT);
            size_t pe = tl_place_end(x, j);
            cand c = pe ? x_rule_cand(i, pe, NG_PLACE, LX_NONE, "place.translit_suffix")
                        : x_rule_cand(i, j, NG_PERSON, (uint32_t)(t - x->r->lx.entries),
                                      "person.translit");
            j = pe ? pe : j;
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
        if (!is_name_joiner(w[i]) || cov[i] || !is_han(w[i - 1]) || !is_han(w[i + 1]) || cov[i - 1] ||
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
            if (is_name_joiner(w[e]) && e > part && e + 1 < n && is_han(w[e + 1]) && !cov[e + 1]) {
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
 * A foreign name right before a speech cue or a title (里德说, 科尔总理,
 * 布热津斯基说): two to six characters, each seen in foreign names, after
 * punctuation, the text's start or a stop word, that no candidate covers
 * (rule person.translit_cue).  The mean ratio must reach NM_SMEAN; for
 * four or five characters NM_SMEAN4 (a longer run of foreign-looking
 * characters is less often a word by chance; set on lines 60-80% of MSRA
 * with statistics from lines 0-60%).  The longest length wins.
 */
#define NM_SMEAN 0.1
#define NM_SMEAN4 0.05
static void translit_cue(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    const uint32_t cue_bits = 1u << LX_CUE_AFTER | 1u << LX_TITLE;
    size_t q = 0; /* the first position >= p + 2 where a cue or title starts */
    for (size_t p = 0; p + 2 < n; p++) {
        if (q < p + 2)
            q = p + 2;
        while (q < n && !(x->smask[q] & cue_bits))
            q++;
        if (q >= n)
            break;
        if (q > p + 6) {
            p = q - 7; /* no cue within reach before q - 6 */
            continue;
        }
        if (cov[p] || !is_han(w[p]))
            continue;
        if (p > 0 && is_han(w[p - 1]) && !x_longest_ending(x, p, LX_STOP))
            continue;
        for (size_t len = 6; len >= 2; len--) {
            size_t e = p + len;
            /* the cheap test first: does any cue or title start at e? */
            if (e >= n || !(x->smask[e] & cue_bits))
                continue;
            if (!x_has_at(x, e, LX_CUE_AFTER, 1) && !x_has_at(x, e, LX_TITLE, 2))
                continue;
            if (covered(cov, p, e))
                continue;
            double bar = len == 4 || len == 5 ? NM_SMEAN4 : NM_SMEAN;
            int ok = 1;
            double sum = 0;
            for (size_t i = p; i < e && ok; i++) {
                double r = ratio(x, i, LX_TRANSLIT);
                if (!is_han(w[i]) || r < NM_TCHAR || x_has_at(x, i, LX_STOP, 1))
                    ok = 0;
                else
                    sum += log(r);
            }
            if (!ok || sum / (double)len < log(bar) || x_has_at(x, p, LX_COMMON, 2) ||
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
            /* a character too rare to be listed may be one of two given
             * characters, not a one-character given name (「家艇」) */
            size_t unlisted = 0;
            for (size_t i = p + sl; i < te && ok; i++) {
                unlisted += !x_entry_at(x, i, 1, LX_GIVEN_CHAR);
                if (ratio(x, i, LX_GIVEN_CHAR) < NM_TOKG)
                    ok = 0;
            }
            if (unlisted && (te - p - sl < 2 || unlisted > 1))
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
 * Profile heads (resumes, executive profiles): a token at the start of a
 * clause followed by ",男," / ":女" (某某，男，汉族) or by 先生 / 女士
 * (某某先生：1960年出生) is the person the profile is about.  The context
 * is strong enough that the name need only decode as surname + one or two
 * characters (ent_name_token), whatever the characters' statistics; a
 * surname alone before 先生 is the name as ent_name_at() gives it
 * (rule person.profile).  A suffix rule's place inside it (某红旗) goes
 * in sel_resolve.
 */
static void profile_names(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    /* from each cue (先生 女士, or 男 女 after a comma or colon) back to
     * the clause's start: a text with no cue costs one compare per
     * character */
    for (size_t i = 1; i + 1 < n; i++) {
        uint32_t cu = w[i];
        if (cu != 0x5148 /* 先 */ && cu != 0x5973 /* 女 */ && cu != 0x7537 /* 男 */)
            continue;
        size_t q = i;
        if (w[i - 1] == ',' || w[i - 1] == ':')
            q = i - 1;
        else if (!x_address_at(w, n, i))
            continue;
        size_t p = q;
        while (p > 0 && q - p < 6 && is_han(w[p - 1]))
            p--;
        if (p == q || (p > 0 && (is_han(w[p - 1]) || is_ascii_alnum(w[p - 1]))))
            continue;
        size_t te = p;
        while (te < n && is_han(w[te]) && te - p < 7)
            te++;
        size_t len = 0;
        /* 从+谭先生: a function word before a surname and its address; a
         * longer function word (这位+女士) holds the surname character */
        const lx_match *fw = x_longest_at(x, p, LX_STOP);
        if (te - p >= 4 && x_address_at(w, n, p + 2) && fw && fw->e - fw->s == 1 &&
            x_longest_at(x, p + 1, LX_SURNAME))
            p++;
        for (size_t k = p + 1; k + 1 < te && k <= p + 4; k++)
            if (x_address_at(w, n, k)) {
                size_t ke = k - (k - p >= 2 && w[k - 1] == 0x8001); /* 某老先生 */
                if (ke - p == 1)
                    len = x_longest_at(x, p, LX_SURNAME) ? 1 : 0;
                else if (ent_name_token(x, p, ke) == ke - p && !x_has_at(x, p, LX_COMMON, ke - p) &&
                         !x_has_at(x, p, LX_BLOCK, ke - p))
                    len = ke - p;   /* 某某先生, not 公司先生 */
                break;
            }
        if (!len && te - p >= 2 && te - p <= 4 && te + 1 < n && (w[te] == ',' || w[te] == ':') &&
            (w[te + 1] == 0x7537 /* 男 */ || w[te + 1] == 0x5973 /* 女 */) &&
            (te + 2 >= n || !is_han(w[te + 2])) && ent_name_token(x, p, te) == te - p)
            len = te - p;
        int32_t have = len ? x_cand_ending(x, p + len, 1u << NG_PERSON, -1) : -1;
        if (!len || (have >= 0 && x->c[have].s == p))
            continue;
        cand c = x_rule_cand(p, p + len, NG_PERSON, LX_NONE, "person.profile");
        if (x_add_cand(x, &c) < 0)
            return;
    }
}

/*
 * A Chinese name as the whole clause subject before a speech cue or a
 * title: 2-3 Han characters (4 with a compound surname) from an edge (the
 * text's start or punctuation) right up to a speech/action cue or a title
 * (，罗干强调, 顾昂然说, 金大中总统); or right after a title, up to a
 * cue, a title, punctuation or a digit (总理+某作栋+8日).  The decoder ends a given name at a
 * stop word (干 然 和 可 有), which given names use too; between an edge
 * and a cue the token has no other reading; after an edge an adverb that
 * follows a subject (在 还 是 将, subject_adverb) ends it too.  It must start with an
 * ordinary (not rare) surname, be no word, place or organisation the
 * lexicons know, and each given-name character must be seen in given
 * names (ratio >= NM_ECG; a two-character name's, NM_ECG2).  The
 * thresholds were set on lines 60-80% of MSRA with statistics from lines
 * 0-60% (rule person.edge_cue).
 */
#define NM_ECG 0.002
#define NM_ECG2 0.01
/* An opening quote or book-title mark: what follows is a title or a
 * quoted word (《某某》), not a clause subject. */
static int opens_title(uint32_t c)
{
    return c == 0x300a || c == 0x201c || c == 0x300c || c == 0x300e || c == 0x2018 ||
           c == '"' || c == '<';
}

/* Does a known word, place, organisation, title or cue start at p and run
 * to at least e - 1 (the token is that word, not a name)? */
static int known_word_over(const xctx *x, size_t p, size_t e)
{
    static const int cls[] = {LX_COMMON, LX_BLOCK, LX_PLACE, LX_ORG, LX_TITLE, LX_CUE_AFTER,
                              LX_CUE_BEFORE, LX_STATUS_WORD, LX_STOP};
    for (size_t q = 0; q < sizeof cls / sizeof *cls; q++) {
        const lx_match *m = x_longest_at(x, p, cls[q]);
        if (m && m->e - m->s >= 2 && m->e + 1 >= e)
            return 1;
    }
    return 0;
}

/* An adverb or preposition that follows a clause's subject (某某+在会上,
 * 某某+还表示, 某某+是, 某某+将): after an edge it ends a name as a cue
 * does. */
static int subject_adverb(uint32_t c)
{
    static const uint32_t adv[] = {0x5728 /* 在 */, 0x8fd8 /* 还 */, 0x662f /* 是 */,
                                   0x4e5f /* 也 */, 0x66fe /* 曾 */, 0x5c06 /* 将 */,
                                   0x5df2 /* 已 */, 0x53c8 /* 又 */, 0x5219 /* 则 */,
                                   0x5bf9 /* 对 */};
    for (size_t k = 0; k < sizeof adv / sizeof *adv; k++)
        if (c == adv[k])
            return 1;
    return 0;
}

/* The edge_cue name at p (edge: after an edge, else after a title), or
 * 0.  cov marks what other candidates cover. */
static size_t edge_cue_at(const xctx *x, const uint8_t *cov, size_t p, int edge,
                          const lx_entry **stp)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    const lx_match *sm = cov[p] ? NULL : x_longest_at(x, p, LX_SURNAME);
    if (!sm)
        return 0;
    /* after an edge the shortest token up to a cue or title; after a title
     * the longest up to a cue, a title, punctuation or a digit (the
     * decoder already read the short one: 总参谋长+某全+有 is 某全有) */
    for (size_t k = 0; k < 3; k++) {
        size_t len = edge ? 2 + k : 4 - k, e = p + len;
        if (e > n || !is_han(w[p + 1]) || (len > 2 && !is_han(w[p + 2])) ||
            (len > 3 && !is_han(w[p + 3])) || covered(cov, p, e))
            continue;
        if (!(e < n && (x_has_at(x, e, LX_CUE_AFTER, 1) || x_has_at(x, e, LX_TITLE, 2) ||
                        (edge && subject_adverb(w[e])))) &&
            !(!edge && (e == n || !is_han(w[e]))))
            continue;
        size_t sl = sm->e - sm->s > 1 && len >= 3 ? sm->e - sm->s : 1;
        if (len - sl < 1 || len - sl > 2 || (sl == 1 && (x_entry(x, sm)->flags & LF_RARE)) ||
            (len - sl == 1 && x_honorific_cp(w[p + sl]))) /* 熊+叔 */
            continue;
        /* a word running from inside the token across the cue's start
         * (某+有关人士): not this split */
        int across = 0;
        for (size_t i = p + 1; i < e && !across; i++) {
            const lx_match *cw = x_longest_at(x, i, LX_COMMON);
            across = cw && cw->e > e;
        }
        const lx_match *pl = x_longest_ending(x, e, LX_PLACE);
        const lx_entry *st = lx_lookup(&x->r->lx, w + p, sl, LX_SURNAME_STAT);
        if (across || !st || st->weight <= 0.0f || known_word_over(x, p, e) ||
            (pl && pl->e - pl->s >= 2))
            continue;
        int ok = 1;
        for (size_t i = p + sl; i < e && ok; i++)
            if (ratio(x, i, LX_GIVEN_CHAR) < (len - sl == 1 ? NM_ECG2 : NM_ECG))
                ok = 0;
        /* a last character that is also a function word: after an edge
         * (某某+和, 某某+向) only if given names often hold it and a speech
         * cue follows; after a title only a verb (某全+有, not 某某+和) */
        const lx_match *ls = x_longest_at(x, e - 1, LX_STOP);
        if (ok && ls && ls->e == e) {
            if (edge)
                ok = ratio(x, e - 1, LX_GIVEN_CHAR) >= NM_ECG2 && x_has_at(x, e, LX_CUE_AFTER, 1);
            else
                ok = x_entry(x, ls)->kind == LK_VERB && len >= 3;
        }
        if (!ok)
            continue;
        *stp = st;
        return len;
    }
    return 0;
}

static void edge_cue_names(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    uint8_t *cov_np = NULL; /* cov without persons: made at the first title */
    for (size_t p = 0; p + 2 < n; p++) {
        /* where a run of Han characters starts, or right after a title */
        if (!is_han(w[p]))
            continue;
        int edge = p == 0 || !(is_han(w[p - 1]) || is_ascii_alnum(w[p - 1]) ||
                               opens_title(w[p - 1]));
        if (!edge && !(x->emask[p] >> LX_TITLE & 1))
            continue;
        if (!edge) {
            const lx_match *t = x_longest_ending(x, p, LX_TITLE);
            if (!t || t->e - t->s < 2 || x_has_at(x, p, LX_TITLE, 1))
                continue;
            if (!cov_np && !(cov_np = x_cover_map(x, is_person)))
                return;
        }
        const lx_entry *st = NULL;
        size_t len = edge_cue_at(x, edge ? cov : cov_np, p, edge, &st);
        if (!len)
            continue;
        /* after a title, a shorter person read from p (某全 of 某全有) goes;
         * a person reaching further is another reading: keep it */
        int blocked = 0;
        if (!edge)
            for (size_t k = 0; k < x->nc && !blocked; k++) {
                const cand *o = &x->c[k];
                blocked = o->type == NG_PERSON && !(o->flags & CF_DROPPED) && o->s < p + len &&
                          p < o->e && !(o->s == p && o->e < p + len);
            }
        if (blocked)
            continue;
        for (size_t k = 0; k < x->nc; k++)
            if (x->c[k].type == NG_PERSON && x->c[k].s == p && x->c[k].e < p + len)
                x->c[k].flags |= CF_DROPPED;
        cand c = x_rule_cand(p, p + len, NG_PERSON, (uint32_t)(st - x->r->lx.entries),
                              "person.edge_cue");
        if (x_add_cand(x, &c) < 0)
            break;
        for (size_t i = p; i < p + len; i++) {
            cov[i] = 1;
            if (cov_np)
                cov_np[i] = 1;
        }
        p += len - 1;
    }
}

/*
 * A surname alone before a leader's title (，某主席指出, 以某副主席为团长的):
 * news names a known leader by the surname and the title; the public NER
 * sets mark the surname as the person (a form of address, 某老师, is no
 * name: LEADER lists the titles).  The surname is an ordinary (not
 * rare) one of one character, after the text's start, a non-Han
 * character or the end of a function word or an ordinary word, and no
 * word the lexicons know starts at it (区长, 党委) (rule
 * person.surname_title).
 */
/* Titles of state and party leaders that news writes after a bare
 * surname (not 老师, 经理: a form of address, no name). */
static int leader_title(const uint32_t *t, size_t len)
{
    static const char *const LEADER[] = {"主席", "副主席", "总书记", "总理", "副总理", "委员长",
                                          "副委员长", "总统", "副总统", "首相", "秘书长",
                                          "国务卿", "部长", "副部长", "总长", "书记", "省长", "市长", "大使"};
    for (size_t k = 0; k < sizeof LEADER / sizeof *LEADER; k++) {
        const unsigned char *q = (const unsigned char *)LEADER[k];
        size_t i = 0;
        for (; *q && i < len; q += 3, i++)
            if (t[i] != (((uint32_t)(q[0] & 0x0f) << 12) | ((uint32_t)(q[1] & 0x3f) << 6) |
                         (q[2] & 0x3f)))
                break;
        if (!*q && i == len)
            return 1;
    }
    return 0;
}

static void surname_titles(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    static const int word_cls[] = {LX_COMMON, LX_BLOCK, LX_PLACE, LX_ORG, LX_TITLE, LX_STOP,
                                   LX_CUE_AFTER, LX_CUE_BEFORE, LX_STATUS_WORD};
    for (size_t p = 0; p + 2 < n; p++) {
        if (!(x->smask[p + 1] >> LX_TITLE & 1))
            continue;
        if (cov[p] || !is_han(w[p]) || !(x->smask[p] >> LX_SURNAME & 1))
            continue;
        const lx_match *tm = x_longest_at(x, p + 1, LX_TITLE);
        if (!tm || tm->e - tm->s < 2 || !leader_title(w + tm->s, tm->e - tm->s) ||
            w[p] == 0x4efb /* 任: the verb (任+部长) */)
            continue;
        const lx_match *sm = x_longest_at(x, p, LX_SURNAME);
        if (!sm || sm->e != p + 1 || (x_entry(x, sm)->flags & LF_RARE))
            continue;
        int ok = p == 0 || !is_han(w[p - 1]);
        if (!ok) {
            const lx_match *lw = x_longest_ending(x, p, LX_STOP);
            if (!lw)
                lw = x_longest_ending(x, p, LX_COMMON);
            ok = lw && (lw->e - lw->s >= 2 || x_entry(x, lw)->cls == LX_STOP) &&
                 !x_has_at(x, p - 1, LX_COMMON, 2);
        }
        for (size_t q = 0; ok && q < sizeof word_cls / sizeof *word_cls; q++)
            ok = !x_has_at(x, p, word_cls[q], 2);
        const lx_entry *st = ok ? lx_lookup(&x->r->lx, w + p, 1, LX_SURNAME_STAT) : NULL;
        if (!st || st->weight <= 0.0f)
            continue;
        cand c = x_rule_cand(p, p + 1, NG_PERSON, (uint32_t)(st - x->r->lx.entries),
                              "person.surname_title");
        if (x_add_cand(x, &c) < 0)
            return;
        cov[p] = 1;
    }
}

/*
 * Japanese names (首相+某本某太郎, 某藤某说, 某本+首相): a surname of
 * surname_ja.txt after an edge, a title, a cue word or a stop word, then
 * a given name of up to NM_JGIVEN characters (or none: news names a
 * Japanese officer by the surname alone before a title or a cue), ended
 * by punctuation, the text's end, a speech cue, a title, or (after a
 * given name) a stop word.  No stop word, cue or title may start inside
 * the given name but at its first character when more follows (一 of
 * 某一郎), and no ordinary word may run out of it.  The longest given
 * name that fits wins (rule person.japanese).
 */
#define NM_JGIVEN 3
/* Punctuation, the text's end, a speech cue or a title at e. */
static int ja_strong_edge(const xctx *x, size_t e)
{
    const uint32_t *w = x->t.cp;
    if (e >= x->t.n || !is_han(w[e]))
        return e >= x->t.n || !is_ascii_alnum(w[e]);
    return x_has_at(x, e, LX_CUE_AFTER, 1) || x_has_at(x, e, LX_TITLE, 2);
}

/* May a Japanese name end at e?  A strong edge, or a stop word after a
 * given name or after a surname that a title precedes (首相+某本+在). */
static int ja_right_edge(const xctx *x, size_t e, size_t given, int title_before)
{
    if (ja_strong_edge(x, e))
        return 1;
    const lx_match *st = x_longest_at(x, e, LX_STOP), *cw = x_longest_at(x, e, LX_COMMON);
    return (given > 0 || title_before) && st && (!cw || cw->e <= st->e);
}

static int ja_left_edge(const xctx *x, size_t p)
{
    if (p == 0 || !is_han(x->t.cp[p - 1]))
        return 1;
    return x_longest_ending(x, p, LX_TITLE) || x_longest_ending(x, p, LX_STOP) ||
           x_longest_ending(x, p, LX_CUE_BEFORE) || x_longest_ending(x, p, LX_CUE_AFTER);
}

/* May [s, e) be a Japanese given name? */
static int ja_given_ok(const xctx *x, size_t s, size_t e)
{
    const uint32_t *w = x->t.cp;
    for (size_t i = s; i < e; i++) {
        if (!is_han(w[i]))
            return 0;
        if (x_has_at(x, i, LX_CUE_AFTER, 1) || x_has_at(x, i, LX_TITLE, 2) ||
            x_has_at(x, i, LX_PLACE_SUFFIX, 1) || x_has_at(x, i, LX_ORG_SUFFIX, 1))
            return 0;
        if (x_has_at(x, i, LX_STOP, 1) && (i > s || e - s < 2 || !ja_strong_edge(x, e)))
            return 0;
        /* an ordinary word inside or out of it: 某本+明确表示, 某本+政权 */
        const lx_match *cw = x_longest_at(x, i, LX_COMMON);
        if (cw && cw->e - cw->s >= 2)
            return 0;
    }
    return 1;
}

/* Neither a person (a Chinese reading of the same name: 田中健 of
 * 田中健次郎) nor a weak short form of a town. */
static int person_or_weak(const xctx *x, const cand *c)
{
    return c->type == NG_PERSON || weak_place(x, c);
}

static void japanese_names(xctx *x, uint8_t *cov_tl)
{
    size_t n = x->t.n;
    if (!x->r->lx.class_count[LX_SURNAME_JA])
        return;
    uint8_t *cov = NULL; /* made at the first surname: most texts have none */
    for (size_t p = 0; p + 1 < n; p++) {
        if (!(x->smask[p] >> LX_SURNAME_JA & 1))
            continue;
        if (!cov && !(cov = x_cover_map(x, person_or_weak)))
            return;
        const lx_match *sm = x_longest_at(x, p, LX_SURNAME_JA);
        if (!sm || cov[p] || !ja_left_edge(x, p))
            continue;
        size_t se = sm->e, take = 0;
        int found = 0;
        for (size_t g = NM_JGIVEN + 1; g-- > 0 && !found;) {
            size_t e = se + g;
            if (e > n || covered(cov, p, e))
                continue;
            if (g > 0 && !ja_given_ok(x, se, e))
                continue;
            if (ja_right_edge(x, e, g, p > 0 && x_longest_ending(x, p, LX_TITLE) != NULL)) {
                take = e;
                found = 1;
            }
        }
        if (!found)
            continue;
        /* a person read from the same start that this name extends
         * (田中健 of 田中健次郎) goes; any other person stands */
        int blocked = 0;
        for (size_t k = 0; k < x->nc && !blocked; k++) {
            const cand *o = &x->c[k];
            if (o->type == NG_PERSON && !(o->flags & CF_DROPPED) && o->s < take && p < o->e &&
                !(o->s == p && o->e <= take))
                blocked = 1;
        }
        if (blocked)
            continue;
        for (size_t k = 0; k < x->nc; k++)
            if (x->c[k].type == NG_PERSON && x->c[k].s == p && x->c[k].e <= take)
                x->c[k].flags |= CF_DROPPED;
        cand c = x_rule_cand(p, take, NG_PERSON, LX_NONE, "person.japanese");
        if (x_add_cand(x, &c) < 0)
            break;
        for (size_t i = p; i < take; i++)
            cov[i] = cov_tl[i] = 1;
        p = take - 1;
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

/*
 * A foreign name next to a found name in a 、 list (某某、某某某斯基、某某):
 * the neighbour token, two to six Han characters up to the next
 * punctuation, a conjunction or a stop word, each character seen in
 * foreign names and the mean ratio >= NM_LMEAN, is a name too (rule
 * person.translit_list).  Repeated until no name is added.
 */
#define NM_LMEAN 0.05
static void translit_list(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    for (int round = 0; round < 4; round++) {
        size_t before = x->nc, added = 0;
        for (size_t k = 0; k < before; k++) {
            const cand *c = &x->c[k];
            if (c->type != NG_PERSON || (c->flags & CF_DROPPED) || c->e + 2 >= n ||
                w[c->e] != 0x3001 /* 、 */)
                continue;
            size_t p = c->e + 1, e = p;
            while (e < n && e - p < 7 && is_han(w[e]) && !cov[e] &&
                   !(e > p && x_has_at(x, e, LX_STOP, 1)))
                e++;
            if (e - p < 2 || e - p > 6 || (e < n && is_han(w[e])))
                continue;
            double sum = 0;
            int ok = 1;
            for (size_t i = p; i < e && ok; i++) {
                double r = ratio(x, i, LX_TRANSLIT);
                if (r < NM_TCHAR)
                    ok = 0;
                else
                    sum += log(r);
            }
            if (!ok || sum / (double)(e - p) < log(NM_LMEAN) || word_over(x, p, e) ||
                x_has_at(x, p, LX_PLACE, 2) || x_has_at(x, p, LX_ORG, 2))
                continue;
            if (add_translit(x, cov, p, e, "person.translit_list") < 0)
                return;
            added++;
        }
        if (!added)
            break;
    }
}

static int latin_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * 斯坦利-库布里克(stanleykubrick), 休·芒罗(HughMunro): a name in Latin
 * letters in brackets right after a person's name is the same person's
 * name as written in the original (rule person.latin_bracket): 3-30
 * letters (a space, a dot or a hyphen between words), nothing else inside.
 */
static void latin_brackets(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n, nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        const cand *c = &x->c[k];
        size_t b = c->e;
        if (c->type != NG_PERSON || (c->flags & CF_DROPPED) || b + 4 >= n || w[b] != '(')
            continue;
        size_t e = b + 1, letters = 0;
        while (e < n && e - b <= 32 &&
               (latin_letter(w[e]) || ((w[e] == ' ' || w[e] == '.' || w[e] == '-') && letters)))
            letters += latin_letter(w[e++]);
        if (e >= n || w[e] != ')' || letters < 3 || !latin_letter(w[e - 1]))
            continue;
        cand l = x_rule_cand(b + 1, e, NG_PERSON, LX_NONE, "person.latin_bracket");
        if (x_add_cand(x, &l) < 0)
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
    profile_names(x);
    uint8_t *cov = x_cover_map(x, NULL);
    if (!cov)
        return;
    /* a short form of a town (阿拉 of 阿拉法特) does not stop a
     * transliterated run that goes past it */
    uint8_t *cov_tl = x_cover_map(x, weak_place);
    if (!cov_tl)
        return;
    size_t before = x->nc;
    japanese_names(x, cov_tl);
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
    edge_cue_names(x, cov);
    surname_titles(x, cov);
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
    translit_list(x, cov);
    latin_brackets(x);
}
