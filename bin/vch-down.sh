#!/usr/bin/env bash
# ./vic down [NAME]: delete VCH NAME; stop the embedded endpoint when no VCH is left. Idempotent.
set -euo pipefail
# shellcheck source=vic-machine/scripts/vch-common.sh
source "$(dirname "$0")/../vic-machine/scripts/vch-common.sh"
NAME=${1:-vch1}
if ! sim_running; then
  echo "vic: the embedded vSphere endpoint is not running; nothing to delete" >&2
  rm -rf "$(vch_certs "$NAME")" "$SIM_ENV"
  exit 0
fi
if vm inspect --name "$NAME" >/dev/null 2>&1; then
  vm delete --name "$NAME" --force
else
  echo "vic: no VCH $NAME on $VIC_SIM_URL" >&2
fi
rm -rf "$(vch_certs "$NAME")"
left=$(vm ls | tail -n +2 | grep -c . || true)
if [ "$left" -eq 0 ]; then
  echo "vic: no VCH left; stopping the embedded endpoint (pid $VIC_SIM_PID)" >&2
  kill "$VIC_SIM_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$VIC_SIM_PID" 2>/dev/null || break; sleep 0.1; done
  rm -f "$SIM_ENV"
else
  echo "vic: $left VCH(s) left; the embedded endpoint keeps running" >&2
fi
