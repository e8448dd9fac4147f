package dev.vch.portlayer.api;

import java.util.Map;
import java.util.Set;

/**
 * Which containers {@link ContainerService#list} returns. Empty sets mean "no
 * restriction"; each non-empty set must match (OR inside a set, AND across sets).
 *
 * @param all       include stopped containers
 * @param limit     at most this many, newest first; 0 = no limit
 * @param ids       id prefixes
 * @param names     name substrings
 * @param labels    label key to required value; a null value means "the key is present"
 * @param ancestors normalised image references or image ids
 * @param exitCodes exit codes of stopped containers
 * @param before    a container ref: only containers created before it, or null
 * @param since     a container ref: only containers created after it, or null
 */
public record ContainerFilter(boolean all, int limit, Set<String> ids, Set<String> names,
                              Map<String, String> labels, Set<ContainerStatus> statuses, Set<String> ancestors,
                              Set<Integer> exitCodes, String before, String since) {
    public ContainerFilter {
        ids = ids == null ? Set.of() : Set.copyOf(ids);
        names = names == null ? Set.of() : Set.copyOf(names);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(labels));
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        ancestors = ancestors == null ? Set.of() : Set.copyOf(ancestors);
        exitCodes = exitCodes == null ? Set.of() : Set.copyOf(exitCodes);
    }

    /** Running containers only, no other restriction (plain {@code docker ps}). */
    public static ContainerFilter running() {
        return new ContainerFilter(false, 0, null, null, null, null, null, null, null, null);
    }

    /** Every container ({@code docker ps -a}). */
    public static ContainerFilter everything() {
        return new ContainerFilter(true, 0, null, null, null, null, null, null, null, null);
    }
}
