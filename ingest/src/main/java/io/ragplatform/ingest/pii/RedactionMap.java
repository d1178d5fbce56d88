package io.ragplatform.ingest.pii;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A document's redaction map (each placeholder's position and the original it replaced), encrypted for storage apart
 * from the index, to be read by admins only. <b>Without a configured key no map is kept at all</b>: the caller then
 * drops the hits after counting them, and the originals are gone.
 *
 * <p>Format version 1: {@code 0x01}, the key's 4-byte id, a random 12-byte IV, then the AES-256-GCM ciphertext with
 * its 16-byte tag; the first five bytes are authenticated as associated data. The plaintext: the number of hits, then
 * per hit its type's name, start, end and original (UTF-8), in {@link DataOutputStream} encoding. The IV is random,
 * so the bytes differ from one encryption to the next: a map is never part of any content hash.
 */
public final class RedactionMap {
    private static final byte VERSION = 1;
    private static final int ID_LENGTH = 4;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + ID_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RedactionMap() {}

    /** The hits of one document, encrypted with {@code key}. */
    public static byte[] encrypt(List<PiiHit> hits, RedactionKey key) {
        Objects.requireNonNull(hits, "hits");
        Objects.requireNonNull(key, "key");
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        byte[] header = ByteBuffer.allocate(HEADER).put(VERSION).put(key.id()).array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(encode(hits));
            return ByteBuffer.allocate(HEADER + IV_LENGTH + sealed.length)
                    .put(header)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    /**
     * The hits of a map made by {@link #encrypt}.
     *
     * @throws RedactionMapException if the bytes were encrypted with another key, were altered or cut, or are of an
     *     unknown format version
     */
    public static List<PiiHit> decrypt(byte[] bytes, RedactionKey key) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(key, "key");
        if (bytes.length < HEADER + IV_LENGTH + TAG_BITS / 8) {
            throw new RedactionMapException("the redaction map is cut short (" + bytes.length + " bytes)");
        }
        if (bytes[0] != VERSION) {
            throw new RedactionMapException("the redaction map has an unknown format version " + bytes[0]);
        }
        if (!key.hasId(Arrays.copyOfRange(bytes, 1, HEADER))) {
            throw new RedactionMapException("the redaction map was encrypted with another key than the configured one"
                    + " (or its header was altered)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, bytes, HEADER, IV_LENGTH));
            cipher.updateAAD(bytes, 0, HEADER);
            byte[] plain = cipher.doFinal(bytes, HEADER + IV_LENGTH, bytes.length - HEADER - IV_LENGTH);
            return decode(plain);
        } catch (AEADBadTagException e) {
            throw new RedactionMapException("the redaction map was altered or damaged (its authentication failed)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    private static byte[] encode(List<PiiHit> hits) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(hits.size());
            for (PiiHit h : hits) {
                out.writeUTF(h.type().name());
                out.writeInt(h.start());
                out.writeInt(h.end());
                byte[] original = h.original().getBytes(StandardCharsets.UTF_8);
                out.writeInt(original.length);
                out.write(original);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by a byte array
        }
        return bytes.toByteArray();
    }

    private static List<PiiHit> decode(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            int n = in.readInt();
            List<PiiHit> hits = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                PiiType type = PiiType.valueOf(in.readUTF());
                int start = in.readInt();
                int end = in.readInt();
                byte[] original = new byte[in.readInt()];
                in.readFully(original);
                hits.add(new PiiHit(type, start, end, new String(original, StandardCharsets.UTF_8)));
            }
            if (in.read() >= 0) {
                throw new RedactionMapException("the redaction map holds more than its hits");
            }
            return List.copyOf(hits);
        } catch (EOFException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new RedactionMapException("the redaction map's content is malformed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
