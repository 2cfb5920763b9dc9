/*
 * rules.c - load rule directories and compile them into one ng_rules.
 *
 * A rules directory holds lexicon files (one entry per line, the file's
 * stem names its class) and patterns.txt (PCRE2 rules that may refer to
 * lexicon classes as {CLASS} macros).  rules/README.md is the reference.
 * Everything is checked while loading, so a broken file fails here with
 * file:line and never at extraction time.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "rules.h"

#ifndef NG_DEFAULT_RULES_DIR
#define NG_DEFAULT_RULES_DIR "/usr/local/share/newsgraph/rules"
#endif

static const struct {
    const char *stem;
    int cls;
} class_files[] = {
    {"surname", LX_SURNAME},        {"title", LX_TITLE},
    {"title_modifier", LX_TITLE_MODIFIER}, {"status_word", LX_STATUS_WORD},
    {"former_marker", LX_FORMER},   {"org_suffix", LX_ORG_SUFFIX},
    {"place_suffix", LX_PLACE_SUFFIX}, {"place", LX_PLACE},
    {"org", LX_ORG},                {"person", LX_PERSON},
    {"person_cue_after", LX_CUE_AFTER}, {"person_cue_before", LX_CUE_BEFORE},
    {"stop", LX_STOP},              {"blocklist", LX_BLOCK},
    {"given_char", LX_GIVEN_CHAR},  {"not_suffix", LX_NOT_SUFFIX},
    {"position", LX_POSITION_USER}, {"common_word", LX_COMMON},
    {"org_connector", LX_CONNECTOR},
};

/* Macro names for patterns.txt, by class. */
static const char *class_macro[LX_NCLASSES] = {
    [LX_SURNAME] = "SURNAME", [LX_TITLE] = "TITLE",
    [LX_TITLE_MODIFIER] = "TITLE_MODIFIER", [LX_STATUS_WORD] = "STATUS_WORD",
    [LX_FORMER] = "FORMER", [LX_ORG_SUFFIX] = "ORG_SUFFIX",
    [LX_PLACE_SUFFIX] = "PLACE_SUFFIX", [LX_PLACE] = "PLACE", [LX_ORG] = "ORG",
    [LX_PERSON] = "PERSON", [LX_CUE_AFTER] = "CUE_AFTER",
    [LX_CUE_BEFORE] = "CUE_BEFORE", [LX_STOP] = "STOP", [LX_BLOCK] = "BLOCK",
    [LX_GIVEN_CHAR] = "GIVEN_CHAR", [LX_NOT_SUFFIX] = "NOT_SUFFIX",
    [LX_POSITION_USER] = "POSITION", [LX_COMMON] = "COMMON",
    [LX_CONNECTOR] = "ORG_CONNECTOR",
};

static const struct {
    const char *word;
    uint8_t kind;
    uint8_t flag;
} field_words[] = {
    {"organ", LK_ORGAN, 0},      {"media", LK_MEDIA, 0},
    {"general", LK_GENERAL, 0},  {"province", LK_PROVINCE, 0},
    {"city", LK_CITY, 0},        {"county", LK_COUNTY, 0},
    {"town", LK_TOWN, 0},        {"village", LK_VILLAGE, 0},
    {"group", LK_GROUP, 0},      {"area", LK_AREA, 0},
    {"street", LK_STREET, 0},    {"water", LK_WATER, 0},
    {"site", LK_SITE, 0},        {"occupation", LK_OCCUPATION, 0},
    {"party", LK_PARTY, 0},      {"sep", LK_SEP, 0},
    {"nosep", LK_NOSEP, 0},      {"any", LK_ANY, 0},
    {"verb", LK_VERB, 0},        {"noun", LK_NOUN, 0},
    {"v", LK_VERB, 0}, /* jieba's verb tag, as stop.txt records it */
    {"short", 0, LF_SHORT},      {"rare", 0, LF_RARE},
};

/* Entry strings per class, kept while loading to expand {CLASS} macros. */
typedef struct {
    char **s;
    size_t n, cap;
} strvec;

typedef struct {
    ng_rules *r;
    strvec cls_strings[LX_NCLASSES];
    ng_error *err;
} loader;

static int strvec_push(strvec *v, const char *s, size_t len)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 64;
        char **p = realloc(v->s, nc * sizeof *p);
        if (!p)
            return -1;
        v->s = p;
        v->cap = nc;
    }
    char *c = malloc(len + 1);
    if (!c)
        return -1;
    memcpy(c, s, len);
    c[len] = 0;
    v->s[v->n++] = c;
    return 0;
}

static void strvec_free(strvec *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->s[i]);
    free(v->s);
    memset(v, 0, sizeof *v);
}

int ng_utf8_decode(const char *s, size_t len, uint32_t **cps, size_t *n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t *out = malloc((len + 1) * sizeof *out);
    if (!out)
        return -2;
    size_t k = 0, i = 0;
    while (i < len) {
        uint32_t c = p[i];
        size_t need;
        if (c < 0x80) {
            need = 0;
        } else if (c >= 0xc2 && c <= 0xdf) {
            need = 1; c &= 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2; c &= 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3; c &= 0x07;
        } else {
            free(out);
            return -1;
        }
        for (size_t j = 1; j <= need; j++) {
            if (i + j >= len || (p[i + j] & 0xc0) != 0x80) {
                free(out);
                return -1;
            }
            c = (c << 6) | (p[i + j] & 0x3f);
        }
        if ((need == 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
            (need == 3 && (c < 0x10000 || c > 0x10ffff))) {
            free(out);
            return -1;
        }
        out[k++] = c;
        i += need + 1;
    }
    out[k] = 0;
    *cps = out;
    *n = k;
    return 0;
}

static int add_file_name(ng_rules *r, const char *name)
{
    char **f = realloc(r->files, (r->nfiles + 1) * sizeof *f);
    if (!f)
        return -1;
    r->files = f;
    r->files[r->nfiles] = strdup(name);
    if (!r->files[r->nfiles])
        return -1;
    return (int)r->nfiles++;
}

/* Read a whole file; NUL-terminated.  NULL on error with errno set. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n < cap - 1) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
            }
            break;
        }
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    fclose(f);
    if (buf) {
        buf[n] = 0;
        *len = n;
    }
    return buf;
}

static char *trim(char *s, char **end)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    *e = 0;
    *end = e;
    return s;
}

static int load_lexicon_file(loader *L, const char *path, const char *display,
                             int cls, int user)
{
    size_t len;
    char *buf = slurp(path, &len);
    if (!buf) {
        ng_set_error(L->err, NG_ERR_IO, path, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    if (memchr(buf, 0, len)) {
        ng_set_error(L->err, NG_ERR_RULES, display, 0, "NUL byte in rules file");
        free(buf);
        return -1;
    }
    int fid = add_file_name(L->r, display);
    if (fid < 0 || fid > 0xffff) {
        free(buf);
        ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
        return -1;
    }
    int rc = 0;
    uint32_t lineno = 0;
    char *save = NULL;
    char *p = buf;
    while (p && rc == 0) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        lineno++;
        char *end;
        char *line = trim(p, &end);
        p = nl ? nl + 1 : NULL;
        if (!*line || *line == '#')
            continue;
        /* fields: entry [TAB field]... */
        char *fields[4] = {0};
        int nf = 0;
        for (char *tok = strtok_r(line, "\t", &save); tok && nf < 4;
             tok = strtok_r(NULL, "\t", &save)) {
            char *te;
            fields[nf++] = trim(tok, &te);
        }
        if (nf == 0 || !*fields[0])
            continue;
        uint32_t *cps;
        size_t n;
        if (ng_utf8_decode(fields[0], strlen(fields[0]), &cps, &n)) {
            ng_set_error(L->err, NG_ERR_RULES, display, (int)lineno, "entry is not valid UTF-8");
            rc = -1;
            break;
        }
        if (n > 255) {
            free(cps);
            ng_set_error(L->err, NG_ERR_RULES, display, (int)lineno, "entry longer than 255 characters");
            rc = -1;
            break;
        }
        lx_entry e = {0};
        e.cls = (uint8_t)cls;
        e.file = (uint16_t)fid;
        e.line = lineno;
        e.flags = user ? LF_USER : 0;
        for (int f = 1; f < nf && rc == 0; f++) {
            const char *w = fields[f];
            if (!*w)
                continue;
            char *num_end;
            double v = strtod(w, &num_end);
            if (num_end != w && *num_end == 0) {
                e.weight = (float)v; /* last number wins: ratio after count */
                continue;
            }
            size_t k;
            for (k = 0; k < sizeof field_words / sizeof *field_words; k++)
                if (!strcmp(w, field_words[k].word))
                    break;
            if (k == sizeof field_words / sizeof *field_words) {
                /* other lowercase words are tags for people: allowed */
                const char *q = w;
                while ((*q >= 'a' && *q <= 'z') || *q == '_' || *q == '-')
                    q++;
                if (*q) {
                    ng_set_error(L->err, NG_ERR_RULES, display, (int)lineno,
                                 "bad field '%s' (a number or a lowercase word)", w);
                    rc = -1;
                    break;
                }
                continue;
            }
            if (field_words[k].kind)
                e.kind = field_words[k].kind;
            e.flags |= field_words[k].flag;
        }
        if (rc == 0 && lx_add(&L->r->lx, cps, n, &e)) {
            ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
            rc = -1;
        }
        if (rc == 0 && strvec_push(&L->cls_strings[cls], fields[0], strlen(fields[0]))) {
            ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
            rc = -1;
        }
        free(cps);
    }
    free(buf);
    return rc;
}

/* ---- patterns ----------------------------------------------------------- */

typedef struct {
    char *s;
    size_t n, cap;
} sbuf;

static int sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 256;
        while (nc < b->n + n + 1)
            nc *= 2;
        char *p = realloc(b->s, nc);
        if (!p)
            return -1;
        b->s = p;
        b->cap = nc;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
    return 0;
}

static int by_len_desc(const void *a, const void *b)
{
    size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);
    if (x != y)
        return x < y ? 1 : -1;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append class strings as an escaped alternation, longest first. */
static int add_alternation(sbuf *b, strvec *v)
{
    qsort(v->s, v->n, sizeof *v->s, by_len_desc);
    if (sb_add(b, "(?:", 3))
        return -1;
    size_t out = 0;
    for (size_t i = 0; i < v->n; i++) {
        /* an entry repeated by a later directory is listed once */
        if (i && !strcmp(v->s[i], v->s[i - 1]))
            continue;
        if (out++ && sb_add(b, "|", 1))
            return -1;
        for (const char *c = v->s[i]; *c; c++) {
            if (strchr("\\^$.|?*+()[]{}/-#", *c) && sb_add(b, "\\", 1))
                return -1;
            if (sb_add(b, c, 1))
                return -1;
        }
    }
    if (!v->n && sb_add(b, "(*FAIL)", 7))
        return -1;
    return sb_add(b, ")", 1);
}

static const char *group_names[PG_N] = {
    [PG_PERSON] = "PERSON", [PG_PERSONS] = "PERSONS", [PG_ROLE] = "ROLE",
    [PG_POSITION] = "POSITION", [PG_ORG] = "ORG", [PG_PLACE] = "PLACE",
    [PG_FORMER] = "FORMER", [PG_PLACES] = "PLACES",
};

/* Expand {CLASS} macros; {NAME} is a surname and one or two Han chars. */
static int expand(loader *L, const char *src, sbuf *out, const char *display, int line)
{
    for (const char *p = src; *p;) {
        if (*p == '\\' && p[1]) {
            if (sb_add(out, p, 2))
                return -2;
            p += 2;
            continue;
        }
        size_t ml = 0;
        if (*p == '{')
            while ((p[1 + ml] >= 'A' && p[1 + ml] <= 'Z') || p[1 + ml] == '_')
                ml++;
        if (ml && p[1 + ml] == '}') {
            const char *e = p + 1 + ml;
            size_t mlen = (size_t)(e - p - 1);
            char name[64];
            if (mlen >= sizeof name) {
                ng_set_error(L->err, NG_ERR_PATTERN, display, line, "macro name too long");
                return -1;
            }
            memcpy(name, p + 1, mlen);
            name[mlen] = 0;
            int done = 0;
            if (!strcmp(name, "NAME")) {
                if (sb_add(out, "(?:", 3) || add_alternation(out, &L->cls_strings[LX_SURNAME]) ||
                    sb_add(out, "\\p{Han}{1,2})", 13))
                    return -2;
                done = 1;
            }
            for (int c = 0; !done && c < LX_NCLASSES; c++) {
                if (class_macro[c] && !strcmp(class_macro[c], name)) {
                    if (c == LX_PLACE || c == LX_BLOCK || c == LX_GIVEN_CHAR || c == LX_COMMON) {
                        ng_set_error(L->err, NG_ERR_PATTERN, display, line,
                                     "{%s} is too large to expand in a pattern", name);
                        return -1;
                    }
                    if (add_alternation(out, &L->cls_strings[c]))
                        return -2;
                    done = 1;
                }
            }
            if (!done) {
                ng_set_error(L->err, NG_ERR_PATTERN, display, line, "unknown macro {%s}", name);
                return -1;
            }
            p = e + 1;
            continue;
        }
        if (sb_add(out, p, 1))
            return -2;
        p++;
    }
    return 0;
}

static void pattern_free(ng_pattern *p)
{
    free(p->name);
    pcre2_code_free(p->code);
}

static int compile_pattern(loader *L, const char *name, const char *src,
                           int fid, const char *display, uint32_t line, int user)
{
    sbuf b = {0};
    int x = expand(L, src, &b, display, (int)line);
    if (x) {
        free(b.s);
        if (x == -2)
            ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
        return -1;
    }
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)b.s, b.n, PCRE2_UTF | PCRE2_UCP,
                                     &ec, &eo, NULL);
    free(b.s);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        ng_set_error(L->err, NG_ERR_PATTERN, display, (int)line,
                     "pattern %s does not compile: %s", name, (char *)msg);
        return -1;
    }
    /* JIT is an optimisation: a pattern it cannot take still runs. */
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    ng_pattern pat = {0};
    pat.code = code;
    pat.file = (uint16_t)fid;
    pat.line = line;
    pat.user = user;
    int any = 0;
    for (int g = 0; g < PG_N; g++) {
        int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)group_names[g]);
        pat.group[g] = n > 0 ? n : -1;
        if (n > 0 && g != PG_FORMER)
            any = 1;
    }
    if (!any) {
        pcre2_code_free(code);
        ng_set_error(L->err, NG_ERR_PATTERN, display, (int)line,
                     "pattern %s captures nothing: name a group PERSON, PERSONS, ROLE, POSITION, ORG, PLACE or PLACES", name);
        return -1;
    }
    pat.name = strdup(name);
    if (!pat.name) {
        pcre2_code_free(code);
        ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
        return -1;
    }
    ng_rules *r = L->r;
    /* A later directory's pattern of the same name replaces the earlier. */
    for (size_t i = 0; i < r->npatterns; i++) {
        if (!strcmp(r->patterns[i].name, name)) {
            pattern_free(&r->patterns[i]);
            r->patterns[i] = pat;
            return 0;
        }
    }
    ng_pattern *np = realloc(r->patterns, (r->npatterns + 1) * sizeof *np);
    if (!np) {
        pattern_free(&pat);
        ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
        return -1;
    }
    r->patterns = np;
    r->patterns[r->npatterns++] = pat;
    return 0;
}

static int load_patterns(loader *L, const char *path, const char *display, int user)
{
    size_t len;
    char *buf = slurp(path, &len);
    if (!buf) {
        ng_set_error(L->err, NG_ERR_IO, path, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    if (memchr(buf, 0, len)) {
        free(buf);
        ng_set_error(L->err, NG_ERR_RULES, display, 0, "NUL byte in rules file");
        return -1;
    }
    int fid = add_file_name(L->r, display);
    if (fid < 0 || fid > 0xffff) {
        free(buf);
        ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
        return -1;
    }
    int rc = 0;
    uint32_t lineno = 0;
    for (char *p = buf; p && rc == 0;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        lineno++;
        char *end;
        char *line = trim(p, &end);
        p = nl ? nl + 1 : NULL;
        if (!*line || *line == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            ng_set_error(L->err, NG_ERR_RULES, display, (int)lineno,
                         "expected 'name<TAB>regex'");
            rc = -1;
            break;
        }
        *tab = 0;
        char *te;
        char *name = trim(line, &te);
        char *rx = trim(tab + 1, &te);
        if (!*name || !*rx) {
            ng_set_error(L->err, NG_ERR_RULES, display, (int)lineno,
                         "expected 'name<TAB>regex'");
            rc = -1;
            break;
        }
        rc = compile_pattern(L, name, rx, fid, display, lineno, user);
    }
    free(buf);
    return rc;
}

/* ---- directories --------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(loader *L, const char *dir, int user, int *has_patterns)
{
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
        ng_set_error(L->err, NG_ERR_IO, NULL, 0, "rules directory %s: %s", dir,
                     errno && stat(dir, &st) ? strerror(errno) : "not a directory");
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        ng_set_error(L->err, NG_ERR_IO, NULL, 0, "rules directory %s: %s", dir, strerror(errno));
        return -1;
    }
    strvec names = {0};
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n > 4 && !strcmp(de->d_name + n - 4, ".txt") && de->d_name[0] != '.')
            if (strvec_push(&names, de->d_name, n)) {
                rc = -1;
                ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
                break;
            }
    }
    closedir(d);
    qsort(names.s, names.n, sizeof *names.s, cmp_str);
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char stem[256];
        size_t n = strlen(names.s[i]) - 4;
        if (n >= sizeof stem)
            n = sizeof stem - 1;
        memcpy(stem, names.s[i], n);
        stem[n] = 0;
        char path[4096], display[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names.s[i]);
        /* Base-pack lines are named by file alone; user files by path. */
        snprintf(display, sizeof display, "%s", user ? path : names.s[i]);
        if (!strcmp(stem, "patterns")) {
            *has_patterns = 1;
            continue; /* after every lexicon is in: macros need them */
        }
        size_t k;
        for (k = 0; k < sizeof class_files / sizeof *class_files; k++)
            if (!strcmp(class_files[k].stem, stem))
                break;
        if (k == sizeof class_files / sizeof *class_files) {
            ng_set_error(L->err, NG_ERR_RULES, display, 0,
                         "unknown rules file (rules/README.md lists the file names)");
            rc = -1;
            break;
        }
        rc = load_lexicon_file(L, path, display, class_files[k].cls, user);
    }
    strvec_free(&names);
    return rc;
}

static const char *default_dir(void)
{
    const char *env = getenv("NEWSGRAPH_RULES");
    return env && *env ? env : NG_DEFAULT_RULES_DIR;
}

const char *ng_default_rules_dir(void)
{
    return NG_DEFAULT_RULES_DIR;
}

ng_rules *ng_rules_load_dirs(const char *const *dirs, size_t ndirs, ng_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
    const char *one[1] = {NULL};
    if (!dirs || ndirs == 0) {
        dirs = one;
        ndirs = 1;
    }
    ng_rules *r = calloc(1, sizeof *r);
    if (!r || lx_init(&r->lx)) {
        free(r);
        ng_set_error(err, NG_ERR_NOMEM, NULL, 0, "out of memory");
        return NULL;
    }
    loader L = {.r = r, .err = err};
    int rc = 0;
    int *has_pat = calloc(ndirs, sizeof *has_pat);
    if (!has_pat)
        rc = -1, ng_set_error(err, NG_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < ndirs && rc == 0; i++)
        rc = load_dir(&L, dirs[i] ? dirs[i] : default_dir(), i > 0, &has_pat[i]);
    for (size_t i = 0; i < ndirs && rc == 0; i++) {
        if (!has_pat[i])
            continue;
        const char *dir = dirs[i] ? dirs[i] : default_dir();
        char path[4096];
        snprintf(path, sizeof path, "%s/patterns.txt", dir);
        rc = load_patterns(&L, path, i ? path : "patterns.txt", i > 0);
    }
    free(has_pat);
    for (int c = 0; c < LX_NCLASSES; c++)
        strvec_free(&L.cls_strings[c]);
    if (rc == 0 && lx_freeze(&r->lx)) {
        ng_set_error(err, NG_ERR_NOMEM, NULL, 0, "out of memory");
        rc = -1;
    }
    if (rc == 0) {
        r->mctx = pcre2_match_context_create(NULL);
        if (!r->mctx) {
            ng_set_error(err, NG_ERR_NOMEM, NULL, 0, "out of memory");
            rc = -1;
        } else {
            pcre2_set_match_limit(r->mctx, NG_PCRE2_MATCH_LIMIT);
            pcre2_set_depth_limit(r->mctx, NG_PCRE2_DEPTH_LIMIT);
        }
    }
    if (rc) {
        ng_rules_free(r);
        return NULL;
    }
    return r;
}

ng_rules *ng_rules_load(const char *dir, ng_error *err)
{
    const char *dirs[1] = {dir};
    return ng_rules_load_dirs(dirs, 1, err);
}

void ng_rules_free(ng_rules *r)
{
    if (!r)
        return;
    lx_free(&r->lx);
    for (size_t i = 0; i < r->nfiles; i++)
        free(r->files[i]);
    free(r->files);
    for (size_t i = 0; i < r->npatterns; i++)
        pattern_free(&r->patterns[i]);
    free(r->patterns);
    pcre2_match_context_free(r->mctx);
    free(r);
}

size_t ng_rules_entry_count(const ng_rules *r)
{
    return r ? r->lx.nentries : 0;
}

size_t ng_rules_pattern_count(const ng_rules *r)
{
    return r ? r->npatterns : 0;
}
