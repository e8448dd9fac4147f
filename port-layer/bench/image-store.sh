#!/usr/bin/env bash
# Benchmark of the image store: `docker load` of a generated 5-layer, ~100 MB archive into a
# store on a local-directory datastore, split by phase (ImageStoreBench, port-layer test sources).
# Figures and how to read them: docs/benchmarks-image-store.md. Argument: MiB per layer (20).
set -euo pipefail
MODULE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$MODULE/.." && pwd)
# shellcheck source=bin/lib.sh
source "$ROOT/bin/lib.sh"
JAVA_HOME=$(vic_java_home)
export JAVA_HOME
WORK=$(mktemp -d /tmp/vch-image-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
./mvnw -B -ntp -q -pl port-layer -am test-compile -DskipTests
./mvnw -B -ntp -q -pl port-layer dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -Xmx128m --enable-native-access=ALL-UNNAMED \
  -cp "$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$WORK/cp.txt")" \
  dev.vch.portlayer.image.ImageStoreBench "$WORK/store" "${1:-20}"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
