package io.ragplatform.eval.store;

import java.util.List;

/**
 * The governance audits of an {@link EvalStore}: {@code governance.audits} and {@code governance.audit_documents},
 * beside the evaluation tables in the same catalog. Failures are as the store's ({@link EvalStoreException}).
 */
public interface AuditTable {
    /**
     * Stores an audit and the documents it saw.
     *
     * @throws IllegalArgumentException if an audit of that ID is stored already
     */
    void save(AuditRecord audit, List<AuditDocument> documents);

    /** Every stored audit, oldest first (by time, then ID). */
    List<AuditRecord> list();

    /** The documents a stored audit saw, by ID; empty for an unknown audit. */
    List<AuditDocument> documents(String auditId);
}
