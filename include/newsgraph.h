/*
 * newsgraph.h - rule-based entity and relation extraction for Chinese news.
 *
 * The whole public API of libnewsgraph.  Usage in four steps:
 *
 *   ng_error err;
 *   ng_rules *rules = ng_rules_load(NULL, &err);         // once, shared
 *   ng_doc *doc = ng_extract(rules, text, len, "doc-1", &err);  // per text
 *   ... read it through ng_doc_* accessors or ng_doc_to_json() ...
 *   ng_doc_free(doc);
 *   ng_rules_free(rules);
 *
 * Conventions
 * - All text is UTF-8 with an explicit byte length; NUL bytes are text.
 * - Offsets handed out are into the caller's ORIGINAL text: `start`/`end`
 *   count Unicode code points (end exclusive, as Python's str indexing),
 *   `byte_start`/`byte_end` count bytes.  Invalid UTF-8 is read as U+FFFD,
 *   one per maximal invalid subpart (as Python's bytes.decode("utf-8",
 *   "replace") counts it), and reported as a warning.
 * - Objects are opaque.  Strings returned by accessors are owned by the
 *   object they come from and live until it is freed.  Memory the caller
 *   must release is said so, and released with ng_free().
 * - Thread safety: a loaded ng_rules is read-only; any number of threads
 *   may call ng_extract() with the same rules at once.  An ng_doc belongs
 *   to one thread at a time.  There is no global state.
 * - Errors: functions that can fail take an `ng_error *` (may be NULL) and
 *   fill it on failure; they return NULL or a non-zero ng_status.
 */
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && !defined(NG_STATIC)
#  ifdef NG_BUILDING
#    define NG_API __declspec(dllexport)
#  else
#    define NG_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define NG_API __attribute__((visibility("default")))
#else
#  define NG_API
#endif

#define NG_VERSION_MAJOR 0
#define NG_VERSION_MINOR 1
#define NG_VERSION_PATCH 0
#define NG_VERSION_STRING "0.1.0"

/** The library's version, e.g. "0.1.0" (may differ from the header's). */
NG_API const char *ng_version(void);

/* ------------------------------------------------------------------ */
/* Errors                                                               */

typedef enum {
    NG_OK = 0,
    NG_ERR_NOMEM = 1,    /**< out of memory */
    NG_ERR_IO = 2,       /**< a file or directory could not be read */
    NG_ERR_RULES = 3,    /**< a rules file is malformed (file and line set) */
    NG_ERR_PATTERN = 4,  /**< a pattern failed to compile (file and line set) */
    NG_ERR_ARG = 5,      /**< a bad argument (NULL where not allowed, ...) */
    NG_ERR_INPUT = 6,    /**< input the library cannot take (too large) */
    NG_ERR_JSON = 7      /**< JSON input could not be parsed */
} ng_status;

/** What went wrong, filled by the function that failed. */
typedef struct {
    ng_status code;
    char message[512];   /**< a sentence for people; names file:line */
    char file[256];      /**< the rules file at fault, or "" */
    int line;            /**< 1-based line in `file`, or 0 */
} ng_error;

/** A static English description of a status code (never NULL). */
NG_API const char *ng_strerror(ng_status code);

/* ------------------------------------------------------------------ */
/* Rules                                                                */

/** Compiled rules: lexicons and patterns.  Read-only once loaded. */
typedef struct ng_rules ng_rules;

/**
 * Load and compile the rules in directory `dir` (see rules/README.md for
 * the files and their format).  `dir` NULL means the default rules, the
 * first of these that applies:
 *   1. the directory named by $NEWSGRAPH_RULES, if it is set;
 *   2. the rules installed beside the library, found from the library
 *      file's own location (LIBDIR/../share/newsgraph/rules in the usual
 *      layout), so an install tree moved after installing still works;
 *      when the static library is linked into a program, the program's
 *      location stands in for it;
 *   3. the directory the library was configured to install them in
 *      (ng_default_rules_dir()).
 * Returns NULL on failure with `err` set: NG_ERR_IO for a missing or
 * unreadable directory, NG_ERR_RULES / NG_ERR_PATTERN with file and line
 * for a malformed file.  Free with ng_rules_free().
 * Loading runs briefly on up to three threads (the patterns compile on
 * two while a third freezes the lexicon); all are joined before it
 * returns, and where a thread cannot be started the work is done on the
 * caller's.
 */
NG_API ng_rules *ng_rules_load(const char *dir, ng_error *err);

/**
 * Load several rule directories as one: `dirs[0]` is the base pack and
 * each later directory adds entries and overrides earlier ones.  Entries
 * of lexicons from a later directory are "user" entries: they win over
 * the base pack and over every pattern (rules/README.md, Precedence).
 * `dirs[0]` may be NULL for the default rules.
 */
NG_API ng_rules *ng_rules_load_dirs(const char *const *dirs, size_t ndirs,
                                    ng_error *err);

/** Free rules (NULL is a no-op).  No ng_extract() may still be using it. */
NG_API void ng_rules_free(ng_rules *rules);

/** The directory of the installed default rules as configured at build
 * time (the last choice of ng_rules_load(NULL)). */
NG_API const char *ng_default_rules_dir(void);

/** Number of lexicon entries and patterns loaded, for diagnostics. */
NG_API size_t ng_rules_entry_count(const ng_rules *rules);
NG_API size_t ng_rules_pattern_count(const ng_rules *rules);

/* ------------------------------------------------------------------ */
/* Extraction                                                           */

/** The result of extracting one document.  Owned by the caller. */
typedef struct ng_doc ng_doc;

typedef enum {
    NG_PERSON = 0,
    NG_POSITION = 1,
    NG_ORG = 2,
    NG_PLACE = 3
} ng_entity_type;

typedef enum {
    NG_HOLDS_POSITION = 0, /**< person holds position (of org) */
    NG_LOCATED_IN = 1      /**< child lies in parent */
} ng_relation_type;

/** Largest document ng_extract() takes: 256 MiB.  Larger: NG_ERR_INPUT. */
#define NG_MAX_DOC_BYTES ((size_t)256 << 20)

/**
 * Documents longer than this (512 KiB) are read in windows of at most this
 * size, each cut after a line break that ends a sentence (else after a
 * sentence end, a line break, or a character), and the windows' results
 * are merged: entities by type and name, relations de-duplicated, offsets,
 * sentence indices and warnings' byte positions in the whole document.
 * Working memory is so bounded by the window whatever the document's
 * length.  Evidence that reaches across a document (a name established
 * once and found again bare, a unit resolved from the document) reaches
 * only within a window.
 */
#define NG_WINDOW_BYTES ((size_t)512 << 10)

/**
 * Extract entities and relations from `text` (`len` bytes of UTF-8; it
 * need not be NUL-terminated and may contain NULs, other control
 * characters and invalid bytes: NULs and control characters are read as
 * spaces, invalid bytes as U+FFFD with a warning naming the byte offset).  `doc_id` (may be
 * NULL) is copied into the result.  `rules` is only read.
 * Returns a new document, or NULL with `err` set (NG_ERR_ARG,
 * NG_ERR_NOMEM, NG_ERR_INPUT).  Free it with ng_doc_free().
 */
NG_API ng_doc *ng_extract(const ng_rules *rules, const char *text,
                          size_t len, const char *doc_id, ng_error *err);

/** Which script a document is written in (ng_options.script). */
typedef enum {
    NG_SCRIPT_AUTO = 0,        /**< detect per document (the default) */
    NG_SCRIPT_SIMPLIFIED = 1,  /**< read the text as it is */
    NG_SCRIPT_TRADITIONAL = 2  /**< read traditional characters as simplified */
} ng_script;

/** Per-call options; zero-initialised means the defaults. */
typedef struct {
    ng_script script;
} ng_options;

/**
 * ng_extract() with options (NULL: the defaults).  Traditional text is
 * matched through a one-to-one traditional-to-simplified character map
 * (generated from ICU's data), so offsets still point into the original:
 * an entity's `text` is as written in the document, with its simplified
 * form as an alias when they differ.  With NG_SCRIPT_AUTO a document is
 * read as traditional when enough of its Han characters are traditional
 * forms; ng_doc_script() tells which way it was read.
 */
NG_API ng_doc *ng_extract_with(const ng_rules *rules, const char *text,
                               size_t len, const char *doc_id,
                               const ng_options *opts, ng_error *err);

/**
 * Scratch memory that extraction reuses from one document to the next.
 * Extracting a document allocates and frees many working arrays; a stream
 * of short documents spends a good share of its time doing so.  With a
 * workspace, ng_extract_ws() takes them from the workspace and gives them
 * back, so once the workspace has seen a document of a size, the next
 * ones allocate little besides the ng_doc they return.
 * - A workspace serves one call at a time: give each thread its own.
 *   Any rules and options may be used with it, and the documents it
 *   returns do not depend on it (free them before or after it).
 * - It keeps at most a few MB between calls whatever the documents'
 *   sizes: a longer document allocates the rest and frees it.
 */
typedef struct ng_workspace ng_workspace;

/** A new, empty workspace, or NULL when out of memory. */
NG_API ng_workspace *ng_workspace_new(void);

/** Free a workspace and what it keeps (NULL is a no-op). */
NG_API void ng_workspace_free(ng_workspace *ws);

/**
 * ng_extract_with() reusing the scratch memory of `ws` (NULL: none, as
 * ng_extract_with()).  The result is the same, byte for byte.
 */
NG_API ng_doc *ng_extract_ws(ng_workspace *ws, const ng_rules *rules,
                             const char *text, size_t len, const char *doc_id,
                             const ng_options *opts, ng_error *err);

/** Free a document (NULL is a no-op). */
NG_API void ng_doc_free(ng_doc *doc);

/** How the document was read: NG_SCRIPT_SIMPLIFIED or NG_SCRIPT_TRADITIONAL. */
NG_API ng_script ng_doc_script(const ng_doc *doc);

/** The document id given to ng_extract() ("" if none). */
NG_API const char *ng_doc_id(const ng_doc *doc);

/* ------------------------------------------------------------------ */
/* Reading a document                                                   */

/** One occurrence of an entity.  Offsets into the original text. */
typedef struct {
    size_t start, end;            /**< code points, end exclusive */
    size_t byte_start, byte_end;  /**< bytes, end exclusive */
    size_t sentence;              /**< 0-based sentence index */
    const char *rule;             /**< the rule or lexicon line (owned by doc) */
} ng_mention;

/** One relation.  Entity fields are indices for ng_doc_entity_*(), or -1. */
typedef struct {
    ng_relation_type type;
    long person, org, position;   /**< holds_position (org may be -1) */
    long child, parent;           /**< located_in */
    int former;                   /**< 1: the text says it is no longer held */
    int resolved;                 /**< 1: org resolved from the document */
    size_t ev_start, ev_end;      /**< evidence span, code points */
    size_t ev_byte_start, ev_byte_end;
    const char *rule;             /**< the rule that produced it (owned by doc) */
} ng_relation;

/** Number of entities.  Entities are indexed 0..count-1. */
NG_API size_t ng_doc_entity_count(const ng_doc *doc);
/** Type of entity `i` (i < count, else NG_PERSON). */
NG_API ng_entity_type ng_doc_entity_type(const ng_doc *doc, size_t i);
/** Normalised name of entity `i` (NUL-terminated UTF-8; `len` may be NULL). */
NG_API const char *ng_doc_entity_text(const ng_doc *doc, size_t i, size_t *len);
/** Aliases: other written forms of the same entity in this document. */
NG_API size_t ng_doc_entity_alias_count(const ng_doc *doc, size_t i);
NG_API const char *ng_doc_entity_alias(const ng_doc *doc, size_t i, size_t k);
/** Mentions of entity `i`, in text order. */
NG_API size_t ng_doc_entity_mention_count(const ng_doc *doc, size_t i);
/** Fill `out` with mention `k` of entity `i`; NG_ERR_ARG if out of range. */
NG_API ng_status ng_doc_entity_mention(const ng_doc *doc, size_t i, size_t k,
                                       ng_mention *out);

/** Number of relations, and relation `i` copied into `out`. */
NG_API size_t ng_doc_relation_count(const ng_doc *doc);
NG_API ng_status ng_doc_relation(const ng_doc *doc, size_t i, ng_relation *out);

/** Warnings (repaired bytes, rules that failed on this text, ...). */
NG_API size_t ng_doc_warning_count(const ng_doc *doc);
NG_API const char *ng_doc_warning(const ng_doc *doc, size_t i);

/** Number of sentences found in the document. */
NG_API size_t ng_doc_sentence_count(const ng_doc *doc);

/** "PERSON", "POSITION", "ORG", "PLACE". */
NG_API const char *ng_entity_type_name(ng_entity_type t);
/** "holds_position", "located_in". */
NG_API const char *ng_relation_type_name(ng_relation_type t);

/* ------------------------------------------------------------------ */
/* JSON                                                                 */

enum {
    NG_JSON_PRETTY = 1   /**< indent; default is one line, no newline */
};

/**
 * Render `doc` as one JSON object (the schema in README.md, "Output").
 * Returns a NUL-terminated string the caller frees with ng_free(), its
 * length in `*len` if `len` is not NULL; NULL when out of memory.
 */
NG_API char *ng_doc_to_json(const ng_doc *doc, int flags, size_t *len);

/** Free memory the library handed to the caller. */
NG_API void ng_free(void *p);

/* ------------------------------------------------------------------ */
/* Corpus graph: many documents merged into one graph                   */

/**
 * A graph of entities and relations across documents (README.md, "Corpus
 * graph").  A node per real-world entity (ORG, PLACE and POSITION merge by
 * type and name; persons of the same name merge when their relations share
 * a unit, or when neither has a relation), an edge per relation with its
 * evidence and documents.  Not thread-safe: one thread adds at a time.
 */
typedef struct ng_graph ng_graph;

typedef enum {
    NG_GRAPH_JSON = 0,       /**< {"nodes": [...], "edges": [...]} */
    NG_GRAPH_GRAPHML = 1,    /**< GraphML (Gephi, yEd, Cytoscape, networkx) */
    NG_GRAPH_DOT = 2,        /**< Graphviz DOT */
    NG_GRAPH_CSV_NODES = 3,  /**< Neo4j bulk-import nodes.csv */
    NG_GRAPH_CSV_EDGES = 4   /**< Neo4j bulk-import relationships.csv */
} ng_graph_format;

/** A new, empty graph (NULL when out of memory).  Free with ng_graph_free(). */
NG_API ng_graph *ng_graph_new(void);
/** Free a graph (NULL is a no-op). */
NG_API void ng_graph_free(ng_graph *g);
/** Add a document; its data is copied, so `doc` may be freed after. */
NG_API ng_status ng_graph_add(ng_graph *g, const ng_doc *doc);
/**
 * Add a document given as its JSON (the object ng_doc_to_json() writes,
 * e.g. one line of the CLI's output).  NG_ERR_JSON with `err` set when it
 * is not such an object.  This is how bindings and distributed workers
 * hand documents to a graph.
 */
NG_API ng_status ng_graph_add_json(ng_graph *g, const char *json, size_t len,
                                   ng_error *err);
/** Number of nodes and edges after merging. */
NG_API size_t ng_graph_node_count(ng_graph *g);
NG_API size_t ng_graph_edge_count(ng_graph *g);
/**
 * Render the graph in `fmt`.  Returns a NUL-terminated string the caller
 * frees with ng_free() (its length in `*len` if not NULL); NULL when out of
 * memory or `fmt` is unknown.  Deterministic: the same documents added in
 * the same order give the same bytes.
 */
NG_API char *ng_graph_render(ng_graph *g, ng_graph_format fmt, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* NEWSGRAPH_H */
