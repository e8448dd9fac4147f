package dev.vch.portlayer.api;

/** What {@link ContainerService#wait} waits for, as in Docker's {@code ?condition=}. */
public enum WaitCondition {
    /** Returns at once if the container is not running, else at its exit. */
    NOT_RUNNING,
    /** The next exit, even if the container is not running now (it waits for a start). */
    NEXT_EXIT,
    /** The container has been removed (after its exit; with auto-remove). */
    REMOVED
}
