#!/usr/bin/env bash
# End to end on Kind, for machines with Docker: a 3-node cluster with zone labels, the operator
# image built and loaded, the chart installed, the example workloads applied, and the
# SpofReports users should see checked. Needs docker (a running engine), kind, kubectl, helm,
# Java 17 and Maven on PATH.
#
#   hack/e2e-kind.sh          create, test, delete the cluster
#   hack/e2e-kind.sh --keep   leave the cluster (kind-nospof-e2e) running
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cluster=${NOSPOF_KIND_CLUSTER:-nospof-e2e}
namespace=nospof-system
keep=false
[ "${1:-}" = "--keep" ] && keep=true
say() { echo "e2e-kind: $*" >&2; }
die() { say "$*"; exit 1; }

for tool in docker kind kubectl helm mvn; do
  command -v "$tool" >/dev/null || die "$tool is needed on PATH (see README, 'Kind end to end')."
done
docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info failed): Kind needs one."

version=$(cd "$root" && mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout)
image="nospof/nospof:$version"
context="kind-$cluster"
k() { kubectl --context "$context" "$@"; }

config=$(mktemp)
cleanup() {
  rm -f "$config"
  if [ "$keep" = false ]; then kind delete cluster --name "$cluster" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# Three nodes: a control plane and two workers in two zones, so zone checks have something to see.
cat >"$config" <<KIND
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    labels:
      topology.kubernetes.io/zone: zone-a
  - role: worker
    labels:
      topology.kubernetes.io/zone: zone-a
  - role: worker
    labels:
      topology.kubernetes.io/zone: zone-b
KIND
say "creating Kind cluster $cluster"
kind create cluster --name "$cluster" --config "$config" --wait 120s

say "building $image"
(cd "$root" && mvn -B -q package -DskipTests -Dquarkus.container-image.build=true)
kind load docker-image "$image" --name "$cluster"

say "installing the chart"
helm --kube-context "$context" install nospof "$root/helm/nospof" -n "$namespace" --create-namespace \
  --set image.tag="$version" --set image.pullPolicy=Never --wait --timeout 5m
k -n "$namespace" get pods -o wide

k apply -f "$root/deploy/examples"

# The failing checks each example workload must show (spec checks; live ones may come on top).
expected=(
  "deployment-web single-replica"
  "deployment-legacy single-replica pdb-blocks-eviction"
  "deployment-worker single-replica hpa-min-replicas"
  "deployment-api missing-pdb missing-spread"
  "deployment-search pdb-overlap"
  "deployment-cart missing-pdb missing-spread spread-not-self-selecting"
)
say "waiting for the reports"
for entry in "${expected[@]}"; do
  read -r report checks <<<"$entry"
  ok=false
  for _ in $(seq 1 90); do
    failing=$(k -n nospof-demo get spofreport "$report" -o jsonpath='{.status.failingChecks}' 2>/dev/null || true)
    ok=true
    for check in $checks; do
      case ",$failing," in *",$check,"*) ;; *) ok=false ;; esac
    done
    [ "$ok" = true ] && break
    sleep 2
  done
  [ "$ok" = true ] || die "$report: expected $checks among its failing checks, got '${failing:-no report}'"
  say "$report: $failing"
done
db=$(k -n nospof-demo get spofreport statefulset-db -o jsonpath='{.status.findingCount}')
[ "$db" = 0 ] || die "statefulset-db: expected 0 findings, got $db"

holder=$(k -n "$namespace" get lease nospof-leader -o jsonpath='{.spec.holderIdentity}')
say "leader: $holder"
k get spofreports -A
k get clusterspofreport cluster
say "passed"
