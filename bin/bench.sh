#!/usr/bin/env bash
# Runs the benchmarks and prints their figures. Each module keeps its own under
# <module>/bench/*.sh; `./vic bench` runs them all, `./vic bench MODULE` one module's.
# Figures and how to read them: docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
only=${1:-}
found=0
for script in */bench/*.sh; do
  [ -e "$script" ] || continue
  module=${script%%/*}
  [ -z "$only" ] || [ "$only" = "$module" ] || continue
  found=1
  echo "=== $script"
  bash "$script"
done
if [ "$found" -eq 0 ]; then
  echo "bench: no benchmark found${only:+ for module '$only'}" >&2
  exit 1
fi
