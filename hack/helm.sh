#!/usr/bin/env bash
# Provides helm (v3) for tests that render charts, built from the Go module proxy into a cache
# outside the work tree (helm's own binaries are not downloadable here); prints its path.
set -euo pipefail
VERSION="${NOSPOF_HELM_VERSION:-3.22.0}"
cache="${NOSPOF_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nospof}/helm-v$VERSION"
if [ ! -x "$cache/helm" ]; then
  command -v go >/dev/null || { echo "helm: no helm in $cache and no Go toolchain to build it" >&2; exit 1; }
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  echo "helm: building helm v$VERSION from the Go module proxy" >&2
  (cd "$work" && CGO_ENABLED=0 GOWORK=off GOTOOLCHAIN=local GOFLAGS=-mod=mod GOBIN="$work/bin" \
      go install -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=v$VERSION" "helm.sh/helm/v3/cmd/helm@v$VERSION" >&2) \
    || { echo "helm: building helm v$VERSION failed (see above)" >&2; exit 1; }
  mv "$work/bin/helm" "$cache/helm"
fi
echo "$cache/helm"
