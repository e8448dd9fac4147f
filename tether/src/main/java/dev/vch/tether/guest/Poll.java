package dev.vch.tether.guest;

/**
 * The pause between looks at sysfs while a device is being probed. The kernel offers no event to
 * wait on without udev/netlink plumbing, and these waits last milliseconds.
 */
final class Poll {

    private Poll() {
    }

    static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
