#!/bin/busybox sh
# /init of bootstrap.iso's initramfs: PID 1 until it execs the tether (its argv after "--" on the
# kernel command line). The JRE and the tether are not in the initramfs: they are the ISO's /tether
# directory, read from the CD-ROM (IDE, as ESXi and the embedded endpoint present it), so that
# the kernel has little to unpack and guest RAM holds only the pages the JVM touches.
B=/bin/busybox

fail() {
    echo "init: $*"
    $B poweroff -f
}

$B mount -t devtmpfs -o mode=0755 devtmpfs /dev || fail "Tried to mount devtmpfs on /dev but failed"
for m in $($B cat /modules.load); do
    $B insmod /modules/"$m" || echo "init: module $m not loaded"
done
# the CD's device node appears when the IDE probe has found it; wait up to 5 s
tries=0
while :; do
    for d in /dev/sr*; do
        [ -b "$d" ] || continue
        if $B mount -t iso9660 -o ro "$d" /.cdrom 2>/dev/null; then
            [ -f /.cdrom/tether/java.args ] && break 2
            $B umount /.cdrom
        fi
    done
    tries=$((tries + 1))
    [ $tries -gt 500 ] && fail "Tried to mount the bootstrap ISO's /tether from a CD-ROM but failed because no CD-ROM holding it appeared within 5 s (an IDE CD-ROM driven by ata_piix is expected)"
    $B usleep 10000
done
# the same paths the tether's AOT cache was made with
$B mount -o bind /.cdrom/tether /.tether || fail "Tried to bind /.cdrom/tether on /.tether but failed"
$B umount /dev
exec "$@"
