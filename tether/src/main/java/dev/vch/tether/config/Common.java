package dev.vch.tether.config;

import dev.vch.tether.guestinfo.Key;

/** Identity shared by containers, sessions and network endpoints (VIC's {@code common}). */
public record Common(@Key("id") String id, @Key("name") String name, @Key("notes") String notes) {

    public static Common of(String id, String name) {
        return new Common(id, name, null);
    }
}
