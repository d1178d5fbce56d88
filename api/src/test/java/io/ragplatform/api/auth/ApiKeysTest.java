package io.ragplatform.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.RagException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    /** What {@code printf %s "$KEY" | sha256sum} prints for that key. */
    static String digest(String key) {
        return HexFormat.of().formatHex(ApiKeys.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_key_matches_its_digest_and_becomes_its_caller() {
        ApiKeys keys = ApiKeys.parse(
                List.of(
                        digest("r-key") + ":reader:alice:eng|finance",
                        digest("w-key") + ":writer:bob",
                        digest("a-key").toUpperCase() + ":ADMIN:ops"),
                "test");

        assertEquals(Optional.of(new Caller("alice", Role.READER, Set.of("eng", "finance"))), keys.match("r-key"));
        assertEquals(Optional.of(new Caller("bob", Role.WRITER, Set.of())), keys.match("w-key"));
        assertEquals(Role.ADMIN, keys.match("a-key").orElseThrow().role());
        assertEquals(Optional.empty(), keys.match("r-key "));
        assertEquals(Optional.empty(), keys.match(""));
        assertEquals(Optional.empty(), keys.match(digest("r-key")), "the digest is not the key");
        assertEquals(List.of("alice", "bob", "ops"), keys.names());
    }

    @Test
    void blank_lines_and_comments_are_skipped_and_a_nameless_key_gets_a_stable_name() {
        List<String> lines = List.of("# readers", "", "  " + digest("k") + ":reader  ", "# end");
        ApiKeys keys = ApiKeys.parse(lines, "test");

        assertEquals(1, keys.size());
        String name = keys.match("k").orElseThrow().name();
        assertTrue(name.matches("key-[0-9a-f]{8}"), name);
        assertFalse(digest("k").contains(name.substring(4)), "the default name is not a piece of the digest");
        assertEquals(
                name, ApiKeys.parse(lines, "again").match("k").orElseThrow().name());
    }

    @Test
    void a_wrong_entry_names_its_place_and_never_echoes_the_first_field() {
        String pastedKey = "sk-live-0123456789abcdef";
        RagException notDigest = assertThrows(
                RagException.class, () -> ApiKeys.parse(List.of("# c", pastedKey + ":reader"), "rag.auth.api-keys"));
        assertEquals("invalid_api_keys", notDigest.code());
        assertTrue(notDigest.getMessage().startsWith("rag.auth.api-keys entry 2: "), notDigest.getMessage());
        assertTrue(notDigest.getMessage().contains("sha256sum"), notDigest.getMessage());
        assertFalse(notDigest.getMessage().contains(pastedKey), notDigest.getMessage());

        String d = digest("x");
        for (String bad : List.of(d, d + ":root", d + ":reader:has space", d + ":reader:n:eng|", d + ":a:b:c:d")) {
            RagException e = assertThrows(RagException.class, () -> ApiKeys.parse(List.of(bad), "f"), bad);
            assertFalse(e.getMessage().contains(d), e.getMessage());
        }
        RagException twice =
                assertThrows(RagException.class, () -> ApiKeys.parse(List.of(d + ":reader:a", d + ":admin:b"), "f"));
        assertEquals("f entry 2 repeats the digest of key 'a'", twice.getMessage());
    }

    @Test
    void two_keys_may_share_a_name_for_rotation_and_the_first_of_a_combination_wins() {
        ApiKeys keys = ApiKeys.parse(List.of(digest("old") + ":writer:ci", digest("new") + ":writer:ci"), "f");
        assertEquals("ci", keys.match("old").orElseThrow().name());
        assertEquals("ci", keys.match("new").orElseThrow().name());

        ApiKeys both = keys.plus(ApiKeys.parse(List.of(digest("old") + ":reader:other"), "g"));
        assertEquals(Role.WRITER, both.match("old").orElseThrow().role());
        assertEquals(3, both.size());
    }

    @Test
    void roles_include_the_lower_ones() {
        assertEquals(List.of("reader"), Role.READER.granted());
        assertEquals(List.of("reader", "writer"), Role.WRITER.granted());
        assertEquals(List.of("reader", "writer", "admin"), Role.ADMIN.granted());
        assertTrue(Role.WRITER.includes(Role.READER));
        assertFalse(Role.WRITER.includes(Role.ADMIN));
        assertEquals(Role.Names.READER, Role.READER.id());
        assertEquals(Role.Names.WRITER, Role.WRITER.id());
        assertEquals(Role.Names.ADMIN, Role.ADMIN.id());
        assertTrue(Caller.ANONYMOUS.admin());
    }
}
