/*
 * extract.h - per-document extraction state, shared by the stage files.
 *
 * All of it lives in one xctx owned by one ng_extract() call: the rules
 * are only read, so any number of calls may run at once.
 */
#ifndef NG_EXTRACT_H
#define NG_EXTRACT_H

#include <string.h>
#include "rules.h"

/* A lexicon hit: entry `entry` of the rules' lexicon at [s, e). */
typedef struct {
    uint32_t s, e;
    uint32_t entry;
} lx_match;

/* Where a candidate came from, strongest first (rules/README.md,
 * Precedence): user lexicon > built-in lexicon > rule or pattern. */
enum { SRC_RULE = 1, SRC_LEXICON = 2, SRC_USER = 3 };

enum {
    CF_GENERIC = 1,   /* a bare suffix with no name (社区, 镇党委): not output */
    CF_DROPPED = 2,   /* lost a conflict; not output */
    CF_CHAIN = 4,     /* person found after a title: has a title chain */
    CF_SUPPORT = 8,   /* a village-level name by suffix: needs support */
    CF_LISTED = 16    /* its parent heads the list it is in (甲、乙社区) */
};

typedef struct {
    uint32_t s, e;          /* working span */
    uint8_t type;           /* ng_entity_type */
    uint8_t src;            /* SRC_* */
    uint8_t level;          /* place level LK_* (0 unknown) */
    uint8_t flags;          /* CF_* */
    int32_t parent;         /* candidate that bounds it on the left, or -1 */
    int32_t next_end;       /* next candidate ending at the same position */
    const char *rule;       /* rule name (static or pattern name) */
    uint32_t entry;         /* lexicon entry behind it, or LX_NONE */
    int32_t pattern;        /* pattern index, or -1 */
    uint32_t chain_end;     /* CF_CHAIN: where the title chain ends */
} cand;

typedef struct {
    uint8_t type;           /* ng_relation_type */
    uint8_t former, resolved;
    int32_t a, b, c;        /* holds: person, position, org(-1); located: child, parent */
    uint32_t ev_s, ev_e;    /* evidence, working span */
    const char *rule;
    int32_t pattern;        /* pattern index, or -1 */
} crel;

typedef struct {
    const ng_rules *r;
    ng_text t;
    size_t *sent;
    size_t nsent;
    /* lexicon matches, sorted by start; by_start[i] .. by_start[i+1] */
    lx_match *m;
    size_t nm, mcap;
    uint8_t *mcls;          /* nm: the class of each match (no lexicon read) */
    uint32_t *by_start;     /* n+1 */
    uint32_t *end_idx;      /* match indices sorted by end */
    uint32_t *by_end;       /* n+3: end_idx[by_end[e] .. by_end[e+1]] end at e */
    /* bit c set when a match of class c starts at i (smask, n+1) or ends
       at e (emask, n+2): most lookups end here */
    uint32_t *smask, *emask;
    /* by_start, smask, emask, by_end and cend share this one allocation
       (a document is short: allocations count); only it is freed */
    uint32_t *pos_block;
    /* candidates; cend[e] heads a list of candidates ending at e */
    cand *c;
    size_t nc, ccap;
    int32_t *cend;          /* n+1 */
    uint32_t cmaxlen;       /* the longest candidate span added so far */
    crel *rel;
    size_t nrel, relcap;
    int32_t *relht;         /* 2 * relcap slots: x_add_rel's hash set, -1 empty */
    ng_strlist warnings;
    uint32_t *written;      /* characters as written, when t->cp was converted */
    int oom;
    /* scratch memory (x_tmp): the workspace's arena, then blocks of their
       own once it is full; all of it is given back when the document is
       done */
    ng_workspace *ws;       /* NULL: ng_extract() without a workspace */
    unsigned char *tmp;
    size_t tmp_used, tmp_cap, tmp_want;
    void *tmp_over;         /* the blocks of their own, a list */
} xctx;

/* ---- extract.c: helpers every stage uses ---- */
static inline int is_han(uint32_t c)
{
    return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
           (c >= 0x20000 && c <= 0x2ebef) || (c >= 0xf900 && c <= 0xfaff) ||
           c == 0x3007;
}
static inline int is_ascii_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/* Does a form of address written after a surname (先生 小姐 女士 太太)
 * start at w[k], in a text of n code points? */
static inline int x_address_at(const uint32_t *w, size_t n, size_t k)
{
    return k + 1 < n && ((w[k] == 0x5148 && w[k + 1] == 0x751f) /* 先生 */ ||
                         (w[k] == 0x5c0f && w[k + 1] == 0x59d0) /* 小姐 */ ||
                         (w[k] == 0x5973 && w[k + 1] == 0x58eb) /* 女士 */ ||
                         (w[k] == 0x592a && w[k + 1] == 0x592a) /* 太太 */);
}
/* 总 叔 伯 姨 婆 嫂 哥 姐 爷: after a surname, a one-character form of
 * address (谢总, 杨叔), not a given name */
static inline int x_honorific_cp(uint32_t c)
{
    static const uint32_t forms[] = {0x603b, 0x53d4, 0x4f2f, 0x59e8, 0x5a46,
                                     0x5ac2, 0x54e5, 0x59d0, 0x7237};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (c == forms[i])
            return 1;
    return 0;
}
static inline const lx_entry *x_entry(const xctx *x, const lx_match *m)
{
    return &x->r->lx.entries[m->entry];
}
/* Longest match of class cls starting at i; NULL if none.  The matches
   at i come by end: the longest of a class is its last. */
static inline const lx_match *x_longest_at(const xctx *x, size_t i, int cls)
{
    if (i >= x->t.n || !(x->smask[i] >> cls & 1))
        return NULL;
    for (uint32_t k = x->by_start[i + 1]; k-- > x->by_start[i];)
        if (x->mcls[k] == cls)
            return &x->m[k];
    return NULL;
}
/* The furthest end of a word of the classes in clsmask (bit LX_x), of
 * minlen or more characters, that starts in [b - back, b) and ends after
 * b: the word runs across b, and a name does not start or end inside it.
 * 0 where none does. */
static inline size_t x_word_across(const xctx *x, size_t b, size_t back, uint32_t clsmask,
                                   size_t minlen)
{
    size_t best = 0;
    for (size_t i = b > back ? b - back : 0; i < b; i++)
        for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++) {
            const lx_match *m = &x->m[k];
            if ((clsmask >> x->mcls[k] & 1) && m->e > b && m->e - m->s >= minlen && m->e > best)
                best = m->e;
        }
    return best;
}
/* The entry of class cls written exactly at [i, i + len), as
   lx_lookup(&x->r->lx, x->t.cp + i, len, cls) finds it, but from the
   scan's matches: no trie walk, and nothing read where no entry of the
   class starts at i. */
static inline const lx_entry *x_entry_at(const xctx *x, size_t i, size_t len, int cls)
{
    if (i >= x->t.n || !(x->smask[i] >> cls & 1))
        return NULL;
    for (uint32_t k = x->by_start[i]; k < x->by_start[i + 1]; k++)
        if (x->mcls[k] == cls && x->m[k].e == i + len)
            return &x->r->lx.entries[x->m[k].entry];
    return NULL;
}
/* A text of the working text in a stage's hash set: x->t.cp[s, s+len),
   hashed with ng_fnv_cps().  Set elements start with one. */
typedef struct {
    uint64_t h;
    uint32_t s, len;
} x_textkey;
/* Linear probe of an open-addressed set: slot[] (cap entries, a power of
   two, -1 empty) holds indices into elems, `stride` bytes apart, each
   starting with an x_textkey.  The slot holding the text at [s, s+len)
   of hash h, or the empty slot where it would go. */
static inline size_t x_textset_probe(const xctx *x, const int32_t *slot, size_t cap,
                                     const void *elems, size_t stride, uint64_t h,
                                     size_t s, size_t len)
{
    const uint32_t *w = x->t.cp;
    size_t i = (size_t)(h ^ (h >> 29)) & (cap - 1);
    for (; slot[i] >= 0; i = (i + 1) & (cap - 1)) {
        const x_textkey *k =
            (const x_textkey *)((const char *)elems + (size_t)slot[i] * stride);
        if (k->h == h && k->len == len && !memcmp(w + k->s, w + s, len * sizeof *w))
            break;
    }
    return i;
}
/* Longest match of class cls ending at e; NULL if none.  The matches
   ending at e come by start: the longest is the first. */
static inline const lx_match *x_longest_ending(const xctx *x, size_t e, int cls)
{
    if (e == 0 || e > x->t.n || !(x->emask[e] >> cls & 1))
        return NULL;
    for (uint32_t k = x->by_end[e]; k < x->by_end[e + 1]; k++)
        if (x->mcls[x->end_idx[k]] == cls)
            return &x->m[x->end_idx[k]];
    return NULL;
}
/* Does any entry of class cls start at i (of length >= minlen)?  Some
   is at least minlen long iff the longest is. */
static inline int x_has_at(const xctx *x, size_t i, int cls, size_t minlen)
{
    const lx_match *m = x_longest_at(x, i, cls);
    return m && m->e - m->s >= minlen;
}
/* A candidate found by a rule: no pattern, no parent, no flags yet. */
static inline cand x_rule_cand(size_t s, size_t e, uint8_t type, uint32_t entry, const char *rule)
{
    cand c = {0};
    c.s = (uint32_t)s;
    c.e = (uint32_t)e;
    c.type = type;
    c.src = SRC_RULE;
    c.parent = -1;
    c.entry = entry;
    c.pattern = -1;
    c.rule = rule;
    return c;
}
/* Scratch memory for the rest of the document, `size` bytes (x_tmpz:
 * zeroed), 16-byte aligned; never freed by the caller.  NULL, with x->oom
 * set, when out of memory.  For a stage's temporary arrays: with a
 * workspace, a stream of documents allocates nothing once it is warm. */
void *x_tmp(xctx *x, size_t size);
void *x_tmpz(xctx *x, size_t size);
int32_t x_add_cand(xctx *x, const cand *c);
/* Is position i inside a candidate that is neither dropped nor generic?
 * Looks only at the candidates ending within reach of i (cmaxlen). */
int x_covered(const xctx *x, size_t i);
/* A map of the n+1 positions, 1 where a candidate that is neither dropped
 * nor generic (nor one `skip` names, if given) covers it; scratch memory
 * (x_tmp), not to be freed.  NULL, with x->oom set, when out of memory. */
uint8_t *x_cover_map(xctx *x, int (*skip)(const xctx *, const cand *));
int x_add_rel(xctx *x, const crel *r);
/* Longest non-dropped candidate of a type mask ending at e, or -1. */
int32_t x_cand_ending(const xctx *x, size_t e, unsigned typemask, int32_t exclude);

/* ---- entities.c ---- */
void ent_lexicon(xctx *x);       /* gazetteer, known orgs, user entries */
void ent_suffix(xctx *x);        /* org and place names by suffix */
void ent_short_forms(xctx *x);   /* bare short forms need support */
void ent_place_lists(xctx *x);   /* 甲、乙、丙社区 under one parent */
void ent_village_support(xctx *x); /* one-off 某某社区 needs support */
void ent_bare_names(xctx *x);    /* 敦根 for 敦根社区 */
void ent_persons(xctx *x);       /* person names in context */
/* Decode a Chinese name at p, not past maxend: its length, or 0. */
size_t ent_name_at(const xctx *x, size_t p, size_t maxend);
/* A delimited token [p, te) that is a whole name (surname + 1-2): its length or 0. */
size_t ent_name_token(const xctx *x, size_t p, size_t te);
/* Is the 任 or 获 at w[i] the sentence's verb (after the text's start,
 * punctuation, a digit or a date or time adverb: 2004年起任, 现任)? */
int ent_appoint_before(const uint32_t *w, size_t i);
/* Names in a row separated by spaces or 、 after position p. */
void ent_person_lists(xctx *x);
void ent_propagate(xctx *x);     /* other occurrences of found names */

/* ---- names.c ---- */
void nm_bare_persons(xctx *x);   /* bare names by the surname/given-name model */

/* ---- nested.c ---- */
void nest_drop_inner(xctx *x);   /* a name inside a longer one: no mention */

/* ---- titles.c ---- */
void ti_bare_titles(xctx *x);    /* titles with no person: POSITION mentions */

/* ---- gazetteer.c ---- */
/* May a mined gazetteer entry (LF_MINED) stand at this match? */
int gaz_mined_ok(const xctx *x, const lx_match *m);
/* Where a mined organisation ends: past its end where a transliterated
 * name runs on (a short form that is the first characters of a longer
 * name, lib/gazetteer.c), else at the match's end. */
size_t gaz_mined_run_on(const xctx *x, const lx_match *m);
void gaz_abbrev(xctx *x);        /* 中美两国, 在京: one-character places */
void gaz_place_org(xctx *x);     /* 某国+外交部: a place's known body */

/* ---- patterns.c ---- */
void pat_run(xctx *x);

/* ---- relations.c ---- */
/* Parse a title chain that ends at `end` and relate it to `person`. */
void rel_chain(xctx *x, int32_t person, size_t end, const char *rule,
               int32_t pattern, size_t limit_start, int former);
/* Add a POSITION candidate for a title at [s, e); its index or -1. */
int32_t rel_position(xctx *x, size_t s, size_t e, const char *rule, int32_t pattern);
void rel_title_chains(xctx *x);
void rel_located(xctx *x);
void rel_resolve_units(xctx *x);
void rel_title_organs(xctx *x);

/* ---- select.c / doc.c ---- */
void sel_resolve(xctx *x);
ng_doc *doc_build(xctx *x, const char *doc_id, ng_error *err);

#endif
