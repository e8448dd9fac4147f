package dev.vch.tether.guest;

import dev.vch.tether.TetherException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves Docker's {@code User} ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid})
 * against the image's /etc/passwd and /etc/group, with Docker's error wording.
 */
final class Users {

    /** Who the process runs as. */
    record Credentials(int uid, int gid, int[] groups, String home, String name) {
    }

    private Users() {
    }

    static Credentials resolve(String user, String passwd, String group) {
        if (user == null || user.isBlank()) user = "0";
        String userPart = user;
        String groupPart = null;
        int colon = user.indexOf(':');
        if (colon >= 0) {
            userPart = user.substring(0, colon);
            groupPart = user.substring(colon + 1);
        }
        String[] entry = findPasswd(passwd, userPart);
        int uid;
        int gid;
        String home = "/";
        String name = userPart;
        if (entry != null) {
            uid = Integer.parseInt(entry[2]);
            gid = Integer.parseInt(entry[3]);
            home = entry.length > 5 && !entry[5].isEmpty() ? entry[5] : "/";
            name = entry[0];
        } else if (isNumber(userPart)) {
            uid = Integer.parseInt(userPart);
            gid = 0; // as runc: a uid without a passwd entry runs with group 0
        } else {
            throw new TetherException(TetherException.Kind.INVALID_CONFIG,
                    "unable to find user " + userPart + ": no matching entries in passwd file");
        }
        if (groupPart != null && !groupPart.isEmpty()) {
            String[] g = findGroup(group, groupPart);
            if (g != null) gid = Integer.parseInt(g[2]);
            else if (isNumber(groupPart)) gid = Integer.parseInt(groupPart);
            else throw new TetherException(TetherException.Kind.INVALID_CONFIG,
                    "unable to find group " + groupPart + ": no matching entries in group file");
        }
        return new Credentials(uid, gid, supplementary(group, name, gid), home, name);
    }

    private static int[] supplementary(String group, String name, int primary) {
        List<Integer> ids = new ArrayList<>();
        ids.add(primary);
        for (String line : lines(group)) {
            String[] f = line.split(":", -1);
            if (f.length < 4 || !isNumber(f[2])) continue;
            for (String member : f[3].split(",")) {
                int id = Integer.parseInt(f[2]);
                if (member.equals(name) && !ids.contains(id)) ids.add(id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String[] findPasswd(String passwd, String user) {
        for (String line : lines(passwd)) {
            String[] f = line.split(":", -1);
            if (f.length < 4 || !isNumber(f[2]) || !isNumber(f[3])) continue;
            if (f[0].equals(user) || (isNumber(user) && f[2].equals(user))) return f;
        }
        return null;
    }

    private static String[] findGroup(String group, String wanted) {
        for (String line : lines(group)) {
            String[] f = line.split(":", -1);
            if (f.length < 3 || !isNumber(f[2])) continue;
            if (f[0].equals(wanted) || (isNumber(wanted) && f[2].equals(wanted))) return f;
        }
        return null;
    }

    private static List<String> lines(String text) {
        if (text == null) return List.of();
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 10;
    }
}
