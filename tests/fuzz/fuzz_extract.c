/*
 * fuzz_extract.c - libFuzzer target over ng_extract().
 *
 * The input bytes are one document.  The rules are loaded once
 * (fuzz_common.c: $NEWSGRAPH_RULES if set, else the source tree's
 * rules/).  Each input is extracted, checked against
 * the API's promises (one document back, offsets inside the original
 * text, relations between existing entities, JSON that parses), rendered
 * and freed; a broken promise aborts, which libFuzzer reports as a crash.
 *
 * Built two ways (cmake/robustness.cmake):
 *   fuzz_extract         NG_FUZZ=ON, clang -fsanitize=fuzzer,address,undefined
 *   fuzz_extract_replay  every build with tests: replay.c's main() runs
 *                        files and directories given as arguments, so
 *                        tests/fuzz/regressions/ is replayed by ctest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz_common.h"

/* Code points in the original: what Python's decode("utf-8", "replace")
 * gives, so at least one per 4 bytes and at most one per byte. */
static void check_doc(const ng_doc *d, size_t size)
{
    size_t ne = ng_doc_entity_count(d);
    for (size_t i = 0; i < ne; i++) {
        size_t len = 0;
        const char *t = ng_doc_entity_text(d, i, &len);
        REQUIRE(t != NULL && len > 0 && strlen(t) <= len);
        size_t nm = ng_doc_entity_mention_count(d, i);
        REQUIRE(nm >= 1);
        for (size_t k = 0; k < nm; k++) {
            ng_mention m;
            REQUIRE(ng_doc_entity_mention(d, i, k, &m) == NG_OK);
            REQUIRE(m.start < m.end && m.end <= size);
            REQUIRE(m.byte_start < m.byte_end && m.byte_end <= size);
            REQUIRE(m.end - m.start <= m.byte_end - m.byte_start);
            REQUIRE(m.sentence < ng_doc_sentence_count(d) || ng_doc_sentence_count(d) == 0);
            REQUIRE(m.rule != NULL);
        }
    }
    size_t nr = ng_doc_relation_count(d);
    for (size_t i = 0; i < nr; i++) {
        ng_relation r;
        REQUIRE(ng_doc_relation(d, i, &r) == NG_OK);
        if (r.type == NG_HOLDS_POSITION) {
            REQUIRE(r.person >= 0 && (size_t)r.person < ne);
            REQUIRE(r.position >= 0 && (size_t)r.position < ne);
            REQUIRE(r.org < 0 || (size_t)r.org < ne);
        } else {
            REQUIRE(r.type == NG_LOCATED_IN);
            REQUIRE(r.child >= 0 && (size_t)r.child < ne);
            REQUIRE(r.parent >= 0 && (size_t)r.parent < ne);
        }
        REQUIRE(r.ev_byte_end <= size && r.ev_end <= size);
        REQUIRE(r.rule != NULL);
    }
    for (size_t i = 0; i < ng_doc_warning_count(d); i++)
        REQUIRE(ng_doc_warning(d, i) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ng_rules *rules = ng_fuzz_rules();
    ng_error err;
    ng_doc *d = ng_extract(rules, (const char *)data, size, "fuzz", &err);
    if (!d) {
        /* only memory may fail: every document gives a result */
        REQUIRE(err.code == NG_ERR_NOMEM);
        return 0;
    }
    REQUIRE(strcmp(ng_doc_id(d), "fuzz") == 0);
    check_doc(d, size);
    for (int flags = 0; flags <= NG_JSON_PRETTY; flags += NG_JSON_PRETTY) {
        size_t jlen = 0;
        char *json = ng_doc_to_json(d, flags, &jlen);
        if (json) {
            REQUIRE(jlen == strlen(json));
            json_error_t jerr;
            json_t *v = json_loadb(json, jlen, JSON_ALLOW_NUL, &jerr);
            REQUIRE(v != NULL && json_is_object(v));
            REQUIRE(json_array_size(json_object_get(v, "entities")) ==
                    ng_doc_entity_count(d));
            REQUIRE(json_array_size(json_object_get(v, "relations")) ==
                    ng_doc_relation_count(d));
            json_decref(v);
            ng_free(json);
        }
    }
    ng_doc_free(d);
    return 0;
}
