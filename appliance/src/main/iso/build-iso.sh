#!/bin/sh
# Builds appliance.iso: the appliance jar and its dependencies, run.sh, and
# /host-process.properties (docs/design/guestinfo-channel.md, section 5).
# usage: build-iso.sh <jar tool> <classes dir> <staging dir (lib/ already filled)> <output iso>
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jartool=$1 classes=$2 stage=$3 out=$4
mkdir -p "$stage/appliance/lib"
rm -f "$stage/appliance/lib/appliance.jar"
"$jartool" --create --file "$stage/appliance/lib/appliance.jar" -C "$classes" .
cp "$here/appliance/run.sh" "$stage/appliance/run.sh"
chmod 755 "$stage/appliance/run.sh"
cp "$here/host-process.properties" "$stage/host-process.properties"
rm -f "$out"
xorriso -as mkisofs -R -J -V VCH_APPLIANCE -o "$out" "$stage" 2>"$out.log" || { cat "$out.log" >&2; exit 1; }
