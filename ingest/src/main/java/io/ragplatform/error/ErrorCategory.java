package io.ragplatform.error;

/**
 * What kind of failure a {@link RagException} is, independent of any transport. The REST layer maps each category to
 * one HTTP status in one table; a batch job records the category with the item that failed.
 */
public enum ErrorCategory {
    /** The request or its input is malformed or names something inconsistent; the same call fails again. */
    INVALID_INPUT(false),
    /** The input is well-formed but its content cannot be used (encrypted, corrupt, no text); retrying gives the same. */
    UNPROCESSABLE(false),
    /** The caller did not say who it is, or named no known identity (no or an unknown API key). */
    UNAUTHORIZED(false),
    /** The caller is known but its role does not allow the call. */
    FORBIDDEN(false),
    /** What the call names does not exist (or is no longer kept). */
    NOT_FOUND(false),
    /** The call conflicts with the current state (a duplicate, a concurrent writer won); may succeed after a re-read. */
    CONFLICT(true),
    /** The input exceeds a configured limit. */
    TOO_LARGE(false),
    /** The input's type or the requested operation is not supported. */
    UNSUPPORTED(false),
    /** A resource the call needs (a store, a catalog, a model endpoint) is unavailable; the same call may succeed later. */
    UNAVAILABLE(true),
    /** A fault of the service or a library it uses, not of the caller. */
    INTERNAL(false);

    private final boolean retryable;

    ErrorCategory(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether making the same call again may succeed without changing it. */
    public boolean retryable() {
        return retryable;
    }
}
