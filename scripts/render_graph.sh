#!/usr/bin/env bash
# Render the corpus graph as a picture: docs/corpus_graph.png in README.md.
#
#   scripts/render_graph.sh [OUT.png [FILE...]]    default: docs/corpus_graph.png corpus/*.txt
#
# Shows the nodes that take part in a relation (holds_position, located_in);
# a thick border or line marks a node or edge found in several stories.
# Each connected part is laid out by dot, then the parts are packed.
# Needs the built tool ($NEWSGRAPH_BIN, else build/cli/newsgraph), Graphviz
# and a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk); without
# one Graphviz draws the Chinese as empty boxes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out=${1:-docs/corpus_graph.png}
[[ $# -gt 0 ]] && shift
files=("$@")
[[ ${#files[@]} -eq 0 ]] && files=(corpus/*.txt)
bin=${NEWSGRAPH_BIN:-build/cli/newsgraph}

die() { echo "render_graph.sh: $*" >&2; exit 1; }
[[ -x $bin ]] || die "$bin not found: build first (cmake -S . -B build && cmake --build build)"
for tool in gvpr ccomps dot gvpack neato fc-list; do
    command -v "$tool" >/dev/null || die "$tool not found: apt-get install graphviz fontconfig"
done
# A proportional CJK face reads better than a monospaced one.
fonts=$(fc-list :lang=zh family | cut -d, -f1 | sort -u)
font=$(grep -vi mono <<<"$fonts" | head -n 1 || true)
[[ -n $font ]] || font=$(head -n 1 <<<"$fonts")
[[ -n $font ]] || die "no CJK font: apt-get install fonts-wqy-microhei"

mkdir -p "$(dirname "$out")"
"$bin" graph --format dot "${files[@]}" |
    gvpr -c 'N[index($.docs, ";") >= 0]{penwidth = "2.5";}
             E[atoi($.weight) > 1]{penwidth = "2.5";}' |
    gvpr -c 'N[$.degree == 0]{delete(root, $);}' |
    { ccomps -x || [[ $? -eq 1 ]]; } |   # 1 only says: several components
    dot -Grankdir=LR -Granksep=0.6 -Gnodesep=0.15 \
        -Nfontname="$font" -Efontname="$font" -Nfontsize=13 -Efontsize=11 |
    gvpack -g -m 20 |
    neato -s -n2 -Gdpi=72 -Gpad=0.3 -Tpng -o "$out"
echo "render_graph.sh: wrote $out ($(wc -c < "$out") bytes)" >&2
