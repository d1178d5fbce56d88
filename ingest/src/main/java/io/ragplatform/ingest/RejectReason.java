package io.ragplatform.ingest;

import io.ragplatform.error.ErrorCategory;

/**
 * Why a file was refused. Each reason has a stable machine code (the {@code error} field of the REST error body)
 * and is a property of the input, never of the service: retrying the same bytes gives the same reason.
 */
public enum RejectReason {
    EMPTY_FILE("empty_file", ErrorCategory.INVALID_INPUT),
    TOO_LARGE("file_too_large", ErrorCategory.TOO_LARGE),
    UNSUPPORTED_TYPE("unsupported_media_type", ErrorCategory.UNSUPPORTED),
    ENCRYPTED("encrypted_document", ErrorCategory.UNPROCESSABLE),
    CORRUPT("corrupt_document", ErrorCategory.UNPROCESSABLE),
    NO_TEXT("no_text", ErrorCategory.UNPROCESSABLE),
    TEXT_TOO_LARGE("text_too_large", ErrorCategory.TOO_LARGE),
    INVALID_REQUEST("invalid_request", ErrorCategory.INVALID_INPUT);

    private final String code;
    private final ErrorCategory category;

    RejectReason(String code, ErrorCategory category) {
        this.code = code;
        this.category = category;
    }

    /** What kind of failure a refusal for this reason is. */
    public ErrorCategory category() {
        return category;
    }

    /** The stable, lower-case code used in error bodies and failure records. */
    public String code() {
        return code;
    }
}
