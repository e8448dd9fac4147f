package dev.vch.tether.harness;

import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.protocol.SecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One containerVM with its host side: guestinfo server (seeded with the encoded config), link
 * server, and qemu. {@code hostSecret} is what the host believes the container's secret is
 * (tests of a refused proof give it another one).
 */
public final class TestVm implements AutoCloseable {

    public final GuestInfoServer guestInfo;
    public final LinkServer links;
    public final QemuGuest qemu;
    private final Path work;

    public TestVm(Path iso, BootFiles boot, List<Path> disks, ContainerConfig config, byte[] hostSecret, Path work)
            throws Exception {
        this(iso, boot, disks, List.of(), config, hostSecret, work);
    }

    public TestVm(Path iso, BootFiles boot, List<Path> disks, List<String> macs, ContainerConfig config, byte[] hostSecret,
            Path work) throws Exception {
        Files.createDirectories(work);
        this.work = work;
        guestInfo = new GuestInfoServer(work.resolve("gi.sock"), ExtraConfigCodec.encode(config));
        SecretResolver secrets = id -> id.equals(config.common().id()) ? Optional.of(hostSecret) : Optional.empty();
        links = new LinkServer(secrets);
        qemu = QemuGuest.start(iso, boot, disks, macs, guestInfo, links.port(), work);
    }

    /** The guestinfo key of a main-session field the guest writes, e.g. {@code started}, {@code status}. */
    public static String sessionKey(String id, String field) {
        return ExtraConfigCodec.PREFIX + ".sessions|" + id + "." + field;
    }

    @Override
    public void close() throws Exception {
        qemu.close();
        // keep the console for diagnosis: target/it-consoles/<vm>.log
        Path keep = Files.createDirectories(Path.of("target", "it-consoles"));
        Path console = work.resolve("console.log");
        if (Files.exists(console)) {
            Files.copy(console, keep.resolve(work.getFileName() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        links.close();
        guestInfo.close();
    }
}
