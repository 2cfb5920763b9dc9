/*
 * cli.h - what the newsgraph subcommands share.  Not installed.
 */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stddef.h>
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

#endif /* NG_CLI_H */
