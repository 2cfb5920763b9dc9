/*
 * graph_cmd.c - `newsgraph graph`: placeholder until the real command
 * lands; it only keeps the dispatch in newsgraph.c linkable.
 */
#include <stdio.h>
#include "cli.h"

int ng_cli_graph(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("graph: not implemented yet\n", stderr);
    return 2;
}
