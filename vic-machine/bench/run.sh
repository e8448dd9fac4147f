#!/usr/bin/env bash
# Benchmarks of vic-machine against the embedded endpoint; figures documented in
# docs/benchmarks-vic-machine.md. Usage: vic-machine/bench/run.sh [VCH count for ls, default 50]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bin/lib.sh"
JAVA_HOME=$(vic_java_home); export JAVA_HOME
cd "$root"
./mvnw -B -ntp -q -pl vic-machine test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null
cp="vic-machine/target/classes:vic-machine/target/test-classes:$(cat vic-machine/target/bench.cp)"
"$JAVA_HOME/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.com.vmware=off -cp "$cp" dev.vch.vicmachine.bench.VicMachineBench "${1:-50}" \
  "$root/appliance/target/appliance.iso"
# the same ls as a user runs it: a fresh JVM per command (bin/vic-machine, class-data archive warm)
if [ -x bin/vic-machine ] && ls vic-machine/target/vic-machine-*.jar >/dev/null 2>&1; then
  echo "(bin/vic-machine start-up alone, 'version', warm archive:)"
  bin/vic-machine version >/dev/null
  for _ in 1 2 3; do /usr/bin/time -f "  %e s" bin/vic-machine version >/dev/null; done
fi
