/*
 * test_graph.c - the corpus graph (lib/graph.c): merge rules on documents
 * written by hand as JSON, edge merging, every format, determinism, and
 * ng_graph_add() against ng_graph_add_json() on the bundled corpus.
 */
#define _XOPEN_SOURCE 700   /* glob */

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "newsgraph.h"
#include "ngtest.h"
#include "ngtest_doc.h"

#ifndef NG_SOURCE_DIR
#define NG_SOURCE_DIR "."
#endif

/* ------------------------------------------------------------------ */
/* Documents written by hand                                            */

typedef struct {
    char s[4096];
} docbuf;

/*
 * A document where `person` holds `pos` of `org` (org NULL: none named),
 * with `status` ("current"/"former") and evidence starting at `start`.
 */
static const char *doc_holds(docbuf *b, const char *id, const char *person,
                             const char *org, const char *pos,
                             const char *status, int start)
{
    snprintf(b->s, sizeof b->s,
        "{\"doc\":\"%s\",\"entities\":["
        "{\"id\":\"e0\",\"type\":\"PERSON\",\"text\":\"%s\",\"aliases\":[],"
        "\"mentions\":[{\"start\":0,\"end\":3,\"byte_start\":0,\"byte_end\":9,"
        "\"sentence\":0,\"rule\":\"t\"},{\"start\":20,\"end\":23,"
        "\"byte_start\":60,\"byte_end\":69,\"sentence\":1,\"rule\":\"t\"}]},"
        "{\"id\":\"e1\",\"type\":\"POSITION\",\"text\":\"%s\",\"aliases\":[],"
        "\"mentions\":[{\"start\":3,\"end\":7,\"byte_start\":9,\"byte_end\":21,"
        "\"sentence\":0,\"rule\":\"t\"}]}%s%s%s],"
        "\"relations\":[{\"id\":\"r0\",\"type\":\"holds_position\","
        "\"person\":\"e0\",\"org\":%s,\"position\":\"e1\",\"status\":\"%s\","
        "\"evidence\":{\"start\":%d,\"end\":%d,\"byte_start\":%d,"
        "\"byte_end\":%d},\"rule\":\"holds.test\"}],\"warnings\":[]}",
        id, person, pos,
        org ? ",{\"id\":\"e2\",\"type\":\"ORG\",\"text\":\"" : "",
        org ? org : "",
        org ? "\",\"aliases\":[],\"mentions\":[{\"start\":8,\"end\":12,"
              "\"byte_start\":24,\"byte_end\":36,\"sentence\":0,"
              "\"rule\":\"t\"}]}" : "",
        org ? "\"e2\"" : "null", status, start, start + 9, start * 3,
        start * 3 + 27);
    return b->s;
}

/* A document that mentions `person` once and has no relation. */
static const char *doc_plain(docbuf *b, const char *id, const char *person)
{
    snprintf(b->s, sizeof b->s,
        "{\"doc\":\"%s\",\"entities\":[{\"id\":\"e0\",\"type\":\"PERSON\","
        "\"text\":\"%s\",\"aliases\":[],\"mentions\":[{\"start\":0,\"end\":3,"
        "\"byte_start\":0,\"byte_end\":9,\"sentence\":0,\"rule\":\"t\"}]}],"
        "\"relations\":[],\"warnings\":[]}", id, person);
    return b->s;
}

/* A document where place `child` lies in `parent`. */
static const char *doc_located(docbuf *b, const char *id, const char *child,
                               const char *parent, const char *child_alias)
{
    snprintf(b->s, sizeof b->s,
        "{\"doc\":\"%s\",\"entities\":["
        "{\"id\":\"e0\",\"type\":\"PLACE\",\"text\":\"%s\",\"aliases\":[%s%s%s],"
        "\"mentions\":[{\"start\":2,\"end\":6,\"byte_start\":6,\"byte_end\":18,"
        "\"sentence\":0,\"rule\":\"t\"}]},"
        "{\"id\":\"e1\",\"type\":\"PLACE\",\"text\":\"%s\",\"aliases\":[],"
        "\"mentions\":[{\"start\":0,\"end\":2,\"byte_start\":0,\"byte_end\":6,"
        "\"sentence\":0,\"rule\":\"t\"}]}],"
        "\"relations\":[{\"id\":\"r0\",\"type\":\"located_in\",\"child\":\"e0\","
        "\"parent\":\"e1\",\"evidence\":{\"start\":0,\"end\":6,"
        "\"byte_start\":0,\"byte_end\":18},\"rule\":\"located.test\"}],"
        "\"warnings\":[]}",
        id, child, child_alias ? "\"" : "", child_alias ? child_alias : "",
        child_alias ? "\"" : "", parent);
    return b->s;
}

static int add(ng_graph *g, const char *json)
{
    ng_error err;
    memset(&err, 0, sizeof err);
    ng_status st = ng_graph_add_json(g, json, strlen(json), &err);
    if (st != NG_OK)
        fprintf(stderr, "ng_graph_add_json: %s\n", err.message);
    return st == NG_OK;
}

/* The graph's JSON, parsed (checked to parse). */
static json_t *graph_json(ng_graph *g)
{
    size_t len = 0;
    char *s = ng_graph_render(g, NG_GRAPH_JSON, &len);
    if (!NG_CHECK(s != NULL))
        return NULL;
    json_error_t jerr;
    json_t *root = json_loadb(s, len, 0, &jerr);
    if (!root)
        fprintf(stderr, "graph JSON does not parse: %s (line %d)\n%s\n",
                jerr.text, jerr.line, s);
    NG_CHECK(root != NULL);
    ng_free(s);
    return root;
}

static size_t count_named(ng_graph *g, const char *type, const char *name)
{
    json_t *root = graph_json(g);
    size_t i, n = 0;
    json_t *nd;
    json_array_foreach(json_object_get(root, "nodes"), i, nd) {
        if (strcmp(json_string_value(json_object_get(nd, "type")), type) == 0
            && strcmp(json_string_value(json_object_get(nd, "name")), name) == 0)
            n++;
    }
    json_decref(root);
    return n;
}

/* Node `name` of `type` (the first), as a new reference; NULL if none. */
static json_t *node_named(ng_graph *g, const char *type, const char *name)
{
    json_t *root = graph_json(g), *found = NULL;
    size_t i;
    json_t *nd;
    json_array_foreach(json_object_get(root, "nodes"), i, nd) {
        if (!found
            && strcmp(json_string_value(json_object_get(nd, "type")), type) == 0
            && strcmp(json_string_value(json_object_get(nd, "name")), name) == 0)
            found = json_incref(nd);
    }
    json_decref(root);
    return found;
}

/* "a;b" of a JSON array of strings, into buf. */
static const char *joined(const json_t *arr, char *buf, size_t size)
{
    size_t i, used = 0;
    json_t *v;
    buf[0] = '\0';
    json_array_foreach(arr, i, v) {
        int k = snprintf(buf + used, size - used, "%s%s", i ? ";" : "",
                         json_string_value(v));
        if (k < 0 || (size_t)k >= size - used)
            break;
        used += (size_t)k;
    }
    return buf;
}

/* ------------------------------------------------------------------ */
/* Merge rules                                                          */

static void test_shared_unit_merges(void)
{
    ng_graph *g = ng_graph_new();
    docbuf a, b;
    NG_CHECK(add(g, doc_holds(&a, "A", "罗锦华", "平东社区", "党委书记",
                              "current", 10)));
    NG_CHECK(add(g, doc_holds(&b, "B", "罗锦华", "平东社区", "人大代表",
                              "current", 40)));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "罗锦华"), 1);
    NG_CHECK_EQ_SIZE(count_named(g, "ORG", "平东社区"), 1);
    /* person, 平东社区, 党委书记, 人大代表; two different positions: 2 edges */
    NG_CHECK_EQ_SIZE(ng_graph_node_count(g), 4);
    NG_CHECK_EQ_SIZE(ng_graph_edge_count(g), 2);
    json_t *p = node_named(g, "PERSON", "罗锦华");
    char buf[256];
    NG_CHECK_STR(joined(json_object_get(p, "docs"), buf, sizeof buf), "A;B");
    NG_CHECK_EQ_INT(json_integer_value(json_object_get(p, "mentions")), 4);
    NG_CHECK_STR(json_string_value(json_object_get(p, "id")), "n0");
    json_decref(p);
    ng_graph_free(g);
}

static void test_different_units_stay_apart(void)
{
    ng_graph *g = ng_graph_new();
    docbuf a, b;
    NG_CHECK(add(g, doc_holds(&a, "A", "王芳", "甲公司", "总经理", "current", 0)));
    NG_CHECK(add(g, doc_holds(&b, "B", "王芳", "乙协会", "会长", "current", 0)));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "王芳"), 2);
    NG_CHECK_EQ_SIZE(ng_graph_edge_count(g), 2);
    ng_graph_free(g);
}

static void test_no_relations_merge(void)
{
    ng_graph *g = ng_graph_new();
    docbuf a, b, c;
    NG_CHECK(add(g, doc_plain(&a, "A", "李明")));
    NG_CHECK(add(g, doc_plain(&b, "B", "李明")));
    NG_CHECK(add(g, doc_plain(&c, "C", "李明")));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "李明"), 1);
    NG_CHECK_EQ_SIZE(ng_graph_node_count(g), 1);
    NG_CHECK_EQ_SIZE(ng_graph_edge_count(g), 0);
    json_t *p = node_named(g, "PERSON", "李明");
    NG_CHECK_EQ_INT(json_integer_value(json_object_get(p, "mentions")), 3);
    json_decref(p);
    ng_graph_free(g);
}

static void test_relationless_joins_single_related(void)
{
    /* One related node of the name: the plain mention joins it. */
    ng_graph *g = ng_graph_new();
    docbuf a, b, c;
    NG_CHECK(add(g, doc_plain(&a, "A", "罗锦华")));
    NG_CHECK(add(g, doc_holds(&b, "B", "罗锦华", "平东社区", "党委书记",
                              "current", 0)));
    NG_CHECK(add(g, doc_holds(&c, "C", "罗锦华", "平东社区", "党委书记",
                              "current", 0)));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "罗锦华"), 1);
    json_t *p = node_named(g, "PERSON", "罗锦华");
    char buf[256];
    NG_CHECK_STR(joined(json_object_get(p, "docs"), buf, sizeof buf),
                 "A;B;C");
    json_decref(p);
    ng_graph_free(g);

    /* Two related nodes of the name: which one is unknown, so its own. */
    g = ng_graph_new();
    NG_CHECK(add(g, doc_plain(&a, "A", "王芳")));
    NG_CHECK(add(g, doc_holds(&b, "B", "王芳", "甲公司", "总经理", "current", 0)));
    NG_CHECK(add(g, doc_holds(&c, "C", "王芳", "乙协会", "会长", "current", 0)));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "王芳"), 3);
    ng_graph_free(g);
}

static void test_units_chain(void)
{
    /* A and C share nothing, but B shares a unit with each: one person. */
    ng_graph *g = ng_graph_new();
    docbuf a, c;
    NG_CHECK(add(g, doc_holds(&a, "A", "陈兆辉", "东联社区", "党委书记",
                              "current", 0)));
    NG_CHECK(add(g, doc_holds(&c, "C", "陈兆辉", "罗湖社区", "党委书记",
                              "current", 0)));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "陈兆辉"), 2);
    /* Document B holds two relations: build it by hand. */
    const char *two =
        "{\"doc\":\"B\",\"entities\":["
        "{\"id\":\"p\",\"type\":\"PERSON\",\"text\":\"陈兆辉\",\"aliases\":[],\"mentions\":[]},"
        "{\"id\":\"o1\",\"type\":\"PLACE\",\"text\":\"东联社区\",\"aliases\":[],\"mentions\":[]},"
        "{\"id\":\"o2\",\"type\":\"PLACE\",\"text\":\"罗湖社区\",\"aliases\":[],\"mentions\":[]},"
        "{\"id\":\"t\",\"type\":\"POSITION\",\"text\":\"党委书记\",\"aliases\":[],\"mentions\":[]}],"
        "\"relations\":["
        "{\"type\":\"holds_position\",\"person\":\"p\",\"org\":\"o1\",\"position\":\"t\"},"
        "{\"type\":\"holds_position\",\"person\":\"p\",\"org\":\"o2\",\"position\":\"t\"}]}";
    NG_CHECK(add(g, two));
    /* The unit is the org's text: ORG in A and C, PLACE in B, still shared. */
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "陈兆辉"), 1);
    json_t *p = node_named(g, "PERSON", "陈兆辉");
    char buf[256];
    NG_CHECK_STR(joined(json_object_get(p, "docs"), buf, sizeof buf),
                 "A;C;B");
    json_decref(p);
    ng_graph_free(g);
}

static void test_no_org_unit_is_position(void)
{
    /* By-line correspondents: no org, so the position is their unit. */
    ng_graph *g = ng_graph_new();
    docbuf a, b, c;
    NG_CHECK(add(g, doc_holds(&a, "A", "陈镇鸿", NULL, "通讯员", "current", 0)));
    NG_CHECK(add(g, doc_holds(&b, "B", "陈镇鸿", NULL, "通讯员", "current", 5)));
    NG_CHECK(add(g, doc_holds(&c, "C", "陈镇鸿", NULL, "记者", "current", 5)));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "陈镇鸿"), 2);
    NG_CHECK_EQ_SIZE(ng_graph_edge_count(g), 2);
    /* The edge points at the POSITION node. */
    json_t *root = graph_json(g);
    json_t *e0 = json_array_get(json_object_get(root, "edges"), 0);
    json_t *pos = node_named(g, "POSITION", "通讯员");
    NG_CHECK_STR(json_string_value(json_object_get(e0, "target")),
                 json_string_value(json_object_get(pos, "id")));
    NG_CHECK_EQ_SIZE(json_array_size(json_object_get(e0, "evidence")), 2);
    json_decref(pos);
    json_decref(root);
    ng_graph_free(g);
}

static void test_person_not_merged_with_other_types(void)
{
    /* A person and a place of the same text stay two nodes. */
    ng_graph *g = ng_graph_new();
    docbuf a, b;
    NG_CHECK(add(g, doc_plain(&a, "A", "平东")));
    NG_CHECK(add(g, doc_located(&b, "B", "平东", "桂城", NULL)));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "平东"), 1);
    NG_CHECK_EQ_SIZE(count_named(g, "PLACE", "平东"), 1);
    NG_CHECK_EQ_SIZE(ng_graph_node_count(g), 3);
    ng_graph_free(g);
}

/* ------------------------------------------------------------------ */
/* Edges                                                                */

static void test_edge_merging(void)
{
    ng_graph *g = ng_graph_new();
    docbuf a, b, c, d, e;
    NG_CHECK(add(g, doc_holds(&a, "A", "罗锦华", "平东社区", "党委书记",
                              "current", 10)));
    NG_CHECK(add(g, doc_located(&b, "B", "平东社区", "桂城", "平东")));
    NG_CHECK(add(g, doc_holds(&c, "C", "罗锦华", "平东社区", "党委书记",
                              "current", 40)));
    NG_CHECK(add(g, doc_located(&d, "D", "平东社区", "桂城", "平东社区居委")));
    /* Same endpoints and position but former: a different fact. */
    NG_CHECK(add(g, doc_holds(&e, "E", "罗锦华", "平东社区", "党委书记",
                              "former", 0)));
    NG_CHECK_EQ_SIZE(ng_graph_edge_count(g), 3);

    json_t *root = graph_json(g);
    json_t *edges = json_object_get(root, "edges");
    json_t *e0 = json_array_get(edges, 0);
    json_t *e1 = json_array_get(edges, 1);
    json_t *e2 = json_array_get(edges, 2);
    char buf[256];
    NG_CHECK_STR(json_string_value(json_object_get(e0, "id")), "e0");
    NG_CHECK_STR(json_string_value(json_object_get(e0, "type")),
                 "holds_position");
    NG_CHECK_STR(json_string_value(json_object_get(e0, "position")), "党委书记");
    NG_CHECK_STR(json_string_value(json_object_get(e0, "status")), "current");
    NG_CHECK_STR(joined(json_object_get(e0, "docs"), buf, sizeof buf), "A;C");
    json_t *ev = json_object_get(e0, "evidence");
    NG_CHECK_EQ_SIZE(json_array_size(ev), 2);
    NG_CHECK_STR(json_string_value(json_object_get(json_array_get(ev, 1), "doc")),
                 "C");
    NG_CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(ev, 1),
                                                       "start")), 40);
    NG_CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(ev, 1),
                                                       "byte_end")), 147);
    NG_CHECK_STR(json_string_value(json_object_get(json_array_get(ev, 0),
                                                   "rule")), "holds.test");

    NG_CHECK_STR(json_string_value(json_object_get(e1, "type")), "located_in");
    NG_CHECK(json_object_get(e1, "position") == NULL);
    NG_CHECK_STR(joined(json_object_get(e1, "docs"), buf, sizeof buf), "B;D");
    NG_CHECK_EQ_SIZE(json_array_size(json_object_get(e1, "evidence")), 2);
    NG_CHECK_STR(json_string_value(json_object_get(e2, "status")), "former");
    /* Source and target are the person and the unit. */
    json_t *p = node_named(g, "PERSON", "罗锦华");
    NG_CHECK_STR(json_string_value(json_object_get(e0, "source")),
                 json_string_value(json_object_get(p, "id")));
    json_decref(p);
    json_decref(root);

    /* Aliases are unioned across documents, the name left out. */
    json_t *place = node_named(g, "PLACE", "平东社区");
    NG_CHECK_STR(joined(json_object_get(place, "aliases"), buf, sizeof buf),
                 "平东;平东社区居委");
    json_decref(place);
    ng_graph_free(g);
}

/* ------------------------------------------------------------------ */
/* Formats                                                              */

static int contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

static void test_formats_and_escaping(void)
{
    ng_graph *g = ng_graph_new();
    docbuf a, b;
    /* Characters every format must escape, in a doc id and in names. */
    NG_CHECK(add(g, doc_holds(&a, "a\\\\b\\\"c<&>';x\\n", "罗锦华",
                              "甲\\\"乙<丙>&丁;戊", "书记", "current", 0)));
    NG_CHECK(add(g, doc_located(&b, "B", "平东社区", "桂城", NULL)));

    char *js = ng_graph_render(g, NG_GRAPH_JSON, NULL);
    json_error_t jerr;
    json_t *root = js ? json_loads(js, 0, &jerr) : NULL;
    NG_CHECK(root != NULL);
    NG_CHECK_EQ_SIZE(json_array_size(json_object_get(root, "nodes")), 5);
    NG_CHECK_EQ_SIZE(json_array_size(json_object_get(root, "edges")), 2);
    json_t *org = node_named(g, "ORG", "甲\"乙<丙>&丁;戊");
    NG_CHECK(org != NULL);
    char buf[256];
    NG_CHECK_STR(joined(json_object_get(org, "docs"), buf, sizeof buf),
                 "a\\b\"c<&>';x\n");
    json_decref(org);
    json_decref(root);
    ng_free(js);

    size_t len = 0;
    char *gml = ng_graph_render(g, NG_GRAPH_GRAPHML, &len);
    NG_CHECK(gml && len == strlen(gml));
    NG_CHECK(contains(gml, "<graphml"));
    NG_CHECK(contains(gml, "edgedefault=\"directed\""));
    NG_CHECK(contains(gml, "甲&quot;乙&lt;丙&gt;&amp;丁;戊"));
    /* In a list a ';' is the separator, so one inside is full-width. */
    NG_CHECK(contains(gml, "a\\b&quot;c&lt;&amp;&gt;&apos;；x&#10;</data>"));
    NG_CHECK(contains(gml, "<node id=\"n0\">"));
    NG_CHECK(contains(gml, "<edge id=\"e1\""));
    ng_free(gml);

    char *dot = ng_graph_render(g, NG_GRAPH_DOT, NULL);
    NG_CHECK(contains(dot, "digraph newsgraph {"));
    NG_CHECK(contains(dot, "label=\"甲\\\"乙<丙>&丁;戊\""));
    NG_CHECK(contains(dot, "docs=\"a\\\\b\\\"c<&>'；x\\n\""));
    NG_CHECK(contains(dot, "-> n"));
    ng_free(dot);

    char *nodes = ng_graph_render(g, NG_GRAPH_CSV_NODES, NULL);
    NG_CHECK(contains(nodes, "id:ID,:LABEL,name,aliases:string[],"
                             "docs:string[],mentions:int\n"));
    NG_CHECK(contains(nodes, ",ORG,\"甲\"\"乙<丙>&丁;戊\",,\"a\\b\"\"c<&>'；x \",1\n"));
    ng_free(nodes);

    char *rels = ng_graph_render(g, NG_GRAPH_CSV_EDGES, NULL);
    NG_CHECK(contains(rels, ":START_ID,:END_ID,:TYPE,id,position,status,"
                            "docs:string[],evidence:string[],weight:int\n"));
    NG_CHECK(contains(rels, ",HOLDS_POSITION,e0,\"书记\",current,"));
    NG_CHECK(contains(rels, ",LOCATED_IN,e1,,,\"B\",\"B:0-6\",1\n"));
    ng_free(rels);

    NG_CHECK(ng_graph_render(g, (ng_graph_format)99, NULL) == NULL);
    ng_graph_free(g);
}

static void test_empty_graph(void)
{
    ng_graph *g = ng_graph_new();
    NG_CHECK_EQ_SIZE(ng_graph_node_count(g), 0);
    NG_CHECK_EQ_SIZE(ng_graph_edge_count(g), 0);
    char *s = ng_graph_render(g, NG_GRAPH_JSON, NULL);
    NG_CHECK_STR(s, "{\"nodes\":[],\"edges\":[]}\n");
    ng_free(s);
    for (int f = NG_GRAPH_GRAPHML; f <= NG_GRAPH_CSV_EDGES; f++) {
        s = ng_graph_render(g, (ng_graph_format)f, NULL);
        NG_CHECK(s != NULL && *s);
        ng_free(s);
    }
    ng_graph_free(g);
    ng_graph_free(NULL);
    NG_CHECK_EQ_SIZE(ng_graph_node_count(NULL), 0);
    NG_CHECK(ng_graph_render(NULL, NG_GRAPH_JSON, NULL) == NULL);
}

static void test_bad_json(void)
{
    static const char *const bad[] = {
        "",
        "[]",
        "{\"doc\":\"x\"}",
        "{\"doc\":1,\"entities\":[]}",
        "{\"doc\":\"x\",\"entities\":[{\"id\":\"e0\",\"type\":\"THING\",\"text\":\"a\"}]}",
        "{\"doc\":\"x\",\"entities\":[{\"id\":\"e0\",\"type\":\"PERSON\"}]}",
        "{\"doc\":\"x\",\"entities\":[{\"id\":\"e0\",\"type\":\"PERSON\",\"text\":\"a\"},"
        "{\"id\":\"e0\",\"type\":\"PERSON\",\"text\":\"b\"}]}",
        "{\"doc\":\"x\",\"entities\":[{\"id\":\"e0\",\"type\":\"PERSON\",\"text\":\"a\"}],"
        "\"relations\":[{\"type\":\"holds_position\",\"person\":\"e9\"}]}",
        "{\"doc\":\"x\",\"entities\":[{\"id\":\"e0\",\"type\":\"PERSON\",\"text\":\"a\"}],"
        "\"relations\":[{\"type\":\"likes\",\"person\":\"e0\"}]}",
        "{\"doc\":\"x\",\"entities\":[{\"id\":\"e0\",\"type\":\"PERSON\",\"text\":\"a\"}],"
        "\"relations\":[{\"type\":\"located_in\",\"child\":\"e0\",\"parent\":\"e0\","
        "\"evidence\":{\"start\":-1}}]}",
    };
    ng_graph *g = ng_graph_new();
    docbuf a;
    NG_CHECK(add(g, doc_plain(&a, "A", "李明")));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ng_error err;
        memset(&err, 0, sizeof err);
        NG_CHECK_EQ_INT(ng_graph_add_json(g, bad[i], strlen(bad[i]), &err),
                        NG_ERR_JSON);
        NG_CHECK_EQ_INT(err.code, NG_ERR_JSON);
        NG_CHECK(err.message[0] != '\0');
    }
    /* Nothing of a refused document stays behind. */
    NG_CHECK_EQ_SIZE(ng_graph_node_count(g), 1);
    NG_CHECK_EQ_INT(ng_graph_add_json(NULL, "{}", 2, NULL), NG_ERR_ARG);
    NG_CHECK_EQ_INT(ng_graph_add(g, NULL), NG_ERR_ARG);
    /* Lenient on what the graph does not use: no relations, no mentions. */
    const char *min = "{\"doc\":\"m\",\"entities\":[{\"id\":\"x\",\"type\":\"ORG\","
                      "\"text\":\"甲公司\"}]}";
    NG_CHECK(add(g, min));
    NG_CHECK_EQ_SIZE(ng_graph_node_count(g), 2);
    ng_graph_free(g);
}

static void test_deterministic(void)
{
    docbuf d[6];
    const char *docs[6] = {
        doc_holds(&d[0], "A", "王芳", "甲公司", "总经理", "current", 0),
        doc_plain(&d[1], "B", "李明"),
        doc_located(&d[2], "C", "平东社区", "桂城", "平东"),
        doc_holds(&d[3], "D", "王芳", "乙协会", "会长", "current", 3),
        doc_plain(&d[4], "E", "王芳"),
        doc_holds(&d[5], "F", "王芳", "甲公司", "董事长", "current", 9),
    };
    char *first[5] = {0};
    for (int round = 0; round < 3; round++) {
        ng_graph *g = ng_graph_new();
        for (int i = 0; i < 6; i++) {
            NG_CHECK(add(g, docs[i]));
            if (round == 2)   /* read between adds: the cache is redone */
                (void)ng_graph_node_count(g);
        }
        for (int f = 0; f < 5; f++) {
            char *s = ng_graph_render(g, (ng_graph_format)f, NULL);
            if (!first[f])
                first[f] = s;
            else {
                NG_CHECK_STR(s, first[f]);
                ng_free(s);
            }
        }
        ng_graph_free(g);
    }
    for (int f = 0; f < 5; f++)
        ng_free(first[f]);

    /* Another order: other ids, the same partition. */
    ng_graph *g = ng_graph_new();
    for (int i = 5; i >= 0; i--)
        NG_CHECK(add(g, docs[i]));
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "王芳"), 3);
    NG_CHECK_EQ_SIZE(count_named(g, "PERSON", "李明"), 1);
    ng_graph_free(g);
}

/* ------------------------------------------------------------------ */
/* The corpus: ng_graph_add and ng_graph_add_json agree                 */

static void test_corpus_add_paths_agree(void)
{
    ng_error err;
    memset(&err, 0, sizeof err);
    ng_rules *rules = ng_rules_load(getenv("NEWSGRAPH_RULES")
                                    ? NULL : NG_SOURCE_RULES_DIR, &err);
    if (!NG_CHECK(rules != NULL)) {
        fprintf(stderr, "rules: %s\n", err.message);
        return;
    }
    glob_t gl;
    NG_CHECK(glob(NG_SOURCE_DIR "/corpus/*.txt", 0, NULL, &gl) == 0);
    NG_CHECK(gl.gl_pathc >= 2);

    ng_graph *direct = ng_graph_new();
    ng_graph *viajson = ng_graph_new();
    ng_graph *viapretty = ng_graph_new();
    size_t nrels = 0;
    for (size_t i = 0; i < gl.gl_pathc; i++) {
        size_t len = 0;
        char *text = ngt_slurp(gl.gl_pathv[i], &len);
        const char *base = strrchr(gl.gl_pathv[i], '/') + 1;
        if (!NG_CHECK(text != NULL))
            continue;
        ng_doc *doc = ng_extract(rules, text, len, base, &err);
        free(text);
        if (!NG_CHECK(doc != NULL))
            continue;
        nrels += ng_doc_relation_count(doc);
        NG_CHECK_EQ_INT(ng_graph_add(direct, doc), NG_OK);
        size_t jl = 0;
        char *json = ng_doc_to_json(doc, 0, &jl);
        NG_CHECK_EQ_INT(ng_graph_add_json(viajson, json, jl, &err), NG_OK);
        ng_free(json);
        json = ng_doc_to_json(doc, NG_JSON_PRETTY, &jl);
        NG_CHECK_EQ_INT(ng_graph_add_json(viapretty, json, jl, &err), NG_OK);
        ng_free(json);
        ng_doc_free(doc);
    }
    NG_CHECK(ng_graph_node_count(direct) > 0);
    NG_CHECK(nrels == 0 || ng_graph_edge_count(direct) > 0);
    for (int f = 0; f < 5; f++) {
        size_t l1 = 0, l2 = 0, l3 = 0;
        char *a = ng_graph_render(direct, (ng_graph_format)f, &l1);
        char *b = ng_graph_render(viajson, (ng_graph_format)f, &l2);
        char *c = ng_graph_render(viapretty, (ng_graph_format)f, &l3);
        NG_CHECK(a && b && c);
        NG_CHECK_MEM(a, l1, b, l2);
        NG_CHECK_MEM(a, l1, c, l3);
        ng_free(a);
        ng_free(b);
        ng_free(c);
    }
    printf("corpus graph: %zu documents, %zu nodes, %zu edges\n",
           gl.gl_pathc, ng_graph_node_count(direct),
           ng_graph_edge_count(direct));
    ng_graph_free(direct);
    ng_graph_free(viajson);
    ng_graph_free(viapretty);
    globfree(&gl);
    ng_rules_free(rules);
}

static void test_invalid_utf8_id(void)
{
    /* A document id that is not UTF-8 still gives output that parses. */
    ng_error err;
    ng_rules *rules = ng_rules_load(getenv("NEWSGRAPH_RULES")
                                    ? NULL : NG_SOURCE_RULES_DIR, &err);
    if (!NG_CHECK(rules != NULL))
        return;
    const char *text = "平东社区党委书记罗锦华介绍。";
    ng_doc *doc = ng_extract(rules, text, strlen(text), "bad\xff\xfe" "id\x01",
                             &err);
    ng_graph *g = ng_graph_new();
    NG_CHECK_EQ_INT(ng_graph_add(g, doc), NG_OK);
    json_t *root = graph_json(g);
    json_t *n0 = json_array_get(json_object_get(root, "nodes"), 0);
    NG_CHECK_STR(json_string_value(json_array_get(json_object_get(n0, "docs"), 0)),
                 "bad\xEF\xBF\xBD\xEF\xBF\xBDid\x01");
    json_decref(root);
    char *gml = ng_graph_render(g, NG_GRAPH_GRAPHML, NULL);
    NG_CHECK(contains(gml, "bad\xEF\xBF\xBD\xEF\xBF\xBDid\xEF\xBF\xBD</data>"));
    ng_free(gml);
    ng_graph_free(g);
    ng_doc_free(doc);
    ng_rules_free(rules);
}

NG_TEST_MAIN(
    NG_RUN(test_shared_unit_merges);
    NG_RUN(test_different_units_stay_apart);
    NG_RUN(test_no_relations_merge);
    NG_RUN(test_relationless_joins_single_related);
    NG_RUN(test_units_chain);
    NG_RUN(test_no_org_unit_is_position);
    NG_RUN(test_person_not_merged_with_other_types);
    NG_RUN(test_edge_merging);
    NG_RUN(test_formats_and_escaping);
    NG_RUN(test_empty_graph);
    NG_RUN(test_bad_json);
    NG_RUN(test_deterministic);
    NG_RUN(test_corpus_add_paths_agree);
    NG_RUN(test_invalid_utf8_id);
)
