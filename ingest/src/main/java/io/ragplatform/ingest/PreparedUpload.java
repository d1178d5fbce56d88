package io.ragplatform.ingest;

import java.util.List;

/**
 * Everything one uploaded file turned into: the file's own document first, then embedded ones.
 *
 * @param sourceId the caller's name for the file
 * @param fileHash SHA-256 of the file's bytes (lets a later upload of the same bytes skip parsing)
 * @param fileSize the file's size in bytes
 * @param pipeline the preparer's {@link DocumentPreparer#pipelineVersion()}
 * @param acl who may read the file's documents, every one of them alike (normalized by {@link Acl#of})
 * @param license the licence of the file's documents, every one of them alike (normalized by {@link License#of})
 * @param documents root first, then embedded documents in document order
 */
public record PreparedUpload(
        String sourceId,
        String fileHash,
        long fileSize,
        String pipeline,
        List<String> acl,
        String license,
        List<PreparedDocument> documents) {
    /**
     * @throws DocumentRejectedException ({@code invalid_request}) when the acl is not a valid one (see {@link Acl#of})
     */
    public PreparedUpload {
        documents = List.copyOf(documents);
        if (documents.isEmpty() || !documents.get(0).path().isEmpty()) {
            throw new IllegalArgumentException("the file's own document must come first");
        }
        acl = Acl.of(acl);
        license = License.of(license);
    }

    public PreparedDocument root() {
        return documents.get(0);
    }
}
