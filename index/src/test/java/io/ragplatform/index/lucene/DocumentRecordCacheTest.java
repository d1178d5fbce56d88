package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.ingest.DocumentIdentity;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class DocumentRecordCacheTest {
    private static DocumentRecord record(String documentId, String sourceId, int version, String... chunkIds) {
        List<ChunkRef> refs = new java.util.ArrayList<>();
        for (int i = 0; i < chunkIds.length; i++) {
            refs.add(new ChunkRef(chunkIds[i], i * 10, i * 10 + 9, 0));
        }
        return new DocumentRecord(
                new DocumentIdentity(documentId, sourceId, "", null, "text/plain", "en"),
                version,
                "ch" + version,
                "mh",
                Map.of(),
                Map.of(),
                List.of("eng"),
                "cc-by-4.0",
                10 * chunkIds.length,
                refs,
                "2024-01-01T00:00:00Z",
                "2024-01-01T00:00:00Z",
                "fh",
                7,
                "p1",
                Map.of(),
                null,
                null);
    }

    @Test
    void aSecondLoadReadsNoStoredEntryAndGivesWhatTheIndexHolds() throws IOException {
        try (Directory dir = new ByteBuffersDirectory();
                IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            w.addDocument(Schema.documentEntry(record("d1", "s1", 1, "c1", "c2")));
            w.addDocument(Schema.documentEntry(record("d2", "s2", 1, "c2")));
            w.addDocument(Schema.documentEntry(record("d3", "s3", 1, "c3")));
            w.commit();
            DocumentRecordCache cache = new DocumentRecordCache(16);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(reader);
                List<DocumentRecord> first = cache.load(s, Schema.referencing("c2"));
                assertEquals(Schema.loadDocuments(s, Schema.referencing("c2")), first);
                assertEquals(
                        List.of("d1", "d2"),
                        first.stream().map(DocumentRecord::documentId).toList());
                assertEquals(0, cache.hits());
                assertEquals(2, cache.misses());

                assertEquals(first, cache.load(s, Schema.referencing("c2")));
                assertEquals(2, cache.hits());
                assertEquals(2, cache.misses());
            }
        }
    }

    @Test
    void aDocumentReplacedSinceIsNotServedFromTheOldSegment() throws IOException {
        try (Directory dir = new ByteBuffersDirectory();
                IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            w.addDocument(Schema.documentEntry(record("d1", "s1", 1, "c1")));
            w.commit();
            DocumentRecordCache cache = new DocumentRecordCache(16);
            try (DirectoryReader before = DirectoryReader.open(dir)) {
                assertEquals(
                        1,
                        cache.load(new IndexSearcher(before), Schema.referencing("c1"))
                                .get(0)
                                .version());
                // version 2 replaces version 1: the old segment's doc is deleted, the new one lives in a new segment
                w.updateDocument(Schema.documentKey("d1"), Schema.documentEntry(record("d1", "s1", 2, "c1")));
                w.commit();
                try (DirectoryReader after = DirectoryReader.openIfChanged(before)) {
                    List<DocumentRecord> now = cache.load(new IndexSearcher(after), Schema.referencing("c1"));
                    assertEquals(1, now.size());
                    assertEquals(2, now.get(0).version());
                }
                // the reader that still holds version 1 still reads version 1
                assertEquals(
                        1,
                        cache.load(new IndexSearcher(before), Schema.referencing("c1"))
                                .get(0)
                                .version());
            }
        }
    }

    @Test
    void aClosedSegmentsEntriesAreDroppedAndTheCapacityHolds() throws IOException {
        try (Directory dir = new ByteBuffersDirectory();
                IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < 5; i++) {
                w.addDocument(Schema.documentEntry(record("d" + i, "s" + i, 1, "shared")));
            }
            w.commit();
            DocumentRecordCache small = new DocumentRecordCache(3);
            DocumentRecordCache cache = new DocumentRecordCache(16);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(reader);
                assertEquals(5, small.load(s, Schema.referencing("shared")).size());
                assertEquals(3, small.size());
                assertEquals(5, cache.load(s, Schema.referencing("shared")).size());
                assertEquals(5, cache.size());
            }
            assertEquals(0, cache.size());
            assertEquals(0, small.size());
        }
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DocumentRecordCache(-1));
    }
}
