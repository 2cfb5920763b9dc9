/*
 * newsgraph.c - the command-line front end of libnewsgraph.
 *
 *   newsgraph [options] [FILE...]      one document per FILE (or stdin)
 *   newsgraph [options] --jsonl FILE   one {"id", "text"} record per line
 *   newsgraph graph ...                see graph_cmd.c
 *
 * Prints one JSON object per document, in input order.  Documents are
 * extracted in batches (by count and by bytes) so memory stays bounded
 * however long the input is; with -j N a batch is shared by N threads
 * that use the same read-only ng_rules.  The main thread only reads
 * (and prints each batch, in order): parsing a --jsonl record is the
 * workers' job, so that little of the work is serial.  The workers live
 * for the whole run, and there are two batches: from a regular file the
 * main thread reads the next batch and prints the last one while the
 * workers extract, and helps them when it has nothing else to do.
 */
#define _XOPEN_SOURCE 700   /* realpath */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "jsonl.h"
#include "newsgraph.h"

#ifndef NG_CLI_VERSION
#define NG_CLI_VERSION NG_VERSION_STRING
#endif

/* A batch is flushed at whichever limit comes first. */
#define BATCH_DOCS 256
#define BATCH_BYTES ((size_t)8 << 20)
#define MAX_THREADS 256

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static int is_dir(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ------------------------------------------------------------------ */
/* Rules lookup (shared with the subcommands through cli.h)            */

#if defined(NG_BUILD_DIR) && defined(NG_SOURCE_RULES_DIR)
/* Is `path` (resolved) inside directory `dir` (resolved)? */
static int path_is_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || n == 1);
}
#endif

const char *ng_cli_default_rules_dir(char *buf, size_t size)
{
    const char *env = getenv("NEWSGRAPH_RULES");
    if (env && *env)
        return env;

    char *exe = realpath("/proc/self/exe", NULL);
    if (exe) {
        const char *found = NULL;
#if defined(NG_BUILD_DIR) && defined(NG_SOURCE_RULES_DIR)
        /* Run from the build tree: use the rules being developed. */
        char *build = realpath(NG_BUILD_DIR, NULL);
        if (build && path_is_under(exe, build) && is_dir(NG_SOURCE_RULES_DIR))
            found = NG_SOURCE_RULES_DIR;
        free(build);
#endif
#ifdef NG_BIN_TO_RULES
        /* Installed, possibly under another prefix than configured. */
        if (!found) {
            char *slash = strrchr(exe, '/');
            if (slash) {
                *slash = '\0';
                int n = snprintf(buf, size, "%s/%s", exe, NG_BIN_TO_RULES);
                if (n > 0 && (size_t)n < size && is_dir(buf))
                    found = buf;
            }
        }
#endif
        free(exe);
        if (found)
            return found;
    }
    (void)buf;
    (void)size;
    return ng_default_rules_dir();
}

ng_rules *ng_cli_load_rules(const char *const *dirs, size_t ndirs,
                            int no_default, ng_error *err)
{
    char defbuf[PATH_MAX + 64];
    size_t n = 0;
    const char **all = ng_cli_xrealloc(NULL, (ndirs + 1) * sizeof *all);

    if (!no_default)
        all[n++] = ng_cli_default_rules_dir(defbuf, sizeof defbuf);
    for (size_t i = 0; i < ndirs; i++) {
        /* Checked here so a typo gets a plain message whatever the library says. */
        errno = 0;
        if (!is_dir(dirs[i])) {
            if (err) {
                memset(err, 0, sizeof *err);
                err->code = NG_ERR_IO;
                snprintf(err->message, sizeof err->message,
                         "rules directory %s: %s", dirs[i],
                         errno ? strerror(errno) : "not a directory");
            }
            free(all);
            return NULL;
        }
        all[n++] = dirs[i];
    }
    ng_rules *rules = ng_rules_load_dirs(all, n, err);
    free(all);
    return rules;
}

/* ------------------------------------------------------------------ */
/* Options                                                              */

typedef struct {
    const char **rules_dirs;
    size_t nrules;
    int no_default_rules;
    ng_script script;      /* --script */
    const char **jsonl;
    size_t njsonl;
    const char *output;     /* NULL: stdout */
    int pretty;
    int warnings;
    long threads;
} options;

static void usage_short(FILE *f)
{
    fputs("Usage: newsgraph [options] [FILE...]\n"
          "       newsgraph [options] --jsonl FILE\n"
          "Try 'newsgraph --help' for more information.\n", f);
}

static void usage_full(FILE *f)
{
    fputs(
"Usage: newsgraph [options] [FILE...]\n"
"       newsgraph [options] --jsonl FILE\n"
"       newsgraph graph ...\n"
"\n"
"Extract people, positions, organisations and places, and the relations\n"
"between them, from Chinese news text.  Prints one JSON object per\n"
"document, one per line, in input order.\n"
"\n"
"Each FILE is one document, read whole as bytes; its id is the file's\n"
"base name.  With no FILE, or FILE '-', standard input is one document\n"
"with the id \"stdin\".\n"
"\n"
"Options:\n"
"  --jsonl FILE        read documents from FILE ('-': stdin), one JSON\n"
"                      object {\"id\": ..., \"text\": \"...\"} per line; the id\n"
"                      (string or number) is optional and defaults to the\n"
"                      0-based line number.  Blank lines are skipped; a\n"
"                      broken line is reported as FILE:LINE and skipped.\n"
"                      May be repeated; cannot be mixed with FILE arguments.\n"
"  --rules DIR         add the rules in DIR on top of the default rules;\n"
"                      may be repeated, later directories override earlier\n"
"  --no-default-rules  load only the --rules directories\n"
"  -o, --output FILE   write the JSON to FILE instead of standard output\n"
"      --pretty        indent the JSON (one object spans several lines)\n"
"      --warnings      print each document's warnings to standard error\n"
"                      as 'newsgraph: DOC: WARNING'\n"
"      --script S      auto (default: detect per document), simplified or\n"
"                      traditional: traditional characters are read as\n"
"                      simplified for matching; names keep their written form\n"
"  -j, --threads N     extract with N threads (default 1; 0: one per CPU);\n"
"                      the output order does not change\n"
"  -h, --help          print this help and exit\n"
"  -V, --version       print the version and exit\n"
"\n"
"Default rules: $NEWSGRAPH_RULES if set; else, when run from its build\n"
"tree, the source tree's rules/; else the rules installed with this\n"
"program (../share/newsgraph/rules from its directory); else\n", f);
    fprintf(f, "%s.\n\n", ng_default_rules_dir());
    fputs(
"Exit status:\n"
"  0  every document was extracted\n"
"  1  an input problem: an unreadable FILE, a broken --jsonl record, a\n"
"     document the library refused, or an error writing the output;\n"
"     every other document was still extracted\n"
"  2  bad usage, or the rules could not be loaded\n", f);
}

static int parse_threads(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > MAX_THREADS)
        return -1;
    if (v == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        v = cpus > 0 ? (cpus > MAX_THREADS ? MAX_THREADS : cpus) : 1;
    }
    *out = v;
    return 0;
}

enum { OPT_RULES = 256, OPT_NO_DEFAULT_RULES, OPT_JSONL, OPT_PRETTY,
       OPT_WARNINGS, OPT_SCRIPT };

/* Returns -1 to go on, else an exit status. */
static int parse_options(int argc, char **argv, options *opt)
{
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, OPT_RULES},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
        {"jsonl", required_argument, NULL, OPT_JSONL},
        {"output", required_argument, NULL, 'o'},
        {"pretty", no_argument, NULL, OPT_PRETTY},
        {"warnings", no_argument, NULL, OPT_WARNINGS},
        {"script", required_argument, NULL, OPT_SCRIPT},
        {"threads", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}
    };
    int c;

    opterr = 0;   /* our own messages, named "newsgraph:" */
    while ((c = getopt_long(argc, argv, ":o:j:hV", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_RULES:
            opt->rules_dirs = ng_cli_xrealloc(opt->rules_dirs,
                                       (opt->nrules + 1) * sizeof(char *));
            opt->rules_dirs[opt->nrules++] = optarg;
            break;
        case OPT_NO_DEFAULT_RULES:
            opt->no_default_rules = 1;
            break;
        case OPT_JSONL:
            opt->jsonl = ng_cli_xrealloc(opt->jsonl,
                                  (opt->njsonl + 1) * sizeof(char *));
            opt->jsonl[opt->njsonl++] = optarg;
            break;
        case 'o':
            opt->output = optarg;
            break;
        case OPT_PRETTY:
            opt->pretty = 1;
            break;
        case OPT_WARNINGS:
            opt->warnings = 1;
            break;
        case OPT_SCRIPT:
            if (!strcmp(optarg, "auto")) {
                opt->script = NG_SCRIPT_AUTO;
            } else if (!strcmp(optarg, "simplified")) {
                opt->script = NG_SCRIPT_SIMPLIFIED;
            } else if (!strcmp(optarg, "traditional")) {
                opt->script = NG_SCRIPT_TRADITIONAL;
            } else {
                fprintf(stderr, "newsgraph: --script: '%s' is not auto, simplified "
                        "or traditional\n", optarg);
                usage_short(stderr);
                return EXIT_USAGE;
            }
            break;
        case 'j':
            if (parse_threads(optarg, &opt->threads) != 0) {
                fprintf(stderr, "newsgraph: --threads: '%s' is not a number "
                        "from 0 to %d\n", optarg, MAX_THREADS);
                usage_short(stderr);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            usage_full(stdout);
            return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_INPUT;
        case 'V':
            printf("newsgraph %s (library %s)\n", NG_CLI_VERSION, ng_version());
            return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_INPUT;
        case ':':
            fprintf(stderr, "newsgraph: option '%s' needs an argument\n",
                    argv[optind - 1]);
            usage_short(stderr);
            return EXIT_USAGE;
        default:
            if (optopt && optopt < 256)
                fprintf(stderr, "newsgraph: unknown option '-%c'\n", optopt);
            else
                fprintf(stderr, "newsgraph: unknown option '%s'\n",
                        argv[optind - 1]);
            usage_short(stderr);
            return EXIT_USAGE;
        }
    }
    if (opt->no_default_rules && opt->nrules == 0) {
        fputs("newsgraph: --no-default-rules needs at least one --rules DIR\n",
              stderr);
        usage_short(stderr);
        return EXIT_USAGE;
    }
    if (opt->njsonl && optind < argc) {
        fputs("newsgraph: --jsonl cannot be mixed with FILE arguments\n",
              stderr);
        usage_short(stderr);
        return EXIT_USAGE;
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* Batches of documents                                                 */

/*
 * One document of a batch.  The reader thread only reads: a FILE whole,
 * or a --jsonl line as raw bytes.  Everything else a document costs (the
 * JSON of a --jsonl record, extraction, rendering, its warnings' text,
 * freeing it) is done by the worker that takes it, so -j N scales; the
 * reader then prints the batch in input order.
 */
typedef struct {
    const char *name;    /* FILE, or "stdin": names it in messages */
    size_t lineno;       /* --jsonl: the 1-based line; 0 for a FILE */
    char *id;            /* owned; for a --jsonl line set by the worker */
    char *text;          /* owned: the text, or the raw --jsonl line */
    size_t len;
    int blank;           /* a blank --jsonl line: nothing to print */
    int failed;          /* unreadable FILE, broken line or refused
                            document: err says why */
    char *json;          /* ng_free(); the output line */
    size_t json_len;
    char *warnings;      /* owned; --warnings: the stderr lines, or NULL */
    ng_error err;
} job;

/* A batch of jobs; the runner keeps two, so one is read (or printed)
   while the workers extract the other. */
typedef struct {
    job *jobs;
    size_t count, bytes;
    size_t next;           /* next job to take; under `lock` */
    size_t done;           /* jobs finished; under `lock` */
    unsigned long seq;     /* publication order; 0: not published */
} batch;

typedef struct runner_s {
    const options *opt;
    const ng_rules *rules;
    FILE *out;
    const char *out_name;
    int json_flags;
    ng_options eopts;      /* per-document extraction options */
    batch b[2];
    int fill;              /* the batch the reader fills */
    unsigned long seq;     /* the last published batch's seq */
    size_t max_docs, max_bytes;
    pthread_mutex_t lock;
    pthread_cond_t work_cv;   /* a batch was published, or `quit` */
    pthread_cond_t done_cv;   /* a batch's last job finished */
    int quit;              /* under `lock`: the workers return */
    size_t nworkers;       /* persistent worker threads started */
    pthread_t tids[MAX_THREADS];
    int status;            /* 0 or EXIT_INPUT */
    int out_failed;        /* stop reading: output is gone */
    int lazy_flush;        /* the input never waits: let stdio flush, and
                              read the next batch before printing one */
    /* per thread slot (0: the reading thread), kept for the whole run */
    struct slot {
        struct runner_s *r;
        ng_workspace *ws;
        void *jarena;      /* ng_cli_jsonl_arena_new() */
    } slot[MAX_THREADS];
} runner;

/* Parse a --jsonl line into j->id and j->text; 0, or -1 (j->err set). */
static int parse_line(job *j)
{
    ng_cli_jsonl_record rec;
    int kind = ng_cli_jsonl_parse(j->text, j->len, j->lineno - 1, &rec,
                                  j->err.message, sizeof j->err.message);
    free(j->text);
    j->text = NULL;
    j->len = 0;
    if (kind == NG_CLI_JSONL_BLANK) {
        j->blank = 1;
        return -1;
    }
    if (kind == NG_CLI_JSONL_BROKEN) {
        j->err.code = NG_ERR_JSON;
        j->failed = 1;
        return -1;
    }
    j->id = rec.id;
    j->text = rec.text;
    j->len = rec.text_len;
    return 0;
}

/* The "newsgraph: DOC: WARNING" lines of `doc`, or NULL if it has none. */
static char *warning_lines(const ng_doc *doc, const char *id)
{
    size_t nw = ng_doc_warning_count(doc), size = 1;
    if (nw == 0)
        return NULL;
    for (size_t k = 0; k < nw; k++)
        size += strlen(id) + strlen(ng_doc_warning(doc, k)) + 16;
    char *s = ng_cli_xrealloc(NULL, size), *p = s;
    for (size_t k = 0; k < nw; k++)
        p += snprintf(p, size - (size_t)(p - s), "newsgraph: %s: %s\n", id,
                      ng_doc_warning(doc, k));
    return s;
}

/* Extract and render one job; `ws` is the calling thread's workspace (or
   NULL: the library allocates as it goes). */
static void run_job(const runner *r, ng_workspace *ws, job *j)
{
    if (j->failed)   /* unreadable: the reader said why */
        return;
    if (j->lineno && parse_line(j) != 0)
        return;
    ng_doc *doc = ng_extract_ws(ws, r->rules, j->text ? j->text : "", j->len,
                                j->id, &r->eopts, &j->err);
    free(j->text);
    j->text = NULL;
    if (!doc) {
        j->failed = 1;
        return;
    }
    j->json = ng_doc_to_json(doc, r->json_flags, &j->json_len);
    if (!j->json) {
        j->err.code = NG_ERR_NOMEM;
        snprintf(j->err.message, sizeof j->err.message,
                 "out of memory rendering JSON");
        j->failed = 1;
    } else if (r->opt->warnings) {
        j->warnings = warning_lines(doc, j->id);
    }
    ng_doc_free(doc);
}

/* Under `lock`: the oldest published batch with a job not yet taken, or
   NULL.  Taking in publication order keeps the batch printed next ahead. */
static batch *open_batch(runner *r)
{
    batch *a = &r->b[0], *b = &r->b[1];
    int oa = a->seq && a->next < a->count, ob = b->seq && b->next < b->count;
    if (oa && ob)
        return a->seq < b->seq ? a : b;
    return oa ? a : ob ? b : NULL;
}

/* Run job `i` of `b` (taken under `lock`), then count it done. */
static void run_taken(runner *r, ng_workspace *ws, batch *b, size_t i)
{
    run_job(r, ws, &b->jobs[i]);
    pthread_mutex_lock(&r->lock);
    if (++b->done == b->count)
        pthread_cond_broadcast(&r->done_cv);
    pthread_mutex_unlock(&r->lock);
}

/* A persistent worker: takes jobs from the published batches until quit. */
static void *worker(void *arg)
{
    struct slot *s = arg;
    runner *r = s->r;
    ng_cli_jsonl_arena_use(s->jarena);
    pthread_mutex_lock(&r->lock);
    for (;;) {
        batch *b = open_batch(r);
        if (!b) {
            if (r->quit)
                break;
            pthread_cond_wait(&r->work_cv, &r->lock);
            continue;
        }
        size_t i = b->next++;
        pthread_mutex_unlock(&r->lock);
        run_taken(r, s->ws, b, i);
        pthread_mutex_lock(&r->lock);
    }
    pthread_mutex_unlock(&r->lock);
    ng_cli_jsonl_arena_use(NULL);
    return NULL;
}

/* The slot's memory, made at its first use (NULL works too, slower). */
static void slot_ready(struct slot *s)
{
    if (!s->ws)
        s->ws = ng_workspace_new();
    if (!s->jarena)
        s->jarena = ng_cli_jsonl_arena_new();
}

/* Start the -j N workers (N - 1: the reading thread extracts too while it
   waits).  Fewer start if the system refuses: the caller's share grows. */
static void start_workers(runner *r)
{
    for (size_t t = 1; t < (size_t)r->opt->threads && t < MAX_THREADS; t++) {
        struct slot *s = &r->slot[t];
        s->r = r;
        slot_ready(s);
        if (pthread_create(&r->tids[r->nworkers], NULL, worker, s) != 0)
            break;
        r->nworkers++;
    }
}

/* Free what the runner holds: batches, per-thread workspaces and jansson
 * arenas, locks (its threads stopped or never started). */
static void runner_release(runner *r)
{
    free(r->b[0].jobs);
    free(r->b[1].jobs);
    ng_cli_jsonl_arena_use(NULL);
    for (size_t t = 0; t < MAX_THREADS; t++) {
        ng_workspace_free(r->slot[t].ws);
        free(r->slot[t].jarena);
    }
    pthread_cond_destroy(&r->work_cv);
    pthread_cond_destroy(&r->done_cv);
    pthread_mutex_destroy(&r->lock);
}

static void stop_workers(runner *r)
{
    pthread_mutex_lock(&r->lock);
    r->quit = 1;
    pthread_cond_broadcast(&r->work_cv);
    pthread_mutex_unlock(&r->lock);
    for (size_t t = 0; t < r->nworkers; t++)
        pthread_join(r->tids[t], NULL);
    r->nworkers = 0;
}

static void write_out(runner *r, const char *p, size_t n)
{
    if (r->out_failed)
        return;
    if (n && fwrite(p, 1, n, r->out) != n) {
        fprintf(stderr, "newsgraph: %s: write error: %s\n", r->out_name,
                strerror(errno));
        r->out_failed = 1;
        r->status = EXIT_INPUT;
    }
}

/* Hand the batch being filled to the workers; the other one is filled
   next (the caller has printed it). */
static void publish(runner *r)
{
    batch *b = &r->b[r->fill];
    if (b->count == 0)
        return;
    pthread_mutex_lock(&r->lock);
    b->next = 0;
    b->done = 0;
    b->seq = ++r->seq;
    pthread_cond_broadcast(&r->work_cv);
    pthread_mutex_unlock(&r->lock);
    r->fill ^= 1;
}

/* Wait until every job of `b` is done, extracting jobs meanwhile (of `b`
   or of the batch after it), then print them in order and empty `b`. */
static void print_batch(runner *r, batch *b)
{
    if (!b->seq)
        return;
    ng_workspace *ws = r->slot[0].ws;
    pthread_mutex_lock(&r->lock);
    while (b->done < b->count) {
        batch *o = open_batch(r);
        if (o) {
            size_t i = o->next++;
            pthread_mutex_unlock(&r->lock);
            run_taken(r, ws, o, i);
            pthread_mutex_lock(&r->lock);
        } else {
            pthread_cond_wait(&r->done_cv, &r->lock);
        }
    }
    pthread_mutex_unlock(&r->lock);

    for (size_t i = 0; i < b->count; i++) {
        job *j = &b->jobs[i];
        if (j->failed) {
            if (j->lineno)
                fprintf(stderr, "newsgraph: %s:%zu: %s\n", j->name, j->lineno,
                        ng_cli_error_text(&j->err));
            else
                fprintf(stderr, "newsgraph: %s: %s\n", j->name,
                        ng_cli_error_text(&j->err));
            r->status = EXIT_INPUT;
        } else if (!j->blank) {
            if (j->warnings)
                fputs(j->warnings, stderr);
            write_out(r, j->json, j->json_len);
            write_out(r, "\n", 1);
        }
        ng_free(j->json);
        free(j->warnings);
        free(j->id);
    }
    pthread_mutex_lock(&r->lock);   /* workers read seq and count */
    b->seq = 0;
    b->count = 0;
    pthread_mutex_unlock(&r->lock);
    b->bytes = 0;
    /* Readers of a pipe see each batch as soon as it is done, unless the
     * input is a regular file: then the next batch follows at once, and a
     * write per document (one thread) would cost more than the output. */
    if (!r->out_failed && !r->lazy_flush && fflush(r->out) != 0) {
        fprintf(stderr, "newsgraph: %s: write error: %s\n", r->out_name,
                strerror(errno));
        r->out_failed = 1;
        r->status = EXIT_INPUT;
    }
}

/* Print both batches, older first: nothing stays queued. */
static void drain(runner *r)
{
    batch *a = &r->b[0], *b = &r->b[1];
    if (a->seq && b->seq && b->seq < a->seq) {
        batch *t = a;
        a = b;
        b = t;
    }
    print_batch(r, a);
    print_batch(r, b);
}

/*
 * The batch being filled is full (or its input ended): extract it.  With
 * one thread it is done at once.  With workers it is published; from a
 * regular file the batch published before it is printed now, so the
 * reader fills the next batch while the workers extract this one; from a
 * pipe it is printed at once, so no output waits for more input.
 */
static void flush_batch(runner *r)
{
    batch *b = &r->b[r->fill];
    if (b->count == 0)
        return;
    if (r->nworkers == 0) {
        for (size_t i = 0; i < b->count; i++)
            run_job(r, r->slot[0].ws, &b->jobs[i]);
        b->seq = ++r->seq;
        b->done = b->count;
        print_batch(r, b);
        return;
    }
    publish(r);
    if (r->lazy_flush)
        print_batch(r, &r->b[r->fill]);   /* the older one: filled next */
    else
        drain(r);
}

/*
 * Queue a document: a FILE's text with its id (lineno 0), or a raw
 * --jsonl line (id NULL), or with `why` a FILE that could not be read.
 * Takes ownership of `id` and `text`; `name` must outlive the batch.
 */
static void add_job(runner *r, const char *name, size_t lineno, char *id,
                    char *text, size_t len, const char *why)
{
    batch *b = &r->b[r->fill];
    if (!b->jobs)
        b->jobs = ng_cli_xrealloc(NULL, r->max_docs * sizeof *b->jobs);
    job *j = &b->jobs[b->count];
    memset(j, 0, sizeof *j);
    j->name = name;
    j->lineno = lineno;
    j->id = id;
    j->text = text;
    j->len = len;
    if (why) {
        j->failed = 1;
        snprintf(j->err.message, sizeof j->err.message, "%s", why);
    }
    b->count++;
    b->bytes += len;
    if (b->count >= r->max_docs || b->bytes >= r->max_bytes)
        flush_batch(r);
}

/* ------------------------------------------------------------------ */
/* Input                                                                */

/* An unreadable FILE is a failed job, so its message keeps its place. */
static void process_file(runner *r, const char *path)
{
    char *text, why[256];
    size_t len;
    int bad = ng_cli_read_doc(path, &text, &len, why, sizeof why) != 0;
    add_job(r, ng_cli_input_name(path), 0, bad ? NULL : ng_cli_doc_id(path),
            text, len, bad ? why : NULL);
}

/* Each line is queued as it is: the workers parse it (run_job). */
static void process_jsonl(runner *r, const char *path)
{
    ng_cli_lines in;
    if (ng_cli_lines_open(&in, path) != 0) {
        r->status = EXIT_INPUT;
        return;
    }
    r->lazy_flush = in.regular;
    size_t len;
    while (!r->out_failed && ng_cli_lines_next(&in, &len)) {
        char *line = ng_cli_xrealloc(NULL, len + 1);
        memcpy(line, in.line, len + 1);
        add_job(r, in.name, in.lineno, NULL, line, len, NULL);
    }
    flush_batch(r);   /* this input's last batches, flushed as it says */
    drain(r);
    r->lazy_flush = 0;
    if (ng_cli_lines_close(&in) != 0)
        r->status = EXIT_INPUT;
}

/* ------------------------------------------------------------------ */

static int run(int argc, char **argv)
{
    options opt = {0};
    opt.threads = 1;
    int rc = parse_options(argc, argv, &opt);
    if (rc >= 0)
        goto done;

    ng_error err;
    memset(&err, 0, sizeof err);
    ng_rules *rules = ng_cli_load_rules(opt.rules_dirs, opt.nrules,
                                        opt.no_default_rules, &err);
    if (!rules) {
        fprintf(stderr, "newsgraph: %s\n", ng_cli_error_text(&err));
        rc = EXIT_USAGE;
        goto done;
    }

    runner r;
    memset(&r, 0, sizeof r);
    r.opt = &opt;
    r.rules = rules;
    r.json_flags = opt.pretty ? NG_JSON_PRETTY : 0;
    r.eopts.script = opt.script;
    /* One thread: no reason to hold documents back, stream each one. */
    r.max_docs = opt.threads > 1 ? BATCH_DOCS : 1;
    r.max_bytes = BATCH_BYTES;
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.work_cv, NULL);
    pthread_cond_init(&r.done_cv, NULL);
    slot_ready(&r.slot[0]);
    ng_cli_jsonl_arena_use(r.slot[0].jarena);
    /* Workers parse --jsonl records: jansson seeds its hash function on
     * first use, so seed it here, before they could race to. */
    json_object_seed(0);
    ng_cli_jsonl_arena();
    r.out = stdout;
    r.out_name = "stdout";
    /* Opened only now, so a usage or rules error leaves FILE untouched. */
    if (opt.output && strcmp(opt.output, "-") != 0) {
        r.out = fopen(opt.output, "wb");
        r.out_name = opt.output;
        if (!r.out) {
            fprintf(stderr, "newsgraph: %s: %s\n", opt.output, strerror(errno));
            rc = EXIT_INPUT;
            runner_release(&r);
            ng_rules_free(rules);
            goto done;
        }
    }

    start_workers(&r);
    if (opt.njsonl) {
        for (size_t i = 0; i < opt.njsonl && !r.out_failed; i++)
            process_jsonl(&r, opt.jsonl[i]);
    } else if (optind >= argc) {
        process_file(&r, "-");
    } else {
        for (int i = optind; i < argc && !r.out_failed; i++)
            process_file(&r, argv[i]);
    }
    flush_batch(&r);
    drain(&r);
    stop_workers(&r);

    /* Late write errors (full disk) only show up here. */
    int bad = r.out_failed;
    if (r.out == stdout) {
        bad |= fflush(stdout) != 0 || ferror(stdout);
    } else {
        bad |= ferror(r.out) != 0;
        bad |= fclose(r.out) != 0;
    }
    if (bad && !r.out_failed)
        fprintf(stderr, "newsgraph: %s: write error: %s\n", r.out_name,
                strerror(errno));
    rc = bad ? EXIT_INPUT : r.status;

    runner_release(&r);
    ng_rules_free(rules);
done:
    free(opt.rules_dirs);
    free(opt.jsonl);
    return rc;
}

int main(int argc, char **argv)
{
    /* Subcommands get their own argument parsing. */
    if (argc > 1 && strcmp(argv[1], "graph") == 0)
        return ng_cli_graph(argc - 1, argv + 1);
    return run(argc, argv);
}
