#!/usr/bin/env bash
# Provides kube-apiserver, kubectl (Kubernetes $K8S_VERSION) and etcd ($ETCD_VERSION)
# for the integration tests and the local demo, and prints the directory that holds them.
#
# Order of preference:
#   1. $KUBEBUILDER_ASSETS (the envtest convention) when it is set;
#   2. a cache outside the work tree, keyed by version
#      (${NOSPOF_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/nospof}/assets/<versions>);
#   3. a build from the Go module proxy with the local Go toolchain (10-20 min cold on 2 cores).
# When none is possible it exits non-zero and says what is missing and how to provide it.
#
# Usage: hack/k8s-binaries.sh            # ensure and print the directory
#        hack/k8s-binaries.sh --check    # only print it when already there; exit 1 otherwise
set -euo pipefail

K8S_VERSION="${NOSPOF_K8S_VERSION:-1.35.4}"
ETCD_VERSION="${NOSPOF_ETCD_VERSION:-3.6.16}"
BINARIES=(kube-apiserver kubectl etcd)

say() { echo "k8s-binaries: $*" >&2; }
die() { say "$*"; exit 1; }

has_all() {
  local dir=$1 b
  for b in "${BINARIES[@]}"; do [ -x "$dir/$b" ] || return 1; done
}

if [ -n "${KUBEBUILDER_ASSETS:-}" ]; then
  missing=()
  for b in "${BINARIES[@]}"; do [ -x "$KUBEBUILDER_ASSETS/$b" ] || missing+=("$b"); done
  [ ${#missing[@]} -eq 0 ] || die "KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS lacks executable ${missing[*]}; put kube-apiserver, kubectl and etcd there or unset it to use the cache."
  echo "$KUBEBUILDER_ASSETS"
  exit 0
fi

cache_root="${NOSPOF_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nospof}"
assets="$cache_root/assets/k8s-v$K8S_VERSION-etcd-v$ETCD_VERSION"
if has_all "$assets"; then echo "$assets"; exit 0; fi
[ "${1:-}" = "--check" ] && exit 1

command -v go >/dev/null 2>&1 || die "no binaries in $assets and no Go toolchain to build them. Install Go >= 1.25, or set KUBEBUILDER_ASSETS to a directory holding kube-apiserver, kubectl and etcd ($K8S_VERSION / $ETCD_VERSION)."

mkdir -p "$cache_root"
# One build at a time per cache (tests and the demo may ask together).
exec 9>"$cache_root/.build.lock"
flock 9
if has_all "$assets"; then echo "$assets"; exit 0; fi

work=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
export CGO_ENABLED=0 GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=local

say "building Kubernetes v$K8S_VERSION (kube-apiserver, kubectl) from the Go module proxy; this takes minutes on a cold cache"
k8s_mod=$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
[ -f "$k8s_mod" ] || die "could not download k8s.io/kubernetes@v$K8S_VERSION from the Go module proxy (GOPROXY=$(go env GOPROXY))."
staging_version="v0.${K8S_VERSION#1.}"
mkdir -p "$work/k8s" "$work/out"
{
  echo "module nospof.dev/build/kubernetes"
  echo
  grep -E '^(go|godebug) ' "$k8s_mod"
  echo
  echo "require k8s.io/kubernetes v$K8S_VERSION"
  echo
  # k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging;
  # a dependency's replace lines do not apply here, so point each at its published release.
  sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => \./staging/.*#replace \1 => \1 '"$staging_version"'#p' "$k8s_mod"
} >"$work/k8s/go.mod"
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=${K8S_VERSION%%.*} -X k8s.io/component-base/version.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2) -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=v$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=${K8S_VERSION%%.*} -X k8s.io/client-go/pkg/version.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2)"
(
  cd "$work/k8s"
  go get "k8s.io/kubernetes@v$K8S_VERSION" >&2
  go build -trimpath -ldflags "$ldflags" -o "$work/out/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver >&2
  go build -trimpath -ldflags "$ldflags" -o "$work/out/kubectl" k8s.io/kubernetes/cmd/kubectl >&2
) || die "building Kubernetes v$K8S_VERSION failed (see the Go output above)."

say "building etcd v$ETCD_VERSION from the Go module proxy"
mkdir -p "$work/etcd"
cat >"$work/etcd/go.mod" <<MOD
module nospof.dev/build/etcd

go 1.24

require go.etcd.io/etcd/server/v3 v$ETCD_VERSION
MOD
cat >"$work/etcd/main.go" <<'GO'
// etcd's own main lives in server/v3/main.go's package etcdmain.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
(
  cd "$work/etcd"
  go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" >&2
  go mod tidy >&2
  go build -trimpath -ldflags "-s -w" -o "$work/out/etcd" . >&2
) || die "building etcd v$ETCD_VERSION failed (see the Go output above)."

mkdir -p "$(dirname "$assets")"
rm -rf "$assets.tmp"
mv "$work/out" "$assets.tmp"
mv "$assets.tmp" "$assets"
say "binaries ready in $assets"
echo "$assets"
