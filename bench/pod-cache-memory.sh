#!/usr/bin/env bash
# Heap held per pod by the operator's pod cache, as received and as pruned (a benchmark: it
# prints figures). bench/pod-cache-memory.sh [PODS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ -d "$root/target/quarkus-app/lib/main" ] || (cd "$root" && mvn -B -q package -DskipTests)
app="$root/target/quarkus-app"
java -XX:+UseSerialGC -Xmx4g -cp "$app/app/*:$app/lib/main/*" "$root/bench/PodCacheMemory.java" "${1:-20000}"
