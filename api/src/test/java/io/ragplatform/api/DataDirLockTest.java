package io.ragplatform.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void a_second_service_on_the_same_data_dir_is_refused_until_the_first_releases_it() {
        try (DataDirLock first = DataDirLock.acquire(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirLock.acquire(dir));
            assertTrue(
                    e.getMessage().contains("in use by another running service")
                            && e.getMessage().contains("RAG_DATA_DIR"),
                    e.getMessage());
        }
        DataDirLock.acquire(dir).close();
    }
}
