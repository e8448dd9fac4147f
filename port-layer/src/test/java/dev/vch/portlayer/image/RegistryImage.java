package dev.vch.portlayer.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * An image as a registry holds it, built by the tests: gzipped layer blobs, the config and a
 * Docker schema2 or OCI manifest; {@link #index} makes a manifest list over several.
 */
public record RegistryImage(byte[] config, List<byte[]> blobs, byte[] manifest, String mediaType) {

    public static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** An image of {@code tars} (bottom first); {@code variant} varies the config and so the ID. */
    public static RegistryImage of(List<byte[]> tars, String variant, String mediaType) {
        byte[] config = TestImages.config(tars, variant);
        boolean oci = mediaType.equals(OCI);
        List<byte[]> blobs = tars.stream().map(RegistryImage::gzip).toList();
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", mediaType);
        descriptor(m.putObject("config"), oci ? "application/vnd.oci.image.config.v1+json"
                : "application/vnd.docker.container.image.v1+json", config);
        var layers = m.putArray("layers");
        for (byte[] b : blobs) {
            descriptor(layers.addObject(), oci ? "application/vnd.oci.image.layer.v1.tar+gzip"
                    : "application/vnd.docker.image.rootfs.diff.tar.gzip", b);
        }
        return new RegistryImage(config, blobs, Json.write(m), mediaType);
    }

    /** A Docker manifest list of {@code images}, one per architecture in {@code archs}. */
    public static byte[] index(List<RegistryImage> images, List<String> archs) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", DOCKER_LIST);
        var list = m.putArray("manifests");
        for (int i = 0; i < images.size(); i++) {
            ObjectNode d = list.addObject();
            descriptor(d, images.get(i).mediaType(), images.get(i).manifest());
            d.putObject("platform").put("os", "linux").put("architecture", archs.get(i));
        }
        return Json.write(m);
    }

    public String id() {
        return ChainIds.sha256(config);
    }

    public String manifestDigest() {
        return ChainIds.sha256(manifest);
    }

    public List<String> blobDigests() {
        List<String> out = new ArrayList<>();
        blobs.forEach(b -> out.add(ChainIds.sha256(b)));
        return out;
    }

    private static void descriptor(ObjectNode d, String mediaType, byte[] content) {
        d.put("mediaType", mediaType);
        d.put("digest", ChainIds.sha256(content));
        d.put("size", content.length);
    }

    static byte[] gzip(byte[] tar) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
