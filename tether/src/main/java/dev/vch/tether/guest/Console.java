package dev.vch.tether.guest;

import java.io.PrintStream;

/**
 * The tether's own messages on the VM console. Boot-phase lines carry the time since the JVM
 * started (what the benchmark reads); SLF4J is kept for the shared protocol code.
 */
final class Console {

    private static final long START = System.nanoTime();
    private static final PrintStream OUT = System.err;
    private static volatile boolean debug;

    private Console() {
    }

    static void debug(boolean on) {
        debug = on;
    }

    static void info(String msg) {
        OUT.println("tether " + ms() + " " + msg);
    }

    static void debug(String msg) {
        if (debug) info(msg);
    }

    static long ms() {
        return (System.nanoTime() - START) / 1_000_000;
    }
}
