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
    /* generated gazetteers (rules/README.md): more entries of a class */
    {"place_world", LX_PLACE},      {"place_mined", LX_PLACE},
    {"org_mined", LX_ORG},          {"title_mined", LX_TITLE},
    {"surname_stat", LX_SURNAME_STAT}, {"translit_char", LX_TRANSLIT},
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

#define FW(w) w, sizeof w - 1
static const struct {
    const char *word;
    size_t len;
    uint8_t kind;
    uint8_t flag;
} field_words[] = {
    {FW("organ"), LK_ORGAN, 0},      {FW("media"), LK_MEDIA, 0},
    {FW("general"), LK_GENERAL, 0},  {FW("province"), LK_PROVINCE, 0},
    {FW("city"), LK_CITY, 0},        {FW("county"), LK_COUNTY, 0},
    {FW("town"), LK_TOWN, 0},        {FW("village"), LK_VILLAGE, 0},
    {FW("group"), LK_GROUP, 0},      {FW("area"), LK_AREA, 0},
    {FW("street"), LK_STREET, 0},    {FW("water"), LK_WATER, 0},
    {FW("site"), LK_SITE, 0},        {FW("occupation"), LK_OCCUPATION, 0},
    {FW("party"), LK_PARTY, 0},      {FW("sep"), LK_SEP, 0},
    {FW("nosep"), LK_NOSEP, 0},      {FW("any"), LK_ANY, 0},
    {FW("verb"), LK_VERB, 0},        {FW("noun"), LK_NOUN, 0},
    {FW("v"), LK_VERB, 0}, /* jieba's verb tag, as stop.txt records it */
    {FW("short"), 0, LF_SHORT},      {FW("rare"), 0, LF_RARE},
};
#undef FW

/* Entry strings per class, kept while loading to expand {CLASS} macros. */
typedef struct {
    char **s;
    size_t n, cap;
} strvec;

typedef struct {
    ng_rules *r;
    strvec cls_strings[LX_NCLASSES];
    char *expansion[LX_NCLASSES];   /* each class's macro text, once built */
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
    /* room for the whole file and a byte to see its end: one read */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
        (unsigned long long)st.st_size < SIZE_MAX / 4)
        cap = (size_t)st.st_size + 2;
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

/* Classes expand() refuses: their strings need not be kept. */
static int class_expandable(int cls)
{
    return cls != LX_PLACE && cls != LX_BLOCK && cls != LX_GIVEN_CHAR && cls != LX_COMMON &&
           cls != LX_SURNAME_STAT && cls != LX_TRANSLIT;
}

static int is_trim(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/*
 * Decode UTF-8 s[0..len) as ng_utf8_decode() does: the number of code
 * points, or -1 if invalid.  The first `room` of them go to out.
 */
static long decode_into(const char *s, size_t len, uint32_t *out, size_t room)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0, i = 0;
    while (i < len) {
        uint32_t c = p[i];
        if (c < 0x80) {
            if (k < room)
                out[k] = c;
            k++;
            i++;
            continue;
        }
        size_t need;
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1; c &= 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2; c &= 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3; c &= 0x07;
        } else {
            return -1;
        }
        for (size_t j = 1; j <= need; j++) {
            if (i + j >= len || (p[i + j] & 0xc0) != 0x80)
                return -1;
            c = (c << 6) | (p[i + j] & 0x3f);
        }
        if ((need == 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
            (need == 3 && (c < 0x10000 || c > 0x10ffff)))
            return -1;
        if (k < room)
            out[k] = c;
        k++;
        i += need + 1;
    }
    return (long)k;
}

/*
 * Is field w (NUL-terminated, non-empty) a number as strtod() reads it,
 * whole?  Then *v is its value.  Plain digit strings, nearly all of the
 * numbers in the rules, are read here (exactly: at most 15 digits); the
 * rest goes to strtod(), except words that strtod() cannot start to read
 * (a letter other than the i of "inf" and the n of "nan").
 */
static int field_number(const char *w, double *v)
{
    size_t k = 0;
    uint64_t u = 0;
    while (w[k] >= '0' && w[k] <= '9' && k < 15)
        u = u * 10 + (uint64_t)(w[k++] - '0');
    if (k && !w[k]) {
        *v = (double)u;
        return 1;
    }
    char c = w[0];
    if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') &&
        c != 'i' && c != 'I' && c != 'n' && c != 'N')
        return 0;
    char *end;
    double d = strtod(w, &end);
    if (end != w && *end == 0) {
        *v = d;
        return 1;
    }
    return 0;
}

/*
 * One lexicon file.  A line is trimmed (spaces, tabs, CR); blank lines
 * and lines starting with '#' are skipped; the rest is tab-separated
 * fields (empty ones between tabs collapse, as strtok() has it), each
 * trimmed, of which the first four count: the entry, then numbers and
 * words.  Read in one pass over the file, with no allocation per line.
 */
static int load_lexicon_file(loader *L, const char *path, const char *display,
                             int cls, int user, uint8_t flags)
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
    uint32_t cps[256]; /* an entry has at most 255 code points */
    int keep = class_expandable(cls);
    int rc = 0;
    uint32_t lineno = 0;
    char *p = buf, *bufend = buf + len;
    while (p && rc == 0) {
        char *nl = memchr(p, '\n', (size_t)(bufend - p));
        char *le = nl ? nl : bufend;
        *le = 0;
        lineno++;
        char *line = p;
        p = nl ? nl + 1 : NULL;
        while (is_trim(*line))
            line++;
        while (le > line && is_trim(le[-1]))
            le--;
        *le = 0;
        if (!*line || *line == '#')
            continue;
        /* fields: entry [TAB field]... */
        char *fields[4] = {0};
        size_t flens[4] = {0};
        int nf = 0;
        char *q = line;
        while (nf < 4) {
            while (*q == '\t')
                q++;
            if (!*q)
                break;
            char *te = q;
            while (*te && *te != '\t')
                te++;
            char *next = *te ? te + 1 : te;
            char *fs = q;
            while (is_trim(*fs))
                fs++;
            while (te > fs && is_trim(te[-1]))
                te--;
            *te = 0;
            flens[nf] = (size_t)(te - fs);
            fields[nf++] = fs;
            q = next;
        }
        if (nf == 0 || !*fields[0])
            continue;
        size_t flen = flens[0];
        long n = decode_into(fields[0], flen, cps, sizeof cps / sizeof *cps);
        if (n < 0) {
            ng_set_error(L->err, NG_ERR_RULES, display, (int)lineno, "entry is not valid UTF-8");
            rc = -1;
            break;
        }
        if (n > 255) {
            ng_set_error(L->err, NG_ERR_RULES, display, (int)lineno, "entry longer than 255 characters");
            rc = -1;
            break;
        }
        lx_entry e = {0};
        e.cls = (uint8_t)cls;
        e.file = (uint16_t)fid;
        e.line = lineno;
        e.flags = (uint8_t)((user ? LF_USER : 0) | flags);
        for (int f = 1; f < nf && rc == 0; f++) {
            const char *w = fields[f];
            if (!*w)
                continue;
            double v;
            if (field_number(w, &v)) {
                e.weight = (float)v; /* last number wins: ratio after count */
                continue;
            }
            size_t k;
            for (k = 0; k < sizeof field_words / sizeof *field_words; k++)
                if (flens[f] == field_words[k].len &&
                    !memcmp(w, field_words[k].word, field_words[k].len))
                    break;
            if (k == sizeof field_words / sizeof *field_words) {
                /* other lowercase words are tags for people: allowed */
                const char *c = w;
                while ((*c >= 'a' && *c <= 'z') || *c == '_' || *c == '-')
                    c++;
                if (*c) {
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
        if (rc == 0 && lx_add(&L->r->lx, cps, (size_t)n, &e)) {
            ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
            rc = -1;
        }
        if (rc == 0 && keep && strvec_push(&L->cls_strings[cls], fields[0], flen)) {
            ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
            rc = -1;
        }
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

/* Append one entry's bytes, escaped as the flat alternation escapes them. */
static int add_escaped(sbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] && strchr("\\^$.|?*+()[]{}/-#", s[i]) && sb_add(b, "\\", 1))
            return -1;
        if (sb_add(b, s + i, 1))
            return -1;
    }
    return 0;
}

/* The class strings as a flat escaped alternation, longest first
   (v sorted by by_len_desc). */
static int add_alternation_flat(sbuf *b, const strvec *v)
{
    if (sb_add(b, "(?:", 3))
        return -1;
    size_t out = 0;
    for (size_t i = 0; i < v->n; i++) {
        /* an entry repeated by a later directory is listed once */
        if (i && !strcmp(v->s[i], v->s[i - 1]))
            continue;
        if (out++ && sb_add(b, "|", 1))
            return -1;
        if (add_escaped(b, v->s[i], strlen(v->s[i])))
            return -1;
    }
    if (!v->n && sb_add(b, "(*FAIL)", 7))
        return -1;
    return sb_add(b, ")", 1);
}

/*
 * The same alternation factored as a trie, which PCRE2 runs far faster:
 * {SURNAME} is one character class of ~500 characters instead of ~580
 * alternatives tried one after the other at every position.
 *
 * It matches exactly what the flat form matches, in the same order.  At a
 * given position the entries that match form a chain of prefixes of one
 * another, and the flat form, longest first, tries them longest first.
 * The trie tries the children of a node before the node's own entry (an
 * empty last alternative), so it too tries that chain longest first; and
 * siblings start with different characters, so at most one of them can
 * match and their order does not matter.  The last point holds only
 * while no text character can match two different siblings: with (?i)
 * two cased letters can.  So the trie is used only when no node has two
 * children that are not "plain" (Han, CJK punctuation, digits: caseless
 * characters that need no escape), and never when an entry holds
 * whitespace, which (?x) would drop.  Otherwise the flat form is used.
 */
typedef struct {
    const char **s;    /* deduplicated entries, sorted by strcmp */
    size_t *len;
    int conflict;      /* the trie may not be used */
} trie_src;

static size_t u8_char_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static uint32_t u8_char(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n == 1)
        return u[0];
    uint32_t c = u[0] & (0xff >> (n + 1));
    for (size_t i = 1; i < n; i++)
        c = (c << 6) | (u[i] & 0x3f);
    return c;
}

static int plain_char(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0x3001 && c <= 0x303f) ||
           (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
           (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);
}

static int space_char(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0xa0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200f) || c == 0x2028 ||
           c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

/* A child of a trie node: entries s[i..j) go on with character cp. */
typedef struct {
    size_t i, j;
    uint32_t cp;
    uint8_t cl;        /* its UTF-8 length */
    uint8_t leaf;      /* s[i] ends with it, and nothing else goes on */
} trie_kid;

/* Children per chunk: PCRE2's JIT checks a class by its bounds first and
   then character by character, so small classes in code point order are
   fast to reject (measured: 16-64 per class ~4x faster than one class of
   500). */
#define TRIE_CHUNK 32

static int class_char(sbuf *b, const char *p, const trie_kid *k)
{
    if (plain_char(k->cp))
        return sb_add(b, p, k->cl);
    char tmp[16];
    int n = snprintf(tmp, sizeof tmp, "\\x{%x}", (unsigned)k->cp);
    return sb_add(b, tmp, (size_t)n);
}

static int trie_emit(sbuf *b, trie_src *t, size_t lo, size_t hi, size_t d);

/* One chunk of a node's children: a class of the plain leaves, and the
   other children each as its character and what follows; when there are
   several of those, a lookahead class of every first character rejects
   the others' characters at once. */
static int trie_chunk(sbuf *b, trie_src *t, const trie_kid *k, size_t nk, size_t d)
{
    size_t nplain = 0, nother = 0;
    for (size_t x = 0; x < nk; x++) {
        if (k[x].leaf && plain_char(k[x].cp))
            nplain++;
        else
            nother++;
    }
    size_t nalt = nother + (nplain ? 1 : 0);
    if (nother > 1) {
        if (sb_add(b, "(?=[", 4))
            return -1;
        for (size_t x = 0; x < nk; x++)
            if (class_char(b, t->s[k[x].i] + d, &k[x]))
                return -1;
        if (sb_add(b, "])", 2))
            return -1;
    }
    if (nalt > 1 && sb_add(b, "(?:", 3))
        return -1;
    size_t out = 0;
    for (size_t x = 0; x < nk; x++) {
        if (k[x].leaf && plain_char(k[x].cp))
            continue;
        if (out++ && sb_add(b, "|", 1))
            return -1;
        if (add_escaped(b, t->s[k[x].i] + d, k[x].cl))
            return -1;
        if (!k[x].leaf && trie_emit(b, t, k[x].i, k[x].j, d + k[x].cl))
            return -1;
        if (t->conflict)
            return 0;
    }
    if (nplain) {
        if (out++ && sb_add(b, "|", 1))
            return -1;
        if (nplain > 1 && sb_add(b, "[", 1))
            return -1;
        for (size_t x = 0; x < nk; x++)
            if (k[x].leaf && plain_char(k[x].cp) && sb_add(b, t->s[k[x].i] + d, k[x].cl))
                return -1;
        if (nplain > 1 && sb_add(b, "]", 1))
            return -1;
    }
    if (nalt > 1 && sb_add(b, ")", 1))
        return -1;
    return 0;
}

/* Alternatives for what follows the d bytes that s[lo..hi) share: one
   atom (a character, a class or a group) or a sequence that can be
   written after a character as it is. */
static int trie_emit(sbuf *b, trie_src *t, size_t lo, size_t hi, size_t d)
{
    int term = 0;
    if (lo < hi && t->len[lo] == d) {
        term = 1;
        lo++;
    }
    size_t nk = 0, nunplain = 0;
    for (size_t i = lo; i < hi; nk++) {
        size_t cl = u8_char_len((unsigned char)t->s[i][d]);
        size_t j = i + 1;
        while (j < hi && !memcmp(t->s[j] + d, t->s[i] + d, cl))
            j++;
        if (!plain_char(u8_char(t->s[i] + d, cl)))
            nunplain++;
        i = j;
    }
    if (nunplain > 1) {
        t->conflict = 1;
        return 0;
    }
    trie_kid *k = malloc((nk ? nk : 1) * sizeof *k);
    if (!k)
        return -1;
    nk = 0;
    for (size_t i = lo; i < hi; nk++) {
        size_t cl = u8_char_len((unsigned char)t->s[i][d]);
        size_t j = i + 1;
        while (j < hi && !memcmp(t->s[j] + d, t->s[i] + d, cl))
            j++;
        k[nk].i = i;
        k[nk].j = j;
        k[nk].cp = u8_char(t->s[i] + d, cl);
        k[nk].cl = (uint8_t)cl;
        k[nk].leaf = j == i + 1 && t->len[i] == d + cl;
        i = j;
    }
    size_t nchunks = (nk + TRIE_CHUNK - 1) / TRIE_CHUNK;
    int group = term || nchunks > 1;
    int rc = 0;
    if (group && sb_add(b, "(?:", 3))
        rc = -1;
    for (size_t c = 0; rc == 0 && !t->conflict && c < nchunks; c++) {
        size_t a = c * nk / nchunks, z = (c + 1) * nk / nchunks;
        if (c && sb_add(b, "|", 1))
            rc = -1;
        else
            rc = trie_chunk(b, t, k + a, z - a, d);
    }
    if (rc == 0 && term && sb_add(b, "|", 1))
        rc = -1;
    if (rc == 0 && group && sb_add(b, ")", 1))
        rc = -1;
    free(k);
    return rc;
}

static int cmp_str(const void *a, const void *b);

/* Append class strings as an escaped alternation that tries them longest
   first: factored as a trie when that is exact, else flat. */
static int add_alternation(sbuf *b, strvec *v)
{
    if (!v->n)
        return sb_add(b, "(?:(*FAIL))", 11);
    if (v->n > 1)
        qsort(v->s, v->n, sizeof *v->s, cmp_str);
    trie_src t = {0};
    t.s = malloc(v->n * sizeof *t.s);
    t.len = malloc(v->n * sizeof *t.len);
    if (!t.s || !t.len) {
        free(t.s);
        free(t.len);
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (n && !strcmp(v->s[i], t.s[n - 1]))
            continue;
        t.s[n] = v->s[i];
        t.len[n] = strlen(v->s[i]);
        for (size_t k = 0; k < t.len[n];) {
            size_t cl = u8_char_len((unsigned char)v->s[i][k]);
            if (k + cl > t.len[n] || space_char(u8_char(v->s[i] + k, cl)))
                t.conflict = 1;
            k += cl;
        }
        n++;
    }
    sbuf tb = {0};
    int rc = 0;
    if (!t.conflict)
        rc = sb_add(&tb, "(?:", 3) || trie_emit(&tb, &t, 0, n, 0) ||
             sb_add(&tb, ")", 1) ? -1 : 0;
    if (rc == 0 && !t.conflict) {
        rc = sb_add(b, tb.s, tb.n);
    } else if (rc == 0) {
        if (v->n > 1)
            qsort(v->s, v->n, sizeof *v->s, by_len_desc);
        rc = add_alternation_flat(b, v);
    }
    free(tb.s);
    free(t.s);
    free(t.len);
    return rc;
}

static const char *group_names[PG_N] = {
    [PG_PERSON] = "PERSON", [PG_PERSONS] = "PERSONS", [PG_ROLE] = "ROLE",
    [PG_POSITION] = "POSITION", [PG_ORG] = "ORG", [PG_PLACE] = "PLACE",
    [PG_FORMER] = "FORMER", [PG_PLACES] = "PLACES",
    [PG_ORGS] = "ORGS", [PG_PARENT] = "PARENT",
};

/* Append the expansion of class c, built at its first use. */
static int add_class(loader *L, sbuf *out, int c)
{
    if (!L->expansion[c]) {
        sbuf e = {0};
        if (add_alternation(&e, &L->cls_strings[c])) {
            free(e.s);
            return -1;
        }
        L->expansion[c] = e.s;
    }
    return sb_add(out, L->expansion[c], strlen(L->expansion[c]));
}

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
                if (sb_add(out, "(?:", 3) || add_class(L, out, LX_SURNAME) ||
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
                    if (add_class(L, out, c))
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
                     "pattern %s captures nothing: name a group PERSON, PERSONS, ROLE, POSITION, ORG, PLACE, PLACES or ORGS", name);
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
    if (names.n > 1)
        qsort(names.s, names.n, sizeof *names.s, cmp_str);
    /* room for the trie at once: about a node per 12 bytes of lexicon */
    size_t bytes = 0;
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char path[4096];
        struct stat fst;
        snprintf(path, sizeof path, "%s/%s", dir, names.s[i]);
        if (strcmp(names.s[i], "patterns.txt") && stat(path, &fst) == 0 && fst.st_size > 0)
            bytes += (size_t)fst.st_size;
    }
    if (rc == 0 && lx_reserve(&L->r->lx, L->r->lx.nnodes + bytes / 12)) {
        rc = -1;
        ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
    }
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
        /* a gazetteer mined from data (*_mined.txt) is weaker evidence */
        size_t sn = strlen(stem);
        uint8_t mined = sn > 6 && !strcmp(stem + sn - 6, "_mined") ? LF_MINED : 0;
        rc = load_lexicon_file(L, path, display, class_files[k].cls, user, mined);
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
    for (int c = 0; c < LX_NCLASSES; c++) {
        strvec_free(&L.cls_strings[c]);
        free(L.expansion[c]);
    }
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
