#!/usr/bin/env bash
# Provides Microsoft's SARIF Multitool (the reference SARIF validator, a binary shipped in the npm
# package @microsoft/sarif-multitool-linux) in a cache outside the work tree, and prints its path.
# The tests validate nospof's SARIF output with it.
set -euo pipefail
VERSION="${NOSPOF_SARIF_MULTITOOL_VERSION:-5.7.0}"
cache="${NOSPOF_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nospof}/sarif-multitool-$VERSION"
tool="$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$tool" ]; then
  command -v npm >/dev/null || { echo "sarif-multitool: npm is needed to install @microsoft/sarif-multitool@$VERSION" >&2; exit 1; }
  mkdir -p "$cache"
  (cd "$cache" && npm install --no-audit --no-fund --silent "@microsoft/sarif-multitool@$VERSION" >&2) \
    || { echo "sarif-multitool: npm install @microsoft/sarif-multitool@$VERSION failed" >&2; exit 1; }
  chmod u+x "$tool"   # npm does not run the package's install script that would do this
fi
echo "$tool"
