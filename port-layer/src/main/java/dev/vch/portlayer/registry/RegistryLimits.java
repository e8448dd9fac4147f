package dev.vch.portlayer.registry;

/** Sizes past which a registry's answer is refused rather than read. */
final class RegistryLimits {

    /** Docker's own limit for a manifest (distribution: 4 MiB). */
    static final int MAX_MANIFEST = 4 << 20;
    /** An image config; real ones are a few KiB, history-heavy ones a few hundred. */
    static final int MAX_CONFIG = 8 << 20;
    /** An error body. */
    static final int MAX_ERROR = 64 << 10;

    private RegistryLimits() {
    }
}
