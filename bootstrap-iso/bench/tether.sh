#!/usr/bin/env bash
# Boots bootstrap.iso under qemu (TCG) a few times and prints the tether's figures:
# boot to "process started", link throughput, idle qemu RSS, ISO size (docs/benchmarks-tether.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} ./mvnw -B -ntp -q -pl bootstrap-iso -am test \
  -Dtest=TetherBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep '^\[bench\]\|^\[iso\]'
