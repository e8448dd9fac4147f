package dev.vch.portlayer.container;

import dev.vch.portlayer.api.PortLayerException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Container ids and names as Docker makes and checks them. */
public final class Names {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> LEFT = List.of("admiring", "brave", "clever", "eager", "focused", "gallant",
            "happy", "jolly", "keen", "lucid", "modest", "nifty", "quirky", "relaxed", "serene", "tender", "vibrant",
            "wizardly", "youthful", "zealous");
    private static final List<String> RIGHT = List.of("archimedes", "babbage", "curie", "darwin", "euclid", "fermi",
            "galileo", "hopper", "hypatia", "kepler", "lovelace", "meitner", "newton", "noether", "pascal", "ritchie",
            "shannon", "turing", "volta", "wozniak");

    private Names() {
    }

    /** 64 hex characters, never all digits (Docker avoids ids that look like numbers). */
    public static String newId() {
        while (true) {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit)) {
                return id;
            }
        }
    }

    public static byte[] newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    public static String generated() {
        return LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
    }

    /** The name without a leading slash; INVALID with Docker's message when it is not allowed. */
    public static String validate(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        if (!VALID.matcher(n).matches()) {
            throw PortLayerException.invalid("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return n;
    }

    public static String shortId(String id) {
        return id.substring(0, 12);
    }
}
