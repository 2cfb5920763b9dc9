/*
 * gazetteer.c - where an entry of a mined gazetteer may stand.
 *
 * place_mined.txt and org_mined.txt (scripts/gen_mined_gazetteer.py) hold
 * strings that annotators of public NER data marked as names wherever
 * they were written.  Elsewhere such a string may be the middle of other
 * words (岭南特色 holds 南特, 叠北爱车 holds 北爱), so a mined entry stands
 * only where a word may start: at the text's start, after a character
 * that is not Han, or where a word the lexicons know ends (a stop word,
 * an ordinary word, a title, a cue, a suffix, another name).  A mined
 * organisation that is a bare organ word (镇委, 市委) names nothing on its
 * own, as with the suffix rules.
 */
#include "extract.h"

/* Does a word of a class that bounds names end at j? */
static int word_ends(const xctx *x, size_t j)
{
    static const int cls[] = {LX_STOP, LX_COMMON, LX_TITLE, LX_CUE_AFTER, LX_CUE_BEFORE,
                              LX_STATUS_WORD, LX_PLACE_SUFFIX, LX_ORG_SUFFIX, LX_PLACE,
                              LX_ORG, LX_FORMER};
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        const lx_entry *e = x_entry(x, &x->m[x->end_idx[k]]);
        for (size_t i = 0; i < sizeof cls / sizeof *cls; i++)
            if (e->cls == cls[i] && !(e->flags & LF_MINED))
                return 1;
    }
    return 0;
}

int gaz_mined_ok(const xctx *x, const lx_match *m)
{
    const lx_entry *e = x_entry(x, m);
    if (e->cls == LX_ORG &&
        lx_lookup(&x->r->lx, x->t.cp + m->s, m->e - m->s, LX_ORG_SUFFIX))
        return 0;
    if (m->s == 0 || !is_han(x->t.cp[m->s - 1]))
        return 1;
    return word_ends(x, m->s);
}
