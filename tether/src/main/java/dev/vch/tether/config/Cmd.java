package dev.vch.tether.config;

import dev.vch.tether.guestinfo.Key;
import java.util.List;

/**
 * What a session runs. The port layer resolves Docker's Entrypoint + Cmd into {@code path}
 * (argv[0], looked up in the container's PATH when it has no {@code /}) and {@code args}
 * (argv[1..]); {@code env} is {@code NAME=value} entries; {@code dir} the working directory
 * (empty or null = {@code /}).
 */
public record Cmd(@Key("Path") String path, @Key("Args") List<String> args, @Key("Env") List<String> env,
        @Key("Dir") String dir) {

    public Cmd {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** argv as the process sees it: path then args. */
    public List<String> argv() {
        var all = new java.util.ArrayList<String>(args.size() + 1);
        all.add(path);
        all.addAll(args);
        return all;
    }
}
