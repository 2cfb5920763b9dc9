/*
 * rules.h - the compiled rule set (struct ng_rules), shared read-only.
 */
#ifndef NG_RULES_H
#define NG_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include "internal.h"
#include "lexicon.h"

/* Named capture groups a pattern may use (rules/README.md, patterns.txt). */
typedef enum {
    PG_PERSON, PG_PERSONS, PG_ROLE, PG_POSITION, PG_ORG, PG_PLACE, PG_FORMER,
    PG_PLACES, PG_ORGS, PG_PARENT,
    PG_N
} pg_group;

/*
 * Literals that every match of a pattern holds, derived from its source
 * when it is loaded (rules.c, "What a pattern needs"): text without one of
 * a need's literals cannot match, so patterns.c skips it.  A need whose
 * literal lies a bounded distance after the match start also bounds where
 * a match can start: dmin..dmax code points before one of its literals.
 */
#define NG_NEED_MAX 4         /* needs kept per pattern */
#define NG_NEED_LITS 8        /* literals per need */
#define NG_NEED_LITLEN 24     /* bytes kept of a literal (a prefix is needed too) */
#define NG_UNBOUNDED UINT32_MAX

typedef struct {
    uint8_t nlit;
    uint8_t len[NG_NEED_LITS];
    char lit[NG_NEED_LITS][NG_NEED_LITLEN];
    uint32_t dmin, dmax;  /* code points from the match start to the literal */
} ng_need;

/* The literals of every pattern's needs, found in one pass over a text. */
#define NG_LITS_MAX 64        /* a need with a literal past these is dropped */
#define NG_LIT_HASH 1024      /* buckets by first code point */

typedef struct {
    uint32_t cp[NG_NEED_LITLEN];
    uint8_t n;
    int8_t next;          /* next literal of the same bucket, or -1 */
} ng_lit;

typedef struct {
    char *name;           /* rule name, e.g. "person.byline" */
    pcre2_code *code;
    uint16_t file;
    uint32_t line;
    int user;
    int group[PG_N];      /* capture group number, or -1 */
    uint8_t nneed;
    int8_t anchor;        /* the need that bounds match starts, or -1 */
    int8_t first;         /* every match starts with an entry of this
                             lexicon class (its first part is {CLASS}), or -1 */
    ng_need need[NG_NEED_MAX];
    uint64_t need_lits[NG_NEED_MAX]; /* each need's literals in ng_rules.lits */
    atomic_int jitted;    /* 0 not yet (ng_pattern_ready), 1 JIT failed, 2 compiled */
} ng_pattern;

struct ng_rules {
    lexicon lx;
    char **files;         /* display name of each loaded file */
    size_t nfiles;
    ng_pattern *patterns;
    size_t npatterns;
    pcre2_match_context *mctx; /* limits; only read during matching */
    uint32_t ovec_pairs;  /* the most capture pairs of any pattern, + 1 */
    ng_lit lits[NG_LITS_MAX];
    int nlits;
    int8_t lit_head[NG_LIT_HASH]; /* first literal whose first cp hashes here */
    pthread_mutex_t jit_lock; /* the one thing written after loading */
    atomic_int big_ready;     /* lx.big built (ng_lexicon_ready) */
};

/* Limits that keep a hostile pattern from hanging extraction. */
#define NG_PCRE2_MATCH_LIMIT 1000000u
#define NG_PCRE2_DEPTH_LIMIT 10000u

/*
 * Make p ready to match: JIT compile it at its first use rather than at
 * load time (a quarter of the load; most patterns run on few documents).
 * Thread-safe; call before every match on p->code.  Returns 1 when the
 * JIT took the pattern (pcre2_jit_match() may then be called), else 0.
 */
int ng_pattern_ready(const ng_rules *r, const ng_pattern *p);

/*
 * Build the lexicon's hash of big nodes (lx_build_big) at the first
 * extraction rather than at load time, the same way.  Thread-safe; call
 * before the first lx_step() of an extraction: lx_step() reads lx.big.
 */
void ng_lexicon_ready(const ng_rules *r);

/* Decode UTF-8 s[0..len) into cps (caller frees); -1 if invalid. */
int ng_utf8_decode(const char *s, size_t len, uint32_t **cps, size_t *n);

#endif
