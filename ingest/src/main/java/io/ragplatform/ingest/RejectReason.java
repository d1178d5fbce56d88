package io.ragplatform.ingest;

import io.ragplatform.error.ErrorCategory;

/**
 * Why a file was refused. Each reason has a stable machine code (the {@code error} field of the REST error body)
 * and is a property of the input, never of the service: retrying the same bytes gives the same reason. (A parse that
 * runs out of time or memory depends on the configured bounds as well: {@link #EXTRACTION_TIMEOUT} and
 * {@link #EXTRACTION_FAILED} repeat until the bytes or the bounds change.)
 */
public enum RejectReason {
    EMPTY_FILE("empty_file", ErrorCategory.INVALID_INPUT),
    TOO_LARGE("file_too_large", ErrorCategory.TOO_LARGE),
    UNSUPPORTED_TYPE("unsupported_media_type", ErrorCategory.UNSUPPORTED),
    ENCRYPTED("encrypted_document", ErrorCategory.UNPROCESSABLE),
    CORRUPT("corrupt_document", ErrorCategory.UNPROCESSABLE),
    NO_TEXT("no_text", ErrorCategory.UNPROCESSABLE),
    TEXT_TOO_LARGE("text_too_large", ErrorCategory.TOO_LARGE),
    /** The file expands far beyond its size (compression ratio, nesting depth, output per input byte). */
    ZIP_BOMB("zip_bomb", ErrorCategory.UNPROCESSABLE),
    /** Parsing the file took longer than the per-file timeout; the parser was stopped. */
    EXTRACTION_TIMEOUT("extraction_timeout", ErrorCategory.UNPROCESSABLE),
    /** The parser ran out of memory or its process died while parsing the file. */
    EXTRACTION_FAILED("extraction_failed", ErrorCategory.UNPROCESSABLE),
    INVALID_REQUEST("invalid_request", ErrorCategory.INVALID_INPUT),
    /** The file's licence is one the service is configured not to index. */
    LICENSE_DENIED("license_denied", ErrorCategory.UNPROCESSABLE),
    /** The same bytes were stored under this sourceId before and erased: they are not stored again. */
    ERASED("erased_document", ErrorCategory.UNPROCESSABLE),
    /** A document of the file fails a configured data-quality check ({@link QualityPolicy}). */
    QUALITY_CHECK("quality_check_failed", ErrorCategory.UNPROCESSABLE);

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
