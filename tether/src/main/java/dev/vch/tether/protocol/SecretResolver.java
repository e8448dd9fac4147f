package dev.vch.tether.protocol;

import java.util.Optional;

/** Host side: the link secret of a container (from its extraConfig key {@code guestinfo.vice./key}). */
@FunctionalInterface
public interface SecretResolver {
    Optional<byte[]> secretFor(String containerId);
}
