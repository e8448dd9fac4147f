#!/bin/sh
# Prints the VM runtime figures (docs/benchmarks-vm-runtime.md). Usage: vsphere-sim/bench/runtime-run.sh [runs]
# Builds into target-runtime so it does not disturb a build in target/.
set -e
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
B=vsphere-sim/target-runtime
./mvnw -B -ntp -q -pl vsphere-sim -Dsim.build.dir=target-runtime test-compile \
  dependency:build-classpath -Dmdep.outputFile=target-runtime/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "$B/test-classes:$B/classes:$(cat $B/bench.classpath)" \
  dev.vch.sim.runtime.VmRuntimeBenchmark "${1:-5}"
