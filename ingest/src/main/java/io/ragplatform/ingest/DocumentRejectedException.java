package io.ragplatform.ingest;

import java.util.Objects;
import java.util.Optional;

/**
 * A file that cannot become a document. Not retriable: the same bytes are refused for the same reason.
 * The message says what was wrong in words a user can act on. Its {@link #code()} is the reason's code, its category
 * the reason's.
 */
public final class DocumentRejectedException extends IngestException {
    private final RejectReason reason;
    private final ExtractionLimits.Limit limit;

    public DocumentRejectedException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public DocumentRejectedException(RejectReason reason, String message, Throwable cause) {
        this(reason, null, message, cause);
    }

    /** A refusal because the file exceeds {@code limit} (null: no configured limit is involved). */
    public DocumentRejectedException(
            RejectReason reason, ExtractionLimits.Limit limit, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").code(), reason.category(), message, cause);
        this.reason = reason;
        this.limit = limit;
    }

    /** The configured limit the file exceeds, if that is why it was refused. */
    public Optional<ExtractionLimits.Limit> limit() {
        return Optional.ofNullable(limit);
    }

    public RejectReason reason() {
        return reason;
    }
}
