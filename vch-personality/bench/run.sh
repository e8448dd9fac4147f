#!/usr/bin/env bash
# Benchmark of the Docker API server (vch-personality). Starts the server over the fake
# port layer in its own JVM, runs the load client against it, prints the figures.
# Figures and how to read them: docs/benchmarks-personality.md.
# Environment: CONNECTIONS (8), SECONDS_LOAD (10), SERVER_OPTS (JVM options of the server).
set -euo pipefail
MODULE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$MODULE/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d /tmp/vch-personality-bench.XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
./mvnw -B -ntp -q -pl vch-personality test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$WORK/cp.txt")"
mkdir -p "$WORK/classes"
"$JAVA_HOME/bin/javac" -q -d "$WORK/classes" -cp "$CP" \
  "$MODULE"/bench/src/dev/vch/personality/bench/*.java 2>/dev/null || \
  "$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" "$MODULE"/bench/src/dev/vch/personality/bench/*.java

# The server as the appliance would run it: small heap, serial GC (see the doc for why).
SERVER_OPTS=${SERVER_OPTS:--Xms8m -Xmx64m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -Xss512k}
# shellcheck disable=SC2086
"$JAVA" $SERVER_OPTS -cp "$CP" dev.vch.personality.fake.FakeServerMain "$WORK/certs" 0 \
  > "$WORK/server.out" 2> "$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q LISTENING "$WORK/server.out" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
PORT=$(sed -n 's/^LISTENING 127.0.0.1:\([0-9]*\)$/\1/p' "$WORK/server.out")
[ -n "$PORT" ] || { echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
sleep 2 # idle means idle: let start-up work finish before the first RSS reading

echo "machine: $(nproc) cores, $(awk '/model name/ {sub(/^.*: /, ""); print; exit}' /proc/cpuinfo); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "server JVM options: $SERVER_OPTS"
echo "load average before the run (other work on this machine competes for the same cores): $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "$WORK/classes:$CP" dev.vch.personality.bench.PersonalityBench \
  "$WORK/certs" "$PORT" "$SERVER_PID" "${CONNECTIONS:-8}" "${SECONDS_LOAD:-10}"
python3 "$MODULE/bench/handshake.py" "$WORK/certs" "$PORT" 300
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "access log lines written by the server: $(grep -c ' op=' "$WORK/server.log" || true)"
