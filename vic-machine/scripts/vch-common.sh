# Shared by vch-up.sh, vch-env.sh and vch-down.sh (./vic up|env|down). Sourced, not run.
# shellcheck source=bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib.sh"

SIM_DIR=$VIC_HOME/sim
SIM_ENV=$VIC_HOME/sim.env

# Loads the recorded endpoint (VIC_SIM_PID, VIC_SIM_URL, VIC_SIM_THUMBPRINT, VIC_SIM_USER,
# VIC_SIM_PASSWORD) and succeeds when its process is still alive.
sim_running() {
  [ -f "$SIM_ENV" ] || return 1
  # shellcheck disable=SC1090
  source "$SIM_ENV"
  [ -n "${VIC_SIM_PID:-}" ] && kill -0 "$VIC_SIM_PID" 2>/dev/null
}

vch_certs() {
  echo "$VIC_HOME/vchs/$1"
}

# vic-machine SUBCOMMAND... against the recorded endpoint
vm() {
  "$VIC_ROOT/bin/vic-machine" "$@" --target "$VIC_SIM_URL" --user "$VIC_SIM_USER" \
    --password "$VIC_SIM_PASSWORD" --thumbprint "$VIC_SIM_THUMBPRINT"
}
