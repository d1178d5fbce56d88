package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pinned index versions outlive the retention policy, survive a restart, and go once released. */
class VersionPinsTest extends IndexFixture {
    /** Keeps only the current version: anything older survives only by a pin. */
    private static final Retention CURRENT_ONLY = new Retention(1, Duration.ZERO);

    private static List<Long> versions(RagIndex index) {
        return index.versions().stream().map(IndexVersion::version).toList();
    }

    private static List<String> search(RagIndex index, long version) {
        return index
                .search(new SearchRequest("tide tables harbour", 5, SearchMode.KEYWORD, SearchFilter.NONE, version))
                .results()
                .stream()
                .map(SearchHit::chunkId)
                .toList();
    }

    @Test
    void a_pinned_version_outlives_retention_and_restarts_until_released() throws IOException {
        Path dir = tmp.resolve("index");
        List<String> atOne;
        try (RagIndex index = RagIndex.open(dir, model, "test", CURRENT_ONLY)) {
            index.upsert(prepare("harbour", "Harbour notes\n\nThe tide tables of the harbour are posted at the gate."));
            assertEquals(1, index.stats().indexVersion());
            index.pin(1, "eval-run:a");
            index.pin(1, "eval-run:b");
            atOne = search(index, 1);
            index.upsert(prepare("harbour", "Harbour notes\n\nThe tide tables of the harbour are posted online now."));
            index.upsert(prepare("other", "Other notes\n\nNothing about tides here."));
            assertEquals(
                    List.of(3L, 1L), versions(index), "version 2 went with the retention, pinned version 1 stayed");
            assertEquals(
                    List.of("eval-run:a", "eval-run:b"), index.versions().get(1).pinnedBy());
            assertEquals(atOne, search(index, 1));
        }
        try (RagIndex index = RagIndex.open(dir, model, "test", CURRENT_ONLY)) {
            index.upsert(prepare("more", "More notes\n\nA commit after the restart runs the retention again."));
            assertEquals(List.of(4L, 1L), versions(index), "the pin survived the restart");
            assertEquals(atOne, search(index, 1));

            assertEquals(List.of(1L), index.release("eval-run:a"));
            index.upsert(prepare("more", "More notes\n\nStill held by the other run."));
            assertTrue(versions(index).contains(1L), "one holder is left");
            assertEquals(List.of(1L), index.release("eval-run:b"));
            assertEquals(List.of(), index.release("eval-run:b"), "releasing twice is a no-op");
            index.upsert(prepare("more", "More notes\n\nNobody holds version one now."));
            assertEquals(List.of(6L), versions(index));
            assertThrows(VersionNotRetainedException.class, () -> search(index, 1));
        }
    }

    @Test
    void a_version_already_gone_cannot_be_pinned() throws IOException {
        try (RagIndex index = RagIndex.open(tmp.resolve("index"), model, "test", CURRENT_ONLY)) {
            assertThrows(VersionNotRetainedException.class, () -> index.pin(3, "x"), "empty index: no version 3");
            index.pin(0, "empty");
            index.upsert(prepare("a", "A\n\nFirst text."));
            index.upsert(prepare("b", "B\n\nSecond text."));
            assertThrows(VersionNotRetainedException.class, () -> index.pin(1, "late"));
            index.pin(2, "current");
            assertEquals(List.of("current"), index.versions().get(0).pinnedBy());
        }
    }
}
