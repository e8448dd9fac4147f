package dev.vch.personality.fake;

import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.ImageFilter;
import dev.vch.portlayer.api.ImageService;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.ProgressListener;
import dev.vch.portlayer.api.RegistryAuth;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One image, busybox:latest, and nothing else; pull/load/import are not implemented. */
public final class FakeImages implements ImageService {
    public static final String BUSYBOX_ID = "sha256:" + "ab".repeat(32);
    static final String BUSYBOX = "docker.io/library/busybox:latest";
    private static final Image IMAGE = new Image(BUSYBOX_ID, List.of("busybox:latest"), List.of(), "",
            Instant.parse("2024-01-01T00:00:00Z"), 4_400_000, "linux", "amd64",
            new Image.Config(List.of("sh"), null, List.of("PATH=/bin"), "", "", Set.of(), Set.of(), Map.of(), null));

    String idOf(String ref) {
        return inspect(ref).id();
    }

    @Override
    public List<Image> list(ImageFilter filter) {
        return List.of(IMAGE);
    }

    @Override
    public Image inspect(String ref) {
        if (ref.equals(BUSYBOX) || ref.equals("busybox") || ref.equals("busybox:latest") || BUSYBOX_ID.startsWith(ref) || BUSYBOX_ID.substring(7).startsWith(ref)) {
            return IMAGE;
        }
        String shown = ref.startsWith("docker.io/library/") ? ref.substring(18) : ref;
        if (!shown.contains(":") && !shown.contains("@")) {
            shown += ":latest"; // the store names a missing image in its familiar form, as dockerd does
        }
        throw PortLayerException.noSuchImage(shown);
    }

    @Override
    public List<Deletion> remove(String ref, boolean force, boolean noPrune) {
        inspect(ref);
        throw PortLayerException.conflict("conflict: unable to remove repository reference \"" + ref
                + "\": the fake image store keeps its only image");
    }

    @Override
    public void tag(String ref, String repository, String tag) {
        throw PortLayerException.notImplemented("the fake image store cannot tag");
    }

    @Override
    public Image pull(String repository, String tagOrDigest, RegistryAuth auth, ProgressListener progress) {
        throw PortLayerException.notImplemented("Virtual Container Host does not yet implement docker pull");
    }

    @Override
    public List<String> load(InputStream tarball, ProgressListener progress) {
        throw PortLayerException.notImplemented("Virtual Container Host does not yet implement docker load");
    }

    @Override
    public String importImage(InputStream tarball, String repository, String tag, List<String> changes,
                              ProgressListener progress) {
        throw PortLayerException.notImplemented("Virtual Container Host does not yet implement docker import");
    }

    @Override
    public LoginResult login(RegistryAuth auth) {
        if ("good".equals(auth.password())) {
            return new LoginResult("Login Succeeded", "");
        }
        throw new PortLayerException(PortLayerException.Kind.UNAUTHORIZED,
                "Get \"https://" + auth.serverAddress() + "/v2/\": unauthorized: incorrect username or password");
    }
}
