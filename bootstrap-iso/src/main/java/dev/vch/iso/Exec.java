package dev.vch.iso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the build's external tools; a failure says what was tried and the tool's last words. */
final class Exec {

    private Exec() {
    }

    static String run(Path dir, Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int rc = p.waitFor();
            if (rc != 0) {
                String tail = out.length() > 2000 ? out.substring(out.length() - 2000) : out;
                throw new IOException("Tried to run " + String.join(" ", command) + " but it failed with exit code " + rc + ":\n" + tail);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.getFirst(), e);
        }
        return out;
    }

    static String run(List<String> command) throws IOException {
        return run(null, Map.of(), command);
    }
}
