#!/usr/bin/env bash
# The operator at scale (a benchmark, not a test: it prints figures and asserts nothing), on a
# control plane of its own: WORKLOADS workloads in 200 namespaces (a tenth StatefulSets, the rest
# Deployments with their ReplicaSets; half with a PDB, a fifth of the Deployments with an HPA),
# 30 nodes in 3 zones and 3 ready pods per workload bound to them. It measures the raw write time
# of WORKLOADS reports by a bare client, then starts the packaged operator (with the chart's JVM
# settings; NOSPOF_BENCH_OPERATOR_OPTS replaces them, "" for the JVM's defaults) and prints: JVM
# start to first report, the initial sync and its ratio to the raw write time, API writes per
# workload, resident memory and heap after sync, writes while idle, and change -> report latency.
#
#   bench/scale-benchmark.sh [WORKLOADS [IDLE_SECONDS [CHANGES]]]      (default 1000 180 200)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$root/target/quarkus-app/quarkus-run.jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
work=$(mktemp -d "${TMPDIR:-/tmp}/nospof-scale-bench.XXXXXX")
log="${TMPDIR:-/tmp}/nospof-scale-benchmark-operator.log"
cleanup() {
  "$root/hack/control-plane.sh" down "$work/plane" >/dev/null 2>&1 || true
  cp "$work/operator.log" "$log" 2>/dev/null && echo "operator log: $log"
  rm -rf "$work"
}
trap cleanup EXIT
kubeconfig=$("$root/hack/control-plane.sh" up "$work/plane" --watch-pid $$ | tail -1)
kubectl="$(cat "$work/plane/bin-dir")/kubectl"
"$kubectl" --kubeconfig "$kubeconfig" apply --server-side -f "$root/deploy/crds" >/dev/null
app="$root/target/quarkus-app"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
java -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" "$root/bench/ScaleBenchmark.java" "$kubeconfig" "$app/quarkus-run.jar" "$work" \
  "${1:-1000}" "${2:-180}" "${3:-200}"
