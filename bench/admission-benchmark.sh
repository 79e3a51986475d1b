#!/usr/bin/env bash
# Benchmark of the admission webhook (a benchmark, not a test: it prints figures and asserts
# nothing), on a control plane of its own:
#  (a) the webhook endpoint driven directly over TLS on loopback at RATE requests/s for SECONDS,
#      with the operator's caches holding WORKLOADS workloads' PDBs and HPAs;
#  (b) Deployments created through the API server by 50 concurrent clients with the webhook
#      registered, with no webhook, and with a webhook that does nothing (the floor of what any
#      webhook costs on the machine), in one run.
# NOSPOF_BENCH_OPERATOR_OPTS adds JVM options to the operator (e.g. a JFR recording).
#
#   bench/admission-benchmark.sh [WORKLOADS [RATE [SECONDS [CREATES]]]]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$root/target/quarkus-app/quarkus-run.jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
work=$(mktemp -d "${TMPDIR:-/tmp}/nospof-admission-bench.XXXXXX")
log="${TMPDIR:-/tmp}/nospof-admission-benchmark-operator.log"
cleanup() {
  "$root/hack/control-plane.sh" down "$work/plane" >/dev/null 2>&1 || true
  cp "$work/operator.log" "$log" 2>/dev/null && echo "operator log: $log"
  rm -rf "$work"
}
trap cleanup EXIT
kubeconfig=$("$root/hack/control-plane.sh" up "$work/plane" --watch-pid $$ | tail -1)
kubectl="$(cat "$work/plane/bin-dir")/kubectl"
"$kubectl" --kubeconfig "$kubeconfig" apply --server-side -f "$root/deploy/crds" >/dev/null
cd "$root" # the harness starts its null webhook from bench/
app="$root/target/quarkus-app"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
java -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" "$root/bench/AdmissionBenchmark.java" "$kubeconfig" "$app/quarkus-run.jar" "$work" \
  "${1:-10000}" "${2:-200}" "${3:-60}" "${4:-1000}"
