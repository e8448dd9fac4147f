package dev.vch.iso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 over everything an ISO is made from; an unchanged hash means the ISO is not rebuilt. */
final class InputHash {

    private final MessageDigest md;

    InputHash() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    InputHash add(String label, String value) {
        md.update((label + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    InputHash addFile(Path file) throws IOException {
        md.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        md.update(Files.readAllBytes(file));
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}
