/*
 * test_lexicon.c - the frozen trie's step (lib/lexicon.h): through a
 * record, through the root's direct table, and through the hash of the
 * children of big nodes (built at the first extraction:
 * ng_lexicon_ready), every edge of the default rules' trie leads where
 * the record says, and code points between children lead nowhere; both
 * before the hash exists and after.
 */
#include <stdio.h>
#include <stdlib.h>
#include "rules.h"
#include "ngtest.h"

/* The child of record `rec` by cp, read from the record itself. */
static uint32_t record_child(const uint32_t *rec, uint32_t cp)
{
    size_t np = rec[0] >> 24, nk = rec[0] & 0xffffff;
    const uint32_t *cps = rec + 1 + np;
    for (size_t k = 0; k < nk; k++)
        if (cps[k] == cp)
            return cps[nk + k];
    return LX_NONE;
}

static void test_every_edge(const lexicon *lx, int hashed)
{
    size_t nodes = 0, big = 0, edges = 0, bad = 0, absent_bad = 0;
    for (size_t off = 0; off < lx->trie_len;) {
        const uint32_t *rec = lx->trie + off;
        size_t np = rec[0] >> 24, nk = rec[0] & 0xffffff;
        const uint32_t *cps = rec + 1 + np;
        nodes++;
        if (nk > LX_BIG_KIDS)
            big++;
        for (size_t k = 0; k < nk; k++) {
            edges++;
            if (lx_step(lx, (uint32_t)off, cps[k]) != cps[nk + k])
                bad++;
            /* the code point after a child, when it is none: no edge */
            uint32_t gap = cps[k] + 1;
            if (gap <= 0x10ffff && record_child(rec, gap) == LX_NONE &&
                lx_step(lx, (uint32_t)off, gap) != LX_NONE)
                absent_bad++;
        }
        /* a code point below the first child and one past the last */
        if (nk && cps[0] > 0x20 && record_child(rec, 0x20) == LX_NONE &&
            lx_step(lx, (uint32_t)off, 0x20) != LX_NONE)
            absent_bad++;
        if (lx_step(lx, (uint32_t)off, 0x10ffff) != record_child(rec, 0x10ffff))
            absent_bad++;
        off += 1 + np + 2 * nk;
    }
    NG_CHECK(nodes > 1000);
    NG_CHECK(big > 10);   /* the hash is used at all */
    NG_CHECK(hashed ? lx->big != NULL : lx->big == NULL);
    NG_CHECK_EQ_SIZE(bad, 0);
    NG_CHECK_EQ_SIZE(absent_bad, 0);
    printf("# %zu nodes, %zu with more than %d children, %zu edges\n", nodes, big,
           LX_BIG_KIDS, edges);
}

int main(void)
{
    ng_error err;
    ng_rules *r = ng_rules_load(NULL, &err);
    if (!r) {
        fprintf(stderr, "cannot load rules: %s\n", err.message);
        return 1;
    }
    test_every_edge(&r->lx, 0);   /* loaded: no hash yet */
    ng_lexicon_ready(r);
    ng_lexicon_ready(r);          /* a second call changes nothing */
    test_every_edge(&r->lx, 1);
    /* an extraction builds it too */
    ng_rules *r2 = ng_rules_load(NULL, &err);
    if (NG_CHECK(r2 != NULL)) {
        ng_doc *d = ng_extract(r2, "中国", 6, "d", &err);
        NG_CHECK(d != NULL && r2->lx.big != NULL);
        ng_doc_free(d);
        ng_rules_free(r2);
    }
    ng_rules_free(r);
    return NG_TEST_END();
}
