package dev.vch.tether.guest;

/**
 * Where things are in the guest. The initramfs keeps everything of the tether under
 * {@code /.tether} (JRE, jars, kernel modules) so that the same paths stay valid after the switch
 * into the container's root, where that directory is bind-mounted (as VIC did).
 */
final class GuestPaths {

    static final String TETHER = "/.tether";
    static final String MODULE_LIST = TETHER + "/modules.load";
    static final String NEW_ROOT = "/newroot";
    static final String FW_CFG_GUESTINFO = "/sys/firmware/qemu_fw_cfg/by_name/opt/vsphere/guestinfo/raw";
    static final String VIRTIO_PORTS = "/sys/class/virtio-ports";
    static final String GUESTINFO_PORT = "vsphere.guestinfo";
    static final String LINK_PORT = "vsphere.serial0";
    static final String LINK_FALLBACK = "/dev/ttyS0";
    static final String CONTAINER_LABEL = "containerfs";

    private GuestPaths() {
    }
}
