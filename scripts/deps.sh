#!/usr/bin/env bash
# Install the Debian packages newsgraph needs to build and test, if any
# are missing.  Quiet when everything is there; apt's output is shown
# only if an install fails.
set -euo pipefail

PACKAGES=(cmake gcc make pkg-config libicu-dev libpcre2-dev libutf8proc-dev
          libjansson-dev python3 python3-networkx python3-pytest graphviz
          python3-dask python3-distributed time python3-jieba clang libclang-rt-14-dev)

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "deps.sh: missing packages (${missing[*]}) and not root; install them as root" >&2
        exit 1
    fi
fi

echo "deps.sh: installing ${missing[*]}" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { "${SUDO[@]}" apt-get update -q &&
       "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
           --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}"; \
     } >"$log" 2>&1 </dev/null; then
    cat "$log" >&2
    echo "deps.sh: apt-get failed" >&2
    exit 1
fi
