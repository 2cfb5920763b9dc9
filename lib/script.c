/*
 * script.c - traditional characters read as simplified for matching.
 *
 * The rules are written in simplified characters.  Rather than double
 * every lexicon, a traditional document is matched through a one-to-one
 * character map (generated from ICU's Traditional-Simplified data at build
 * time, lib/tools/gen_script_table.c): one working character per original
 * character, so the offset map of normalize.c stays exact.  The characters
 * as written are kept beside, so names are reported as the document
 * writes them.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "ng_t2s_table.h"

uint32_t ng_t2s(uint32_t c)
{
    if (c < 0x10000 && !(ng_t2s_bmp[c / 64] >> (c % 64) & 1))
        return c;
    if (c < ng_t2s_table[0][0] || c > ng_t2s_table[NG_T2S_COUNT - 1][0])
        return c;
    size_t lo = 0, hi = NG_T2S_COUNT;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ng_t2s_table[mid][0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < NG_T2S_COUNT && ng_t2s_table[lo][0] == c ? ng_t2s_table[lo][1] : c;
}

static int is_cjk(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
           (c >= 0x20000 && c <= 0x2ebef);
}

static size_t u8_len(uint32_t c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

size_t ng_utf8_put(char *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xc0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xe0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        o[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    o[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

int ng_script_apply(ng_text *t, int script, uint32_t **written, int *used)
{
    *written = NULL;
    *used = NG_SCRIPT_SIMPLIFIED;
    if (script == NG_SCRIPT_SIMPLIFIED || t->n == 0)
        return NG_OK;
    if (script == NG_SCRIPT_AUTO) {
        /* Simplified text holds a few characters ICU would still map (a
         * traditional form kept in names); traditional text holds many. */
        size_t han = 0, trad = 0;
        for (size_t i = 0; i < t->n; i++) {
            uint32_t c = t->cp[i];
            if (!is_cjk(c))
                continue;
            han++;
            /* ng_t2s()'s own first test, without the call: most are not in
               the table's bitmap */
            if (c < 0x10000 && !(ng_t2s_bmp[c / 64] >> (c % 64) & 1))
                continue;
            if (ng_t2s(c) != c)
                trad++;
        }
        if (trad < 3 || trad * 100 < han * 5)
            return NG_OK;
    }
    uint32_t *orig = malloc(t->n * sizeof *orig);
    if (!orig)
        return NG_ERR_NOMEM;
    memcpy(orig, t->cp, t->n * sizeof *orig);
    size_t bytes = 0;
    for (size_t i = 0; i < t->n; i++) {
        t->cp[i] = ng_t2s(t->cp[i]);
        bytes += u8_len(t->cp[i]);
    }
    char *u8 = bytes < UINT32_MAX ? malloc(bytes + 1) : NULL;
    uint32_t *off = malloc((t->n + 1) * sizeof *off);
    if (!u8 || !off) {
        free(u8);
        free(off);
        memcpy(t->cp, orig, t->n * sizeof *orig);
        free(orig);
        return NG_ERR_NOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        off[i] = (uint32_t)k;
        k += ng_utf8_put(u8 + k, t->cp[i]);
    }
    off[t->n] = (uint32_t)k;
    u8[k] = 0;
    free(t->u8);
    free(t->u8_off);
    t->u8 = u8;
    t->u8cap = bytes + 1;
    t->u8len = k;
    t->u8_off = off;
    t->offcap = t->n + 1;
    *written = orig;
    *used = NG_SCRIPT_TRADITIONAL;
    return NG_OK;
}
