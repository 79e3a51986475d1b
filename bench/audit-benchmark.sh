#!/usr/bin/env bash
# Benchmark of `nospof audit` (a benchmark, not a test: it prints figures and asserts nothing).
# Generates 10,000 workloads with a PDB and an HPA each across 200 namespaces, audits them as
# 200 files and as one multi-document file, and a small input of 5 documents, each RUNS times;
# prints wall time, CPU time (user + system), documents per second and peak RSS of every run.
#
#   bench/audit-benchmark.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }
[ -d "$root/target/quarkus-app/lib/main" ] || (cd "$root" && mvn -B -q package -DskipTests)

work=$(mktemp -d "${TMPDIR:-/tmp}/nospof-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/generate_manifests.py" 10000 200 "$work/large"
mkdir -p "$work/one-file"
for file in "$work/large"/*.yaml; do cat "$file"; echo "---"; done >"$work/one-file/all.yaml"
mkdir -p "$work/small"
cp "$root/deploy/examples/web-single-replica.yaml" "$root/deploy/examples/legacy-drain-deadlock.yaml" \
   "$root/deploy/examples/worker-hpa-floor.yaml" "$work/small/"

measure() { # label dir
  local label=$1 dir=$2 docs
  docs=$(cat "$dir"/*.yaml | grep -c '^kind:')
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$root/bin/nospof" audit "$dir" -o json --fail-on none >"$work/out.json" || true
    read -r wall user sys rss <"$work/time"
    awk -v l="$label" -v r="$run" -v d="$docs" -v w="$wall" -v c="$(echo "$user $sys" | awk '{print $1 + $2}')" -v m="$rss" \
      'BEGIN { printf "%-8s run %d: %6d documents  %6.2f s wall  %6.2f s CPU  %8.0f documents/s  %6.0f MiB peak RSS\n", l, r, d, w, c, (w > 0 ? d / w : 0), m / 1024 }'
  done
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
measure large "$work/large"
measure one-file "$work/one-file"
measure small "$work/small"
