package dev.vch.portlayer.image.disk;

import dev.vch.portlayer.api.PortLayerException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one external disk tool (mke2fs, debugfs, qemu-img, qemu-io) to completion.
 * Output goes to temp files, not pipes, so a chatty tool can never block on a full pipe.
 */
public final class Tool {

    /** What a finished tool printed. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Tool() {
    }

    /** Runs {@code command} in {@code dir} (null: current) and fails unless it exits 0. */
    public static Result run(Path dir, List<String> command) {
        Result r = runAllowingFailure(dir, command, null);
        if (r.exitCode() != 0) {
            throw failure(command, r);
        }
        return r;
    }

    /** Runs with {@code stdin} as the tool's standard input (null: none). */
    public static Result runAllowingFailure(Path dir, List<String> command, Path stdin) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("tool-out", ".txt");
            err = Files.createTempFile("tool-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                    : ProcessBuilder.Redirect.from(stdin.toFile()));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            int code = pb.start().waitFor();
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL,
                    "Tried to run " + command.getFirst() + " but failed because " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "interrupted running " + command.getFirst());
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static PortLayerException failure(List<String> command, Result r) {
        String detail = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        if (detail.length() > 2000) {
            detail = detail.substring(0, 2000) + "...";
        }
        return new PortLayerException(PortLayerException.Kind.INTERNAL,
                "Tried to run " + String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " but it failed (exit " + r.exitCode() + "): " + detail);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
