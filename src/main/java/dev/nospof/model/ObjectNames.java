package dev.nospof.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names of objects nospof makes from another object's name, within the API server's 253 characters. */
public final class ObjectNames {

    public static final int MAX_LENGTH = 253;

    private ObjectNames() {
    }

    /**
     * {@code base + suffix}, or, when that is too long, the start of {@code base}, a hash of all of
     * it and {@code suffix}: two long names that differ only at the end never collide.
     */
    public static String within(String base, String suffix) {
        String name = base + suffix;
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        String hash = sha256(base).substring(0, 10);
        return base.substring(0, MAX_LENGTH - suffix.length() - hash.length() - 1) + "-" + hash + suffix;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
