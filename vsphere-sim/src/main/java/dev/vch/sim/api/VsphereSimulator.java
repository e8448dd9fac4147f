package dev.vch.sim.api;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vch.sim.core.Sim;
import dev.vch.sim.core.SimSettings;
import dev.vch.sim.server.Endpoint;
import dev.vch.sim.server.SelfSignedCert;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A running simulator: {@code VsphereSimulator.start(config)}, then {@link #sdkUrl()}, {@link #thumbprint()}, {@link #close()}. */
public final class VsphereSimulator implements AutoCloseable {
    private final Sim sim;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String thumbprint;
    private final URI sdkUrl;

    private VsphereSimulator(Sim sim, HttpServer server, ExecutorService executor, String thumbprint, URI sdkUrl) {
        this.sim = sim;
        this.server = server;
        this.executor = executor;
        this.thumbprint = thumbprint;
        this.sdkUrl = sdkUrl;
    }

    public static VsphereSimulator start(SimulatorConfig c) throws IOException {
        Sim sim = new Sim(new SimSettings(c.model(), c.user(), c.password(), c.stateDir(), c.runVms()));
        InetSocketAddress addr = new InetSocketAddress(c.host(), c.port());
        HttpServer server;
        String thumb = null;
        if (c.http()) {
            server = HttpServer.create(addr, 256);
        } else {
            SelfSignedCert cert = SelfSignedCert.generate(c.host());
            HttpsServer s = HttpsServer.create(addr, 256);
            s.setHttpsConfigurator(new HttpsConfigurator(cert.sslContext()));
            server = s;
            thumb = cert.thumbprint();
        }
        ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(ex);
        Endpoint.register(server, sim);
        server.start();
        String host = c.host().contains(":") ? "[" + c.host() + "]" : c.host();
        URI url = URI.create((c.http() ? "http" : "https") + "://" + host + ":" + server.getAddress().getPort() + "/sdk");
        return new VsphereSimulator(sim, server, ex, thumb, url);
    }

    public URI sdkUrl() {
        return sdkUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** SHA-1 of the certificate, colon-separated upper-case hex; null when serving plain HTTP. */
    public String thumbprint() {
        return thumbprint;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        sim.close();
    }
}
