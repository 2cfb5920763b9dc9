/*
 * cli.h - what the newsgraph subcommands share.  Not installed.
 */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stddef.h>
#include <stdio.h>
#include "newsgraph.h"

/* `newsgraph graph ...`: argv[0] is "graph".  Returns the exit status. */
int ng_cli_graph(int argc, char **argv);

/*
 * The rules directory used when none is named: $NEWSGRAPH_RULES, else the
 * source tree's rules/ when this executable runs from its build tree, else
 * the rules installed beside the executable (../share/newsgraph/rules),
 * else the library's compiled-in ng_default_rules_dir().  Writes into
 * `buf` when it has to build a path.  Never NULL.
 */
const char *ng_cli_default_rules_dir(char *buf, size_t size);

/*
 * Load the default rules with each of `dirs` on top (later ones override
 * earlier ones), or only `dirs` when `no_default` is set.  NULL with
 * `err` filled on failure, including a named directory that is missing.
 */
ng_rules *ng_cli_load_rules(const char *const *dirs, size_t ndirs,
                            int no_default, ng_error *err);

/* ---- input.c: reading documents ------------------------------------ */
/*
 * Messages read "newsgraph: NAME: reason", NAME being the path or "stdin"
 * for "-".
 */

/* realloc() and strdup() that print "out of memory" and exit 1. */
void *ng_cli_xrealloc(void *p, size_t n);
char *ng_cli_xstrdup(const char *s);

/* The message of an ng_error, or its code's text when it has none. */
const char *ng_cli_error_text(const ng_error *err);

/* The document id of a FILE argument: its base name, "stdin" for "-"
 * (malloc'd). */
char *ng_cli_doc_id(const char *path);

/*
 * Read FILE ("-": stdin) whole, any bytes: 0 with *text (malloc'd, *len
 * bytes), or -1 with the reason in `why` (a file over NG_MAX_DOC_BYTES
 * is refused without reading it all).  Not printed: the caller says
 * where the message goes, and when.
 */
int ng_cli_read_doc(const char *path, char **text, size_t *len, char *why,
                    size_t whysize);

/* The name of FILE in messages: FILE, or "stdin" for "-". */
const char *ng_cli_input_name(const char *path);

/* FILE ("-": stdin) read line by line. */
typedef struct {
    const char *name;   /* the path, or "stdin" */
    FILE *f;
    char *line;         /* the current line, "\n" included; any bytes */
    size_t cap;
    size_t lineno;      /* 1-based number of the current line */
    int regular;        /* a regular file: reading it never waits */
} ng_cli_lines;

/* 0, or -1 with the reason printed. */
int ng_cli_lines_open(ng_cli_lines *in, const char *path);
/* 1 with the next line in in->line (*len bytes), or 0 at the end. */
int ng_cli_lines_next(ng_cli_lines *in, size_t *len);
/* Close (stdin stays open); -1 with the reason printed if reading failed. */
int ng_cli_lines_close(ng_cli_lines *in);

#endif /* NG_CLI_H */
