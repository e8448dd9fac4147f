#!/usr/bin/env bash
# ./vic up [NAME]: start the embedded vSphere endpoint (or reuse the running one) and create VCH
# NAME on it, then print the exports to use it. Idempotent: an existing VCH is left as it is.
set -euo pipefail
# shellcheck source=vic-machine/scripts/vch-common.sh
source "$(dirname "$0")/../vic-machine/scripts/vch-common.sh"
NAME=${1:-vch1}
mkdir -p "$SIM_DIR" "$VIC_HOME/vchs"

start_sim() {
  local pwfile=$VIC_HOME/sim.password log=$SIM_DIR/sim.log pid url thumb i
  [ -s "$pwfile" ] || (umask 077; head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$pwfile")
  : >"$log"
  nohup "$VIC_ROOT/bin/vsphere-sim" --listen 127.0.0.1:0 --user root --password "$(cat "$pwfile")" \
    --state "$SIM_DIR/state" --model "${VIC_SIM_MODEL:-esx}" >"$log" 2>&1 &
  pid=$!
  for i in $(seq 1 300); do
    url=$(sed -n 's/^SDK URL: *//p' "$log" | head -1)
    thumb=$(sed -n 's/^Thumbprint: *//p' "$log" | head -1)
    [ -n "$url" ] && [ -n "$thumb" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "vic: the embedded endpoint did not start; its log ($log):" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  if [ -z "$url" ] || [ -z "$thumb" ]; then
    echo "vic: the embedded endpoint printed no SDK URL within 60 s; see $log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  (umask 077; cat >"$SIM_ENV" <<ENV
VIC_SIM_PID=$pid
VIC_SIM_URL=$url
VIC_SIM_THUMBPRINT=$thumb
VIC_SIM_USER=root
VIC_SIM_PASSWORD=$(cat "$pwfile")
ENV
)
  echo "vic: embedded vSphere endpoint at $url (pid $pid, state in $SIM_DIR/state)" >&2
}

if sim_running; then
  echo "vic: reusing the embedded vSphere endpoint at $VIC_SIM_URL (pid $VIC_SIM_PID)" >&2
else
  start_sim
  sim_running
fi

if vm inspect --name "$NAME" >/dev/null 2>&1; then
  echo "vic: VCH $NAME exists already" >&2
else
  vm update firewall --allow >&2
  vm create --name "$NAME" --tls-cert-path "$(vch_certs "$NAME")" >&2
fi
# The README example runs offline: seed busybox:latest (built by port-layer) unless present.
exports=$("$VIC_ROOT/bin/vch-env.sh" "$NAME")
busybox=$VIC_ROOT/port-layer/target/busybox.tar
if command -v docker >/dev/null 2>&1 && [ -f "$busybox" ]; then
  if ! (eval "$exports"; docker image inspect busybox:latest >/dev/null 2>&1); then
    echo "vic: loading busybox:latest into $NAME" >&2
    (eval "$exports"; docker load -i "$busybox" >&2)
  fi
fi
echo "$exports"
