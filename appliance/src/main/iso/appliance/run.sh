#!/bin/sh
# Starts the VCH appliance on the host of the embedded vSphere endpoint: finds a JDK 25
# (JAVA_HOME, else /usr/lib/jvm) and runs dev.vch.appliance.Main. The appliance's log goes to
# $VSPHERE_VM_DIR/appliance.log, which the log server (2378) serves.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
java=""
is25() { "$1" -version 2>&1 | head -n 1 | grep -q '"25'; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && is25 "$JAVA_HOME/bin/java"; then
  java="$JAVA_HOME/bin/java"
else
  for j in /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*/bin/java; do
    if [ -x "$j" ] && is25 "$j"; then java=$j; break; fi
  done
fi
if [ -z "$java" ]; then
  echo "appliance: no JDK 25 found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
  exit 4
fi
logdir=${VSPHERE_VM_DIR:-/tmp}
# --add-opens: yavijava maps SOAP faults to exceptions by reflection into java.lang
exec "$java" -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k --add-opens java.base/java.lang=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.logFile="$logdir/appliance.log" \
  -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSSXXX" \
  -cp "$dir/lib/*" dev.vch.appliance.Main
