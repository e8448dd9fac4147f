package dev.vch.personality.fake;

import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.DockerApiServer;
import dev.vch.personality.tls.CertificateFiles;
import dev.vch.personality.tls.CertificateGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the API server over the fake port layer in its own JVM (for the benchmark and for
 * trying the docker CLI by hand): {@code FakeServerMain CERT_DIR [PORT]}. Certificates are
 * generated into CERT_DIR when it has none. Prints "LISTENING 127.0.0.1:PORT" when ready.
 */
public final class FakeServerMain {
    private FakeServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        if (!Files.exists(dir.resolve(CertificateFiles.SERVER_CERT))) {
            CertificateFiles.write(dir, CertificateFiles.generate(new CertificateGenerator(), "fake-vch", List.of()));
        }
        var certs = CertificateFiles.read(dir);
        var config = DockerApiConfig.tls("127.0.0.1", port, certs.serverTls(), "fake-vch");
        try (var server = DockerApiServer.start(config, FakePortLayer.create("fake-vch"))) {
            System.out.println("LISTENING 127.0.0.1:" + server.address().getPort());
            System.out.flush();
            server.awaitClose();
        }
    }
}
