package dev.vch.tether.guest.sys;

import java.util.List;

/**
 * A process to start with posix_spawn.
 *
 * @param path absolute path of the program (PATH lookup is the caller's, for Docker's messages)
 * @param argv argv[0..]
 * @param env {@code NAME=value}
 * @param dir working directory (the child chdirs there with the target user's rights)
 * @param uid target user; 0 = stay root
 * @param gid target group
 * @param groups supplementary groups
 * @param ttyPath a pty slave the child opens as fd 0-2 after setsid (its controlling terminal), or null
 * @param stdin fd to become 0 when there is no tty (-1: /dev/null)
 * @param stdout fd to become 1 when there is no tty
 * @param stderr fd to become 2 when there is no tty
 */
public record SpawnSpec(String path, List<String> argv, List<String> env, String dir, int uid, int gid, int[] groups,
        String ttyPath, int stdin, int stdout, int stderr) {

    public SpawnSpec {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        groups = groups == null ? new int[0] : groups.clone();
    }
}
