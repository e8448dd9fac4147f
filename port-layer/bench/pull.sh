#!/usr/bin/env bash
# Benchmark of docker pull: a generated 5-layer image (~100 MB, random data, gzipped) on a local
# docker-registry, pulled into a fresh image store (RegistryPullBench, port-layer test sources)
# and copied by `skopeo copy docker://... dir:...`, side by side, alternating, 3 rounds.
# Figures and how to read them: docs/benchmarks-registry.md. Argument: MiB per layer (20).
set -euo pipefail
MODULE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$MODULE/.." && pwd)
# shellcheck source=bin/lib.sh
source "$ROOT/bin/lib.sh"
JAVA_HOME=$(vic_java_home)
export JAVA_HOME
command -v skopeo >/dev/null || { echo "pull.sh: skopeo is missing (apt-get install skopeo)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/vch-pull-bench.XXXXXX)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
cd "$ROOT"
./mvnw -B -ntp -q -pl port-layer -am test-compile -DskipTests
./mvnw -B -ntp -q -pl port-layer dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$WORK/cp.txt")"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" dev.vch.portlayer.image.RegistryPullBench serve "$WORK" "${1:-20}" \
  > "$WORK/serve.out" 2>&1 &
SERVER=$!
until grep -q '^READY ' "$WORK/serve.out"; do
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.out"; exit 1; }
  sleep 0.5
done
DOMAIN=$(sed -n 's/^READY //p' "$WORK/serve.out")
grep '^image:' "$WORK/serve.out"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2 3; do
  start=$(date +%s.%N)
  skopeo copy -q --src-tls-verify=false "docker://$DOMAIN/bench:1" "dir:$WORK/skopeo-$round"
  end=$(date +%s.%N)
  printf 'round %d: skopeo copy %.2f s\n' "$round" "$(echo "$end - $start" | bc)"
  rm -rf "$WORK/skopeo-$round"
  printf 'round %d: ' "$round"
  "$JAVA_HOME/bin/java" -Xmx192m --enable-native-access=ALL-UNNAMED -cp "$CP" \
    dev.vch.portlayer.image.RegistryPullBench pull "$WORK" "$DOMAIN" 2>/dev/null | grep -E '^(fetch|pull):'
  rm -rf "$WORK"/pull*
done
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
