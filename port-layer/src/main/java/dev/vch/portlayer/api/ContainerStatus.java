package dev.vch.portlayer.api;

/** Lifecycle states, named as Docker names them in {@code State.Status}. */
public enum ContainerStatus {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    /** Docker's lower-case spelling ("running"). */
    public String dockerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
