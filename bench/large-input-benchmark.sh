#!/usr/bin/env bash
# Benchmark of `nospof audit` on large inputs (a benchmark, not a test: it prints figures and
# asserts nothing): DOCS small Deployments as one multi-document file and the same documents
# over 200 files (reading must not depend on how documents are spread over files), and one file
# of MEGABYTES MB (reading must stream: memory follows the objects kept, not the file).
#
#   bench/large-input-benchmark.sh [DOCS [MEGABYTES]]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
docs=${1:-32000}
megabytes=${2:-200}
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }
[ -d "$root/target/quarkus-app/lib/main" ] || (cd "$root" && mvn -B -q package -DskipTests)

work=$(mktemp -d "${TMPDIR:-/tmp}/nospof-large.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/generate_large_input.py" "$work" "$docs" 200 "$megabytes"

measure() { # label path format
  /usr/bin/time -f '%e %U %M' -o "$work/time" "$root/bin/nospof" audit "$2" -o "$3" --fail-on none >/dev/null 2>"$work/err" || true
  read -r wall user rss <"$work/time"
  awk -v l="$1" -v f="$3" -v w="$wall" -v u="$user" -v m="$rss" \
    'BEGIN { printf "%-28s -o %-5s %7.2f s wall %7.2f s user %7.0f MiB peak RSS\n", l, f, w, u, m / 1024 }'
  grep -m 3 . "$work/err" || true
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
measure "$docs documents, 1 file" "$work/one.yaml" json
measure "$docs documents, 200 files" "$work/split" json
measure "$megabytes MB, 1 file" "$work/big.yaml" json
measure "$megabytes MB, 1 file" "$work/big.yaml" table
