package io.ragplatform.ingest.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts {@link RedactionMap}s, derived from the configured secret with PBKDF2-HMAC-SHA256
 * (600,000 iterations, a fixed application salt: the same secret gives the same key on every start, so maps stay
 * readable). Derive it once at start-up (it takes a fraction of a second on purpose). The secret should be random
 * (e.g. 32 bytes from {@code /dev/urandom}, base64); the slow derivation only makes a weak one costlier to guess.
 *
 * <p>A key also has a 4-byte id (an HMAC of the key, not the key), written into every map so that a map read with
 * another key is told apart from a damaged one. {@link #toString()} shows the id only.
 */
public final class RedactionKey {
    /** The shortest secret accepted. */
    public static final int MIN_SECRET_LENGTH = 16;

    private static final byte[] SALT = "io.ragplatform.ingest.pii.RedactionMap/v1".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 600_000;

    private final SecretKeySpec key;
    private final byte[] id;

    private RedactionKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.id = Arrays.copyOf(hmac(key, "key-id"), 4);
        Arrays.fill(key, (byte) 0);
    }

    /**
     * The key of a configured secret.
     *
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_LENGTH} characters
     */
    public static RedactionKey fromSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the redaction map secret must be at least " + MIN_SECRET_LENGTH
                    + " characters (a random one, e.g. 32 bytes of /dev/urandom in base64)");
        }
        char[] chars = secret.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, SALT, ITERATIONS, 256);
        try {
            return new RedactionKey(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    SecretKeySpec aesKey() {
        return key;
    }

    byte[] id() {
        return id.clone();
    }

    boolean hasId(byte[] other) {
        return MessageDigest.isEqual(id, other);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "RedactionKey[id=" + HexFormat.of().formatHex(id) + "]";
    }
}
