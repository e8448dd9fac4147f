package dev.vch.personality.handlers;

import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.Router;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Endpoints the product does not serve yet: each answers 501 naming the docker command,
 * so the user reads "Error response from daemon: Virtual Container Host does not yet
 * implement docker pause". Swarm endpoints answer as dockerd does on a node that is not
 * part of a swarm.
 */
final class Unsupported {
    static final String PRODUCT = "Virtual Container Host";
    /**
     * dockerd answers swarm requests on a non-swarm node with 503 (its errdefs
     * "unavailable"); the CLI shows only the message either way.
     */
    static final HttpResponseStatus SWARM_STATUS = HttpResponseStatus.SERVICE_UNAVAILABLE;
    static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or "
            + "\"docker swarm join\" to connect this node to swarm and try again.";
    static final String NOT_IN_SWARM = "This node is not part of a swarm";
    /** The networks every VCH has (docker run's default and --network none). */
    static final java.util.Set<String> DEFAULT_NETWORKS = java.util.Set.of("bridge", "none", "default");

    private Unsupported() {
    }

    static String message(String command) {
        return PRODUCT + " does not yet implement " + command;
    }

    private static void notYet(Router router, HttpMethod method, String template, String command) {
        router.add(method, template, r -> {
            throw new DockerApiException(HttpResponseStatus.NOT_IMPLEMENTED, message(command));
        });
    }

    private static void swarm(Router router, HttpMethod method, String template, String message) {
        router.add(method, template, r -> {
            throw new DockerApiException(SWARM_STATUS, message);
        });
    }

    /**
     * Inspecting an object of a kind this VCH has none of (volumes, plugins, networks other
     * than the default ones) answers dockerd's 404: {@code docker inspect NAME} tries each kind
     * in turn and reports "No such object" only when every kind says not found.
     */
    private static void noneExist(Router router) {
        router.add(HttpMethod.GET, "/volumes/{name}", r -> {
            throw new DockerApiException(HttpResponseStatus.NOT_FOUND, "get " + r.param("name") + ": no such volume");
        });
        router.add(HttpMethod.GET, "/plugins/{name*}/json", r -> {
            throw new DockerApiException(HttpResponseStatus.NOT_FOUND, "plugin \"" + r.param("name") + "\" not found");
        });
        router.add(HttpMethod.GET, "/networks/{id}", r -> {
            String id = r.param("id");
            if (DEFAULT_NETWORKS.contains(id)) {
                throw new DockerApiException(HttpResponseStatus.NOT_IMPLEMENTED, message("docker network inspect"));
            }
            throw new DockerApiException(HttpResponseStatus.NOT_FOUND, "network " + id + " not found");
        });
    }

    static void register(Router router) {
        noneExist(router);
        HttpMethod get = HttpMethod.GET;
        HttpMethod post = HttpMethod.POST;
        HttpMethod delete = HttpMethod.DELETE;
        notYet(router, get, "/containers/{id}/top", "docker top");
        notYet(router, get, "/containers/{id}/changes", "docker diff");
        notYet(router, get, "/containers/{id}/export", "docker export");
        notYet(router, get, "/containers/{id}/stats", "docker stats");
        notYet(router, post, "/containers/{id}/pause", "docker pause");
        notYet(router, post, "/containers/{id}/unpause", "docker unpause");
        notYet(router, post, "/containers/{id}/update", "docker update");
        notYet(router, get, "/containers/{id}/archive", "docker cp");
        notYet(router, HttpMethod.HEAD, "/containers/{id}/archive", "docker cp");
        notYet(router, HttpMethod.PUT, "/containers/{id}/archive", "docker cp");
        notYet(router, get, "/containers/{id}/attach/ws", "attach over websocket");
        notYet(router, post, "/containers/prune", "docker container prune");
        notYet(router, post, "/build", "docker build");
        notYet(router, post, "/build/prune", "docker builder prune");
        notYet(router, post, "/session", "docker build");
        notYet(router, post, "/commit", "docker commit");
        notYet(router, get, "/images/search", "docker search");
        notYet(router, get, "/images/get", "docker save");
        notYet(router, post, "/images/prune", "docker image prune");
        notYet(router, post, "/images/{name*}/push", "docker push");
        notYet(router, get, "/images/{name*}/get", "docker save");
        notYet(router, get, "/distribution/{name*}/json", "docker pull by digest inspection");
        notYet(router, get, "/volumes", "docker volume ls");
        notYet(router, post, "/volumes/create", "docker volume create");
        notYet(router, post, "/volumes/prune", "docker volume prune");
        notYet(router, HttpMethod.PUT, "/volumes/{name}", "docker volume update");
        notYet(router, delete, "/volumes/{name}", "docker volume rm");
        notYet(router, get, "/networks", "docker network ls");
        notYet(router, post, "/networks/create", "docker network create");
        notYet(router, post, "/networks/prune", "docker network prune");
        notYet(router, delete, "/networks/{id}", "docker network rm");
        notYet(router, post, "/networks/{id}/connect", "docker network connect");
        notYet(router, post, "/networks/{id}/disconnect", "docker network disconnect");
        notYet(router, get, "/plugins", "docker plugin ls");
        notYet(router, get, "/plugins/privileges", "docker plugin install");
        notYet(router, post, "/plugins/pull", "docker plugin install");
        notYet(router, delete, "/plugins/{name*}", "docker plugin rm");
        notYet(router, post, "/plugins/{name*}/enable", "docker plugin enable");
        notYet(router, post, "/plugins/{name*}/disable", "docker plugin disable");
        notYet(router, post, "/plugins/create", "docker plugin create");
        notYet(router, get, "/system/df", "docker system df");
        notYet(router, post, "/swarm/init", "docker swarm init");
        notYet(router, post, "/swarm/join", "docker swarm join");
        swarm(router, get, "/swarm", NOT_IN_SWARM);
        swarm(router, post, "/swarm/leave", NOT_IN_SWARM);
        swarm(router, post, "/swarm/update", NOT_A_MANAGER);
        swarm(router, get, "/swarm/unlockkey", NOT_A_MANAGER);
        swarm(router, post, "/swarm/unlock", NOT_IN_SWARM);
        for (String kind : new String[] {"nodes", "services", "tasks", "secrets", "configs"}) {
            swarm(router, get, "/" + kind, NOT_A_MANAGER);
            swarm(router, get, "/" + kind + "/{id}", NOT_A_MANAGER);
            swarm(router, delete, "/" + kind + "/{id}", NOT_A_MANAGER);
            swarm(router, post, "/" + kind + "/{id}/update", NOT_A_MANAGER);
            swarm(router, post, "/" + kind + "/create", NOT_A_MANAGER);
        }
        swarm(router, get, "/services/{id}/logs", NOT_A_MANAGER);
        swarm(router, get, "/tasks/{id}/logs", NOT_A_MANAGER);
    }

}
