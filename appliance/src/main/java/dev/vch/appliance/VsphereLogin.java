package dev.vch.appliance;

import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import dev.vch.vsphere.api.VsphereTarget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Log server credentials checked by logging in to the VCH's vSphere target (same SDK URL and pinned
 * thumbprint as the appliance's own session). Good credentials are remembered, as a hash only, for
 * a few minutes so a page with live tails does not log in per request.
 */
final class VsphereLogin implements LogLogin {

    static final Duration REMEMBER = Duration.ofMinutes(5);

    private final URI sdkUrl;
    private final String thumbprint;
    private final Clock clock;
    private final Map<String, Instant> accepted = new ConcurrentHashMap<>();

    VsphereLogin(URI sdkUrl, String thumbprint, Clock clock) {
        this.sdkUrl = sdkUrl;
        this.thumbprint = thumbprint;
        this.clock = clock;
    }

    @Override
    public boolean accepts(String user, String password) {
        String key = hash(user, password);
        Instant until = accepted.get(key);
        if (until != null && clock.instant().isBefore(until)) {
            return true;
        }
        try (VsphereClient probe = VsphereClient.connect(new VsphereTarget(sdkUrl, user, password, thumbprint))) {
            accepted.put(key, clock.instant().plus(REMEMBER));
            return true;
        } catch (VsphereException e) {
            if (e.kind() == VsphereException.Kind.UNAUTHORIZED) {
                accepted.remove(key);
                return false;
            }
            throw new ApplianceException(ApplianceException.Kind.UNAVAILABLE,
                    "Tried to check log server credentials against " + sdkUrl + " but failed because " + e.getMessage(), e);
        }
    }

    private static String hash(String user, String password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(user.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
