#!/usr/bin/env bash
# End-to-end benchmark of a VCH on the embedded endpoint with the real docker CLI; figures
# documented in docs/benchmarks-end-to-end.md.
# Usage: appliance/bench/run.sh [docker run repetitions, default 5] [containers for ps, default 100]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bin/lib.sh"
JAVA_HOME=$(vic_java_home); export JAVA_HOME
cd "$root"
# the reactor with upstream modules (never ~/.m2's snapshots), packaged: appliance.iso takes their jars
./mvnw -B -ntp -q -pl appliance -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
cp="$root/appliance/target/classes:$root/appliance/target/test-classes:$(cat appliance/target/bench.cp)"
cd appliance
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA_HOME/bin/java" -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  dev.vch.appliance.it.EndToEndBenchmark "${1:-5}" "${2:-100}"
