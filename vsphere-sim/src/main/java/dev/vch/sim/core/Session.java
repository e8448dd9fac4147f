package dev.vch.sim.core;

import dev.vch.sim.vim.DataObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A logged-in session (cookie {@code vmware_soap_session}) and its property-collector state. */
public final class Session {
    private final String key;
    private final String userName;
    private final Instant loginTime = Instant.now();
    private volatile Instant lastActive = loginTime;
    private final AtomicLong calls = new AtomicLong();
    private final String remoteAddress;
    private final String userAgent;
    /** RetrievePropertiesEx continuation tokens -> remaining objects. */
    public final Map<String, java.util.List<DataObject>> retrieveTokens = new ConcurrentHashMap<>();
    /** WaitForUpdates state: what the client has seen, per filter and object. */
    public final UpdateState updates = new UpdateState();

    public Session(String key, String userName, String remoteAddress, String userAgent) {
        this.key = key;
        this.userName = userName;
        this.remoteAddress = remoteAddress;
        this.userAgent = userAgent;
    }

    public String key() {
        return key;
    }

    public String userName() {
        return userName;
    }

    public void called() {
        lastActive = Instant.now();
        calls.incrementAndGet();
    }

    /** The UserSession data object. */
    public DataObject userSession() {
        return DataObject.of("UserSession", "key", key, "userName", userName, "fullName", userName,
                "loginTime", loginTime, "lastActiveTime", lastActive, "locale", "en", "messageLocale", "en",
                "extensionSession", false, "ipAddress", remoteAddress, "userAgent", userAgent == null ? "" : userAgent,
                "callCount", calls.get());
    }
}
