#!/bin/sh
# Builds appliance.iso: the appliance jar and its dependencies, run.sh, and
# /host-process.properties (docs/design/guestinfo-channel.md, section 5).
# usage: build-iso.sh <appliance jar> <staging dir (lib/ already filled)> <output iso>
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar=$1 stage=$2 out=$3
mkdir -p "$stage/appliance/lib"
cp "$jar" "$stage/appliance/lib/appliance.jar"
cp "$here/appliance/run.sh" "$stage/appliance/run.sh"
chmod 755 "$stage/appliance/run.sh"
cp "$here/host-process.properties" "$stage/host-process.properties"
rm -f "$out"
xorriso -as mkisofs -quiet -R -J -V VCH_APPLIANCE -o "$out" "$stage"
