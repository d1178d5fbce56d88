package io.ragplatform.api.auth;

import static io.ragplatform.api.auth.ApiKeysTest.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.RagException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysFileTest {
    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();

    private void write(Path file, String text, long modifiedSeconds) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedSeconds * 1000));
    }

    private void tick() {
        clock.addAndGet(KeysFile.CHECK_INTERVAL_NANOS);
    }

    @Test
    void a_changed_file_is_re_read_at_the_next_look_a_second_later() throws Exception {
        Path file = dir.resolve("keys");
        write(file, "# one key\n" + digest("a") + ":reader:alice\n", 100);
        KeysFile keys = KeysFile.load(file, clock::get);
        assertEquals("alice", keys.current().match("a").orElseThrow().name());

        write(file, digest("b") + ":writer:bob\n", 200);
        assertTrue(keys.current().match("a").isPresent(), "looked less than a second ago");
        tick();
        assertTrue(keys.current().match("a").isEmpty(), "a removed key is revoked");
        assertEquals("bob", keys.current().match("b").orElseThrow().name());
    }

    @Test
    void a_broken_file_keeps_the_keys_loaded_before_until_it_is_fixed() throws Exception {
        Path file = dir.resolve("keys");
        write(file, digest("a") + ":reader:alice\n", 100);
        KeysFile keys = KeysFile.load(file, clock::get);

        write(file, digest("a") + ":superuser:alice\n", 200);
        tick();
        assertEquals("alice", keys.current().match("a").orElseThrow().name());
        Files.delete(file);
        tick();
        assertEquals("alice", keys.current().match("a").orElseThrow().name());

        write(file, "", 300);
        tick();
        assertEquals(0, keys.current().size(), "an empty file revokes every key");
    }

    @Test
    void a_missing_or_broken_file_stops_the_start() throws Exception {
        RagException missing = assertThrows(RagException.class, () -> KeysFile.load(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("rag.auth.keys-file"), missing.getMessage());
        Path file = dir.resolve("keys");
        write(file, "not-a-digest:reader\n", 1);
        RagException broken = assertThrows(RagException.class, () -> KeysFile.load(file));
        assertTrue(broken.getMessage().startsWith(file + " entry 1: "), broken.getMessage());
    }
}
