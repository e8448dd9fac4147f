#!/bin/busybox sh
# /init (PID 1) of the runtime ITs' guest. It implements the guest side of
# docs/design/guestinfo-channel.md in shell; guestinfo.test.mode (read from fw_cfg) picks what it does.
/bin/busybox mount -t devtmpfs dev /dev
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
/bin/busybox --install -s /bin
echo "VCH-TEST-INIT $(cat /proc/uptime)"
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_console qemu_fw_cfg vmxnet3 evdev button pvpanic pvpanic-mmio; do
  insmod /lib/modules/$m.ko || echo "insmod $m failed"
done
# ShutdownGuest arrives as the ACPI power button
mkdir -p /etc/acpi/PWRF
printf '#!/bin/sh\npoweroff -f\n' > /etc/acpi/PWRF/00000080
chmod +x /etc/acpi/PWRF/00000080
acpid -d -c /etc/acpi >/dev/null 2>&1 &
GI=/sys/firmware/qemu_fw_cfg/by_name/opt/vsphere/guestinfo/raw
fw() { sed -n "s/^$1=//p" $GI; }
# the /dev node of the virtio port named $1 (devtmpfs creates it once the driver probed)
port() {
  i=0
  while [ $i -lt 100 ]; do
    for d in /sys/class/virtio-ports/*; do
      if [ -e "$d/name" ] && [ "$(cat $d/name)" = "$1" ] && [ -e /dev/${d##*/} ]; then echo /dev/${d##*/}; return 0; fi
    done
    sleep 0.1; i=$((i+1))
  done
  return 1
}
# one request on the guestinfo port, answer in REPLY (writes block while the host end is down)
rpc() { echo "$1" >&3; REPLY=""; read -r -t 5 REPLY <&3; }
idle() {
  last=""
  while true; do
    rpc "get guestinfo.test.ping"
    case "$REPLY" in "ok "*) v=${REPLY#ok }; if [ "$v" != "$last" ]; then rpc "set guestinfo.test.pong $v"; last=$v; fi;; esac
    sleep 0.2
  done
}

GP=$(port vsphere.guestinfo) || { echo "no vsphere.guestinfo port"; poweroff -f; }
exec 3<>$GP
echo "VCH-TEST-PORTS $(cat /sys/class/virtio-ports/*/name | tr '\n' ' ')"
case "$(fw guestinfo.test.mode)" in
rpc)
  rpc "get guestinfo.test.in"; got=$REPLY
  rpc "get guestinfo.test.absent"; absent=$REPLY
  rpc "list guestinfo.test."; listed=$REPLY
  n=${REPLY#ok }; while [ "$n" -gt 0 ] 2>/dev/null; do read -r -t 5 line <&3; n=$((n-1)); done
  rpc "bogus"; bogus=${REPLY%% *}
  rpc "set guestinfo.test.out fw=$(fw guestinfo.test.in);rpc=$got;absent=$absent;list=$listed;bogus=$bogus"
  SP=$(port vsphere.serial0) && echo "hello over vsphere.serial0" > $SP
  poweroff -f
  ;;
panic)
  rpc "set guestinfo.test.ready 1"
  exit 3 # PID 1 exits: kernel panic, reported through pvpanic
  ;;
net)
  ip addr add "$(fw guestinfo.test.ip)" dev eth0
  ip link set eth0 up
  rpc "set guestinfo.test.ready 1"
  peer=$(fw guestinfo.test.peer)
  if [ -n "$peer" ]; then
    until rpc "get guestinfo.test.go" && [ "$REPLY" = "ok 1" ]; do sleep 0.2; done
    res=fail; i=0
    while [ $i -lt 60 ]; do ping -c 1 -W 1 "$peer" >/dev/null 2>&1 && { res=ok; break; }; i=$((i+1)); done
    rpc "set guestinfo.test.peer.result $res"
    res=reached; ping -c 3 -W 1 "$(fw guestinfo.test.stranger)" >/dev/null 2>&1 || res=unreachable
    rpc "set guestinfo.test.stranger.result $res"
  fi
  idle
  ;;
devices)
  # hot-plug: report what the guest sees whenever it changes; greet every serial port once
  for m in scsi_common scsi_mod vmw_pvscsi sd_mod libata ata_piix cdrom sr_mod; do insmod /lib/modules/$m.ko || echo "insmod $m failed"; done
  last=""; greeted=" "
  while true; do
    disks=""; for b in /sys/block/sd*; do [ -e "$b/size" ] && disks="$disks${b##*/}:$(cat $b/size),"; done
    cd=$(dd if=/dev/sr0 bs=2048 skip=16 count=1 2>/dev/null | dd bs=1 skip=40 count=32 2>/dev/null | tr -d ' \000')
    ports=""
    for d in /sys/class/virtio-ports/*; do
      [ -e "$d/name" ] || continue
      n=$(cat $d/name); ports="$ports$n,"
      case "$n" in vsphere.serial*)
        case "$greeted" in *" $n "*) ;; *) [ -e /dev/${d##*/} ] && echo "hello from $n" > /dev/${d##*/} && greeted="$greeted$n ";; esac;;
      esac
    done
    now="disks=$disks;cd=$cd;ports=$ports"
    if [ "$now" != "$last" ]; then rpc "set guestinfo.test.devices $now"; last=$now; fi
    sleep 0.3
  done
  ;;
*)
  rpc "set guestinfo.test.ready 1"
  idle
  ;;
esac
