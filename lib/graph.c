/*
 * graph.c - many documents merged into one graph (README.md, "Corpus
 * graph").
 *
 * Documents are copied in as they arrive, every string interned once, and
 * merged only when the graph is read.  The person rule looks at all the
 * documents at once (two stories about one name may be joined only through
 * a unit that a third story supplies), so merging on add would have to
 * undo earlier choices; merging at read time makes the result a function
 * of the documents and their order alone.  The merged view is cached
 * until the next add.
 *
 * ng_graph_add() and ng_graph_add_json() both feed add_entity() /
 * add_relation() / add_commit(), so the two give the same graph.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

#define NO_ID ((size_t)-1)

/* ------------------------------------------------------------------ */
/* Growable arrays                                                      */

/* Make room for `need` elements of `size` bytes in *p (capacity *cap). */
static int grow(void *pp, size_t *cap, size_t need, size_t size)
{
    void **p = pp;
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 8;
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            return -1;
        nc *= 2;
    }
    if (nc > SIZE_MAX / size)
        return -1;
    void *q = realloc(*p, nc * size);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

typedef struct {
    size_t *v;
    size_t n, cap;
} idvec;

static int idvec_push(idvec *a, size_t x)
{
    if (grow(&a->v, &a->cap, a->n + 1, sizeof *a->v) != 0)
        return -1;
    a->v[a->n++] = x;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Hash map: byte-string keys (owned copies) to size_t                  */

typedef struct {
    char *key;       /* NUL-terminated copy; NULL marks an empty slot */
    size_t len;
    uint64_t hash;
    size_t val;
} hslot;

typedef struct {
    hslot *slots;
    size_t cap, count;   /* cap is 0 or a power of two */
} hmap;

static uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = NG_FNV_BASIS;
    for (size_t i = 0; i < n; i++)
        h = ng_fnv_step(h, s[i]);
    return h;
}

static hslot *hmap_slot(const hmap *m, const void *key, size_t len,
                        uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        hslot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->len == len
                        && memcmp(s->key, key, len) == 0))
            return s;
    }
}

static int hmap_grow(hmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    hslot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return -1;
    hmap old = *m;
    m->slots = ns;
    m->cap = ncap;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key)
            *hmap_slot(m, old.slots[i].key, old.slots[i].len,
                       old.slots[i].hash) = old.slots[i];
    free(old.slots);
    return 0;
}

/*
 * The slot of `key`, added with value `val` if absent (*added then 1).
 * NULL when out of memory.
 */
static hslot *hmap_put(hmap *m, const void *key, size_t len, size_t val,
                       int *added)
{
    *added = 0;
    if ((m->count + 1) * 2 > m->cap && hmap_grow(m) != 0)
        return NULL;
    uint64_t h = hash_bytes(key, len);
    hslot *s = hmap_slot(m, key, len, h);
    if (s->key)
        return s;
    char *k = malloc(len + 1);
    if (!k)
        return NULL;
    memcpy(k, key, len);
    k[len] = '\0';
    s->key = k;
    s->len = len;
    s->hash = h;
    s->val = val;
    m->count++;
    *added = 1;
    return s;
}

static const hslot *hmap_get(const hmap *m, const void *key, size_t len)
{
    if (!m->cap)
        return NULL;
    const hslot *s = hmap_slot(m, key, len, hash_bytes(key, len));
    return s->key ? s : NULL;
}

static void hmap_free(hmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

/* Set semantics over a tuple of size_t: 1 if newly added, 0 if there, -1. */
static int set_add(hmap *m, const size_t *tuple, size_t n)
{
    int added;
    if (!hmap_put(m, tuple, n * sizeof *tuple, 0, &added))
        return -1;
    return added;
}

/* ------------------------------------------------------------------ */
/* Interned strings                                                     */

typedef struct {
    hmap map;
    const char **strs;   /* id -> the map's copy of the key */
    size_t *lens;
    size_t n, cap, lcap;
} strtab;

/*
 * Intern `len` bytes at `s`.  Every string the graph keeps is well-formed
 * UTF-8 without NUL (a bad byte becomes U+FFFD), so that every output
 * format can take it; JSON input is valid already, so ng_graph_add and
 * ng_graph_add_json still agree.
 */
static int str_intern(strtab *t, const char *s, size_t len, size_t *id)
{
    const unsigned char *u = (const unsigned char *)s;
    ng_buf fixed = {0};
    size_t i = 0;
    while (i < len) {
        size_t k = u[i] ? ng_utf8_seq(u + i, len - i) : 0;
        if (!k)
            break;
        i += k;
    }
    if (i < len) {
        ng_buf_str(&fixed, s, len, NG_STR_REPAIR);
        if (fixed.oom) {
            free(fixed.s);
            return -1;
        }
        s = fixed.s;
        len = fixed.n;
    }
    /* Room first, so that a failure leaves the table as it was. */
    int added;
    hslot *slot = NULL;
    if (grow(&t->strs, &t->cap, t->n + 1, sizeof *t->strs) == 0
        && grow(&t->lens, &t->lcap, t->n + 1, sizeof *t->lens) == 0)
        slot = hmap_put(&t->map, s, len, t->n, &added);
    free(fixed.s);
    if (!slot)
        return -1;
    if (added) {
        t->strs[t->n] = slot->key;
        t->lens[t->n] = slot->len;
        t->n++;
    }
    *id = slot->val;
    return 0;
}

static void strtab_free(strtab *t)
{
    hmap_free(&t->map);
    free(t->strs);
    free(t->lens);
}

/* ------------------------------------------------------------------ */
/* The graph                                                            */

typedef struct {
    ng_entity_type type;
    size_t name;                /* string id */
    size_t alias0, naliases;    /* into alias_ids */
    size_t mentions;
} gent;

typedef struct {
    ng_relation_type type;
    long person, org, position; /* entity indices in the document, or -1 */
    long child, parent;
    int former, resolved;
    size_t start, end, byte_start, byte_end;
    size_t rule;                /* string id */
    size_t doc;                 /* document index */
} grel;

typedef struct {
    size_t id;                  /* string id */
    size_t ent0, nents;         /* into ents */
    size_t rel0, nrels;         /* into rels */
} gdoc;

typedef struct {
    ng_entity_type type;
    size_t name;
    idvec aliases;              /* string ids */
    idvec docs;                 /* string ids of document ids */
    size_t mentions;
} gnode;

typedef struct {
    ng_relation_type type;
    size_t src, dst;            /* node indices */
    size_t position;            /* string id, or NO_ID */
    int former;
    idvec docs;                 /* string ids of document ids */
    idvec ev;                   /* relation indices */
} gedge;

struct ng_graph {
    strtab strs;
    gdoc *docs;
    size_t ndocs, doccap;
    gent *ents;
    size_t nents, entcap;
    grel *rels;
    size_t nrels, relcap;
    size_t *alias_ids;
    size_t naliases, aliascap;

    int dirty;                  /* merged view out of date */
    gnode *nodes;
    size_t nnodes;
    gedge *edges;
    size_t nedges;
};

ng_graph *ng_graph_new(void)
{
    ng_graph *g = calloc(1, sizeof *g);
    if (g)
        g->dirty = 1;
    return g;
}

static void merged_free(ng_graph *g)
{
    for (size_t i = 0; i < g->nnodes; i++) {
        free(g->nodes[i].aliases.v);
        free(g->nodes[i].docs.v);
    }
    for (size_t i = 0; i < g->nedges; i++) {
        free(g->edges[i].docs.v);
        free(g->edges[i].ev.v);
    }
    free(g->nodes);
    free(g->edges);
    g->nodes = NULL;
    g->edges = NULL;
    g->nnodes = g->nedges = 0;
    g->dirty = 1;
}

void ng_graph_free(ng_graph *g)
{
    if (!g)
        return;
    merged_free(g);
    strtab_free(&g->strs);
    free(g->docs);
    free(g->ents);
    free(g->rels);
    free(g->alias_ids);
    free(g);
}

/* ------------------------------------------------------------------ */
/* Adding a document: the one path both entry points use               */

typedef struct {
    size_t nents, nrels, naliases;
} addmark;

static addmark add_mark(const ng_graph *g)
{
    addmark m = {g->nents, g->nrels, g->naliases};
    return m;
}

/* Drop a half-added document (strings already interned stay: harmless). */
static void add_undo(ng_graph *g, addmark m)
{
    g->nents = m.nents;
    g->nrels = m.nrels;
    g->naliases = m.naliases;
}

static int add_entity(ng_graph *g, ng_entity_type type, const char *text,
                      size_t len, size_t mentions)
{
    size_t name;
    if (str_intern(&g->strs, text, len, &name) != 0
        || grow(&g->ents, &g->entcap, g->nents + 1, sizeof *g->ents) != 0)
        return -1;
    gent *e = &g->ents[g->nents++];
    e->type = type;
    e->name = name;
    e->alias0 = g->naliases;
    e->naliases = 0;
    e->mentions = mentions;
    return 0;
}

/* An alias of the entity added last. */
static int add_alias(ng_graph *g, const char *s, size_t len)
{
    size_t id;
    if (str_intern(&g->strs, s, len, &id) != 0
        || grow(&g->alias_ids, &g->aliascap, g->naliases + 1,
                sizeof *g->alias_ids) != 0)
        return -1;
    g->alias_ids[g->naliases++] = id;
    g->ents[g->nents - 1].naliases++;
    return 0;
}

/* `r` with entity indices local to the document; `rule` is copied. */
static int add_relation(ng_graph *g, grel r, const char *rule,
                        size_t rulelen)
{
    /* Only the fields of its type, so both entry points store the same. */
    if (r.type == NG_HOLDS_POSITION) {
        r.child = r.parent = -1;
    } else {
        r.person = r.org = r.position = -1;
        r.former = r.resolved = 0;
    }
    if (str_intern(&g->strs, rule ? rule : "", rule ? rulelen : 0, &r.rule)
        != 0
        || grow(&g->rels, &g->relcap, g->nrels + 1, sizeof *g->rels) != 0)
        return -1;
    g->rels[g->nrels++] = r;
    return 0;
}

static int add_commit(ng_graph *g, addmark m, const char *id, size_t idlen)
{
    size_t sid;
    if (str_intern(&g->strs, id ? id : "", id ? idlen : 0, &sid) != 0
        || grow(&g->docs, &g->doccap, g->ndocs + 1, sizeof *g->docs) != 0)
        return -1;
    gdoc *d = &g->docs[g->ndocs];
    d->id = sid;
    d->ent0 = m.nents;
    d->nents = g->nents - m.nents;
    d->rel0 = m.nrels;
    d->nrels = g->nrels - m.nrels;
    for (size_t i = d->rel0; i < g->nrels; i++)
        g->rels[i].doc = g->ndocs;
    g->ndocs++;
    merged_free(g);
    return 0;
}

ng_status ng_graph_add(ng_graph *g, const ng_doc *doc)
{
    if (!g || !doc)
        return NG_ERR_ARG;
    addmark m = add_mark(g);
    size_t ne = ng_doc_entity_count(doc);
    for (size_t i = 0; i < ne; i++) {
        size_t len = 0;
        const char *text = ng_doc_entity_text(doc, i, &len);
        if (add_entity(g, ng_doc_entity_type(doc, i), text ? text : "",
                       text ? len : 0, ng_doc_entity_mention_count(doc, i))
            != 0)
            goto oom;
        size_t na = ng_doc_entity_alias_count(doc, i);
        for (size_t k = 0; k < na; k++) {
            const char *a = ng_doc_entity_alias(doc, i, k);
            if (a && add_alias(g, a, strlen(a)) != 0)
                goto oom;
        }
    }
    size_t nr = ng_doc_relation_count(doc);
    for (size_t i = 0; i < nr; i++) {
        ng_relation r;
        if (ng_doc_relation(doc, i, &r) != NG_OK)
            continue;
        grel gr = {r.type, r.person, r.org, r.position, r.child, r.parent,
                   r.former != 0, r.resolved != 0, r.ev_start, r.ev_end,
                   r.ev_byte_start, r.ev_byte_end, 0, 0};
        if (add_relation(g, gr, r.rule, r.rule ? strlen(r.rule) : 0) != 0)
            goto oom;
    }
    const char *id = ng_doc_id(doc);
    if (add_commit(g, m, id, id ? strlen(id) : 0) != 0)
        goto oom;
    return NG_OK;
oom:
    add_undo(g, m);
    return NG_ERR_NOMEM;
}

/* ---- the same from a document's JSON -------------------------------- */

static int type_of_name(const char *s, ng_entity_type *t)
{
    static const ng_entity_type all[] = {NG_PERSON, NG_POSITION, NG_ORG,
                                         NG_PLACE};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (strcmp(s, ng_entity_type_name(all[i])) == 0) {
            *t = all[i];
            return 0;
        }
    return -1;
}

/* A non-negative integer member (missing: 0).  -1 if it is something else. */
static int get_size(const json_t *obj, const char *key, size_t *out)
{
    const json_t *v = json_object_get(obj, key);
    *out = 0;
    if (!v)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return -1;
    *out = (size_t)json_integer_value(v);
    return 0;
}

/*
 * An entity reference member: null or missing gives -1, an id the
 * document defines gives its index.  NULL, or the reason it is bad.
 */
static const char *get_ref(const json_t *rel, const char *key,
                           const hmap *ids, long *out)
{
    const json_t *v = json_object_get(rel, key);
    *out = -1;
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v))
        return "an entity reference is not a string";
    const hslot *s = hmap_get(ids, json_string_value(v), json_string_length(v));
    if (!s)
        return "a relation names an entity the document does not have";
    *out = (long)s->val;
    return NULL;
}

/* Parse a document object into g.  NULL, or why it is not one. */
static const char *add_json_doc(ng_graph *g, const json_t *root, hmap *ids,
                                int *oom)
{
    if (!json_is_object(root))
        return "not a JSON object";
    const json_t *docid = json_object_get(root, "doc");
    if (docid && !json_is_null(docid) && !json_is_string(docid))
        return "\"doc\" is not a string";
    const json_t *ents = json_object_get(root, "entities");
    if (!json_is_array(ents))
        return "no \"entities\" array";
    const json_t *rels = json_object_get(root, "relations");
    if (rels && !json_is_array(rels))
        return "\"relations\" is not an array";

    size_t i;
    const json_t *e;
    json_array_foreach(ents, i, e) {
        if (!json_is_object(e))
            return "an entity is not an object";
        const json_t *id = json_object_get(e, "id");
        const json_t *type = json_object_get(e, "type");
        const json_t *text = json_object_get(e, "text");
        const json_t *aliases = json_object_get(e, "aliases");
        const json_t *mentions = json_object_get(e, "mentions");
        ng_entity_type t;
        if (!json_is_string(id))
            return "an entity has no string \"id\"";
        if (!json_is_string(type) || type_of_name(json_string_value(type), &t))
            return "an entity's \"type\" is not PERSON, POSITION, ORG or PLACE";
        if (!json_is_string(text))
            return "an entity has no string \"text\"";
        if (aliases && !json_is_array(aliases))
            return "an entity's \"aliases\" is not an array";
        if (mentions && !json_is_array(mentions))
            return "an entity's \"mentions\" is not an array";
        int added;
        if (!hmap_put(ids, json_string_value(id), json_string_length(id), i,
                      &added))
            goto nomem;
        if (!added)
            return "two entities have the same \"id\"";
        if (add_entity(g, t, json_string_value(text), json_string_length(text),
                       json_array_size(mentions)) != 0)
            goto nomem;
        size_t k;
        const json_t *a;
        json_array_foreach(aliases, k, a) {
            if (!json_is_string(a))
                return "an alias is not a string";
            if (add_alias(g, json_string_value(a), json_string_length(a)) != 0)
                goto nomem;
        }
    }

    const json_t *r;
    json_array_foreach(rels, i, r) {
        if (!json_is_object(r))
            return "a relation is not an object";
        const json_t *type = json_object_get(r, "type");
        const char *ts = json_is_string(type) ? json_string_value(type) : "";
        grel gr;
        memset(&gr, 0, sizeof gr);
        const char *bad = NULL;
        if (strcmp(ts, ng_relation_type_name(NG_HOLDS_POSITION)) == 0) {
            gr.type = NG_HOLDS_POSITION;
            bad = get_ref(r, "person", ids, &gr.person);
            if (!bad)
                bad = get_ref(r, "org", ids, &gr.org);
            if (!bad)
                bad = get_ref(r, "position", ids, &gr.position);
            gr.child = gr.parent = -1;
            const json_t *st = json_object_get(r, "status");
            if (st && !json_is_null(st)) {
                const char *s = json_is_string(st) ? json_string_value(st) : "";
                if (strcmp(s, "former") == 0)
                    gr.former = 1;
                else if (strcmp(s, "current") != 0)
                    return "a relation's \"status\" is not current or former";
            }
            gr.resolved = json_is_true(json_object_get(r, "resolved"));
        } else if (strcmp(ts, ng_relation_type_name(NG_LOCATED_IN)) == 0) {
            gr.type = NG_LOCATED_IN;
            bad = get_ref(r, "child", ids, &gr.child);
            if (!bad)
                bad = get_ref(r, "parent", ids, &gr.parent);
            gr.person = gr.org = gr.position = -1;
        } else {
            return "a relation's \"type\" is not holds_position or located_in";
        }
        if (bad)
            return bad;
        const json_t *ev = json_object_get(r, "evidence");
        if (ev && !json_is_null(ev)) {
            if (!json_is_object(ev) || get_size(ev, "start", &gr.start)
                || get_size(ev, "end", &gr.end)
                || get_size(ev, "byte_start", &gr.byte_start)
                || get_size(ev, "byte_end", &gr.byte_end))
                return "a relation's \"evidence\" is not an object of offsets";
        }
        const json_t *rule = json_object_get(r, "rule");
        if (rule && !json_is_null(rule) && !json_is_string(rule))
            return "a relation's \"rule\" is not a string";
        if (add_relation(g, gr, json_string_value(rule),
                         json_string_length(rule)) != 0)
            goto nomem;
    }
    return NULL;
nomem:
    *oom = 1;
    return "out of memory";
}

ng_status ng_graph_add_json(ng_graph *g, const char *json, size_t len,
                            ng_error *err)
{
    if (!g || !json) {
        ng_set_error(err, NG_ERR_ARG, NULL, 0, "graph or JSON is NULL");
        return NG_ERR_ARG;
    }
    json_error_t jerr;
    json_t *root = json_loadb(json, len, 0, &jerr);
    if (!root) {
        ng_set_error(err, NG_ERR_JSON, NULL, 0, "not valid JSON: %s (column %d)",
                     jerr.text, jerr.column);
        return NG_ERR_JSON;
    }
    addmark m = add_mark(g);
    hmap ids = {0};
    int oom = 0;
    const char *bad = add_json_doc(g, root, &ids, &oom);
    if (!bad) {
        const json_t *id = json_object_get(root, "doc");
        if (add_commit(g, m, json_string_value(id), json_string_length(id)) != 0) {
            oom = 1;
            bad = "out of memory";
        }
    }
    hmap_free(&ids);
    json_decref(root);
    if (bad) {
        add_undo(g, m);
        ng_status st = oom ? NG_ERR_NOMEM : NG_ERR_JSON;
        ng_set_error(err, st, NULL, 0, "%s", bad);
        return st;
    }
    return NG_OK;
}

/* ------------------------------------------------------------------ */
/* Merging                                                              */

static size_t uf_find(size_t *up, size_t x)
{
    while (up[x] != x) {
        up[x] = up[up[x]];   /* path halving */
        x = up[x];
    }
    return x;
}

static void uf_union(size_t *up, size_t a, size_t b)
{
    a = uf_find(up, a);
    b = uf_find(up, b);
    if (a < b)
        up[b] = a;
    else if (b < a)
        up[a] = b;
}

/* An entity index local to document `d`, as a global one (or NO_ID). */
static size_t ent_at(const gdoc *d, long i)
{
    return i >= 0 && (size_t)i < d->nents ? d->ent0 + (size_t)i : NO_ID;
}

/*
 * The endpoints of relation `r` (global entity indices), and for
 * holds_position its position's entity; 0 if the relation has no edge.
 * A holds_position points at its org, or at its position when the text
 * names no org.
 */
static int rel_ends(const ng_graph *g, const grel *r, size_t *src,
                    size_t *dst, size_t *pos)
{
    const gdoc *d = &g->docs[r->doc];
    *pos = NO_ID;
    if (r->type == NG_HOLDS_POSITION) {
        size_t org = ent_at(d, r->org);
        *pos = ent_at(d, r->position);
        *src = ent_at(d, r->person);
        *dst = org != NO_ID ? org : *pos;
    } else {
        *src = ent_at(d, r->child);
        *dst = ent_at(d, r->parent);
    }
    return *src != NO_ID && *dst != NO_ID;
}

/* A name's related persons so far: one group's root, or NO_ID for many. */
static int note_group(hmap *m, size_t name, size_t root)
{
    int added;
    hslot *s = hmap_put(m, &name, sizeof name, root, &added);
    if (!s)
        return -1;
    if (!added && s->val != root)
        s->val = NO_ID;
    return 0;
}

/*
 * Build the merged view (README.md, "Corpus graph", merge rules).
 * Persons are grouped with union-find over all their mentions in every
 * document; everything else merges by (type, name).  Nodes and edges are
 * numbered in the order their first entity or relation was added.
 */
static int build(ng_graph *g)
{
    if (!g->dirty)
        return 0;
    merged_free(g);

    size_t n = g->nents;
    size_t *up = malloc((n ? n : 1) * sizeof *up);
    size_t *ent_node = malloc((n ? n : 1) * sizeof *ent_node);
    unsigned char *related = calloc(n ? n : 1, 1);
    hmap units = {0}, lone = {0}, groups = {0}, keys = {0}, seen = {0},
         ekeys = {0};
    size_t nodecap = 0, edgecap = 0;
    int rc = -1;

    if (!up || !ent_node || !related)
        goto done;
    for (size_t i = 0; i < n; i++)
        up[i] = i;

    /* 1. Persons of one name whose relations share a unit are one.  The
     * unit is the org's text (whatever type each story gave it), or the
     * position when no org is written (by-line 通讯员). */
    for (size_t j = 0; j < g->nrels; j++) {
        const grel *r = &g->rels[j];
        size_t p, t, pos;
        if (r->type != NG_HOLDS_POSITION || !rel_ends(g, r, &p, &t, &pos)
            || g->ents[p].type != NG_PERSON)
            continue;
        related[p] = 1;
        int via_org = ent_at(&g->docs[r->doc], r->org) != NO_ID;
        size_t key[3] = {g->ents[p].name, (size_t)via_org, g->ents[t].name};
        int added;
        hslot *s = hmap_put(&units, key, sizeof key, p, &added);
        if (!s)
            goto done;
        if (!added)
            uf_union(up, s->val, p);
    }
    /* 2. Persons of one name without any relation are one. */
    for (size_t i = 0; i < n; i++) {
        if (g->ents[i].type != NG_PERSON || related[i])
            continue;
        int added;
        hslot *s = hmap_put(&lone, &g->ents[i].name, sizeof(size_t), i,
                            &added);
        if (!s)
            goto done;
        if (!added)
            uf_union(up, s->val, i);
    }
    /* 3. ... and join the related person of their name when there is
     * exactly one; with several they cannot tell which, and stay apart. */
    for (size_t i = 0; i < n; i++)
        if (g->ents[i].type == NG_PERSON && related[i]
            && note_group(&groups, g->ents[i].name, uf_find(up, i)) != 0)
            goto done;
    for (size_t i = 0; i < n; i++) {
        if (g->ents[i].type != NG_PERSON || related[i])
            continue;
        const hslot *s = hmap_get(&groups, &g->ents[i].name, sizeof(size_t));
        if (s && s->val != NO_ID)
            uf_union(up, s->val, i);
    }

    /* 4. Nodes, in first-seen order. */
    for (size_t d = 0; d < g->ndocs; d++) {
        const gdoc *doc = &g->docs[d];
        for (size_t i = doc->ent0; i < doc->ent0 + doc->nents; i++) {
            const gent *e = &g->ents[i];
            size_t key[2] = {e->type == NG_PERSON ? 4 : (size_t)e->type,
                             e->type == NG_PERSON ? uf_find(up, i) : e->name};
            int added;
            hslot *s = hmap_put(&keys, key, sizeof key, g->nnodes, &added);
            if (!s)
                goto done;
            if (added) {
                if (grow(&g->nodes, &nodecap, g->nnodes + 1, sizeof *g->nodes))
                    goto done;
                gnode *nd = &g->nodes[g->nnodes++];
                memset(nd, 0, sizeof *nd);
                nd->type = e->type;
                nd->name = e->name;
            }
            size_t k = s->val;
            gnode *nd = &g->nodes[k];
            ent_node[i] = k;
            nd->mentions += e->mentions;
            size_t dkey[3] = {0, k, doc->id};
            int fresh = set_add(&seen, dkey, 3);
            if (fresh < 0 || (fresh && idvec_push(&nd->docs, doc->id)))
                goto done;
            for (size_t a = 0; a < e->naliases; a++) {
                size_t al = g->alias_ids[e->alias0 + a];
                size_t akey[3] = {1, k, al};
                if (al == nd->name)
                    continue;
                fresh = set_add(&seen, akey, 3);
                if (fresh < 0 || (fresh && idvec_push(&nd->aliases, al)))
                    goto done;
            }
        }
    }

    /* 5. Edges: one per (type, source, target, position, status). */
    for (size_t j = 0; j < g->nrels; j++) {
        const grel *r = &g->rels[j];
        size_t src, dst, pos;
        if (!rel_ends(g, r, &src, &dst, &pos))
            continue;
        size_t posname = pos != NO_ID ? g->ents[pos].name : NO_ID;
        size_t key[5] = {(size_t)r->type, ent_node[src], ent_node[dst],
                         posname, (size_t)r->former};
        int added;
        hslot *s = hmap_put(&ekeys, key, sizeof key, g->nedges, &added);
        if (!s)
            goto done;
        if (added) {
            if (grow(&g->edges, &edgecap, g->nedges + 1, sizeof *g->edges))
                goto done;
            gedge *ed = &g->edges[g->nedges++];
            memset(ed, 0, sizeof *ed);
            ed->type = r->type;
            ed->src = ent_node[src];
            ed->dst = ent_node[dst];
            ed->position = posname;
            ed->former = r->former;
        }
        gedge *ed = &g->edges[s->val];
        size_t docid = g->docs[r->doc].id;
        size_t dkey[3] = {2, s->val, docid};
        int fresh = set_add(&seen, dkey, 3);
        if (fresh < 0 || (fresh && idvec_push(&ed->docs, docid))
            || idvec_push(&ed->ev, j))
            goto done;
    }
    g->dirty = 0;
    rc = 0;
done:
    if (rc != 0)
        merged_free(g);
    free(up);
    free(ent_node);
    free(related);
    hmap_free(&units);
    hmap_free(&lone);
    hmap_free(&groups);
    hmap_free(&keys);
    hmap_free(&seen);
    hmap_free(&ekeys);
    return rc;
}

size_t ng_graph_node_count(ng_graph *g)
{
    return g && build(g) == 0 ? g->nnodes : 0;
}

size_t ng_graph_edge_count(ng_graph *g)
{
    return g && build(g) == 0 ? g->nedges : 0;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                            */

static const char *S(const ng_graph *g, size_t id)
{
    return g->strs.strs[id];
}

/* ---- JSON ------------------------------------------------------------ */

static void json_str(ng_buf *b, const char *s)
{
    ng_buf_str(b, s, strlen(s), NG_STR_JSON);
}

static void json_list(ng_buf *b, const ng_graph *g, const idvec *v)
{
    ng_buf_put(b, "[", 1);
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            ng_buf_put(b, ",", 1);
        json_str(b, S(g, v->v[i]));
    }
    ng_buf_put(b, "]", 1);
}

static void json_kv_num(ng_buf *b, const char *k, size_t v)
{
    ng_buf_put(b, ",\"", 2);
    ng_buf_puts(b, k);
    ng_buf_puts(b, "\":");
    ng_buf_num(b, v);
}

static void render_json(ng_buf *b, const ng_graph *g)
{
    ng_buf_puts(b, "{\"nodes\":[");
    for (size_t i = 0; i < g->nnodes; i++) {
        const gnode *nd = &g->nodes[i];
        ng_buf_puts(b, i ? ",\n{\"id\":\"n" : "\n{\"id\":\"n");
        ng_buf_num(b, i);
        ng_buf_puts(b, "\",\"type\":");
        json_str(b, ng_entity_type_name(nd->type));
        ng_buf_puts(b, ",\"name\":");
        json_str(b, S(g, nd->name));
        ng_buf_puts(b, ",\"aliases\":");
        json_list(b, g, &nd->aliases);
        ng_buf_puts(b, ",\"docs\":");
        json_list(b, g, &nd->docs);
        json_kv_num(b, "mentions", nd->mentions);
        ng_buf_put(b, "}", 1);
    }
    ng_buf_puts(b, g->nnodes ? "\n],\"edges\":[" : "],\"edges\":[");
    for (size_t i = 0; i < g->nedges; i++) {
        const gedge *ed = &g->edges[i];
        ng_buf_puts(b, i ? ",\n{\"id\":\"e" : "\n{\"id\":\"e");
        ng_buf_num(b, i);
        ng_buf_puts(b, "\",\"type\":");
        json_str(b, ng_relation_type_name(ed->type));
        ng_buf_puts(b, ",\"source\":\"n");
        ng_buf_num(b, ed->src);
        ng_buf_puts(b, "\",\"target\":\"n");
        ng_buf_num(b, ed->dst);
        ng_buf_put(b, "\"", 1);
        if (ed->type == NG_HOLDS_POSITION) {
            ng_buf_puts(b, ",\"position\":");
            if (ed->position != NO_ID)
                json_str(b, S(g, ed->position));
            else
                ng_buf_puts(b, "null");
            ng_buf_puts(b, ed->former ? ",\"status\":\"former\""
                                : ",\"status\":\"current\"");
        }
        ng_buf_puts(b, ",\"docs\":");
        json_list(b, g, &ed->docs);
        ng_buf_puts(b, ",\"evidence\":[");
        for (size_t k = 0; k < ed->ev.n; k++) {
            const grel *r = &g->rels[ed->ev.v[k]];
            ng_buf_puts(b, k ? ",{\"doc\":" : "{\"doc\":");
            json_str(b, S(g, g->docs[r->doc].id));
            json_kv_num(b, "start", r->start);
            json_kv_num(b, "end", r->end);
            json_kv_num(b, "byte_start", r->byte_start);
            json_kv_num(b, "byte_end", r->byte_end);
            ng_buf_puts(b, ",\"rule\":");
            json_str(b, S(g, r->rule));
            if (r->resolved)
                ng_buf_puts(b, ",\"resolved\":true");
            ng_buf_put(b, "}", 1);
        }
        ng_buf_puts(b, "]}");
    }
    ng_buf_puts(b, g->nedges ? "\n]}\n" : "]}\n");
}

/* ---- the flat formats: lists and evidence as strings ----------------- */

/*
 * A flat format's escape: what to write instead of the byte at `p` (and,
 * when it replaces more than one byte, how many in *n), or NULL to keep
 * it.  Strings are valid UTF-8 (the graph repaired them when interned).
 */
typedef const char *(*esc_fn)(const unsigned char *p, size_t *n);

/*
 * `s` through `esc`.  The flat formats join a list with ';', so
 * `in_list` has a ';' inside an element written as the full-width '；'
 * (neo4j-admin has no escape for its array delimiter).
 */
static void flat_str(ng_buf *b, const char *s, int in_list, esc_fn esc)
{
    const unsigned char *p = (const unsigned char *)s, *run = p;
    while (*p) {
        size_t n = 1;
        const char *rep = *p == ';' && in_list ? "\xEF\xBC\x9B" : esc(p, &n);
        if (!rep) {
            p++;
            continue;
        }
        ng_buf_put(b, (const char *)run, (size_t)(p - run));
        ng_buf_puts(b, rep);
        p += n;
        run = p;
    }
    ng_buf_put(b, (const char *)run, (size_t)(p - run));
}

static void flat_list(ng_buf *b, const ng_graph *g, const idvec *v, esc_fn esc)
{
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            ng_buf_put(b, ";", 1);
        flat_str(b, S(g, v->v[i]), 1, esc);
    }
}

/* Evidence as "DOC:START-END" (code points), joined with ';'. */
static void flat_evidence(ng_buf *b, const ng_graph *g, const gedge *ed,
                          esc_fn esc)
{
    for (size_t k = 0; k < ed->ev.n; k++) {
        const grel *r = &g->rels[ed->ev.v[k]];
        char span[64];
        if (k)
            ng_buf_put(b, ";", 1);
        flat_str(b, S(g, g->docs[r->doc].id), 1, esc);
        snprintf(span, sizeof span, ":%zu-%zu", r->start, r->end);
        ng_buf_puts(b, span);
    }
}

/* Edge label: the position (with "former"), nothing for located_in. */
static void edge_label(ng_buf *b, const ng_graph *g, const gedge *ed,
                       esc_fn esc)
{
    if (ed->type != NG_HOLDS_POSITION)
        return;
    if (ed->position != NO_ID)
        flat_str(b, S(g, ed->position), 0, esc);
    if (ed->former)
        ng_buf_puts(b, ed->position != NO_ID ? " (former)" : "(former)");
}

/* A node's or edge's id: "n7", "e7". */
static void put_id(ng_buf *b, char prefix, size_t i)
{
    ng_buf_put(b, &prefix, 1);
    ng_buf_num(b, i);
}

/* ---- GraphML ---------------------------------------------------------- */

/* XML character data / attribute value; drops what XML 1.0 cannot hold. */
static const char *xml_esc(const unsigned char *p, size_t *n)
{
    switch (*p) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&apos;";
    case '\t': return "&#9;";
    case '\n': return "&#10;";
    case '\r': return "&#13;";
    case 0xEF:   /* U+FFFE and U+FFFF are not XML characters */
        if (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
            *n = 3;
            return "\xEF\xBF\xBD";
        }
        return NULL;
    default:
        return *p < 0x20 ? "\xEF\xBF\xBD" : NULL;
    }
}

/* One <data> element: its key, then the caller writes the value. */
static void gml_open(ng_buf *b, const char *key)
{
    ng_buf_puts(b, "      <data key=\"");
    ng_buf_puts(b, key);
    ng_buf_puts(b, "\">");
}

static void gml_close(ng_buf *b)
{
    ng_buf_puts(b, "</data>\n");
}

/* <data> with a value written as it is (a type name, a status). */
static void gml_raw(ng_buf *b, const char *key, const char *value)
{
    gml_open(b, key);
    ng_buf_puts(b, value);
    gml_close(b);
}

static void gml_text(ng_buf *b, const char *key, const char *value)
{
    gml_open(b, key);
    flat_str(b, value, 0, xml_esc);
    gml_close(b);
}

static void gml_list(ng_buf *b, const char *key, const ng_graph *g,
                     const idvec *v)
{
    gml_open(b, key);
    flat_list(b, g, v, xml_esc);
    gml_close(b);
}

static void gml_num(ng_buf *b, const char *key, size_t v)
{
    gml_open(b, key);
    ng_buf_num(b, v);
    gml_close(b);
}

static void render_graphml(ng_buf *b, const ng_graph *g)
{
    static const char *const keys[][4] = {
        {"label", "node", "label", "string"},
        {"type", "node", "type", "string"},
        {"name", "node", "name", "string"},
        {"aliases", "node", "aliases", "string"},
        {"docs", "node", "docs", "string"},
        {"mentions", "node", "mentions", "int"},
        {"elabel", "edge", "label", "string"},
        {"etype", "edge", "type", "string"},
        {"position", "edge", "position", "string"},
        {"status", "edge", "status", "string"},
        {"edocs", "edge", "docs", "string"},
        {"evidence", "edge", "evidence", "string"},
        {"weight", "edge", "weight", "int"},
    };
    ng_buf_puts(b,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        ng_buf_puts(b, "  <key id=\"");
        ng_buf_puts(b, keys[i][0]);
        ng_buf_puts(b, "\" for=\"");
        ng_buf_puts(b, keys[i][1]);
        ng_buf_puts(b, "\" attr.name=\"");
        ng_buf_puts(b, keys[i][2]);
        ng_buf_puts(b, "\" attr.type=\"");
        ng_buf_puts(b, keys[i][3]);
        ng_buf_puts(b, "\"/>\n");
    }
    ng_buf_puts(b, "  <graph id=\"newsgraph\" edgedefault=\"directed\">\n");
    for (size_t i = 0; i < g->nnodes; i++) {
        const gnode *nd = &g->nodes[i];
        ng_buf_puts(b, "    <node id=\"");
        put_id(b, 'n', i);
        ng_buf_puts(b, "\">\n");
        gml_text(b, "label", S(g, nd->name));
        gml_raw(b, "type", ng_entity_type_name(nd->type));
        gml_text(b, "name", S(g, nd->name));
        gml_list(b, "aliases", g, &nd->aliases);
        gml_list(b, "docs", g, &nd->docs);
        gml_num(b, "mentions", nd->mentions);
        ng_buf_puts(b, "    </node>\n");
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const gedge *ed = &g->edges[i];
        ng_buf_puts(b, "    <edge id=\"");
        put_id(b, 'e', i);
        ng_buf_puts(b, "\" source=\"");
        put_id(b, 'n', ed->src);
        ng_buf_puts(b, "\" target=\"");
        put_id(b, 'n', ed->dst);
        ng_buf_puts(b, "\">\n");
        if (ed->type == NG_HOLDS_POSITION) {
            gml_open(b, "elabel");
            edge_label(b, g, ed, xml_esc);
            gml_close(b);
        }
        gml_raw(b, "etype", ng_relation_type_name(ed->type));
        if (ed->type == NG_HOLDS_POSITION) {
            if (ed->position != NO_ID)
                gml_text(b, "position", S(g, ed->position));
            gml_raw(b, "status", ed->former ? "former" : "current");
        }
        gml_list(b, "edocs", g, &ed->docs);
        gml_open(b, "evidence");
        flat_evidence(b, g, ed, xml_esc);
        gml_close(b);
        gml_num(b, "weight", ed->ev.n);
        ng_buf_puts(b, "    </edge>\n");
    }
    ng_buf_puts(b, "  </graph>\n</graphml>\n");
}

/* ---- DOT -------------------------------------------------------------- */

/* Inside a DOT double-quoted string.  A backslash is doubled because
 * labels read escapes (\n, \N, ...); line breaks become \n. */
static const char *dot_esc(const unsigned char *p, size_t *n)
{
    (void)n;
    switch (*p) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    default: return *p < 0x20 ? " " : NULL;
    }
}

static void render_dot(ng_buf *b, const ng_graph *g)
{
    /* Shape and colour by type, so a picture reads without a legend. */
    static const char *const style[] = {
        [NG_PERSON] = "shape=ellipse, style=filled, fillcolor=\"#fde3c8\"",
        [NG_POSITION] = "shape=note, style=filled, fillcolor=\"#eeeeee\"",
        [NG_ORG] = "shape=box, style=filled, fillcolor=\"#cfe2f3\"",
        [NG_PLACE] = "shape=box, style=\"rounded,filled\", fillcolor=\"#d9ead3\"",
    };
    ng_buf_puts(b, "digraph newsgraph {\n"
             "  graph [charset=\"UTF-8\"];\n");
    for (size_t i = 0; i < g->nnodes; i++) {
        const gnode *nd = &g->nodes[i];
        ng_buf_puts(b, "  ");
        put_id(b, 'n', i);
        ng_buf_puts(b, " [label=\"");
        flat_str(b, S(g, nd->name), 0, dot_esc);
        ng_buf_puts(b, "\", ");
        ng_buf_puts(b, style[nd->type]);
        ng_buf_puts(b, ", type=\"");
        ng_buf_puts(b, ng_entity_type_name(nd->type));
        ng_buf_puts(b, "\", docs=\"");
        flat_list(b, g, &nd->docs, dot_esc);
        ng_buf_puts(b, "\", mentions=");
        ng_buf_num(b, nd->mentions);
        ng_buf_puts(b, "];\n");
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const gedge *ed = &g->edges[i];
        ng_buf_puts(b, "  ");
        put_id(b, 'n', ed->src);
        ng_buf_puts(b, " -> ");
        put_id(b, 'n', ed->dst);
        ng_buf_puts(b, " [id=\"");
        put_id(b, 'e', i);
        ng_buf_puts(b, "\", label=\"");
        /* An edge to the position itself (no org) would repeat its name. */
        if (g->nodes[ed->dst].type != NG_POSITION || ed->former)
            edge_label(b, g, ed, dot_esc);
        ng_buf_puts(b, "\", type=\"");
        ng_buf_puts(b, ng_relation_type_name(ed->type));
        ng_buf_put(b, "\"", 1);
        if (ed->type == NG_LOCATED_IN)
            ng_buf_puts(b, ", style=dashed, color=\"#6a8f5a\"");
        else if (ed->former)
            ng_buf_puts(b, ", style=dotted");
        ng_buf_puts(b, ", docs=\"");
        flat_list(b, g, &ed->docs, dot_esc);
        ng_buf_puts(b, "\", weight=");
        ng_buf_num(b, ed->ev.n);
        ng_buf_puts(b, "];\n");
    }
    ng_buf_puts(b, "}\n");
}

/* ---- CSV for neo4j-admin import --------------------------------------- */

/* Inside a double-quoted CSV field: quotes doubled; line breaks become
 * spaces (neo4j-admin reads one record per line unless told otherwise). */
static const char *csv_esc(const unsigned char *p, size_t *n)
{
    (void)n;
    switch (*p) {
    case '"': return "\"\"";
    case '\n':
    case '\r': return " ";
    default: return NULL;
    }
}

/* A quoted field: a string, or a list when `v` is given. */
static void csv_quoted(ng_buf *b, const ng_graph *g, const char *s,
                       const idvec *v)
{
    ng_buf_put(b, "\"", 1);
    if (v)
        flat_list(b, g, v, csv_esc);
    else
        flat_str(b, s, 0, csv_esc);
    ng_buf_put(b, "\"", 1);
}

static void render_csv_nodes(ng_buf *b, const ng_graph *g)
{
    ng_buf_puts(b, "id:ID,:LABEL,name,aliases:string[],docs:string[],"
                   "mentions:int\n");
    for (size_t i = 0; i < g->nnodes; i++) {
        const gnode *nd = &g->nodes[i];
        put_id(b, 'n', i);
        ng_buf_put(b, ",", 1);
        ng_buf_puts(b, ng_entity_type_name(nd->type));
        ng_buf_put(b, ",", 1);
        csv_quoted(b, g, S(g, nd->name), NULL);
        ng_buf_put(b, ",", 1);
        if (nd->aliases.n)
            csv_quoted(b, g, NULL, &nd->aliases);
        ng_buf_put(b, ",", 1);
        csv_quoted(b, g, NULL, &nd->docs);
        ng_buf_put(b, ",", 1);
        ng_buf_num(b, nd->mentions);
        ng_buf_put(b, "\n", 1);
    }
}

static void render_csv_edges(ng_buf *b, const ng_graph *g)
{
    ng_buf_puts(b, ":START_ID,:END_ID,:TYPE,id,position,status,docs:string[],"
                   "evidence:string[],weight:int\n");
    for (size_t i = 0; i < g->nedges; i++) {
        const gedge *ed = &g->edges[i];
        put_id(b, 'n', ed->src);
        ng_buf_put(b, ",", 1);
        put_id(b, 'n', ed->dst);
        ng_buf_puts(b, ed->type == NG_HOLDS_POSITION ? ",HOLDS_POSITION,"
                                                      : ",LOCATED_IN,");
        put_id(b, 'e', i);
        ng_buf_put(b, ",", 1);
        if (ed->type == NG_HOLDS_POSITION) {
            if (ed->position != NO_ID)
                csv_quoted(b, g, S(g, ed->position), NULL);
            ng_buf_puts(b, ed->former ? ",former," : ",current,");
        } else {
            ng_buf_puts(b, ",,");
        }
        csv_quoted(b, g, NULL, &ed->docs);
        ng_buf_put(b, ",\"", 2);
        flat_evidence(b, g, ed, csv_esc);
        ng_buf_puts(b, "\",");
        ng_buf_num(b, ed->ev.n);
        ng_buf_put(b, "\n", 1);
    }
}

char *ng_graph_render(ng_graph *g, ng_graph_format fmt, size_t *len)
{
    if (!g || build(g) != 0)
        return NULL;
    ng_buf b = {0};
    switch (fmt) {
    case NG_GRAPH_JSON: render_json(&b, g); break;
    case NG_GRAPH_GRAPHML: render_graphml(&b, g); break;
    case NG_GRAPH_DOT: render_dot(&b, g); break;
    case NG_GRAPH_CSV_NODES: render_csv_nodes(&b, g); break;
    case NG_GRAPH_CSV_EDGES: render_csv_edges(&b, g); break;
    default: return NULL;
    }
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    if (len)
        *len = b.n;
    return b.s;
}
