package io.ragplatform.index;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;

/**
 * A search or pin named an index version that is not retained (too old, or never existed): code
 * {@value #CODE}, {@link ErrorCategory#NOT_FOUND}.
 */
public final class VersionNotRetainedException extends RagException {
    public static final String CODE = "index_version_not_retained";

    private final long version;

    public VersionNotRetainedException(long version, String message) {
        super(CODE, ErrorCategory.NOT_FOUND, message);
        this.version = version;
    }

    public long version() {
        return version;
    }
}
