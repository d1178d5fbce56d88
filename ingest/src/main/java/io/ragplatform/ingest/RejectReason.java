package io.ragplatform.ingest;

/**
 * Why a file was refused. Each reason has a stable machine code (the {@code error} field of the REST error body)
 * and is a property of the input, never of the service: retrying the same bytes gives the same reason.
 */
public enum RejectReason {
    EMPTY_FILE("empty_file"),
    TOO_LARGE("file_too_large"),
    UNSUPPORTED_TYPE("unsupported_media_type"),
    ENCRYPTED("encrypted_document"),
    CORRUPT("corrupt_document"),
    NO_TEXT("no_text"),
    TEXT_TOO_LARGE("text_too_large"),
    INVALID_REQUEST("invalid_request");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable, lower-case code used in error bodies and failure records. */
    public String code() {
        return code;
    }
}
