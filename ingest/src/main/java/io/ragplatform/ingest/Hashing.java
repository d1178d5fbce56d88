package io.ragplatform.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over explicit UTF-8: the same input gives the same hex on every platform. */
public final class Hashing {
    private Hashing() {}

    /** Lower-case hex SHA-256 of the parts, each followed by a NUL separator so that parts cannot run together. */
    public static String sha256(String... parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        for (String p : parts) {
            md.update(p.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The first 128 bits of {@link #sha256}, as 32 hex characters: the form of chunk and document IDs. */
    public static String id128(String... parts) {
        return sha256(parts).substring(0, 32);
    }
}
