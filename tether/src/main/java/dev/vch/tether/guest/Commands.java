package dev.vch.tether.guest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the program to run the way Docker (runc) does, with its error wording. */
final class Commands {

    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Commands() {
    }

    /** The absolute path of {@code command}, looked up in {@code PATH} from {@code env} when it has no slash. */
    static String resolve(String command, List<String> env) {
        if (command == null || command.isEmpty()) {
            throw new StartFailure(StartFailure.NOT_FOUND, "exec: \"\": executable file not found in $PATH");
        }
        if (command.contains("/")) {
            Path p = Path.of(command);
            if (!Files.exists(p)) {
                throw new StartFailure(StartFailure.NOT_FOUND, "exec: \"" + command + "\": stat " + command + ": no such file or directory");
            }
            checkRunnable(command, p);
            return p.toAbsolutePath().toString();
        }
        boolean sawNonExecutable = false;
        for (String dir : pathOf(env).split(":")) {
            if (dir.isEmpty()) dir = ".";
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p)) {
                if (Files.isExecutable(p)) return p.toAbsolutePath().toString();
                sawNonExecutable = true;
            }
        }
        if (sawNonExecutable) {
            throw new StartFailure(StartFailure.CANNOT_INVOKE, "exec: \"" + command + "\": permission denied");
        }
        throw new StartFailure(StartFailure.NOT_FOUND, "exec: \"" + command + "\": executable file not found in $PATH");
    }

    private static void checkRunnable(String command, Path p) {
        if (Files.isDirectory(p)) {
            throw new StartFailure(StartFailure.CANNOT_INVOKE, "exec: \"" + command + "\": is a directory");
        }
        if (!Files.isExecutable(p)) {
            throw new StartFailure(StartFailure.CANNOT_INVOKE, "exec: \"" + command + "\": permission denied");
        }
    }

    static String pathOf(List<String> env) {
        for (String e : env) {
            if (e.startsWith("PATH=")) return e.substring(5);
        }
        return DEFAULT_PATH;
    }
}
