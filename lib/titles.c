/*
 * titles.c - titles written with no person: POSITION mentions.
 *
 * The relation rules (relations.c) make a POSITION of a title that a
 * named person holds.  Résumés and headlines also write titles on their
 * own (历任副总经理、董事会秘书; 某公司董事长), and mention-level data sets
 * count each of them, so every title of title.txt (with the modifiers of
 * title_modifier.txt written before it: 常务副 + 县长) that no other
 * candidate covers becomes a POSITION mention of its own (rule
 * position.title, naming the title.txt line).  A title that is part of an
 * ordinary word running past its end (主任务), or that a longer title,
 * cue or status word continues, is none.
 */
#include <stdlib.h>
#include <string.h>
#include "extract.h"

#define CP_LIST_SEP 0x3001

/* A title whose holder is not named stands where a unit, an appointment
 * verb or a list of titles frames it: 某公司董事长, 历任副总经理, 曾任,
 * 董事、总经理.  A bare title in running text (企业代表, 社区书记) is a
 * common noun. */
static int title_context(const xctx *x, size_t s, size_t e)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (s > 0 && x_cand_ending(x, s, (1u << NG_ORG) | (1u << NG_PLACE), -1) >= 0)
        return 1;
    if (s > 0 && (w[s - 1] == 0x4efb /* 任 */ || x_longest_ending(x, s, LX_FORMER)))
        return 1;
    if (s > 0 && w[s - 1] == CP_LIST_SEP && s > 1 &&
        (x_longest_ending(x, s - 1, LX_TITLE) || x_cand_ending(x, s - 1, 1u << NG_POSITION, -1) >= 0))
        return 1;
    if (e + 1 < n && w[e] == CP_LIST_SEP && x_has_at(x, e + 1, LX_TITLE, 1))
        return 1;
    if (e + 1 < n && w[e] == CP_LIST_SEP && x_has_at(x, e + 1, LX_TITLE_MODIFIER, 1))
        return 1;
    return 0;
}

/* Does an ordinary word start at b that runs past every ordinary or stop
 * word across b (资格 against 师资 in 会计师资格)?  Then b is an edge. */
static int longer_word_at(const xctx *x, size_t b)
{
    const lx_match *after = x_longest_at(x, b, LX_COMMON);
    return after && x_word_across(x, b, 4, 1u << LX_COMMON | 1u << LX_STOP, 1) < after->e;
}

/* Does an ordinary or stop word run across b (its start before b, its end
 * after)? */
static int word_across(const xctx *x, size_t b)
{
    return x_word_across(x, b, 4, 1u << LX_COMMON | 1u << LX_STOP, 1) != 0;
}

/* Does a word of class cls (of kind `kind`, or any with 0) end at j / start
 * at j? */
static int cls_ends(const xctx *x, size_t j, int cls, int kind)
{
    for (uint32_t k = x->by_end[j]; k < x->by_end[j + 1]; k++) {
        const lx_entry *e = x_entry(x, &x->m[x->end_idx[k]]);
        if (e->cls == cls && (!kind || e->kind == kind))
            return 1;
    }
    return 0;
}

static int cls_starts(const xctx *x, size_t j, int cls, int kind)
{
    for (uint32_t k = x->by_start[j]; k < x->by_start[j + 1]; k++) {
        const lx_entry *e = x_entry(x, &x->m[k]);
        if (e->cls == cls && (!kind || e->kind == kind))
            return 1;
    }
    return 0;
}

static int person_starts(const xctx *x, size_t b)
{
    for (size_t e = b + 1; e <= x->t.n && e <= b + 8; e++)
        for (int32_t k = x->cend[e]; k >= 0; k = x->c[k].next_end)
            if (x->c[k].s == b && x->c[k].type == NG_PERSON && !(x->c[k].flags & CF_DROPPED))
                return 1;
    return 0;
}

/* A title written as a word of its own, not inside a longer noun phrase
 * (居民代表, 督导会议): on its left the text's start, punctuation, a
 * function word (的, 是, 为), a verb (告诉, 委托) or a person's name; on its
 * right punctuation, a function word, a verb, a speech cue or a name
 * (记者+某某).  A word running across either edge rules it out. */
static int title_framed(const xctx *x, size_t s, size_t e)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    int left = s == 0 || !is_han(w[s - 1]);
    /* a title with its holder named right after it (门将+某某) */
    if (!left && !word_across(x, s) && e < n && person_starts(x, e))
        return 1;
    if (!left) {
        if (word_across(x, s))
            return 0;
        left = cls_ends(x, s, LX_STOP, 0) || cls_ends(x, s, LX_COMMON, LK_VERB) ||
               x_cand_ending(x, s, 1u << NG_PERSON, -1) >= 0;
    }
    if (!left)
        return 0;
    if (e >= n || !is_han(w[e]))
        return 1;
    if (word_across(x, e) && !longer_word_at(x, e))
        return 0;
    return cls_starts(x, e, LX_STOP, 0) || cls_starts(x, e, LX_COMMON, LK_VERB) ||
           cls_starts(x, e, LX_CUE_AFTER, 0) || person_starts(x, e);
}

/* The country or region written right before a qualification that
 * starts at s (注册.., 执业.., or an occupation followed by 资格): a place of the
 * lexicon that is no Chinese division (中国, 中华人民共和国, 英国), or -1. */
static int32_t country_qualification(const xctx *x, const lx_match *t, size_t s)
{
    const uint32_t *w = x->t.cp;
    size_t e = t->e;
    if (t->s != s || e - s < 2 || !((w[s] == 0x6ce8 && w[s + 1] == 0x518c) /* 注册 */ ||
                       (w[s] == 0x6267 && w[s + 1] == 0x4e1a) /* 执业 */ ||
                       (x_entry(x, t)->kind == LK_OCCUPATION && e + 1 < x->t.n &&
                        w[e] == 0x8d44 && w[e + 1] == 0x683c) /* 律师+资格 */))
        return -1;
    for (int32_t k = x->cend[s]; k >= 0; k = x->c[k].next_end) {
        const cand *c = &x->c[k];
        if (c->type != NG_PLACE || c->src != SRC_LEXICON || (c->flags & (CF_DROPPED | CF_GENERIC)) ||
            c->entry == LX_NONE || c->e - c->s < 2)
            continue;
        const lx_entry *pe = &x->r->lx.entries[c->entry];
        if ((pe->flags & LF_MINED) || (pe->kind >= LK_PROVINCE && pe->kind <= LK_GROUP))
            continue;
        return k;
    }
    return -1;
}

/* A party title that writes the party's name (中共党员): the only
 * candidates inside [s, e) are organisations the lexicon marks as parties
 * (中共), and no candidate crosses the title's edges.  The title is the
 * mention; the party inside it is none. */
static int party_title_org(const xctx *x, const lx_match *t, size_t s, size_t e)
{
    if (x_entry(x, t)->kind != LK_PARTY)
        return 0;
    int inside = 0;
    /* candidates overlapping [s, e) end within (s, e + the longest span) */
    size_t last = e + x->cmaxlen < x->t.n ? e + x->cmaxlen : x->t.n;
    for (size_t end = s + 1; end <= last; end++)
        for (int32_t k = x->cend[end]; k >= 0; k = x->c[k].next_end) {
            const cand *o = &x->c[k];
            if ((o->flags & (CF_DROPPED | CF_GENERIC)) || o->e <= s || o->s >= e)
                continue;
            if (o->s < s || o->e > e || o->type != NG_ORG || o->entry == LX_NONE ||
                x->r->lx.entries[o->entry].kind != LK_PARTY)
                return 0;
            inside = 1;
        }
    return inside;
}

/* A qualification that writes its country (中国注册会计师): the only
 * candidates inside [s, e) are places lying wholly inside the title, the
 * title is a lexicon title of five or more characters, and no candidate
 * crosses its edges.  The title is the mention; the place inside it is
 * none. */
static int place_title(const xctx *x, const lx_match *t, size_t s, size_t e)
{
    if (!t || e - s < 5 || t->s != s)
        return 0;
    int inside = 0;
    size_t last = e + x->cmaxlen < x->t.n ? e + x->cmaxlen : x->t.n;
    for (size_t end = s + 1; end <= last; end++)
        for (int32_t k = x->cend[end]; k >= 0; k = x->c[k].next_end) {
            const cand *o = &x->c[k];
            if ((o->flags & (CF_DROPPED | CF_GENERIC)) || o->e <= s || o->s >= e)
                continue;
            if (o->s < s || o->e > e || o->type != NG_PLACE || o->e == e)
                return 0;
            inside = 1;
        }
    return inside;
}

/*
 * 某公司党委书记 with no holder named: the suffix rule made 某公司党委 an
 * organisation, which hides the title.  Per the guidelines the unit is
 * the organisation and 党委书记 the title, so an organ-suffixed body
 * whose organ word starts a party title running past its end (党委 of
 * 党委书记) goes where the unit before the organ word is a candidate of
 * its own, no relation uses the body and no holder is named right after
 * the title (there the relation rules split it).
 */
static void split_organ_titles(xctx *x)
{
    size_t nc = x->nc;
    for (size_t k = 0; k < nc; k++) {
        cand *o = &x->c[k];
        if (o->type != NG_ORG || (o->flags & (CF_DROPPED | CF_GENERIC)) || !o->rule ||
            strcmp(o->rule, "org.suffix") || o->entry == LX_NONE ||
            x->r->lx.entries[o->entry].kind != LK_ORGAN)
            continue;
        const lx_match *sm = x_longest_ending(x, o->e, LX_ORG_SUFFIX);
        if (!sm || sm->s <= o->s)
            continue;
        const lx_match *t = x_longest_at(x, sm->s, LX_TITLE);
        if (!t || t->e <= o->e || x_entry(x, t)->kind != LK_PARTY)
            continue;
        int unit = 0;
        for (int32_t q = x->cend[sm->s]; q >= 0 && !unit; q = x->c[q].next_end)
            if (x->c[q].s == o->s && !(x->c[q].flags & (CF_DROPPED | CF_GENERIC)) &&
                (x->c[q].type == NG_ORG || x->c[q].type == NG_PLACE))
                unit = 1;
        int used = 0;
        for (size_t r = 0; r < x->nrel && !used; r++)
            if (x->rel[r].a == (int32_t)k || x->rel[r].b == (int32_t)k || x->rel[r].c == (int32_t)k)
                used = 1;
        /* a holder named after the title: the relation rules split it */
        int held = 0;
        for (int32_t q = 0; q < (int32_t)nc && !held; q++)
            if (x->c[q].type == NG_PERSON && x->c[q].s == t->e &&
                !(x->c[q].flags & CF_DROPPED))
                held = 1;
        if (unit && !used && !held)
            o->flags |= CF_DROPPED;
    }
}

/* Does a list of posts or a unit end at b: punctuation, 、, 任, 兼, or a
 * body or place the rules found? */
static int post_edge(const xctx *x, size_t b)
{
    const uint32_t *w = x->t.cp;
    return b > 0 && (!is_han(w[b - 1]) || w[b - 1] == 0x517c /* 兼 */ ||
                     w[b - 1] == 0x4efb /* 任 */ ||
                     x_cand_ending(x, b, (1u << NG_ORG) | (1u << NG_PLACE), -1) >= 0);
}

/* A department named by one to four characters that are no ordinary
 * words (企管+处, 质管+部), between such an edge and its department word
 * of dl characters ending at s: its start, or s. */
static size_t dept_edge(const xctx *x, const uint8_t *cov, size_t s, size_t dl)
{
    const uint32_t *w = x->t.cp;
    size_t e = s - dl;
    /* a party branch (支部, 党部) is no department; a verb is no name */
    if (dl == 1 && e > 0 && (w[e - 1] == 0x652f /* 支 */ || w[e - 1] == 0x515a /* 党 */))
        return s;
    for (size_t i = e > 4 ? e - 4 : 0; i < e; i++) {
        const lx_match *v = x_longest_at(x, i, LX_COMMON);
        if (v && v->e <= e && x_entry(x, v)->kind == LK_VERB)
            return s;
    }
    for (size_t b = e; b + 4 >= e && b > 0; b--) {
        if (cov[b - 1] && !post_edge(x, b))
            return s;
        if (b < e && post_edge(x, b) && !cls_ends(x, b, LX_STOP, 0) &&
            !x_longest_ending(x, b, LX_TITLE))
            return b;
        const lx_match *it = x_longest_ending(x, b, LX_TITLE);
        if (!is_han(w[b - 1]) || (it && x_entry(x, it)->kind != LK_OCCUPATION) ||
            cls_ends(x, b, LX_STOP, 0))
            return s;
    }
    return s;
}

/*
 * 采购部部长, 工程技术处副处长, 政工办主任: a department named by one or
 * two ordinary words and a department character (部 处 科 室 办 组), with no
 * unit of its own, written before a title, is part of the title (as
 * résumés are annotated): its start, or s.  The department must stand
 * after an edge (punctuation, a function word, 兼/任/及, a title or a
 * name); a department that the suffix rules made part of a named body
 * (某镇公共服务办) is covered and left alone.
 */
static size_t dept_start(const xctx *x, const uint8_t *cov, size_t s)
{
    const uint32_t *w = x->t.cp;
    static const uint32_t dept[] = {0x90e8 /* 部 */, 0x5904 /* 处 */, 0x79d1 /* 科 */,
                                    0x5ba4 /* 室 */, 0x529e /* 办 */, 0x7ec4 /* 组 */};
    if (s < 3 || cov[s - 1])
        return s;
    int is_dept = 0;
    for (size_t i = 0; i < sizeof dept / sizeof *dept; i++)
        if (w[s - 1] == dept[i])
            is_dept = 1;
    /* 热管+车间 (a 中心 is a body of its own: 某某中心+主任) */
    size_t dl = 1;
    if (!is_dept && w[s - 2] == 0x8f66 && w[s - 1] == 0x95f4 /* 车间 */ && !cov[s - 2]) {
        is_dept = 1;
        dl = 2;
    }
    if (!is_dept)
        return s;
    /* one or two ordinary words (工程+技术+处) */
    size_t b = s - dl;
    for (int words = 0; words < 2; words++) {
        const lx_match *m = x_longest_ending(x, b, LX_COMMON);
        if (!m || m->e - m->s < 2 || m->e - m->s > 4)
            return dept_edge(x, cov, s, dl);
        b = m->s;
        for (size_t i = b; i < s; i++)
            if (cov[i])
                return s;
        if (b == 0 || !is_han(w[b - 1]) || cls_ends(x, b, LX_STOP, 0) ||
            x_longest_ending(x, b, LX_TITLE) ||
            x_cand_ending(x, b, (1u << NG_ORG) | (1u << NG_PLACE) | (1u << NG_PERSON), -1) >= 0 ||
            w[b - 1] == 0x517c /* 兼 */ || w[b - 1] == 0x4efb /* 任 */ ||
            w[b - 1] == 0x53ca /* 及 */)
            return b;
    }
    return dept_edge(x, cov, s, dl);
}

/*
 * 任公司副总经理, 任本行外部监事, 现任本公司董事: a résumé names its own
 * company with a bare 公司 / 本公司 / 本行 / 集团 / 本集团 / 该公司 written right
 * before a title, after an appointment verb (任, 为, 兼, 于, a former
 * marker) or in a 、 list of posts.  Resume NER marks it as an
 * organisation (rule org.self).  News text (公司总经理某某说) does not:
 * there, at a sentence's start, it is left alone.
 */
static void self_units(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    const uint32_t tmask = 1u << LX_TITLE | 1u << LX_TITLE_MODIFIER;
    /* by the unit's end e, where a title or modifier starts (smask): one
     * load per position */
    for (size_t e = 2; e < n; e++) {
        if (!(x->smask[e] & tmask))
            continue;
        uint32_t c1 = w[e - 1], c2 = w[e - 2];
        size_t i;
        if (c1 == 0x53f8 /* 司 */ && c2 == 0x516c /* 公 */)
            i = e >= 3 && (w[e - 3] == 0x672c /* 本 */ || w[e - 3] == 0x8be5 /* 该 */) ? e - 3 : e - 2;
        else if (c1 == 0x884c /* 行 */ && c2 == 0x672c /* 本 */)
            i = e - 2;
        else if (c1 == 0x56e2 /* 团 */ && c2 == 0x96c6 /* 集 */)
            i = e >= 3 && w[e - 3] == 0x672c /* 本 */ ? e - 3 : e - 2;
        else
            continue;
        size_t p = e; /* modifiers (常务副), then a title */
        for (int guard = 0; guard < 3; guard++) {
            const lx_match *md = x_longest_at(x, p, LX_TITLE_MODIFIER);
            if (!md)
                break;
            p = md->e;
        }
        if (!x_has_at(x, p, LX_TITLE, 1) && !x_has_at(x, e, LX_TITLE, 1))
            continue;
        uint32_t b = i ? w[i - 1] : 0;
        if (!(b == 0x3001 /* 、 */ || b == 0x4efb /* 任 */ || b == 0x4e3a /* 为 */ ||
              b == 0x517c /* 兼 */ || b == 0x4e8e /* 于 */ || x_longest_ending(x, i, LX_FORMER)))
            continue;
        int covered = 0;
        for (size_t k = i; k < e && !covered; k++)
            covered = x_covered(x, k);
        if (covered)
            continue;
        cand c = x_rule_cand(i, e, NG_ORG, LX_NONE,
                              "org.self");
        if (x_add_cand(x, &c) < 0)
            return;
    }
}

/*
 * 任宜通世纪副总经理, 、太极微电子董事长, 现任蓝色光标董事: a résumé writes
 * a company by its short trade name, which no suffix marks, right before
 * a title.  A run of two to eight Han characters framed on its left by
 * the appointment verb 任 (现任, 担任) or by a list separator after another
 * post, and on its right by a title, is that unit (rule org.before_title)
 * where no other candidate claims it (a place may start it: 廊坊+发展; a
 * guessed transliterated name gives way), it is no department (部 处 科 室
 * ...: dept_start), no rank (副处级, 正团职), no name, no title and no
 * single ordinary word, and it holds no function word.
 */
static void trade_name_units(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    const uint32_t tmask = 1u << LX_TITLE | 1u << LX_TITLE_MODIFIER;
    for (size_t e = 2; e < n; e++) {
        if (!(x->smask[e] & tmask) || !is_han(w[e - 1]))
            continue;
        /* the title (after its modifiers) must start here, not inside a
         * word or a longer title */
        size_t p = e;
        for (int guard = 0; guard < 3; guard++) {
            const lx_match *md = x_longest_at(x, p, LX_TITLE_MODIFIER);
            if (!md)
                break;
            p = md->e;
        }
        const lx_match *tt = x_longest_at(x, p, LX_TITLE);
        const lx_match *ts = x_longest_at(x, e, LX_ORG_SUFFIX);
        /* an occupation (社工, 律师) is no post in a company; a title that
         * starts a body's suffix (委员+会) is none */
        if (!tt || x_entry(x, tt)->kind == LK_OCCUPATION || (ts && ts->e > tt->e) ||
            x_longest_ending(x, e, LX_TITLE) ||
            x_longest_ending(x, e, LX_TITLE_MODIFIER) || word_across(x, e))
            continue;
        size_t b = e;
        while (b > 0 && e - b < 8 && is_han(w[b - 1]) && w[b - 1] != 0x4efb /* 任 */)
            b--;
        if (e - b < 2 || b < 1)
            continue;
        /* after 任 (现任, 担任), or after a list separator that follows
         * another post (董事长、某某董事) */
        if (w[b - 1] != 0x4efb &&
            !(b >= 2 && (w[b - 1] == CP_LIST_SEP || w[b - 1] == ',') &&
              (x_longest_ending(x, b - 1, LX_TITLE) ||
               x_cand_ending(x, b - 1, 1u << NG_POSITION, -1) >= 0)))
            continue;
        static const uint32_t dept[] = {0x90e8, 0x5904, 0x79d1, 0x5ba4, 0x529e, 0x7ec4,
                                        0x95f4 /* 间 */, 0x5fc3 /* 心 */, 0x961f /* 队 */,
                                        0x7ea7 /* 级: 副处级 */, 0x804c /* 职: 正团职 */};
        int bad = 0;
        for (size_t i = 0; i < sizeof dept / sizeof *dept; i++)
            if (w[e - 1] == dept[i])
                bad = 1;
        if (bad || x_longest_ending(x, e, LX_ORG_SUFFIX) || x_longest_ending(x, e, LX_PLACE_SUFFIX))
            continue;
        /* one ordinary word (财务+经理, 项目+经理) or a function word inside */
        const lx_match *cw = x_longest_at(x, b, LX_COMMON);
        if (cw && cw->e >= e)
            continue;
        static const uint32_t func[] = {0x7684 /* 的 */, 0x4e86 /* 了 */, 0x548c /* 和 */,
                                        0x4e0e /* 与 */, 0x53ca /* 及 */, 0x6216 /* 或 */,
                                        0x662f /* 是 */, 0x5728 /* 在 */, 0x5bf9 /* 对 */,
                                        0x628a /* 把 */, 0x88ab /* 被 */, 0x5c06 /* 将 */,
                                        0x4ece /* 从 */, 0x5411 /* 向 */, 0x4ee5 /* 以 */,
                                        0x4e3a /* 为 */, 0x7b49 /* 等 */, 0x4e5f /* 也 */,
                                        0x90fd /* 都 */, 0x5c31 /* 就 */, 0x800c /* 而 */,
                                        0x517c /* 兼 */, 0x8be5 /* 该 */, 0x5404 /* 各 */};
        for (size_t i = b; i < e && !bad; i++) {
            const lx_match *st = x_longest_at(x, i, LX_STOP);
            if ((st && st->e <= e && (st->e - st->s >= 2 || i == b)) ||
                x_has_at(x, i, LX_TITLE, 2) || x_has_at(x, i, LX_FORMER, 1))
                bad = 1;
            for (size_t f = 0; f < sizeof func / sizeof *func && !bad; f++)
                if (w[i] == func[f])
                    bad = 1;
        }
        if (bad)
            continue;
        /* nothing else claims it: a place may start it (廊坊+发展), and a
         * transliterated name the statistics guessed (欣旺达) is the
         * weaker reading */
        size_t last = e + x->cmaxlen < n ? e + x->cmaxlen : n;
        int32_t tl = -1;
        for (size_t q = b + 1; q <= last && !bad; q++)
            for (int32_t k = x->cend[q]; k >= 0 && !bad; k = x->c[k].next_end) {
                const cand *c = &x->c[k];
                if ((c->flags & CF_DROPPED) || c->s >= e || c->e <= b)
                    continue;
                if (c->type == NG_PERSON && c->s == b && c->e == e && c->rule &&
                    !strcmp(c->rule, "person.translit"))
                    tl = k;
                else if (!(c->type == NG_PLACE && c->s == b && c->e < e))
                    bad = 1;
            }
        if (bad || (tl < 0 && e - b <= 3 && ent_name_at(x, b, e) == e - b))
            continue;
        if (tl >= 0)
            x->c[tl].flags |= CF_DROPPED;
        cand c = x_rule_cand(b, e, NG_ORG, LX_NONE, "org.before_title");
        if (x_add_cand(x, &c) < 0)
            return;
    }
}

/*
 * 经济学副教授, 投资经理, 运营总裁: one ordinary noun of two or three
 * characters written right before a title, in a list of posts (after
 * 、, 任 or 兼) or after the unit of the title, names the
 * field of the post and is part of the title, as résumés are annotated:
 * its start, or s.  Not after a word that runs on (它的投资经理: 的 is no
 * edge here), nor a noun that names a place or a body.
 */
static size_t qualifier_start(const xctx *x, const uint8_t *cov, size_t s)
{
    const uint32_t *w = x->t.cp;
    if (s < 2 || cov[s - 1])
        return s;
    const lx_match *m = x_longest_ending(x, s, LX_COMMON);
    if (!m || m->e - m->s < 2 || m->e - m->s > 3 || x_entry(x, m)->kind != LK_NOUN)
        return s;
    size_t b = m->s;
    for (size_t i = b; i < s; i++)
        if (cov[i])
            return s;
    if (x_has_at(x, b, LX_TITLE, 1) || x_has_at(x, b, LX_STATUS_WORD, 1) || word_across(x, b))
        return s;
    const lx_match *t = x_longest_at(x, s, LX_TITLE);
    if (!t || x_entry(x, t)->kind == LK_PARTY)
        return s; /* 基层+党员 is no post's name */
    uint32_t l = b ? w[b - 1] : 0;
    static const uint32_t count[] = {0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d, 0x4e03,
                                     0x516b, 0x4e5d, 0x5341, 0x4e24, 0x51e0 /* 一..十 两 几 */};
    for (size_t i = 0; i < sizeof count / sizeof *count; i++)
        if (w[b] == count[i])
            return s; /* 一名+村干部 counts, it names no field */
    if (b > 0 && (l == CP_LIST_SEP || l == 0x4efb /* 任 */ || l == 0x517c /* 兼 */ ||
                  x_cand_ending(x, b, (1u << NG_ORG) | (1u << NG_PLACE), -1) >= 0))
        return b;
    return s;
}

/* Does a grade or licence word start at p (高级 中级 初级 资深 注册 执业
 * 国家 国际 特许 一级 二级 三级)? */
static int qualification_prefix(const uint32_t *p)
{
    static const uint32_t pre[][2] = {{0x9ad8, 0x7ea7}, {0x4e2d, 0x7ea7}, {0x521d, 0x7ea7},
                                      {0x8d44, 0x6df1}, {0x6ce8, 0x518c}, {0x6267, 0x4e1a},
                                      {0x56fd, 0x5bb6}, {0x56fd, 0x9645}, {0x7279, 0x8bb8},
                                      {0x4e00, 0x7ea7}, {0x4e8c, 0x7ea7}, {0x4e09, 0x7ea7}};
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++)
        if (p[0] == pre[i][0] && p[1] == pre[i][1])
            return 1;
    return 0;
}

/* Is c a list edge: the text's edge, punctuation or a separator? */
static int list_edge(uint32_t c)
{
    return !is_han(c) && !is_ascii_alnum(c);
}

/*
 * 高级项目管理师, 注册纳税筹划师, 审计员: a résumé lists qualifications
 * and posts the title lexicon cannot all hold.  A token of three to nine
 * Han characters standing alone between list edges (punctuation, 、, the
 * text's edges) that ends in 师 (a qualified profession), or in 员 next to
 * another post in a 、 list, with no function word, no name and nothing
 * the other rules found in it, is a title (rule position.qualification).
 */
static void qualification_titles(xctx *x, uint8_t *cov)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    for (size_t e = 3; e <= n; e++) {
        uint32_t last = w[e - 1];
        if ((last != 0x5e08 /* 师 */ && last != 0x5458 /* 员 */) || (e < n && !list_edge(w[e])))
            continue;
        size_t b = e;
        while (b > 0 && e - b < 10 && is_han(w[b - 1]))
            b--;
        if (e - b < 3 || e - b > 9 || (b > 0 && !list_edge(w[b - 1])) ||
            (b > 0 && (w[b - 1] == 0x300a /* 《 */ || w[b - 1] == 0x201c /* “ */)))
            continue;
        /* a title of the lexicon ends it (某老师, 银行代理律师): the title
         * rules read it, unless the token starts with a grade or a
         * licence (高级, 注册, 执业, 一级 ...: 执业注册会计师) */
        if (x_longest_ending(x, e, LX_TITLE) && !qualification_prefix(w + b))
            continue;
        int bad = 0;
        for (size_t i = b; i < e && !bad; i++) {
            const lx_match *st = x_longest_at(x, i, LX_STOP);
            if (cov[i] || (st && st->e <= e && (st->e - st->s >= 2 || i == b)))
                bad = 1;
        }
        if (bad || x_has_at(x, b, LX_STATUS_WORD, e - b))
            continue;
        /* 员: only in a 、 list of posts (审计员、评估员) */
        if (last == 0x5458) {
            int listed = (b > 1 && w[b - 1] == CP_LIST_SEP &&
                          (x_longest_ending(x, b - 1, LX_TITLE) ||
                           x_cand_ending(x, b - 1, 1u << NG_POSITION, -1) >= 0)) ||
                         (e + 1 < n && w[e] == CP_LIST_SEP && x_has_at(x, e + 1, LX_TITLE, 1));
            if (!listed)
                continue;
        }
        cand c = x_rule_cand(b, e, NG_POSITION, LX_NONE, "position.qualification");
        if (x_add_cand(x, &c) < 0)
            return;
        for (size_t i = b; i < e; i++)
            cov[i] = 1;
    }
}

/* 第五届+董事会独立董事, 第三届+监事: a term (第 + numerals + 届) written
 * right before a title is part of it, as Resume NER marks it: its start,
 * or s. */
static size_t ordinal_start(const xctx *x, const uint8_t *cov, size_t s)
{
    const uint32_t *w = x->t.cp;
    if (s < 3 || w[s - 1] != 0x5c4a /* 届 */ || cov[s - 1])
        return s;
    static const uint32_t num[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                   0x516B, 0x4E5D, 0x5341 /* 一 .. 十 */};
    size_t b = s - 1;
    while (b > 0 && s - b <= 5 && !cov[b - 1]) {
        uint32_t c = w[b - 1];
        int isnum = c >= '0' && c <= '9';
        for (size_t i = 0; i < sizeof num / sizeof *num && !isnum; i++)
            isnum = c == num[i];
        if (!isnum)
            break;
        b--;
    }
    if (b == s - 1 || b == 0)
        return s;
    if (w[b - 1] == 0x7b2c /* 第 */ && !cov[b - 1])
        return b - 1;
    /* 某公司+三届+监事会监事: the term without 第, right after its unit */
    return x_cand_ending(x, b, (1u << NG_ORG) | (1u << NG_PLACE), -1) >= 0 ? b : s;
}

void ti_bare_titles(xctx *x)
{
    const uint32_t *w = x->t.cp;
    size_t n = x->t.n;
    if (!n || !x->r->lx.class_count[LX_TITLE])
        return;
    split_organ_titles(x);
    self_units(x);
    trade_name_units(x);
    uint8_t *cov = x_cover_map(x, NULL);
    if (!cov)
        return;
    qualification_titles(x, cov);
    /* no title or modifier starting at i: no title found from i */
    const uint32_t tm = 1u << LX_TITLE | 1u << LX_TITLE_MODIFIER;
    for (size_t i = 0; i < n; i++) {
        if (!(x->smask[i] & tm) || !is_han(w[i]))
            continue;
        if (cov[i]) {
            const lx_match *pt = x_longest_at(x, i, LX_TITLE);
            if (!pt || (!party_title_org(x, pt, i, pt->e) && !place_title(x, pt, i, pt->e)))
                continue;
        }
        /* modifiers first (常务副), then the title */
        size_t s = i, p = i;
        for (int guard = 0; guard < 3; guard++) {
            const lx_match *md = x_longest_at(x, p, LX_TITLE_MODIFIER);
            if (!md || (!x_longest_at(x, md->e, LX_TITLE) && !x_longest_at(x, md->e, LX_TITLE_MODIFIER)))
                break;
            p = md->e;
        }
        const lx_match *t = x_longest_at(x, p, LX_TITLE);
        /* a title written whole that runs past the modifier's reading
         * (总经理助理 against 总 + 经理) is the title */
        const lx_match *whole = p > i ? x_longest_at(x, i, LX_TITLE) : NULL;
        if (whole && (!t || whole->e > t->e)) {
            t = whole;
            p = i;
        }
        if (!t)
            continue;
        size_t e = t->e;
        /* a title that an ordinary word runs past (主任务) is none */
        const lx_match *cw = x_longest_at(x, t->s, LX_COMMON);
        if (cw && cw->e > e)
            continue;
        int bad = 0;
        /* 会计师+资格 against 师资: a longer word starting at e wins */
        const lx_match *after = x_longest_at(x, e, LX_COMMON);
        for (size_t k = t->s + 1; k < e && !bad; k++) {
            const lx_match *c2 = x_longest_at(x, k, LX_COMMON);
            if (c2 && c2->e > e && !(after && after->e > c2->e))
                bad = 1;
        }
        int party_org = !bad && (party_title_org(x, t, s, e) || place_title(x, t, s, e));
        for (size_t k = s; k < e && !bad && !party_org; k++)
            if (cov[k])
                bad = 1;
        if (bad || (e < n && (x_has_at(x, e, LX_ORG_SUFFIX, 1) && !x_has_at(x, e, LX_TITLE, 1))))
            continue;
        /* the tail of a longer title that a unit took a part of (社区党委书记) */
        const lx_match *lt = x_longest_ending(x, e, LX_TITLE);
        if (lt && lt->s < s)
            continue;
        /* 黄教授为..., 王经理说: a surname alone before a title at a
         * clause's start addresses a person; the title holds no post */
        if (s >= 1 && (s == 1 || !is_han(w[s - 2])) && x_has_at(x, s - 1, LX_SURNAME, 1) &&
            !cov[s - 1] && (s == 1 || !is_ascii_alnum(w[s - 2])) &&
            w[s - 1] != 0x4efb /* 任 (the verb) */ && !x_has_at(x, s - 1, LX_STOP, 1))
            continue;
        /* 中国+注册会计师, 中华人民共和国+律师: a qualification written with
         * the country that grants it is one title */
        int32_t cq = country_qualification(x, t, s);
        size_t ds = dept_start(x, cov, s);
        size_t os = ordinal_start(x, cov, s);
        size_t qs = qualifier_start(x, cov, s);
        if (os < s)
            s = os; /* 第五届+董事会独立董事: the term is part of the title */
        else if (ds < s)
            s = ds; /* 采购部+部长: the department is part of the title */
        else if (qs < s)
            s = qs; /* 经济学+副教授, 投资+经理: the field is part of it */
        else if (cq < 0 && !title_context(x, s, e) && !title_framed(x, s, e) &&
                 (x_entry(x, t)->kind != LK_OCCUPATION || word_across(x, s) ||
                  word_across(x, e) || cls_ends(x, s, LX_COMMON, LK_NOUN)))
            continue;
        if (cq >= 0 && s == t->s) {
            s = x->c[cq].s;
            for (size_t k = 0; k < x->nc; k++) {
                cand *o = &x->c[k];
                if (o->s >= s && o->e <= t->s && (o->type == NG_ORG || o->type == NG_PLACE))
                    o->flags |= CF_DROPPED;
            }
        }
        cand c = x_rule_cand(s, e, NG_POSITION, t->entry,
                              "position.title");
        if (party_org)
            for (size_t k = 0; k < x->nc; k++) {
                cand *o = &x->c[k];
                if (o->s >= s && o->e <= e && (o->type == NG_ORG || o->type == NG_PLACE))
                    o->flags |= CF_DROPPED;
            }
        if (x_add_cand(x, &c) < 0)
            break;
        for (size_t k = s; k < e; k++)
            cov[k] = 1;
        i = e - 1;
    }
}
