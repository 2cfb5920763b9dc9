/*
 * fuzz_jsonl.c - libFuzzer target over the CLI's --jsonl reader
 * (cli/jsonl.c, the same code `newsgraph --jsonl` runs).
 *
 * The input is a whole JSONL file.  It is cut into lines as getline()
 * cuts them and each line goes through ng_cli_jsonl_parse().  Checked:
 * every line is exactly one of record, blank or broken (so records plus
 * reported errors plus blank lines is the number of lines: nothing is
 * dropped silently); a broken line has a reason; a record has an id and
 * a NUL-terminated text, and its text extracts to one document.
 *
 * Built as fuzz_jsonl (NG_FUZZ=ON) and fuzz_jsonl_replay (see replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "fuzz_common.h"

/* Extract at most this many text bytes per input: fuzz_extract covers
 * extraction; this target is about the reader. */
#define EXTRACT_BUDGET 8192

static int all_blank(const char *p, size_t n)
{
    while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r'))
        n--;
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t')
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ng_rules *rules = ng_fuzz_rules();
    const char *p = (const char *)data, *end = p + size;
    size_t lines = 0, records = 0, blank = 0, broken = 0, budget = EXTRACT_BUDGET;
    char why[256];
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        /* a private copy, so ASan sees any read past the line */
        char *line = malloc(len ? len : 1);
        REQUIRE(line != NULL);
        memcpy(line, p, len);
        ng_cli_jsonl_record rec;
        memset(why, 'x', sizeof why);
        int kind = ng_cli_jsonl_parse(line, len, lines, &rec, why, sizeof why);
        lines++;
        if (kind == NG_CLI_JSONL_RECORD) {
            records++;
            REQUIRE(rec.id != NULL && rec.text != NULL);
            REQUIRE(rec.text[rec.text_len] == '\0');
            if (rec.text_len <= budget) {
                budget -= rec.text_len;
                ng_error err;
                ng_doc *d = ng_extract(rules, rec.text, rec.text_len, rec.id, &err);
                REQUIRE(d != NULL || err.code == NG_ERR_NOMEM);
                if (d) {
                    REQUIRE(strcmp(ng_doc_id(d), rec.id) == 0);
                    char *json = ng_doc_to_json(d, 0, NULL);
                    ng_free(json);
                    ng_doc_free(d);
                }
            }
            free(rec.id);
            free(rec.text);
        } else if (kind == NG_CLI_JSONL_BLANK) {
            blank++;
            REQUIRE(all_blank(line, len));
            REQUIRE(rec.id == NULL && rec.text == NULL);
        } else {
            REQUIRE(kind == NG_CLI_JSONL_BROKEN);
            broken++;
            REQUIRE(memchr(why, '\0', sizeof why) != NULL && why[0] != '\0');
            REQUIRE(rec.id == NULL && rec.text == NULL);
        }
        free(line);
        p += len;
    }
    REQUIRE(records + blank + broken == lines);
    return 0;
}
