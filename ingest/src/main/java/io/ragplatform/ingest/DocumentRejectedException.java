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
    private final String stage;

    public DocumentRejectedException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public DocumentRejectedException(RejectReason reason, String message, Throwable cause) {
        this(reason, null, message, cause);
    }

    /** A refusal because the file exceeds {@code limit} (null: no configured limit is involved). */
    public DocumentRejectedException(
            RejectReason reason, ExtractionLimits.Limit limit, String message, Throwable cause) {
        this(reason, limit, message, cause, EXTRACTION);
    }

    private DocumentRejectedException(
            RejectReason reason, ExtractionLimits.Limit limit, String message, Throwable cause, String stage) {
        super(Objects.requireNonNull(reason, "reason").code(), reason.category(), message, cause);
        this.reason = reason;
        this.limit = limit;
        this.stage = stage;
    }

    /** The stage of {@link #stage()} for refusals of the file's content as the extractor read it. */
    public static final String EXTRACTION = "extraction";
    /** The stage of {@link #stage()} for refusals of what canonicalization and chunking made of the text. */
    public static final String CHUNKING = "chunking";

    /** A refusal after extraction: what canonicalization and chunking made of the text cannot be indexed. */
    static DocumentRejectedException inChunking(RejectReason reason, String message) {
        return new DocumentRejectedException(reason, null, message, null, CHUNKING);
    }

    /**
     * Where in preparation the file was refused: {@link #EXTRACTION} (the request checks included, which the edge
     * tells apart by their codes) or {@link #CHUNKING}.
     */
    public String stage() {
        return stage;
    }

    /** The configured limit the file exceeds, if that is why it was refused. */
    public Optional<ExtractionLimits.Limit> limit() {
        return Optional.ofNullable(limit);
    }

    public RejectReason reason() {
        return reason;
    }
}
