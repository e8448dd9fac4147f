package dev.vch.sim.runtime;

/** A running VM whose host-side channels can be let go while its process keeps running. */
interface Detachable {
    void detach();
}
