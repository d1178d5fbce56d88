package io.ragplatform.eval.store;

import java.util.Objects;

/**
 * One document as an audit saw it ({@code governance.audit_documents}): what the next audit compares with to say what
 * was added, updated and deleted.
 */
public record AuditDocument(String documentId, String sourceId, int version, String contentHash) {
    public AuditDocument {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(sourceId, "sourceId");
    }
}
