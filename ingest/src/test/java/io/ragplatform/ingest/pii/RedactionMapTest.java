package io.ragplatform.ingest.pii;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionMapTest {
    private static final RedactionKey KEY = RedactionKey.fromSecret("c2VjcmV0LWZvci10ZXN0cy1vbmx5LTMyYnl0ZXM=");
    private static final RedactionKey OTHER = RedactionKey.fromSecret("another-secret-of-the-same-kind-000000");
    private static final List<PiiHit> HITS = List.of(
            new PiiHit(PiiType.EMAIL, 5, 12, "alice@example.com"),
            new PiiHit(PiiType.PHONE, 20, 27, "13800138000"),
            new PiiHit(PiiType.SECRET, 40, 48, "-----BEGIN PRIVATE KEY-----\nMIIE…\n-----END PRIVATE KEY-----"),
            new PiiHit(PiiType.IBAN, 60, 66, "请 DE89 3704 0044 0532 0130 00"));

    @Test
    void a_map_round_trips() {
        byte[] sealed = RedactionMap.encrypt(HITS, KEY);
        assertEquals(HITS, RedactionMap.decrypt(sealed, KEY));
        assertEquals(List.of(), RedactionMap.decrypt(RedactionMap.encrypt(List.of(), KEY), KEY));
    }

    @Test
    void the_originals_are_not_readable_in_the_bytes_and_each_encryption_differs() {
        byte[] a = RedactionMap.encrypt(HITS, KEY);
        byte[] b = RedactionMap.encrypt(HITS, KEY);
        assertFalse(java.util.Arrays.equals(a, b), "a random IV per map");
        String latin = new String(a, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(latin.contains("alice") || latin.contains("EMAIL") || latin.contains("13800138000"));
        assertEquals(1, a[0], "format version");
    }

    @Test
    void the_same_secret_gives_the_same_key() {
        RedactionKey again = RedactionKey.fromSecret("c2VjcmV0LWZvci10ZXN0cy1vbmx5LTMyYnl0ZXM=");
        assertEquals(HITS, RedactionMap.decrypt(RedactionMap.encrypt(HITS, KEY), again));
        assertArrayEquals(KEY.id(), again.id());
        assertEquals(KEY.toString(), again.toString());
        assertFalse(KEY.toString().contains("c2Vj"));
    }

    @Test
    void another_key_is_refused_clearly() {
        byte[] sealed = RedactionMap.encrypt(HITS, KEY);
        RedactionMapException e = assertThrows(RedactionMapException.class, () -> RedactionMap.decrypt(sealed, OTHER));
        assertTrue(e.getMessage().contains("another key"), e.getMessage());
        assertEquals("redaction_map_unreadable", e.code());
    }

    @Test
    void tampered_bytes_are_refused() {
        byte[] sealed = RedactionMap.encrypt(HITS, KEY);
        for (int i = 5; i < sealed.length; i += 7) { // IV, ciphertext and tag
            byte[] bad = sealed.clone();
            bad[i] ^= 0x01;
            RedactionMapException e =
                    assertThrows(RedactionMapException.class, () -> RedactionMap.decrypt(bad, KEY), "byte " + i);
            assertTrue(e.getMessage().contains("altered"), e.getMessage());
        }
        byte[] header = sealed.clone();
        header[2] ^= 0x01;
        assertThrows(RedactionMapException.class, () -> RedactionMap.decrypt(header, KEY));
        byte[] version = sealed.clone();
        version[0] = 2;
        RedactionMapException e = assertThrows(RedactionMapException.class, () -> RedactionMap.decrypt(version, KEY));
        assertTrue(e.getMessage().contains("unknown format version 2"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(sealed, 20);
        e = assertThrows(RedactionMapException.class, () -> RedactionMap.decrypt(cut, KEY));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(sealed, sealed.length - 1);
        assertThrows(RedactionMapException.class, () -> RedactionMap.decrypt(truncated, KEY));
    }

    @Test
    void a_short_secret_is_refused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RedactionKey.fromSecret("password"));
        assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
    }
}
