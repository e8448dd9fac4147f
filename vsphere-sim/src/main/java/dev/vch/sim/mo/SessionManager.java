package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Session;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.util.List;

/** Login/Logout/SessionIsActive. The HTTP layer sets the cookie from the session Login returns. */
public final class SessionManager extends ManagedObject {
    public SessionManager(Sim sim) {
        super(sim, new MoRef("SessionManager", "SessionManager"));
        props.put("message", "");
        props.put("messageLocaleList", ArrayOf.of("string", List.of("en")));
        props.put("supportedLocaleList", ArrayOf.of("string", List.of("en")));
        props.put("defaultLocale", "en");
    }

    @Override
    public Object property(String name) {
        if (name.equals("currentSession")) {
            CallContext ctx = CallContext.current();
            return ctx == null || ctx.session() == null ? null : ctx.session().userSession();
        }
        return super.property(name);
    }

    @Override
    public java.util.Collection<String> propertyNames() {
        return List.of("currentSession", "message", "messageLocaleList", "supportedLocaleList", "defaultLocale");
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "Login" -> {
                Session s = sim.login(Args.text(args, "userName"), Args.text(args, "password"), ctx.remoteAddress(), ctx.userAgent());
                s.called();
                yield new LoginResult(s);
            }
            case "Logout" -> {
                sim.logout(ctx.requireSession(ref()));
                yield null;
            }
            case "SessionIsActive" -> {
                Session s = sim.session(Args.requiredText(args, "sessionID"));
                yield s != null && s.userName().equals(Args.text(args, "userName"));
            }
            case "TerminateSession" -> {
                for (String key : Args.texts(args, "sessionId")) {
                    Session s = sim.session(key);
                    if (s == null) throw VimFault.notFound("No session " + key);
                    sim.logout(s);
                }
                yield null;
            }
            default -> super.invoke(method, args, ctx);
        };
    }

    /** Login's answer: the UserSession, and the session the HTTP layer puts in the cookie. */
    public record LoginResult(Session session) {
    }
}
