/*
 * rules.h - the compiled rule set (struct ng_rules), shared read-only.
 */
#ifndef NG_RULES_H
#define NG_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "internal.h"
#include "lexicon.h"

/* Named capture groups a pattern may use (rules/README.md, patterns.txt). */
typedef enum {
    PG_PERSON, PG_PERSONS, PG_ROLE, PG_POSITION, PG_ORG, PG_PLACE, PG_FORMER,
    PG_PLACES, PG_ORGS, PG_PARENT,
    PG_N
} pg_group;

typedef struct {
    char *name;           /* rule name, e.g. "person.byline" */
    pcre2_code *code;
    uint16_t file;
    uint32_t line;
    int user;
    int group[PG_N];      /* capture group number, or -1 */
} ng_pattern;

struct ng_rules {
    lexicon lx;
    char **files;         /* display name of each loaded file */
    size_t nfiles;
    ng_pattern *patterns;
    size_t npatterns;
    pcre2_match_context *mctx; /* limits; only read during matching */
};

/* Limits that keep a hostile pattern from hanging extraction. */
#define NG_PCRE2_MATCH_LIMIT 1000000u
#define NG_PCRE2_DEPTH_LIMIT 10000u

/* Decode UTF-8 s[0..len) into cps (caller frees); -1 if invalid. */
int ng_utf8_decode(const char *s, size_t len, uint32_t **cps, size_t *n);

#endif
