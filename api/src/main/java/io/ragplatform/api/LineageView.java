package io.ragplatform.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ragplatform.index.ChunkLineage;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.ingest.DocumentIdentity;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/chunks/{id}/lineage}: a chunk of one index version, every place it occurs in a document the caller may
 * read, that document as it was in that version (its version, content and metadata hashes, licence, pipeline) and the
 * uploaded file it came from (the SHA-256 and size of the file's bytes).
 */
public record LineageView(
        String chunkId, String text, String modelId, long indexVersion, List<Appearance> appearances) {
    static LineageView of(ChunkLineage l) {
        return new LineageView(
                l.chunkId(),
                l.text(),
                l.modelId(),
                l.indexVersion(),
                l.appearances().stream().map(Appearance::of).toList());
    }

    /** One place: the chunk's position in the document ({@code ordinal}, character span, page), the document, its file. */
    public record Appearance(int ordinal, int charStart, int charEnd, int page, Document document, File file) {
        static Appearance of(ChunkLineage.Appearance a) {
            return new Appearance(
                    a.ordinal(),
                    a.charStart(),
                    a.charEnd(),
                    a.page(),
                    Document.of(a.document()),
                    a.file() == null ? null : File.of(a.file()));
        }
    }

    /** A document as the version holds it, without its chunk list ({@code chunks} counts them). */
    public record Document(
            @JsonUnwrapped DocumentIdentity identity,
            String title,
            int version,
            String contentHash,
            String metadataHash,
            String license,
            Map<String, String> properties,
            int textLength,
            int chunks,
            String pipeline,
            String ingestedAt,
            String updatedAt) {
        static Document of(DocumentRecord r) {
            return new Document(
                    r.identity(),
                    r.properties().get("title"),
                    r.version(),
                    r.contentHash(),
                    r.metadataHash(),
                    r.license(),
                    r.properties(),
                    r.textLength(),
                    r.chunks().size(),
                    r.pipeline(),
                    r.ingestedAt(),
                    r.updatedAt());
        }
    }

    /** The uploaded file: its own document's ID and type, and the hash and size of its bytes. */
    public record File(String documentId, String sourceId, String contentType, String fileHash, long fileSize) {
        static File of(DocumentRecord r) {
            return new File(r.documentId(), r.sourceId(), r.contentType(), r.fileHash(), r.fileSize());
        }
    }
}
