package dev.vch.personality.handlers;

import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.routing.Router;
import dev.vch.portlayer.api.PortLayer;
import io.netty.handler.codec.http.HttpMethod;

/** The route table: every (method, path template) the server answers, and who answers it. */
public final class Routes {
    private Routes() {
    }

    public static Router build(DockerApiConfig config, PortLayer portLayer) {
        HttpMethod get = HttpMethod.GET;
        HttpMethod post = HttpMethod.POST;
        HttpMethod delete = HttpMethod.DELETE;
        var system = new SystemHandlers(config, portLayer.system(), portLayer.images());
        var events = new EventsHandler(portLayer.events());
        var containers = new ContainerHandlers(portLayer.containers());
        var streams = new StreamHandlers(portLayer.containers());
        var execs = new ExecHandlers(portLayer.containers());
        var images = new ImageHandlers(portLayer.images());
        Router router = new Router()
                .addInline(HttpMethod.HEAD, "/_ping", system::ping)
                .addInline(get, "/_ping", system::ping)
                .addInline(get, "/version", system::version)
                .add(get, "/info", system::info)
                .add(post, "/auth", system::auth)
                .add(get, "/events", events::events)
                .add(post, "/containers/create", containers::create)
                .add(get, "/containers/json", containers::list)
                .add(get, "/containers/{id}/json", containers::inspect)
                .add(post, "/containers/{id}/start", containers::start)
                .add(post, "/containers/{id}/stop", containers::stop)
                .add(post, "/containers/{id}/restart", containers::restart)
                .add(post, "/containers/{id}/kill", containers::kill)
                .add(delete, "/containers/{id}", containers::remove)
                .add(post, "/containers/{id}/rename", containers::rename)
                .add(post, "/containers/{id}/resize", containers::resize)
                .add(post, "/containers/{id}/wait", containers::waitFor)
                .add(post, "/containers/{id}/attach", streams::attach)
                .add(get, "/containers/{id}/logs", streams::logs)
                .add(post, "/containers/{id}/exec", execs::create)
                .add(post, "/exec/{id}/start", execs::start)
                .add(post, "/exec/{id}/resize", execs::resize)
                .add(get, "/exec/{id}/json", execs::inspect)
                .add(get, "/images/json", images::list)
                .add(post, "/images/create", images::create)
                .add(post, "/images/load", images::load);
        Unsupported.register(router);
        // greedy image-name routes last: they would swallow /images/search and friends
        router.add(get, "/images/{name*}/json", images::inspect)
                .add(get, "/images/{name*}/history", images::history)
                .add(post, "/images/{name*}/tag", images::tag)
                .add(delete, "/images/{name*}", images::remove);
        return router;
    }
}
