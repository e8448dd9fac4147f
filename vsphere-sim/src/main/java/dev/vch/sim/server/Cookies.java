package dev.vch.sim.server;

/** Reads the session id from a Cookie header; vijava sends back the whole Set-Cookie string, quotes and attributes included. */
final class Cookies {
    private Cookies() {
    }

    static String session(String header) {
        if (header == null) return null;
        for (String part : header.split("[;,]")) {
            String p = part.trim();
            if (p.startsWith(SoapHandler.COOKIE + "=")) {
                String v = p.substring(SoapHandler.COOKIE.length() + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v;
            }
        }
        return null;
    }
}
