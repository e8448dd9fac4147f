package dev.vch.sim.core;

import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.VimVersion;

/** One SOAP call: who (session, may be null before Login), which API version, from where. */
public record CallContext(Session session, VimVersion version, String remoteAddress, String userAgent) {

    /** The session, or NotAuthenticated. */
    public Session requireSession(dev.vch.sim.vim.MoRef target) {
        if (session == null) throw VimFault.notAuthenticated(target);
        return session;
    }

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    /** The call being served on this thread (for properties that depend on the caller, e.g. currentSession). */
    public static CallContext current() {
        return CURRENT.get();
    }

    public static void setCurrent(CallContext ctx) {
        if (ctx == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(ctx);
        }
    }

    public String userName() {
        return session == null ? "" : session.userName();
    }
}
