package dev.vch.tether.guest;

/**
 * Platform threads for the guest's blocking work: the FFM reads and writes it does would pin a
 * virtual thread's carrier anyway.
 */
final class Threads {

    private Threads() {
    }

    static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
