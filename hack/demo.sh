#!/usr/bin/env bash
# The main job on a fresh machine, in one command: bring up a local control plane (etcd +
# kube-apiserver on 127.0.0.1), build and run the nospof operator against it, apply the example
# workloads of deploy/examples and print `kubectl get spofreports -A` (then the wide view and the
# ClusterSpofReport); then enforce single-replica with a RedundancyPolicy and show the admission
# webhook denying a 1-replica Deployment; then remediate: nospof raises a 1-replica Deployment to
# 2 replicas and gives it a PodDisruptionBudget.
#
#   hack/demo.sh          run, print, tear everything down
#   hack/demo.sh --keep   leave the control plane and the operator running and say how to reach them
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
keep=false
[ "${1:-}" = "--keep" ] && keep=true
say() { echo "demo: $*" >&2; }

bin=$("$root/hack/k8s-binaries.sh")
kubectl="$bin/kubectl"

say "building the operator (mvn package, tests skipped)"
(cd "$root" && mvn -B -q package -DskipTests) >&2

state=$(mktemp -d "${TMPDIR:-/tmp}/nospof-demo.XXXXXX")
operator_pid=""
cleanup() {
  if [ -n "$operator_pid" ] && kill "$operator_pid" 2>/dev/null; then wait "$operator_pid" 2>/dev/null || true; fi
  "$root/hack/control-plane.sh" down "$state/control-plane"
  rm -rf "$state"
}
if [ "$keep" = false ]; then
  trap cleanup EXIT
  kubeconfig=$("$root/hack/control-plane.sh" up "$state/control-plane" --watch-pid $$)
else
  kubeconfig=$("$root/hack/control-plane.sh" up "$state/control-plane")
fi
k() { "$kubectl" --kubeconfig "$kubeconfig" "$@"; }

k apply -f "$root/deploy/crds" >&2
k wait --for=condition=Established crd --all --timeout=60s >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
webhook_port=$(free_port)
say "starting the operator with its admission webhook on https://127.0.0.1:$webhook_port (log: $state/operator.log)"
KUBECONFIG="$kubeconfig" NOSPOF_ADMISSION_URL="https://127.0.0.1:$webhook_port" \
  java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -jar "$root/target/quarkus-app/quarkus-run.jar" >"$state/operator.log" 2>&1 &
operator_pid=$!
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$operator_pid" 2>/dev/null || { tail -30 "$state/operator.log" >&2; say "the operator exited (log above)"; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null || { tail -30 "$state/operator.log" >&2; say "the operator did not become ready"; exit 1; }

k apply -f "$root/deploy/examples" >&2
workloads=$(k get deployments,statefulsets -n nospof-demo -o name | wc -l)
say "waiting for $workloads reports to settle"
evaluated() { k get spofreports -n nospof-demo -o jsonpath='{range .items[*]}{.metadata.name} {.status.failingChecks} {.status.replicas}{"\n"}{end}' 2>/dev/null; }
previous=""
for _ in $(seq 1 120); do
  current=$(evaluated)
  # Settled: every workload has an evaluated report and two looks half a second apart agree.
  if [ "$(echo "$current" | grep -c ' [0-9]*/')" -ge "$workloads" ] && [ "$current" = "$previous" ]; then break; fi
  previous=$current
  sleep 0.5
done

k get spofreports -A
echo
k get spofreports -n nospof-demo -o wide
echo
k get clusterspofreports

echo
say "enforcing single-replica in nospof-demo: the admission webhook now refuses a 1-replica Deployment"
k apply -f - >&2 <<'YAML'
apiVersion: nospof.dev/v1alpha1
kind: RedundancyPolicy
metadata: {name: demo-enforce}
spec:
  selector: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: nospof-demo}}}
  # The webhook's answer (the default, both, also generates a ValidatingAdmissionPolicy).
  admission: webhook
  defaultMode: audit
  checks: {single-replica: enforce}
YAML
lone=$(mktemp "$state/lone.XXXXXX.yaml")
cat >"$lone" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: lone, namespace: nospof-demo}
spec:
  replicas: 1
  selector: {matchLabels: {app: lone}}
  template:
    metadata: {labels: {app: lone}}
    spec: {containers: [{name: app, image: registry.example/lone:1}]}
YAML
# The operator hears the new policy within moments; a server-side dry run says when.
for _ in $(seq 1 60); do
  k apply --dry-run=server -f "$lone" >/dev/null 2>&1 || break
  sleep 0.5
done
echo "\$ kubectl apply -f lone.yaml   # a Deployment with replicas: 1"
k apply -f "$lone" 2>&1 || true

echo
say "remediation: a policy that fixes single-replica and missing-pdb for workloads labelled demo=remediate"
k apply -f - >&2 <<'YAML'
apiVersion: nospof.dev/v1alpha1
kind: RedundancyPolicy
metadata: {name: demo-remediate}
spec:
  selector: {objectSelector: {matchLabels: {demo: remediate}}}
  defaultMode: audit
  # remediate is stricter than the enforce above, so the webhook admits solo and nospof fixes it.
  checks: {single-replica: remediate, missing-pdb: remediate}
YAML
solo=$(mktemp "$state/solo.XXXXXX.yaml")
sed -e 's/lone/solo/g' -e 's/name: solo, namespace/name: solo, labels: {demo: remediate}, namespace/' "$lone" >"$solo"
for _ in $(seq 1 60); do
  k apply --dry-run=server -f "$solo" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "\$ kubectl apply -f solo.yaml   # the same, labelled demo=remediate"
k apply -f "$solo" 2>&1
# nospof lets a new workload settle (10 s) so that an HPA or PDB applied with it is seen first.
for _ in $(seq 1 60); do
  [ -n "$(k get pdb solo-nospof -n nospof-demo -o name 2>/dev/null)" ] && break
  sleep 0.5
done
echo "\$ kubectl get deployment/solo pdb/solo-nospof -n nospof-demo"
k get deployment/solo pdb/solo-nospof -n nospof-demo
echo "\$ kubectl get events -n nospof-demo --field-selector reason=SpofRemediated"
k get events -n nospof-demo --field-selector reason=SpofRemediated -o custom-columns=OBJECT:.involvedObject.name,MESSAGE:.message

if [ "$keep" = true ]; then
  echo
  echo "Still running. Explore with:"
  echo "  export KUBECONFIG=$kubeconfig"
  echo "  $kubectl get spof -n nospof-demo deployment-cart -o yaml"
  echo "Stop with: kill $operator_pid; $root/hack/control-plane.sh down $state/control-plane"
fi
