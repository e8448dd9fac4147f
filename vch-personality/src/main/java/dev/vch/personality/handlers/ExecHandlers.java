package dev.vch.personality.handlers;

import dev.vch.personality.dto.ContainerCreatedDto;
import dev.vch.personality.dto.ExecDto;
import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Reply;
import dev.vch.personality.stream.Framing;
import dev.vch.portlayer.api.ContainerService;
import dev.vch.portlayer.api.ExecSpec;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.StdStream;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;

/** {@code docker exec}: create, start (hijacked unless detached), resize, inspect. */
final class ExecHandlers {
    private final ContainerService containers;

    ExecHandlers(ContainerService containers) {
        this.containers = containers;
    }

    Reply create(ApiRequest r) throws java.io.IOException {
        ExecDto.Create body = r.body(ExecDto.Create.class);
        if (body == null || body.cmd() == null || body.cmd().isEmpty()) {
            throw DockerApiException.badRequest("No exec command specified");
        }
        List<Integer> size = body.consoleSize();
        boolean sized = size != null && size.size() == 2;
        String id = containers.createExec(r.param("id"), new ExecSpec(body.cmd(), body.env(), body.workingDir(),
                body.user(), body.tty(), body.privileged(), body.attachStdin(), body.attachStdout(),
                body.attachStderr(), sized ? size.get(0) : 0, sized ? size.get(1) : 0));
        return Reply.json(HttpResponseStatus.CREATED, new ContainerCreatedDto(id, null));
    }

    Reply start(ApiRequest r) throws java.io.IOException {
        ExecDto.Start body = r.body(ExecDto.Start.class);
        boolean detach = body != null && body.detach();
        var exec = containers.inspectExec(r.param("id"));
        if (detach) {
            containers.startExec(exec.id(), true, Discard.INSTANCE);
            return new Reply.Full(HttpResponseStatus.OK, null, null, Map.of());
        }
        boolean tty = exec.spec().tty();
        return new Reply.Hijack(tty ? Framing.RAW : Framing.MULTIPLEXED, StreamHandlers.wantsUpgrade(r),
                stream -> stream.connect(containers.startExec(exec.id(), false, stream.sink())));
    }

    Reply resize(ApiRequest r) {
        var size = TtySize.of(r);
        containers.resizeExec(r.param("id"), size.height(), size.width());
        return TtySize.RESIZED;
    }

    Reply inspect(ApiRequest r) {
        var e = containers.inspectExec(r.param("id"));
        var s = e.spec();
        List<String> cmd = s.cmd();
        return Reply.ok(new ExecDto.Inspect(e.id(), e.running(), e.exitCode(),
                new ExecDto.ProcessConfig(s.privileged(), s.user() == null ? "" : s.user(), s.tty(),
                        cmd.isEmpty() ? "" : cmd.getFirst(), cmd.isEmpty() ? List.of() : cmd.subList(1, cmd.size())),
                s.attachStdin(), s.attachStderr(), s.attachStdout(), false, e.containerId(), "", e.pid()));
    }

    /** Output of a detached exec goes nowhere, as with dockerd. */
    private enum Discard implements OutputSink {
        INSTANCE;

        @Override
        public void write(StdStream stream, byte[] data) {
        }

        @Override
        public void end(String error) {
        }
    }
}
