package dev.vch.tether.config;

import dev.vch.tether.guestinfo.Key;
import java.time.Instant;

/** Times of a session (unix seconds in extraConfig); the guest writes start and stop. */
public record Detail(@Key("createtime") Instant createTime, @Key("starttime") Instant startTime,
        @Key("stoptime") Instant stopTime) {
}
