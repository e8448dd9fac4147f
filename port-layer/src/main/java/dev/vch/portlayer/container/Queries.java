package dev.vch.portlayer.container;

import dev.vch.portlayer.api.Container;
import dev.vch.portlayer.api.ContainerFilter;
import dev.vch.portlayer.api.ContainerState;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.image.store.Reference;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** docker ps filtering and the Container view of a record. */
final class Queries {
    private Queries() {
    }

    static Container toContainer(ContainerRecord c) {
        List<Container.NetworkEndpoint> nets = "none".equals(c.spec.networkMode()) ? List.of()
                : List.of(new Container.NetworkEndpoint("bridge", "bridge", c.id, "", 0, "", ""));
        return c.toContainer(nets);
    }

    /**
     * @param before only containers created before this (the before filter's container), or null
     * @param since  only containers created after this (the since filter's container), or null
     */
    static List<Container> list(List<ContainerRecord> records, ContainerFilter f, Instant before, Instant since) {
        var stream = records.stream().map(Queries::toContainer).filter(c -> matches(c, f))
                .filter(c -> before == null || c.created().isBefore(before))
                .filter(c -> since == null || c.created().isAfter(since))
                .sorted(Comparator.comparing(Container::created).reversed());
        if (f.limit() > 0) {
            stream = stream.limit(f.limit());
        }
        return stream.toList();
    }

    static boolean matches(Container c, ContainerFilter f) {
        ContainerState s = c.state();
        boolean showAll = f.all() || f.limit() > 0 || !f.statuses().isEmpty() || !f.exitCodes().isEmpty();
        if (!showAll && !s.running()) {
            return false;
        }
        if (!f.ids().isEmpty() && f.ids().stream().noneMatch(c.id()::startsWith)) {
            return false;
        }
        if (!f.names().isEmpty() && f.names().stream().noneMatch(c.name()::contains)) {
            return false;
        }
        if (!f.statuses().isEmpty() && !f.statuses().contains(s.status())) {
            return false;
        }
        if (!f.exitCodes().isEmpty() && (s.status() != ContainerStatus.EXITED || !f.exitCodes().contains(s.exitCode()))) {
            return false;
        }
        if (!f.ancestors().isEmpty() && f.ancestors().stream().noneMatch(a -> ancestor(c, a))) {
            return false;
        }
        for (Map.Entry<String, String> l : f.labels().entrySet()) {
            String v = c.spec().labels().get(l.getKey());
            if (v == null || l.getValue() != null && !l.getValue().equals(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ancestor(Container c, String a) {
        String hex = a.startsWith("sha256:") ? a.substring(7) : a;
        return a.equals(c.spec().image()) || a.equals(normalized(c.spec().image())) || c.imageId().equals(a)
                || hex.length() >= 4 && c.imageId().startsWith("sha256:" + hex);
    }

    /** A name as the client gave it ("busybox") in the form filters use ("docker.io/library/busybox:latest"). */
    private static String normalized(String image) {
        try {
            return Reference.parse(image).full();
        } catch (RuntimeException notAName) {
            return image;
        }
    }
}
