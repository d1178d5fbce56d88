package io.ragplatform.ingest;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;

/**
 * Root of the exceptions thrown while turning bytes into documents. Used directly, it is a fault of the service or a
 * library (a file that cannot be read, a parser that cannot be set up): {@code internal_error}; refused input is a
 * {@link DocumentRejectedException}.
 */
public class IngestException extends RagException {
    public IngestException(String message) {
        this(message, null);
    }

    public IngestException(String message, Throwable cause) {
        super("internal_error", ErrorCategory.INTERNAL, message, cause);
    }

    protected IngestException(String code, ErrorCategory category, String message, Throwable cause) {
        super(code, category, message, cause);
    }
}
