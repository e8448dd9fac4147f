package dev.vch.tether.guest;

import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guest.sys.Fd;
import dev.vch.tether.guest.sys.Sys;
import dev.vch.tether.guest.sys.Termios;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.GuestLink;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.LinkOptions;
import dev.vch.tether.protocol.Message;
import dev.vch.tether.protocol.OpenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the link on the VM's serial port: {@code vsphere.serial0} (virtio) or {@code /dev/ttyS0}
 * (raw mode). Reopens the port when its stream ends (the host end went away), so a restarted VCH
 * gets its link back.
 */
final class LinkService {

    private final ContainerConfig config;
    private final Sessions sessions;
    private final Map<String, Session> execs = new ConcurrentHashMap<>();

    LinkService(ContainerConfig config, Sessions sessions) {
        this.config = config;
        this.sessions = sessions;
    }

    void start() {
        byte[] secret = config.linkSecret();
        if (secret == null || secret.length == 0) {
            Console.info("no link secret in guestinfo.vice./key: the link stays down");
            return;
        }
        GuestLink guest = new GuestLink(config.id(), secret, LinkOptions.GUEST, this::connected);
        Threads.start("link", () -> serveForever(guest));
    }

    private void serveForever(GuestLink guest) {
        while (true) {
            String dev = VirtioPorts.await(GuestPaths.LINK_PORT, 2000).orElse(GuestPaths.LINK_FALLBACK);
            int fd;
            try {
                fd = Sys.open(dev, Sys.O_RDWR | Sys.O_NOCTTY | Sys.O_CLOEXEC, 0);
                if (dev.equals(GuestPaths.LINK_FALLBACK)) Termios.makeRaw(fd);
            } catch (RuntimeException e) {
                Console.info("cannot open the link port " + dev + ": " + e.getMessage());
                sleep(1000);
                continue;
            }
            Console.debug("link port " + dev);
            try {
                guest.serve(Fd.input(fd), Fd.output(fd), () -> { });
            } catch (IOException | RuntimeException e) {
                Console.debug("link on " + dev + " ended: " + e.getMessage());
            } finally {
                Sys.close(fd);
            }
            sleep(100);
        }
    }

    private void connected(Link link) {
        Console.info("link up");
        link.onOpen(c -> Threads.start("channel-" + c.id(), () -> open(c)));
    }

    private void open(Channel c) {
        Console.debug("channel " + c.id() + " opened: " + c.request());
        switch (c.request()) {
            case OpenRequest.Attach a -> {
                Optional<Session> s = sessions.find(a.sessionId());
                if (s.isEmpty()) s = Optional.ofNullable(execs.get(a.sessionId()));
                if (s.isEmpty()) {
                    c.reset("no such session: " + a.sessionId());
                    return;
                }
                s.get().attach(c, a.stdin(), a.replay());
            }
            case OpenRequest.Exec e -> exec(c, e.execId());
            case OpenRequest.PortForward p -> forward(c, p.port());
            case OpenRequest.Dns d -> c.reset("DNS lookups over the link are not implemented in this tether");
        }
    }

    private void exec(Channel c, String execId) {
        c.onMessage(m -> {
            Console.debug("exec " + execId + ": " + m.getClass().getSimpleName());
            try {
                switch (m) {
                    case Message.ExecCreate create -> {
                        SessionConfig spec = ExtraConfigCodec.decode("", SessionConfig.class, create.config());
                        Session s = sessions.newExec(execId, spec);
                        if (execs.putIfAbsent(execId, s) != null) {
                            c.reset("exec " + execId + " already exists");
                            return;
                        }
                        c.send(new Message.ExecCreated());
                    }
                    case Message.ExecStart start -> {
                        Session s = execs.get(execId);
                        if (s == null) {
                            c.reset("exec " + execId + " was not created");
                            return;
                        }
                        Threads.start("exec-" + execId, () -> {
                            s.attach(c, true, false);
                            s.start();
                            if (s.pid() > 0) {
                                try {
                                    c.send(new Message.Started(s.pid()));
                                } catch (IOException ignored) {
                                    // the exit report will fail the same way
                                }
                            }
                            s.exit().thenRun(() -> execs.remove(execId));
                        });
                    }
                    default -> { }
                }
            } catch (IOException | RuntimeException e) {
                c.reset("exec " + execId + ": " + e.getMessage());
            }
        });
    }

    private void forward(Channel c, int port) {
        try {
            Socket s = new Socket("127.0.0.1", port);
            Threads.start("fwd-in-" + c.id(), () -> copy(c.input(Message.STDIN), sOut(s), () -> shutdownOutput(s)));
            Threads.start("fwd-out-" + c.id(), () -> copy(sIn(s), c.output(Message.STDIN), () -> {
                c.close();
                closeQuietly(s);
            }));
        } catch (IOException e) {
            c.reset("cannot connect to port " + port + " in the container: " + e.getMessage());
        }
    }

    private static void copy(InputStream in, OutputStream out, Runnable then) {
        try {
            in.transferTo(out);
            out.flush();
        } catch (IOException ignored) {
            // either side went away
        } finally {
            then.run();
        }
    }

    private static InputStream sIn(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            return InputStream.nullInputStream();
        }
    }

    private static OutputStream sOut(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            return OutputStream.nullOutputStream();
        }
    }

    private static void shutdownOutput(Socket s) {
        try {
            s.shutdownOutput();
        } catch (IOException ignored) {
            // closed already
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
