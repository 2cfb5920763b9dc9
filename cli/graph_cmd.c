/*
 * graph_cmd.c - `newsgraph graph`: many documents merged into one graph
 * (README.md, "Corpus graph").
 *
 *   newsgraph graph [options] [FILE...]       extract each FILE, merge
 *   newsgraph graph [options] --jsonl FILE    extract {"id","text"} records
 *   newsgraph graph --from-json FILE          merge the main command's output
 *
 * Documents are extracted one at a time and added to the graph at once, so
 * memory holds the graph, not the texts.  For a big corpus extract with
 * threads first (`newsgraph -j0 ... | newsgraph graph --from-json -`).
 */
#define _XOPEN_SOURCE 700   /* mkdir */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "cli.h"
#include "jsonl.h"
#include "newsgraph.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct {
    const char **rules_dirs;
    size_t nrules;
    int no_default_rules;
    const char **jsonl;
    size_t njsonl;
    const char **from_json;
    size_t nfrom;
    const char *output;     /* NULL: stdout (a directory for csv) */
    int csv;
    ng_graph_format format;
} options;

typedef struct {
    ng_graph *g;
    ng_rules *rules;        /* loaded only when something is extracted */
    int status;             /* 0 or EXIT_INPUT */
} state;

static void usage_short(FILE *f)
{
    fputs("Usage: newsgraph graph [--format json|graphml|dot|csv] [-o OUT] "
          "[FILE...]\n"
          "Try 'newsgraph graph --help' for more information.\n", f);
}

static void usage_full(FILE *f)
{
    fputs(
"Usage: newsgraph graph [options] [FILE...]\n"
"       newsgraph graph [options] --jsonl FILE\n"
"       newsgraph graph [options] --from-json FILE\n"
"\n"
"Merge many documents into one graph: a node per entity (persons of the\n"
"same name are one node when their relations share a unit, or when they\n"
"have no relation), an edge per relation with its documents and evidence.\n"
"\n"
"Each FILE is one document, read whole; its id is the file's base name.\n"
"With no input option and no FILE, standard input is one document.\n"
"\n"
"Options:\n"
"  -f, --format FMT    json (default), graphml, dot, or csv (Neo4j\n"
"                      neo4j-admin import: nodes.csv, relationships.csv)\n"
"  -o, --output OUT    write to OUT instead of standard output; for csv,\n"
"                      OUT is a directory (made if missing) and is required\n"
"  --jsonl FILE        extract documents from FILE ('-': stdin), one\n"
"                      {\"id\": ..., \"text\": \"...\"} per line, as the main\n"
"                      command reads them; repeatable; not with FILE\n"
"  --from-json FILE    merge documents already extracted: FILE ('-': stdin)\n"
"                      holds the main command's output, one JSON object per\n"
"                      line; repeatable; merged before any extracted text\n"
"  --rules DIR         add the rules in DIR on top of the default rules;\n"
"                      repeatable, later directories override earlier\n"
"  --no-default-rules  load only the --rules directories\n"
"  -h, --help          print this help and exit\n"
"\n"
"Exit status:\n"
"  0  every document was merged and the graph written\n"
"  1  an input problem (an unreadable FILE, a broken record or line) or\n"
"     an error writing the output; the other documents are still merged\n"
"  2  bad usage, or the rules could not be loaded\n", f);
}

enum { OPT_RULES = 256, OPT_NO_DEFAULT_RULES, OPT_JSONL, OPT_FROM_JSON };

static void push(const char ***list, size_t *n, const char *s)
{
    *list = ng_cli_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = s;
}

/* Returns -1 to go on, else an exit status. */
static int parse_options(int argc, char **argv, options *opt)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"rules", required_argument, NULL, OPT_RULES},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
        {"jsonl", required_argument, NULL, OPT_JSONL},
        {"from-json", required_argument, NULL, OPT_FROM_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    static const struct {
        const char *name;
        ng_graph_format fmt;
        int csv;
    } formats[] = {
        {"json", NG_GRAPH_JSON, 0},
        {"graphml", NG_GRAPH_GRAPHML, 0},
        {"dot", NG_GRAPH_DOT, 0},
        {"csv", NG_GRAPH_CSV_NODES, 1},
    };
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': {
            size_t i, n = sizeof formats / sizeof *formats;
            for (i = 0; i < n && strcmp(optarg, formats[i].name) != 0; i++)
                ;
            if (i == n) {
                fprintf(stderr, "newsgraph: graph: unknown format '%s' "
                        "(json, graphml, dot, csv)\n", optarg);
                usage_short(stderr);
                return EXIT_USAGE;
            }
            opt->format = formats[i].fmt;
            opt->csv = formats[i].csv;
            break;
        }
        case 'o':
            opt->output = optarg;
            break;
        case OPT_RULES:
            push(&opt->rules_dirs, &opt->nrules, optarg);
            break;
        case OPT_NO_DEFAULT_RULES:
            opt->no_default_rules = 1;
            break;
        case OPT_JSONL:
            push(&opt->jsonl, &opt->njsonl, optarg);
            break;
        case OPT_FROM_JSON:
            push(&opt->from_json, &opt->nfrom, optarg);
            break;
        case 'h':
            usage_full(stdout);
            return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_INPUT;
        case ':':
            fprintf(stderr, "newsgraph: graph: option '%s' needs an argument\n",
                    argv[optind - 1]);
            usage_short(stderr);
            return EXIT_USAGE;
        default:
            if (optopt && optopt < 256)
                fprintf(stderr, "newsgraph: graph: unknown option '-%c'\n",
                        optopt);
            else
                fprintf(stderr, "newsgraph: graph: unknown option '%s'\n",
                        argv[optind - 1]);
            usage_short(stderr);
            return EXIT_USAGE;
        }
    }
    const char *bad = NULL;
    if (opt->no_default_rules && opt->nrules == 0)
        bad = "--no-default-rules needs at least one --rules DIR";
    else if (opt->njsonl && optind < argc)
        bad = "--jsonl cannot be mixed with FILE arguments";
    else if (opt->csv && (!opt->output || strcmp(opt->output, "-") == 0))
        bad = "--format csv writes two files: give a directory with -o DIR";
    if (bad) {
        fprintf(stderr, "newsgraph: graph: %s\n", bad);
        usage_short(stderr);
        return EXIT_USAGE;
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* Input                                                                */

/* Load the rules on first use; 0, or -1 when they cannot be loaded. */
static int need_rules(state *st, const options *opt)
{
    if (st->rules)
        return 0;
    ng_error err;
    memset(&err, 0, sizeof err);
    st->rules = ng_cli_load_rules(opt->rules_dirs, opt->nrules,
                                  opt->no_default_rules, &err);
    if (!st->rules) {
        fprintf(stderr, "newsgraph: %s\n", ng_cli_error_text(&err));
        return -1;
    }
    return 0;
}

/* Extract one text and merge it; `where` names it in messages. */
static void add_text(state *st, const char *id, const char *where,
                     const char *text, size_t len)
{
    ng_error err;
    memset(&err, 0, sizeof err);
    ng_doc *doc = ng_extract(st->rules, text, len, id, &err);
    if (!doc) {
        fprintf(stderr, "newsgraph: %s: %s\n", where,
                ng_cli_error_text(&err));
        st->status = EXIT_INPUT;
        return;
    }
    if (ng_graph_add(st->g, doc) != NG_OK) {
        fputs("newsgraph: out of memory\n", stderr);
        exit(EXIT_INPUT);
    }
    ng_doc_free(doc);
}

static void process_file(state *st, const char *path)
{
    const char *name = ng_cli_input_name(path);
    char *text, why[256];
    size_t len;
    if (ng_cli_read_doc(path, &text, &len, why, sizeof why) != 0) {
        fprintf(stderr, "newsgraph: %s: %s\n", name, why);
        st->status = EXIT_INPUT;
        return;
    }
    char *id = ng_cli_doc_id(path);
    add_text(st, id, name, text, len);
    free(id);
    free(text);
}

/* One line of the main command's output, merged; NULL, or why not. */
static const char *merge_json(state *st, const char *line, size_t len,
                              char *why, size_t whysize)
{
    ng_error err;
    memset(&err, 0, sizeof err);
    ng_status rc = ng_graph_add_json(st->g, line, len, &err);
    if (rc == NG_ERR_NOMEM) {
        fputs("newsgraph: out of memory\n", stderr);
        exit(EXIT_INPUT);
    }
    if (rc == NG_OK)
        return NULL;
    snprintf(why, whysize, "%s", ng_cli_error_text(&err));
    return why;
}

/*
 * Read FILE line by line: --jsonl records (`extract`) or the main
 * command's output lines.  Blank lines are skipped; a broken line is
 * reported as FILE:LINE and skipped.
 */
static void process_lines(state *st, const char *path, int extract)
{
    ng_cli_lines in;
    if (ng_cli_lines_open(&in, path) != 0) {
        st->status = EXIT_INPUT;
        return;
    }
    char why[sizeof ((ng_error *)0)->message + 64];
    char where[4096];
    size_t len;
    while (ng_cli_lines_next(&in, &len)) {
        snprintf(where, sizeof where, "%s:%zu", in.name, in.lineno);
        const char *bad = NULL;
        if (extract) {
            ng_cli_jsonl_record rec;
            int kind = ng_cli_jsonl_parse(in.line, len, in.lineno - 1, &rec,
                                          why, sizeof why);
            if (kind == NG_CLI_JSONL_BROKEN)
                bad = why;
            if (kind == NG_CLI_JSONL_RECORD) {
                add_text(st, rec.id, where, rec.text, rec.text_len);
                free(rec.id);
                free(rec.text);
            }
        } else if (!ng_cli_line_blank(in.line, &len)) {
            bad = merge_json(st, in.line, len, why, sizeof why);
        }
        if (bad) {
            fprintf(stderr, "newsgraph: %s: %s\n", where, bad);
            st->status = EXIT_INPUT;
        }
    }
    if (ng_cli_lines_close(&in) != 0)
        st->status = EXIT_INPUT;
}

/* ------------------------------------------------------------------ */
/* Output                                                               */

/* Render `fmt` and write it to `path` (NULL or "-": stdout).  0 or -1. */
static int write_render(ng_graph *g, ng_graph_format fmt, const char *path)
{
    size_t len = 0;
    char *s = ng_graph_render(g, fmt, &len);
    if (!s) {
        fputs("newsgraph: out of memory rendering the graph\n", stderr);
        return -1;
    }
    int to_stdout = !path || strcmp(path, "-") == 0;
    const char *name = to_stdout ? "stdout" : path;
    FILE *f = to_stdout ? stdout : fopen(path, "wb");
    int bad = 0;
    if (!f) {
        fprintf(stderr, "newsgraph: %s: %s\n", name, strerror(errno));
        ng_free(s);
        return -1;
    }
    bad = fwrite(s, 1, len, f) != len;
    if (to_stdout) {
        bad |= fflush(f) != 0 || ferror(f);
    } else {
        bad |= ferror(f) != 0;
        bad |= fclose(f) != 0;   /* always closed */
    }
    if (bad)
        fprintf(stderr, "newsgraph: %s: write error: %s\n", name,
                strerror(errno));
    ng_free(s);
    return bad ? -1 : 0;
}

static int write_csv(ng_graph *g, const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        if (mkdir(dir, 0777) != 0) {
            fprintf(stderr, "newsgraph: %s: %s\n", dir, strerror(errno));
            return -1;
        }
    } else if (!S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "newsgraph: %s: not a directory\n", dir);
        return -1;
    }
    size_t n = strlen(dir) + 32;
    char *path = ng_cli_xrealloc(NULL, n);
    snprintf(path, n, "%s/nodes.csv", dir);
    int rc = write_render(g, NG_GRAPH_CSV_NODES, path);
    if (rc == 0) {
        snprintf(path, n, "%s/relationships.csv", dir);
        rc = write_render(g, NG_GRAPH_CSV_EDGES, path);
    }
    free(path);
    return rc;
}

int ng_cli_graph(int argc, char **argv)
{
    options opt;
    memset(&opt, 0, sizeof opt);
    opt.format = NG_GRAPH_JSON;
    int rc = parse_options(argc, argv, &opt);
    if (rc >= 0)
        goto done;

    state st;
    memset(&st, 0, sizeof st);
    /* Rules only when there is text to extract: merging --from-json
     * output needs none, and must not fail for want of them. */
    int extracting = opt.njsonl || optind < argc || opt.nfrom == 0;
    if (extracting && need_rules(&st, &opt) != 0) {
        rc = EXIT_USAGE;
        goto done;
    }
    st.g = ng_graph_new();
    if (!st.g) {
        fputs("newsgraph: out of memory\n", stderr);
        ng_rules_free(st.rules);
        rc = EXIT_INPUT;
        goto done;
    }

    for (size_t i = 0; i < opt.nfrom; i++)
        process_lines(&st, opt.from_json[i], 0);
    if (opt.njsonl) {
        for (size_t i = 0; i < opt.njsonl; i++)
            process_lines(&st, opt.jsonl[i], 1);
    } else if (optind < argc) {
        for (int i = optind; i < argc; i++)
            process_file(&st, argv[i]);
    } else if (opt.nfrom == 0) {
        process_file(&st, "-");
    }

    int bad = opt.csv ? write_csv(st.g, opt.output)
                      : write_render(st.g, opt.format, opt.output);
    rc = bad ? EXIT_INPUT : st.status;
    ng_graph_free(st.g);
    ng_rules_free(st.rules);
done:
    free(opt.rules_dirs);
    free(opt.jsonl);
    free(opt.from_json);
    return rc;
}
