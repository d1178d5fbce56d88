package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.ingest.DocumentIdentity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class SchemaTest {
    // the stored format: existing indexes hold exactly these bytes, so any change here makes them unreadable
    private static final String STORED =
            "{\"documentId\":\"d1\",\"sourceId\":\"s1\",\"path\":\"/1\",\"parentDocumentId\":\"d0\","
                    + "\"contentType\":\"text/plain\",\"language\":\"en\",\"version\":3,\"contentHash\":\"ch\",\"metadataHash\":\"mh\","
                    + "\"properties\":{\"title\":\"T\"},\"metadata\":{\"team\":\"a\"},\"acl\":[\"eng\",\"finance\"],\"license\":\"cc-by-4.0\",\"textLength\":42,"
                    + "\"chunks\":[{\"chunkId\":\"c1\",\"charStart\":0,\"charEnd\":10,\"page\":2}],"
                    + "\"ingestedAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\"2024-01-02T00:00:00Z\","
                    + "\"fileHash\":\"fh\",\"fileSize\":7,\"pipeline\":\"p1\"}";

    // the format before acls and licences: indexes written by older versions hold records without them, readable by
    // everyone, of unknown licence
    private static final String STORED_WITHOUT_ACL =
            "{\"documentId\":\"d1\",\"sourceId\":\"s1\",\"path\":\"/1\",\"parentDocumentId\":\"d0\","
                    + "\"contentType\":\"text/plain\",\"language\":\"en\",\"version\":3,\"contentHash\":\"ch\",\"metadataHash\":\"mh\","
                    + "\"properties\":{\"title\":\"T\"},\"metadata\":{\"team\":\"a\"},\"textLength\":42,"
                    + "\"chunks\":[{\"chunkId\":\"c1\",\"charStart\":0,\"charEnd\":10,\"page\":2}],"
                    + "\"ingestedAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\"2024-01-02T00:00:00Z\","
                    + "\"fileHash\":\"fh\",\"fileSize\":7,\"pipeline\":\"p1\"}";

    private static DocumentRecord record(List<String> acl) {
        return record(acl, acl == null ? null : "cc-by-4.0");
    }

    private static DocumentRecord record(List<String> acl, String license) {
        return new DocumentRecord(
                new DocumentIdentity("d1", "s1", "/1", "d0", "text/plain", "en"),
                3,
                "ch",
                "mh",
                Map.of("title", "T"),
                Map.of("team", "a"),
                acl,
                license,
                42,
                List.of(new ChunkRef("c1", 0, 10, 2)),
                "2024-01-01T00:00:00Z",
                "2024-01-02T00:00:00Z",
                "fh",
                7,
                "p1",
                Map.of(),
                null,
                null);
    }

    private static DocumentRecord record() {
        return record(List.of("finance", "eng"));
    }

    private static Document entryOf(String json) {
        Document entry = new Document();
        entry.add(new org.apache.lucene.document.StoredField(
                Schema.RECORD, new BytesRef(json.getBytes(StandardCharsets.UTF_8))));
        return entry;
    }

    @Test
    void a_record_stored_before_acls_reads_as_public_and_otherwise_unchanged() {
        DocumentRecord old = Schema.readRecord(entryOf(STORED_WITHOUT_ACL));
        assertEquals(List.of("public"), old.acl());
        assertEquals("unknown", old.license());
        assertEquals(record(List.of("public"), "unknown"), old);
        assertEquals(record(null), old, "a record made without an acl is public, of unknown licence");
    }

    @Test
    void document_record_is_stored_as_flat_json_in_component_order() {
        Document entry = Schema.documentEntry(record());
        assertEquals(STORED, entry.getBinaryValue(Schema.RECORD).utf8ToString());
    }

    @Test
    void stored_json_reads_back_as_the_same_record() {
        assertEquals(record(), Schema.readRecord(entryOf(STORED)));
    }

    @Test
    void redaction_counts_are_stored_only_when_there_are_some() {
        DocumentRecord plain = record();
        DocumentRecord redacted = new DocumentRecord(
                plain.identity(),
                plain.version(),
                plain.contentHash(),
                plain.metadataHash(),
                plain.properties(),
                plain.metadata(),
                plain.acl(),
                plain.license(),
                plain.textLength(),
                plain.chunks(),
                plain.ingestedAt(),
                plain.updatedAt(),
                plain.fileHash(),
                plain.fileSize(),
                plain.pipeline(),
                Map.of("phone", 1, "email", 2),
                null,
                null);
        String json =
                Schema.documentEntry(redacted).getBinaryValue(Schema.RECORD).utf8ToString();
        assertEquals(
                STORED.replace("\"pipeline\":\"p1\"}", "\"pipeline\":\"p1\",\"pii\":{\"email\":2,\"phone\":1}}"), json);
        assertEquals(redacted, Schema.readRecord(entryOf(json)));
    }
}
