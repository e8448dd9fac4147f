#!/usr/bin/env bash
# ./vic env [NAME]: print the exports that point docker and vic-machine at VCH NAME
# (use: eval "$(./vic env NAME)").
set -euo pipefail
# shellcheck source=vic-machine/scripts/vch-common.sh
source "$(dirname "$0")/../vic-machine/scripts/vch-common.sh"
NAME=${1:-vch1}
if ! sim_running; then
  echo "vic: the embedded vSphere endpoint is not running; run ./vic up $NAME" >&2
  exit 1
fi
certs=$(vch_certs "$NAME")
envfile=$certs/$NAME.env
if [ ! -f "$envfile" ]; then
  echo "vic: no VCH $NAME was created by ./vic up ($envfile is missing); run ./vic up $NAME" >&2
  exit 1
fi
hostport=$(sed -n 's/^DOCKER_HOST=//p' "$envfile" | head -1)
# https://host:port/sdk -> https://root@host:port/sdk
target=$(echo "$VIC_SIM_URL" | sed "s|://|://$VIC_SIM_USER@|")
echo "export DOCKER_HOST=tcp://$hostport"
if grep -q '^DOCKER_TLS_VERIFY=1' "$envfile"; then
  echo "export DOCKER_TLS_VERIFY=1"
  echo "export DOCKER_CERT_PATH=$certs"
fi
echo "export VIC_TARGET=$target"
echo "export VIC_THUMBPRINT=$VIC_SIM_THUMBPRINT"
echo "export VIC_PASSWORD=$VIC_SIM_PASSWORD"
echo "# Run this command to configure your shell: eval \"\$(./vic env $NAME)\""
