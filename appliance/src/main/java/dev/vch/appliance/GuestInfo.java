package dev.vch.appliance;

import dev.vch.appliance.ApplianceException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The appliance's guestinfo: the live TCP line protocol of the embedded endpoint when it has
 * one, else the boot-time file. On real ESXi this would be VMware's backdoor RPC, which is not
 * implemented: the appliance says so and stops.
 */
public final class GuestInfo {
    private final ApplianceEnv env;

    public GuestInfo(ApplianceEnv env) {
        this.env = env;
    }

    /** Every {@code guestinfo.} key with its value. */
    public Map<String, String> all() {
        if (env.guestInfoAddress() != null) {
            return list();
        }
        if (env.guestInfoFile() != null) {
            try {
                return parse(Files.readString(env.guestInfoFile()));
            } catch (IOException e) {
                throw new ApplianceException(Kind.CONFIG, "cannot read guestinfo file " + env.guestInfoFile(), e);
            }
        }
        throw new ApplianceException(Kind.NOT_IMPLEMENTED, "no guestinfo channel: VSPHERE_GUESTINFO and "
                + "VSPHERE_GUESTINFO_FILE are unset; reading guestinfo through the VMware backdoor (real ESXi) is not "
                + "implemented yet");
    }

    private Map<String, String> list() {
        String addr = env.guestInfoAddress();
        int colon = addr.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1))), 5000);
            s.setSoTimeout(10_000);
            Writer w = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            w.write("list guestinfo.\n");
            w.flush();
            String head = r.readLine();
            if (head == null || !head.startsWith("ok ")) {
                throw new ApplianceException(Kind.CONFIG, "guestinfo channel answered '" + head + "' to list");
            }
            int n = Integer.parseInt(head.substring(3).trim());
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < n; i++) {
                body.append(r.readLine()).append('\n');
            }
            return parse(body.toString());
        } catch (IOException | NumberFormatException e) {
            throw new ApplianceException(Kind.UNAVAILABLE, "cannot read guestinfo from " + addr + ": " + e.getMessage(), e);
        }
    }

    /** {@code key=value} lines, values with {@code %25 %0A %0D} escapes. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
            }
        }
        return out;
    }

    static String unescape(String v) {
        if (v.indexOf('%') < 0) {
            return v;
        }
        return v.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
    }
}
