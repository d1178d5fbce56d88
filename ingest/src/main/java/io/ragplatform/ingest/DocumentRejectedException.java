package io.ragplatform.ingest;

import java.util.Objects;

/**
 * A file that cannot become a document. Not retriable: the same bytes are refused for the same reason.
 * The message says what was wrong in words a user can act on.
 */
public final class DocumentRejectedException extends IngestException {
    private final RejectReason reason;

    public DocumentRejectedException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public DocumentRejectedException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RejectReason reason() {
        return reason;
    }
}
