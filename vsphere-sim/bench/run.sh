#!/usr/bin/env bash
# Benchmarks of the embedded endpoint; figures documented in docs/benchmarks-vsphere-sim.md.
# Usage: vsphere-sim/bench/run.sh [VM count, default 5000]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bin/lib.sh"
JAVA_HOME=$(vic_java_home); export JAVA_HOME
cd "$root"
./mvnw -B -ntp -q -pl vsphere-sim test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
cp="vsphere-sim/target/classes:vsphere-sim/target/test-classes:$(cat vsphere-sim/target/bench.cp)"
exec "$JAVA_HOME/bin/java" -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" dev.vch.sim.bench.SimBenchmark "${1:-5000}"
