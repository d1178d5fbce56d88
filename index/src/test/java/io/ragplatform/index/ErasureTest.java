package io.ragplatform.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Erasure: after it, no file of the index directory holds a unique token of the erased source, in the current version
 * or in any retained one (pinned ones included), while what other sources hold, a chunk they share included, stays.
 */
class ErasureTest extends IndexFixture {
    private static final String TOKEN = "zqxvorblin";
    private static final String SHARED =
            "Shared Clause\n\nEvery visitor signs the register at the front desk on arrival.";
    private static final String SECRET = "Private Notes\n\nThe " + TOKEN + " account was opened for the audit team.";

    /** The files of the index directory whose bytes contain the token. */
    private List<Path> filesHolding(String token) {
        return io.ragplatform.fixtures.ByteScan.filesHolding(tmp.resolve("index"), token);
    }

    private static int hits(RagIndex index, String query, Long version) {
        SearchRequest r = new SearchRequest(query, 10, SearchMode.KEYWORD, SearchFilter.NONE, version);
        return index.search(r).results().size();
    }

    @Test
    void no_file_of_any_retained_version_keeps_the_erased_text_and_other_sources_stay() throws IOException {
        try (RagIndex index = newIndex(model)) {
            index.upsert(prepare("a.txt", SHARED + "\n\n" + SECRET));
            long pinned = index.stats().indexVersion();
            index.pin(pinned, "run-1");
            index.upsert(prepare("b.txt", "Parking\n\nThe car park closes at nine in the evening."));
            index.upsert(prepare("c.txt", SHARED));
            index.upsert(prepare("a.txt", SHARED + "\n\n" + SECRET + "\n\nA line added later."));
            String sharedChunk = firstChunkOf(
                    index,
                    index.documentsOfSource("c.txt", AccessScope.ALL).get(0).documentId());
            assertFalse(filesHolding(TOKEN).isEmpty(), "control: before the erasure the index files hold the token");
            long before = index.stats().indexVersion();

            ErasureResult r = index.erase("a.txt");

            assertEquals(before + 1, r.indexVersion());
            assertEquals(
                    List.of("a.txt"),
                    r.documents().stream()
                            .map(DocumentRecord::sourceId)
                            .distinct()
                            .toList());
            assertFalse(r.chunkIds().contains(sharedChunk), "a chunk another source holds is not erased");
            assertTrue(r.texts().values().stream().anyMatch(t -> t.contains(TOKEN)));
            assertTrue(
                    r.droppedVersions().contains(pinned), "the pinned version held the text: " + r.droppedVersions());
            assertEquals(List.of("run-1"), r.releasedPins().get(pinned));
            assertEquals(List.of(), filesHolding(TOKEN), "no index file holds the erased token");
            assertEquals(0, hits(index, TOKEN, null));
            assertThrows(VersionNotRetainedException.class, () -> hits(index, "register", pinned));
            assertTrue(index.documentsOfSource("a.txt", AccessScope.ALL).isEmpty());
            assertEquals(List.of("c.txt"), sourcesOfChunk(index, sharedChunk));
            assertEquals(1, hits(index, "car park", null));
            assertTrue(index.check().consistent(), index.check().toString());
            for (IndexVersion v : index.versions()) {
                assertFalse(r.droppedVersions().contains(v.version()), "dropped version " + v.version() + " listed");
            }
        }
    }

    @Test
    void a_source_deleted_before_without_erasure_is_still_found_and_purged() throws IOException {
        try (RagIndex index = newIndex(model)) {
            index.upsert(prepare("a.txt", SECRET));
            index.upsert(prepare("b.txt", "Parking\n\nThe car park closes at nine in the evening."));
            index.deleteSource("a.txt");
            assertFalse(filesHolding(TOKEN).isEmpty(), "control: a plain delete leaves the text in retained versions");

            ErasureResult r = index.erase("a.txt");

            assertEquals(
                    List.of("a.txt"),
                    r.documents().stream().map(DocumentRecord::sourceId).toList());
            assertFalse(r.droppedVersions().isEmpty());
            assertEquals(List.of(), filesHolding(TOKEN));
            assertEquals(1, hits(index, "car park", null));
        }
    }

    @Test
    void erasing_a_source_no_version_holds_changes_nothing() throws IOException {
        try (RagIndex index = newIndex(model)) {
            index.upsert(prepare("b.txt", "Parking\n\nThe car park closes at nine in the evening."));
            long before = index.stats().indexVersion();
            ErasureResult r = index.erase("nowhere.txt");
            assertTrue(r.empty());
            assertEquals(before, r.indexVersion());
            assertEquals(before, index.stats().indexVersion());
        }
    }
}
