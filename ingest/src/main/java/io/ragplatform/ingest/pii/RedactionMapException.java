package io.ragplatform.ingest.pii;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.ingest.IngestException;

/**
 * A {@link RedactionMap} that cannot be read: encrypted with another key, altered or cut short, or of an unknown format
 * version. Code {@code redaction_map_unreadable}, an internal error (the caller asked for nothing wrong; the stored
 * map or the configured key is at fault).
 */
public final class RedactionMapException extends IngestException {
    RedactionMapException(String message) {
        this(message, null);
    }

    RedactionMapException(String message, Throwable cause) {
        super("redaction_map_unreadable", ErrorCategory.INTERNAL, message, cause);
    }
}
