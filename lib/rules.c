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
#include <pthread.h>
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
    {"surname_ja", LX_SURNAME_JA},
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
    [LX_CONNECTOR] = "ORG_CONNECTOR", [LX_SURNAME_JA] = "SURNAME_JA",
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

static int field_is(const char *w, size_t len, size_t k)
{
    if (field_words[k].len != len)
        return 0;
    for (size_t i = 0; i < len; i++)   /* short words: no memcmp call */
        if (w[i] != field_words[k].word[i])
            return 0;
    return 1;
}

/* The index of field word w[0..len) in field_words, or the table's size.
   Files repeat a few words, often two in turn (town and short in
   place.txt, noun and verb in common_word.txt): the last two found are
   tried first, and only a word of the same length is compared. */
static size_t field_word(const char *w, size_t len, size_t last[2])
{
    const size_t nw = sizeof field_words / sizeof *field_words;
    if (last[0] < nw && field_is(w, len, last[0]))
        return last[0];
    if (last[1] < nw && field_is(w, len, last[1]))
        return last[1];
    for (size_t k = 0; k < nw; k++)
        if (field_is(w, len, k)) {
            last[1] = last[0];
            return last[0] = k;
        }
    return nw;
}

/* Entry strings per class, kept while loading to expand {CLASS} macros. */
typedef struct {
    char **s;
    size_t n, cap;
} strvec;

typedef struct {
    ng_rules *r;
    strvec cls_strings[LX_NCLASSES];
    char *expansion[LX_NCLASSES];   /* each class's macro text, once built */
    uint32_t clen_min[LX_NCLASSES], clen_max[LX_NCLASSES]; /* entry lengths, code points */
    uint8_t clen_done[LX_NCLASSES];
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
        /* three bytes led by E1-EC or EE-EF (all of CJK): any two
           continuation bytes make a valid character */
        if (c >= 0xe1 && c <= 0xef && c != 0xed && i + 2 < len &&
            (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80) {
            if (k < room)
                out[k] = (c & 0x0f) << 12 | (uint32_t)(p[i + 1] & 0x3f) << 6 | (p[i + 2] & 0x3f);
            k++;
            i += 3;
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
 * (a letter, unless it starts "inf" or "nan", any case).
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
    if (k && w[k] == '.') {
        /* d.ddd, the ratios of the mined statistics: the digits as an
         * integer over a power of ten is one correctly rounded division
         * (both exact doubles), so the value is strtod's */
        static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                       1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        size_t f = k + 1, nd = 0;
        while (w[f] >= '0' && w[f] <= '9' && k + nd < 15) {
            u = u * 10 + (uint64_t)(w[f++] - '0');
            nd++;
        }
        if (nd && !w[f]) {
            *v = (double)u / pow10[nd];
            return 1;
        }
    }
    char c = w[0];
    if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') &&
        c != 'i' && c != 'I' && c != 'n' && c != 'N')
        return 0;
    /* of words led by i or n, strtod() reads only inf... and nan...: not
       noun, the common_word.txt tag (17,000 strtod() calls a load) */
    if ((c == 'i' || c == 'I') && !((w[1] | 0x20) == 'n' && (w[2] | 0x20) == 'f'))
        return 0;
    if ((c == 'n' || c == 'N') && !((w[1] | 0x20) == 'a' && (w[2] | 0x20) == 'n'))
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
    size_t last_word[2] = {SIZE_MAX, SIZE_MAX};
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
            char *te = memchr(q, '\t', (size_t)(le - q));
            if (!te)
                te = le;
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
            size_t k = field_word(w, flens[f], last_word);
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

/* ---- what a pattern needs -------------------------------------------------
 *
 * A conservative reading of a pattern's source that finds literals every
 * match must hold (rules.h, ng_need).  It follows the pattern's structure:
 * a run of literal characters is a need at the run's distance from the
 * start; a group with several branches needs one of the branches' needs;
 * an optional part (?, *, {0,n}), a lookaround and anything that is not
 * a literal needs nothing.  Lengths are counted in code points, so the
 * distance from the match start to a need is bounded while everything
 * before it has a bounded length.  Whatever this reading does not know
 * (option settings such as (?i), verbs, backreferences, \Q, \G, \K,
 * conditionals, a brace that is no quantifier) gives the pattern no
 * needs at all: it then runs everywhere, as without this.
 */
#define ND_DEPTH 24

typedef struct {
    uint32_t min, max;      /* length in code points; max may be NG_UNBOUNDED */
    ng_need need[NG_NEED_MAX];
    int nneed;
    int first;              /* every match starts with an entry of this class, or -1 */
} nd_sum;

typedef struct {
    const char *p;
    loader *L;
    int depth;
    int bail;
} nd_state;

static uint32_t nd_add(uint32_t a, uint32_t b)
{
    uint64_t s = (uint64_t)a + b;
    return s >= NG_UNBOUNDED ? NG_UNBOUNDED : (uint32_t)s;
}

static uint32_t nd_mul(uint32_t a, uint32_t b)
{
    if (!a || !b)
        return 0;
    uint64_t m = (uint64_t)a * b;
    return m >= NG_UNBOUNDED ? NG_UNBOUNDED : (uint32_t)m;
}

static size_t nd_cps(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xc0) != 0x80;
    return k;
}

static size_t nd_shortest(const ng_need *n)
{
    size_t m = SIZE_MAX;
    for (int i = 0; i < n->nlit; i++) {
        size_t k = nd_cps(n->lit[i], n->len[i]);
        if (k < m)
            m = k;
    }
    return m;
}

/* Is need a a better filter than b?  Bounded first (it can place match
   starts), then longer literals, fewer of them, a narrower window. */
static int nd_better(const ng_need *a, const ng_need *b)
{
    int ab = a->dmax != NG_UNBOUNDED, bb = b->dmax != NG_UNBOUNDED;
    if (ab != bb)
        return ab;
    size_t as = nd_shortest(a), bs = nd_shortest(b);
    if (as != bs)
        return as > bs;
    if (a->nlit != b->nlit)
        return a->nlit < b->nlit;
    return (uint64_t)a->dmax - a->dmin < (uint64_t)b->dmax - b->dmin;
}

static void nd_keep(nd_sum *s, const ng_need *n)
{
    if (s->nneed < NG_NEED_MAX) {
        s->need[s->nneed++] = *n;
        return;
    }
    int worst = 0;
    for (int i = 1; i < s->nneed; i++)
        if (nd_better(&s->need[worst], &s->need[i]))
            worst = i;
    if (nd_better(n, &s->need[worst]))
        s->need[worst] = *n;
}

static int nd_best(const nd_sum *s)
{
    int best = -1;
    for (int i = 0; i < s->nneed; i++)
        if (best < 0 || nd_better(&s->need[i], &s->need[best]))
            best = i;
    return best;
}

static void nd_lit_need(ng_need *n, const char *s, size_t len, uint32_t dmin, uint32_t dmax)
{
    memset(n, 0, sizeof *n);
    n->nlit = 1;
    n->len[0] = (uint8_t)len;
    memcpy(n->lit[0], s, len);
    n->dmin = dmin;
    n->dmax = dmax;
}

/* Code point lengths of a class's entries (what its macro matches). */
static void nd_class_len(loader *L, int c, uint32_t *mn, uint32_t *mx)
{
    if (!L->clen_done[c]) {
        const strvec *v = &L->cls_strings[c];
        uint32_t lo = v->n ? UINT32_MAX : 0, hi = 0;
        for (size_t i = 0; i < v->n; i++) {
            size_t k = nd_cps(v->s[i], strlen(v->s[i]));
            if (k < lo)
                lo = (uint32_t)k;
            if (k > hi)
                hi = (uint32_t)k;
        }
        L->clen_min[c] = lo;
        L->clen_max[c] = hi;
        L->clen_done[c] = 1;
    }
    *mn = L->clen_min[c];
    *mx = L->clen_max[c];
}

static int nd_is_digit(char c) { return c >= '0' && c <= '9'; }
static int nd_is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Length of a {CLASS} macro at p (as expand() sees it), 0 if none. */
static size_t nd_macro_len(const char *p)
{
    size_t ml = 0;
    if (*p != '{')
        return 0;
    while ((p[1 + ml] >= 'A' && p[1 + ml] <= 'Z') || p[1 + ml] == '_')
        ml++;
    return ml && p[1 + ml] == '}' ? ml + 2 : 0;
}

static void nd_alt(nd_state *st, nd_sum *out);

/* A quantifier at st->p: 1 and its bounds, 0 if there is none. */
static int nd_quant(nd_state *st, uint32_t *q0, uint32_t *q1)
{
    const char *p = st->p;
    if (*p == '?') {
        *q0 = 0, *q1 = 1, p++;
    } else if (*p == '*') {
        *q0 = 0, *q1 = NG_UNBOUNDED, p++;
    } else if (*p == '+') {
        *q0 = 1, *q1 = NG_UNBOUNDED, p++;
    } else if (*p == '{' && !nd_macro_len(p)) {
        /* only {n}, {n,} and {n,m}; any other brace: no needs */
        unsigned long a = 0, b;
        p++;
        if (!nd_is_digit(*p))
            return st->bail = 1, 0;
        while (nd_is_digit(*p) && a <= 65535)
            a = a * 10 + (unsigned long)(*p++ - '0');
        b = a;
        if (*p == ',') {
            p++;
            b = NG_UNBOUNDED;
            if (nd_is_digit(*p)) {
                b = 0;
                while (nd_is_digit(*p) && b <= 65535)
                    b = b * 10 + (unsigned long)(*p++ - '0');
            }
        }
        if (*p != '}' || a > 65535 || (b != NG_UNBOUNDED && (b > 65535 || b < a)))
            return st->bail = 1, 0;
        p++;
        *q0 = (uint32_t)a, *q1 = (uint32_t)b;
    } else {
        return 0;
    }
    if (*p == '?' || *p == '+')
        p++;
    if (*p == '?' || *p == '*' || *p == '+' || (*p == '{' && !nd_macro_len(p)))
        return st->bail = 1, 0;
    st->p = p;
    return 1;
}

/* One atom at st->p into *a; a literal character also into lit[0..*ll). */
static void nd_atom(nd_state *st, nd_sum *a, char *lit, size_t *ll)
{
    const char *p = st->p;
    a->min = a->max = 1;
    a->nneed = 0;
    a->first = -1;
    *ll = 0;
    unsigned char c = (unsigned char)*p;
    if (c == '(') {
        int look = 0;
        p++;
        if (*p == '?') {
            if (p[1] == ':' || p[1] == '>' || p[1] == '|') {
                p += 2;
            } else if (p[1] == '=' || p[1] == '!') {
                look = 1, p += 2;
            } else if (p[1] == '<' && (p[2] == '=' || p[2] == '!')) {
                look = 1, p += 3;
            } else if (p[1] == '<' || p[1] == '\'' || (p[1] == 'P' && p[2] == '<')) {
                p += p[1] == 'P' ? 3 : 2;
                char close = p[-1] == '\'' ? '\'' : '>';
                if (!nd_is_alpha(*p) && *p != '_')
                    return (void)(st->bail = 1);
                while (nd_is_alpha(*p) || nd_is_digit(*p) || *p == '_')
                    p++;
                if (*p++ != close)
                    return (void)(st->bail = 1);
            } else {
                return (void)(st->bail = 1);
            }
        } else if (*p == '*') {
            return (void)(st->bail = 1);
        }
        if (++st->depth > ND_DEPTH)
            return (void)(st->bail = 1);
        st->p = p;
        nd_alt(st, a);
        st->depth--;
        if (st->bail || *st->p != ')')
            return (void)(st->bail = 1);
        st->p++;
        if (look)
            a->min = a->max = 0, a->nneed = 0, a->first = -1;
        return;
    }
    if (c == '[') {
        p++;
        if (*p == '^')
            p++;
        if (*p == ']')
            p++;
        for (;;) {
            if (!*p || (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')))
                return (void)(st->bail = 1);
            if (*p == '\\') {
                if (!p[1] || p[1] == 'Q' || p[1] == 'E')
                    return (void)(st->bail = 1);
                p += 2;
                continue;
            }
            if (*p++ == ']')
                break;
        }
        st->p = p;
        return;
    }
    if (c == '\\') {
        char e = p[1];
        p += 2;
        if (!e) {
            return (void)(st->bail = 1);
        } else if ((unsigned char)e < 0x80 && !nd_is_alpha(e) && !nd_is_digit(e)) {
            lit[0] = e, *ll = 1;   /* \( \. \/ ...: the character itself */
        } else if (strchr("dDwWsShHvVntrfea", e)) {
            ;
        } else if (e == 'N') {
            if (*p == '{')
                return (void)(st->bail = 1);
        } else if (e == 'R') {
            a->max = 2;
        } else if (e == 'X') {
            a->max = NG_UNBOUNDED;
        } else if (strchr("bBAZz", e)) {
            a->min = a->max = 0;
        } else if (e == 'p' || e == 'P' || e == 'x') {
            if (*p == '{') {
                const char *q = strchr(p, '}');
                if (!q)
                    return (void)(st->bail = 1);
                p = q + 1;
            } else if (e != 'x') {
                if (!nd_is_alpha(*p))
                    return (void)(st->bail = 1);
                p++;
            } else {
                for (int k = 0; k < 2 && *p && strchr("0123456789abcdefABCDEF", *p); k++)
                    p++;
            }
        } else {
            return (void)(st->bail = 1);   /* \G \K \Q \1 \g \k \c ... */
        }
        st->p = p;
        return;
    }
    if (c == '{') {
        size_t ml = nd_macro_len(p);
        if (!ml || ml - 2 >= 64)
            return (void)(st->bail = 1);
        char name[64];
        memcpy(name, p + 1, ml - 2);
        name[ml - 2] = 0;
        uint32_t mn, mx;
        if (!strcmp(name, "NAME")) {
            nd_class_len(st->L, LX_SURNAME, &mn, &mx);
            a->min = mn + 1;
            a->max = mx + 2;
            a->first = LX_SURNAME;
        } else {
            int cls = -1;
            for (int k = 0; k < LX_NCLASSES && cls < 0; k++)
                if (class_macro[k] && !strcmp(class_macro[k], name))
                    cls = k;
            if (cls < 0)
                return (void)(st->bail = 1);
            nd_class_len(st->L, cls, &mn, &mx);
            a->min = mn;
            a->max = mx;
            a->first = cls;
        }
        st->p = p + ml;
        return;
    }
    if (c == '^' || c == '$') {
        a->min = a->max = 0;
        st->p = p + 1;
        return;
    }
    if (c == '?' || c == '*' || c == '+' || c == '|' || c == ')' || !c)
        return (void)(st->bail = 1);
    if (c == '.' || c == ']' || c == '}') {
        st->p = p + 1;
        return;
    }
    size_t cl = u8_char_len(c);
    for (size_t k = 1; k < cl; k++)
        if (((unsigned char)p[k] & 0xc0) != 0x80)
            return (void)(st->bail = 1);
    memcpy(lit, p, cl);
    *ll = cl;
    st->p = p + cl;
}

/* A sequence of atoms, up to | or ) or the end. */
static void nd_seq(nd_state *st, nd_sum *out)
{
    out->min = out->max = 0;
    out->nneed = 0;
    out->first = -1;
    int started = 0;   /* a part that consumes text was seen */
    char run[NG_NEED_LITLEN];
    size_t runlen = 0;
    int runfull = 0;
    uint32_t rmin = 0, rmax = 0;
    ng_need n;
    while (!st->bail) {
        char c = *st->p;
        if (!c || c == '|' || c == ')')
            break;
        nd_sum a;
        char lit[4];
        size_t ll;
        nd_atom(st, &a, lit, &ll);
        uint32_t q0 = 1, q1 = 1;
        int q = st->bail ? 0 : nd_quant(st, &q0, &q1);
        if (st->bail)
            break;
        if (ll && !q) {
            started = 1;
            /* one more character of a literal run; a prefix of the run
               is needed too, so a long run is cut */
            if (!runlen)
                rmin = out->min, rmax = out->max, runfull = 0;
            if (!runfull && runlen + ll <= NG_NEED_LITLEN) {
                memcpy(run + runlen, lit, ll);
                runlen += ll;
            } else {
                runfull = 1;
            }
            out->min = nd_add(out->min, 1);
            out->max = nd_add(out->max, 1);
            continue;
        }
        if (runlen) {
            nd_lit_need(&n, run, runlen, rmin, rmax);
            nd_keep(out, &n);
            runlen = 0;
        }
        if (ll)
            nd_lit_need(&a.need[0], lit, ll, 0, 0), a.nneed = 1;
        if (q) {
            if (q0 == 0)
                a.nneed = 0;
            a.min = nd_mul(a.min, q0);
            a.max = nd_mul(a.max, q1);
        }
        /* the first part that consumes text starts every match, if it
           must match (zero-width parts before it are transparent) */
        if (!started && a.max > 0) {
            started = 1;
            out->first = a.min > 0 ? a.first : -1;
        }
        for (int i = 0; i < a.nneed; i++) {
            n = a.need[i];
            n.dmin = nd_add(n.dmin, out->min);
            n.dmax = nd_add(n.dmax, out->max);
            nd_keep(out, &n);
        }
        out->min = nd_add(out->min, a.min);
        out->max = nd_add(out->max, a.max);
    }
    if (runlen && !st->bail) {
        nd_lit_need(&n, run, runlen, rmin, rmax);
        nd_keep(out, &n);
    }
}

/* Branches up to ) or the end: a match holds one branch's best need. */
static void nd_alt(nd_state *st, nd_sum *out)
{
    nd_seq(st, out);
    if (st->bail || *st->p != '|')
        return;
    ng_need m;
    int b = nd_best(out), ok = b >= 0;
    if (ok)
        m = out->need[b];
    nd_sum br;
    while (!st->bail && *st->p == '|') {
        st->p++;
        nd_seq(st, &br);
        if (br.first != out->first)
            out->first = -1;
        if (br.min < out->min)
            out->min = br.min;
        if (br.max > out->max)
            out->max = br.max;
        b = nd_best(&br);
        if (!ok || b < 0 || m.nlit + br.need[b].nlit > NG_NEED_LITS) {
            ok = 0;
            continue;
        }
        const ng_need *o = &br.need[b];
        for (int i = 0; i < o->nlit; i++) {
            m.len[m.nlit] = o->len[i];
            memcpy(m.lit[m.nlit], o->lit[i], o->len[i]);
            m.nlit++;
        }
        if (o->dmin < m.dmin)
            m.dmin = o->dmin;
        if (o->dmax > m.dmax)
            m.dmax = o->dmax;
    }
    out->nneed = ok;
    if (ok)
        out->need[0] = m;
}

/* Fill p's needs and anchor from its source (none if it is not read). */
static void pattern_needs(loader *L, const char *src, ng_pattern *p)
{
    nd_state st = {src, L, 0, 0};
    nd_sum s;
    p->nneed = 0;
    p->anchor = -1;
    p->first = -1;
    nd_alt(&st, &s);
    if (st.bail || *st.p)
        return;
    p->first = (int8_t)s.first;
    for (int i = 0; i < s.nneed; i++) {
        p->need[p->nneed] = s.need[i];
        if (s.need[i].dmax != NG_UNBOUNDED &&
            (p->anchor < 0 || nd_better(&s.need[i], &p->need[p->anchor])))
            p->anchor = (int8_t)p->nneed;
        p->nneed++;
    }
}

/* The id of literal s in r->lits, added if new; -1 when there is no room. */
static int lit_id(ng_rules *r, const char *s, size_t len)
{
    ng_lit l = {{0}, 0, -1};
    for (size_t i = 0; i < len && l.n < NG_NEED_LITLEN;) {
        size_t cl = u8_char_len((unsigned char)s[i]);
        l.cp[l.n++] = u8_char(s + i, cl);
        i += cl;
    }
    for (int i = 0; i < r->nlits; i++)
        if (r->lits[i].n == l.n && !memcmp(r->lits[i].cp, l.cp, l.n * sizeof *l.cp))
            return i;
    if (!l.n || r->nlits == NG_LITS_MAX)
        return -1;
    int id = r->nlits++;
    int8_t *head = &r->lit_head[l.cp[0] % NG_LIT_HASH];
    l.next = *head;
    *head = (int8_t)id;
    r->lits[id] = l;
    return id;
}

/* Number the literals of every pattern's needs (patterns.c finds them
   all in one pass); a need with a literal that finds no room is dropped,
   which only makes the pattern run on more text. */
static void index_needs(ng_rules *r)
{
    memset(r->lit_head, -1, sizeof r->lit_head);
    r->nlits = 0;
    for (size_t i = 0; i < r->npatterns; i++) {
        ng_pattern *p = &r->patterns[i];
        int kept = 0, anchor = -1;
        for (int k = 0; k < p->nneed; k++) {
            uint64_t mask = 0;
            int j = 0;
            for (; j < p->need[k].nlit; j++) {
                int id = lit_id(r, p->need[k].lit[j], p->need[k].len[j]);
                if (id < 0)
                    break;
                mask |= 1ull << id;
            }
            if (j < p->need[k].nlit)
                continue;
            if (k == p->anchor)
                anchor = kept;
            p->need[kept] = p->need[k];
            p->need_lits[kept++] = mask;
        }
        p->nneed = (uint8_t)kept;
        p->anchor = (int8_t)anchor;
    }
}

static void pattern_free(ng_pattern *p)
{
    free(p->name);
    pcre2_code_free(p->code);
}

/*
 * Patterns are compiled in three steps so that the expensive one, PCRE2's
 * compile of the expanded macros (most of a rules load), can run on two
 * threads while a third freezes the lexicon: each line is read and
 * expanded in order (prepare_pattern), the jobs are compiled in any order
 * (compile_jobs), then checked and registered in order (finish_pattern),
 * so errors name the same first bad line as a compile in order would.
 */
typedef struct {
    char *name;
    char *rx;            /* the expanded regex */
    size_t rxlen;
    uint32_t opts;
    int fid, user;
    uint32_t line;
    char *display;
    ng_pattern pat;      /* the literals it needs (pattern_needs) */
    pcre2_code *code;    /* NULL: see ec */
    int ec;
} pat_job;

typedef struct {
    pat_job *v;
    size_t n, cap;
} pat_jobs;

static void pat_jobs_free(pat_jobs *j)
{
    for (size_t i = 0; i < j->n; i++) {
        free(j->v[i].name);
        free(j->v[i].rx);
        free(j->v[i].display);
        pcre2_code_free(j->v[i].code);
    }
    free(j->v);
    memset(j, 0, sizeof *j);
}

static int prepare_pattern(loader *L, pat_jobs *jobs, const char *name, const char *src,
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
    if (jobs->n == jobs->cap) {
        size_t nc = jobs->cap ? jobs->cap * 2 : 16;
        pat_job *nv = realloc(jobs->v, nc * sizeof *nv);
        if (!nv) {
            free(b.s);
            ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
            return -1;
        }
        jobs->v = nv;
        jobs->cap = nc;
    }
    pat_job *j = &jobs->v[jobs->n];
    memset(j, 0, sizeof *j);
    pattern_needs(L, src, &j->pat);
    j->rx = b.s;
    j->rxlen = b.n;
    /* an anchor bounds each search's start by an offset limit */
    j->opts = PCRE2_UTF | PCRE2_UCP | (j->pat.anchor >= 0 ? PCRE2_USE_OFFSET_LIMIT : 0);
    j->fid = fid;
    j->user = user;
    j->line = line;
    j->name = strdup(name);
    j->display = strdup(display);
    jobs->n++;
    if (!j->name || !j->display) {
        ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
        return -1;
    }
    return 0;
}

typedef struct {
    pat_jobs *jobs;
    size_t next;
    pthread_mutex_t lock;
} compile_queue;

static void *compile_worker(void *arg)
{
    compile_queue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->lock);
        size_t i = q->next++;
        pthread_mutex_unlock(&q->lock);
        if (i >= q->jobs->n)
            return NULL;
        pat_job *j = &q->jobs->v[i];
        PCRE2_SIZE eo;
        j->code = pcre2_compile((PCRE2_SPTR)j->rx, j->rxlen, j->opts, &j->ec, &eo, NULL);
    }
}

/* Compile every job, on this thread and one more when there are two. */
static void compile_jobs(pat_jobs *jobs)
{
    compile_queue q = {jobs, 0, PTHREAD_MUTEX_INITIALIZER};
    pthread_t t;
    int spawned = jobs->n > 1 && pthread_create(&t, NULL, compile_worker, &q) == 0;
    compile_worker(&q);
    if (spawned)
        pthread_join(t, NULL);
}

static int finish_pattern(loader *L, pat_job *j)
{
    const char *name = j->name, *display = j->display;
    pcre2_code *code = j->code;
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(j->ec, msg, sizeof msg);
        ng_set_error(L->err, NG_ERR_PATTERN, display, (int)j->line,
                     "pattern %s does not compile: %s", name, (char *)msg);
        return -1;
    }
    ng_pattern pat = j->pat;
    pat.code = code;   /* JIT compiled at its first use: ng_pattern_ready() */
    pat.file = (uint16_t)j->fid;
    pat.line = j->line;
    pat.user = j->user;
    int any = 0;
    for (int g = 0; g < PG_N; g++) {
        int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)group_names[g]);
        pat.group[g] = n > 0 ? n : -1;
        if (n > 0 && g != PG_FORMER)
            any = 1;
    }
    if (!any) {
        ng_set_error(L->err, NG_ERR_PATTERN, display, (int)j->line,
                     "pattern %s captures nothing: name a group PERSON, PERSONS, ROLE, POSITION, ORG, PLACE, PLACES or ORGS", name);
        return -1;
    }
    pat.name = j->name;
    ng_rules *r = L->r;
    ng_pattern *np = NULL;
    for (size_t i = 0; i < r->npatterns; i++)
        if (!strcmp(r->patterns[i].name, name))
            np = &r->patterns[i];
    if (!np) {
        np = realloc(r->patterns, (r->npatterns + 1) * sizeof *np);
        if (!np) {
            ng_set_error(L->err, NG_ERR_NOMEM, NULL, 0, "out of memory");
            return -1;
        }
        r->patterns = np;
        np = &r->patterns[r->npatterns++];
    } else {
        /* A later directory's pattern of the same name replaces the earlier. */
        pattern_free(np);
    }
    *np = pat;
    j->code = NULL;  /* owned by the rules now */
    j->name = NULL;
    uint32_t ncap = 0;
    if (pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &ncap) == 0 && ncap + 1 > r->ovec_pairs)
        r->ovec_pairs = ncap + 1;
    return 0;
}

static int load_patterns(loader *L, pat_jobs *jobs, const char *path, const char *display,
                         int user)
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
        rc = prepare_pattern(L, jobs, name, rx, fid, display, lineno, user);
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
    return ng_rules_default_location();   /* locate.c */
}

const char *ng_default_rules_dir(void)
{
    return NG_DEFAULT_RULES_DIR;
}

typedef struct {
    lexicon *lx;
    int rc;
} freeze_task;

static void *freeze_worker(void *arg)
{
    freeze_task *t = arg;
    t->rc = lx_freeze(t->lx);
    return NULL;
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
    if (r && pthread_mutex_init(&r->jit_lock, NULL)) {
        free(r);
        r = NULL;
    }
    if (!r || lx_init(&r->lx)) {
        if (r)
            pthread_mutex_destroy(&r->jit_lock);
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
    /* The lexicon is complete: freeze it on a thread of its own while the
     * patterns are read, expanded and compiled (they need only the
     * lexicon's strings, not its trie). */
    freeze_task ft = {&r->lx, 0};
    pthread_t ftid;
    int fthread = rc == 0 && pthread_create(&ftid, NULL, freeze_worker, &ft) == 0;
    pat_jobs jobs = {0};
    ng_error pending;      /* an error reading the lines, reported unless a
                            * pattern before it fails to compile */
    memset(&pending, 0, sizeof pending);
    int read_rc = 0;
    if (rc == 0) {
        L.err = &pending;
        for (size_t i = 0; i < ndirs && read_rc == 0; i++) {
            if (!has_pat[i])
                continue;
            const char *dir = dirs[i] ? dirs[i] : default_dir();
            char path[4096];
            snprintf(path, sizeof path, "%s/patterns.txt", dir);
            read_rc = load_patterns(&L, &jobs, path, i ? path : "patterns.txt", i > 0);
        }
        L.err = err;
        compile_jobs(&jobs);
        for (size_t i = 0; i < jobs.n && rc == 0; i++)
            rc = finish_pattern(&L, &jobs.v[i]);
        if (rc == 0 && read_rc) {
            if (err)
                *err = pending;
            rc = -1;
        }
    }
    pat_jobs_free(&jobs);
    free(has_pat);
    if (rc == 0)
        index_needs(r);
    for (int c = 0; c < LX_NCLASSES; c++) {
        strvec_free(&L.cls_strings[c]);
        free(L.expansion[c]);
    }
    if (fthread)
        pthread_join(ftid, NULL);
    else if (rc == 0)
        ft.rc = lx_freeze(&r->lx);
    if (rc == 0 && ft.rc) {
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
    pthread_mutex_destroy(&r->jit_lock);
    free(r);
}

void ng_lexicon_ready(const ng_rules *r)
{
    if (atomic_load_explicit(&r->big_ready, memory_order_acquire))
        return;
    ng_rules *w = (ng_rules *)r;
    pthread_mutex_lock(&w->jit_lock);
    if (!atomic_load_explicit(&w->big_ready, memory_order_relaxed)) {
        (void)lx_build_big(&w->lx);   /* no memory: every step searches */
        atomic_store_explicit(&w->big_ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&w->jit_lock);
}

int ng_pattern_ready(const ng_rules *r, const ng_pattern *p)
{
    int state = atomic_load_explicit(&p->jitted, memory_order_acquire);
    if (state)
        return state == 2;
    /* the lock makes every other thread wait for the code, so no match
       runs on it while it is being compiled */
    ng_pattern *w = (ng_pattern *)p;
    pthread_mutex_lock((pthread_mutex_t *)&r->jit_lock);
    state = atomic_load_explicit(&w->jitted, memory_order_relaxed);
    if (!state) {
        /* JIT is an optimisation: a pattern it cannot take still runs */
        state = pcre2_jit_compile(w->code, PCRE2_JIT_COMPLETE) == 0 ? 2 : 1;
        atomic_store_explicit(&w->jitted, state, memory_order_release);
    }
    pthread_mutex_unlock((pthread_mutex_t *)&r->jit_lock);
    return state == 2;
}

size_t ng_rules_entry_count(const ng_rules *r)
{
    return r ? r->lx.nentries : 0;
}

size_t ng_rules_pattern_count(const ng_rules *r)
{
    return r ? r->npatterns : 0;
}
