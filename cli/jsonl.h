/*
 * jsonl.h - one line of `newsgraph --jsonl` input, parsed into a document.
 * Not installed.  Used by cli/newsgraph.c, cli/graph_cmd.c and
 * tests/fuzz/fuzz_jsonl.c, so the fuzzer runs exactly the code the tool
 * runs.
 */
#ifndef NG_CLI_JSONL_H
#define NG_CLI_JSONL_H

#include <stddef.h>

/* A good record: both strings are malloc'd and owned by the caller. */
typedef struct {
    char *id;            /* NUL-terminated document id */
    char *text;          /* text_len bytes plus a NUL; may hold NUL bytes */
    size_t text_len;
} ng_cli_jsonl_record;

enum {
    NG_CLI_JSONL_RECORD = 1,   /* *rec filled */
    NG_CLI_JSONL_BLANK = 0,    /* spaces and tabs only: no record, no error */
    NG_CLI_JSONL_BROKEN = -1   /* the reason is in `why` */
};

/*
 * Drop the line end ("\n", "\r\n": any run of '\r' and '\n') from the
 * `*len` bytes at `line`, shortening *len; 1 if what is left is blank
 * (spaces and tabs only), else 0.  The rule for blank lines of both
 * --jsonl and `newsgraph graph --from-json`.
 */
int ng_cli_line_blank(const char *line, size_t *len);

/*
 * Parse one line of --jsonl input: `len` bytes at `line` (any bytes; a
 * trailing "\n" or "\r\n" is ignored).  `index` is the 0-based line
 * number, the id of a record without one.  The rules (README.md,
 * "--jsonl input"): the line is one JSON object; "text" must be a string
 * (it may hold \u0000); "id" is optional: a string is used as it is, a
 * number becomes its shortest decimal string, missing or null gives
 * `index`.
 *
 * Returns NG_CLI_JSONL_RECORD with *rec filled (free rec->id and
 * rec->text with free()), NG_CLI_JSONL_BLANK for a blank line, or
 * NG_CLI_JSONL_BROKEN with a one-line reason written into `why` (at most
 * `whysize` bytes, NUL-terminated; "out of memory" among them).  *rec is
 * left zeroed unless a record is returned.
 */
int ng_cli_jsonl_parse(const char *line, size_t len, size_t index,
                       ng_cli_jsonl_record *rec, char *why, size_t whysize);

/*
 * Let jansson allocate from a per-thread arena that each parse empties
 * (jsonl.c says why).  Call once, before any thread parses and before
 * any other jansson object exists: jansson's allocator is the process's.
 * A thread parses in the arena it was given with ng_cli_jsonl_arena_use()
 * (a buffer from ng_cli_jsonl_arena_new(), freed with free() by its owner
 * once no thread uses it; NULL: none, jansson mallocs), else without one.
 * Buffers outlive threads, so a thread started per batch starts warm.
 */
void ng_cli_jsonl_arena(void);
void *ng_cli_jsonl_arena_new(void);
void ng_cli_jsonl_arena_use(void *buf);

#endif /* NG_CLI_JSONL_H */
